// SPDX-License-Identifier: GPL-3.0-or-later
#include "plandetailspanel.h"

#include "planformat.h"
#include "plannodeselection.h"

#include "shell/messages.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Strata {

namespace {

std::optional<double> asDouble(std::optional<qint64> v)
{
    return v ? std::optional<double>(double(*v)) : std::nullopt;
}

// Adds rows to one section; rows without a value are left out.
class Section
{
public:
    Section(QTreeWidget *tree, const QString &title)
        : m_item(new QTreeWidgetItem(tree, {title}))
    {
        QFont font = m_item->font(0);
        font.setBold(true);
        m_item->setFont(0, font);
        m_item->setFirstColumnSpanned(true);
    }
    ~Section()
    {
        if (m_item->childCount() == 0)
            delete m_item;
        else
            m_item->setExpanded(true);
    }
    void add(const QString &key, const QString &value)
    {
        if (value.isEmpty() || value == PlanFormat::none())
            return;
        auto *item = new QTreeWidgetItem(m_item, {key, value});
        if (value.size() > 40) // tooltips guess rich text: escaped
            item->setToolTip(1, Messages::literalRichText(value));
    }
    void add(const QString &key, std::optional<double> value) { add(key, PlanFormat::number(value)); }
    void ms(const QString &key, std::optional<double> value) { add(key, PlanFormat::ms(value)); }
    void blocks(const QString &prefix, const PlanNode::BlockCounts &b)
    {
        add(QApplication::translate("Strata::PlanDetailsPanel", "%1 hit").arg(prefix), asDouble(b.hit));
        add(QApplication::translate("Strata::PlanDetailsPanel", "%1 read").arg(prefix), asDouble(b.read));
        add(QApplication::translate("Strata::PlanDetailsPanel", "%1 dirtied").arg(prefix), asDouble(b.dirtied));
        add(QApplication::translate("Strata::PlanDetailsPanel", "%1 written").arg(prefix), asDouble(b.written));
    }

private:
    QTreeWidgetItem *m_item;
};

} // namespace

PlanDetailsPanel::PlanDetailsPanel(PlanNodeSelection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_copy(new QAction(tr("&Copy"), this))
    , m_copyAll(new QAction(tr("Copy &all"), this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_title->font();
    font.setBold(true);
    m_title->setFont(font);

    m_tree->setObjectName(QStringLiteral("PlanDetails"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Property"), tr("Value")});
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(false);
    m_tree->setRootIsDecorated(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copy->setToolTip(tr("Copy the selected properties as text (Ctrl+C)"));
    m_copyAll->setToolTip(tr("Copy every property of the node as text"));
    m_tree->addAction(m_copy);
    m_tree->addAction(m_copyAll);
    connect(m_copy, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(copyText(false)); });
    connect(m_copyAll, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(copyText(true)); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_tree);

    connect(m_selection, &PlanNodeSelection::currentNodeChanged, this, &PlanDetailsPanel::showNode);
    showNode(-1);
}

void PlanDetailsPanel::setDocument(std::shared_ptr<const PlanDocument> document)
{
    m_document = std::move(document);
    showNode(m_selection->currentNode());
}

QString PlanDetailsPanel::readableJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double:
        return PlanFormat::number(value.toDouble());
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            parts.append(readableJson(item));
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

void PlanDetailsPanel::showNode(int nodeId)
{
    m_tree->clear();
    if (!m_document || nodeId < 0 || nodeId >= m_document->plan.nodeCount()) {
        m_title->setText(m_document ? tr("Select a node to see its properties.") : QString());
        return;
    }
    const PlanNode &n = m_document->plan.node(nodeId);
    const PlanAnalysis::NodeMetrics &m = m_document->analysis.metrics(nodeId);
    m_title->setText(PlanFormat::nodeReference(n));
    {
        Section s(m_tree, tr("Node"));
        s.add(tr("Type"), n.nodeType);
        s.add(tr("Relation"), n.relation);
        s.add(tr("Schema"), n.schema);
        s.add(tr("Alias"), n.alias);
        s.add(tr("Index"), n.index);
        s.add(tr("Join type"), n.joinType);
        s.add(tr("Parent relationship"), n.relationship == PlanNode::Relationship::Other
                                             ? n.relationshipText
                                             : PlanNode::relationshipName(n.relationship));
        s.add(tr("Subplan"), n.subplanName);
        s.add(tr("CTE"), n.cteName);
        s.add(tr("Filter"), n.filter);
        s.add(tr("Index condition"), n.indexCond);
        s.add(tr("Recheck condition"), n.recheckCond);
        s.add(tr("Hash condition"), n.hashCond);
        s.add(tr("Join filter"), n.joinFilter);
        if (n.neverExecuted)
            s.add(tr("Executed"), tr("never"));
    }
    {
        Section s(m_tree, tr("Rows"));
        s.add(tr("Estimated rows"), n.estimatedRows);
        s.add(tr("Actual rows per loop"), n.actualRows);
        s.add(tr("Actual rows, all loops"), n.totalActualRows());
        s.add(tr("Loops"), n.actualLoops);
        s.add(tr("Estimate off by"), PlanFormat::estimate(m.estimateFactor, m.estimateDirection));
        s.add(tr("Width (bytes)"), asDouble(n.width));
        s.add(tr("Removed by filter"), n.rowsRemovedByFilter);
        s.add(tr("Removed by index recheck"), n.rowsRemovedByIndexRecheck);
        s.add(tr("Removed by join filter"), n.rowsRemovedByJoinFilter);
        s.add(tr("Heap fetches"), n.heapFetches);
    }
    {
        Section s(m_tree, tr("Time and cost"));
        s.ms(tr("Inclusive time"), m.inclusiveMs);
        s.ms(tr("Exclusive time"), m.exclusiveMs);
        s.add(tr("Share of execution"), PlanFormat::percent(m.timeShare));
        s.ms(tr("Startup time per loop"), n.actualStartupMs);
        s.ms(tr("Total time per loop"), n.actualTotalMs);
        s.add(tr("Startup cost"), n.startupCost);
        s.add(tr("Total cost"), n.totalCost);
        s.add(tr("Exclusive cost"), m.exclusiveCost);
        if (m.processes > 1)
            s.add(tr("Processes"), double(m.processes));
    }
    {
        Section s(m_tree, tr("Buffers"));
        s.blocks(tr("Shared"), n.shared);
        s.blocks(tr("Local"), n.local);
        s.blocks(tr("Temp"), n.temp);
        s.add(tr("Blocks, inclusive"), PlanFormat::blocks(m.inclusiveBlocks));
        s.add(tr("Blocks, exclusive"), PlanFormat::blocks(m.exclusiveBlocks));
        s.add(tr("Share of blocks"), PlanFormat::percent(m.bufferShare));
        s.ms(tr("I/O read time"), n.ioReadMs);
        s.ms(tr("I/O write time"), n.ioWriteMs);
    }
    {
        Section s(m_tree, tr("Workers, sort and hash"));
        s.add(tr("Workers planned"), n.workersPlanned ? std::optional<double>(*n.workersPlanned)
                                                      : std::nullopt);
        s.add(tr("Workers launched"), n.workersLaunched ? std::optional<double>(*n.workersLaunched)
                                                        : std::nullopt);
        s.add(tr("Sort method"), n.sortMethod);
        s.add(tr("Sort space (kB)"), asDouble(n.sortSpaceUsedKb));
        s.add(tr("Sort space type"), n.sortSpaceType);
        s.add(tr("Hash buckets"), asDouble(n.hashBuckets));
        s.add(tr("Hash batches"), asDouble(n.hashBatches));
        s.add(tr("Original hash batches"), asDouble(n.originalHashBatches));
        s.add(tr("Peak memory (kB)"), asDouble(n.peakMemoryKb));
    }
    {
        Section s(m_tree, tr("Other properties"));
        for (const PlanNode::Property &p : n.extra)
            s.add(p.key, readableJson(p.value));
    }
    {
        Section s(m_tree, tr("Findings"));
        for (const PlanFinding &f : m_document->findingsFor(nodeId))
            s.add(PlanFormat::severityText(f.severity), f.message);
    }
    m_tree->resizeColumnToContents(0);
}

QString PlanDetailsPanel::copyText(bool all) const
{
    QStringList lines;
    if (all)
        lines.append(m_title->text());
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_tree->topLevelItem(i);
        if (all || section->isSelected())
            lines.append(section->text(0));
        for (int j = 0; j < section->childCount(); ++j) {
            QTreeWidgetItem *row = section->child(j);
            if (all || row->isSelected())
                lines.append(row->text(0) + QLatin1Char('\t') + row->text(1));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Strata
