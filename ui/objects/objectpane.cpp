// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectpane.h"

#include "editor/sqlhighlighter.h"
#include "plugins/idialect.h"

#include "editor/qscintilla_p.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Strata {

using Facet = ObjectDetailsModel::Facet;

ObjectPane::ObjectPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_ddl(new QsciScintilla(this))
    , m_highlighter(new SqlHighlighter(m_ddl))
{
    // Object names come from the server: never let QLabel guess they are HTML.
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    const QList<QPair<Facet, QString>> facets = {
        {Facet::Columns, tr("Columns")},        {Facet::Keys, tr("Keys")},
        {Facet::Indexes, tr("Indexes")},        {Facet::ForeignKeys, tr("Foreign keys")},
        {Facet::Triggers, tr("Triggers")},
    };
    for (const auto &[facet, label] : facets) {
        auto *model = new ObjectDetailsModel(facet, this);
        auto *view = new QTableView(this);
        view->setModel(model);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setAlternatingRowColors(true);
        view->setWordWrap(false);
        view->verticalHeader()->setVisible(false);
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
        view->horizontalHeader()->setStretchLastSection(true);
        view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        m_models.append(model);
        m_views.append(view);
        m_tabs->addTab(view, label);
    }

    m_ddl->setReadOnly(true);
    m_ddl->setUtf8(true);
    m_ddl->setWrapMode(QsciScintilla::WrapNone);
    m_ddl->setMarginType(0, QsciScintilla::NumberMargin);
    m_ddl->setMarginWidth(0, QStringLiteral("0000"));
    m_ddl->setMarginWidth(1, 0);
    m_ddl->setFolding(QsciScintilla::NoFoldStyle);
    // Size the horizontal scroll range to the text instead of Scintilla's fixed 2000 px.
    m_ddl->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1);
    m_ddl->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, 1);
    m_tabs->addTab(m_ddl, tr("DDL"));
    m_tabs->setDocumentMode(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(4);
    layout->addWidget(m_tabs, 1);
    showPlaceholder(tr("Select a table or view in the schema browser."));
}

ObjectPane::~ObjectPane() = default;

ObjectDetailsModel *ObjectPane::model(Facet facet) const
{
    return m_models.value(int(facet));
}

QTableView *ObjectPane::view(Facet facet) const
{
    return m_views.value(int(facet));
}

void ObjectPane::setTabsVisible(bool tables)
{
    for (int i = ColumnsTab; i <= TriggersTab; ++i)
        m_tabs->setTabVisible(i, tables);
}

void ObjectPane::setDdl(const QString &sql, const IDialect *dialect)
{
    if (dialect && dialect != m_keywordsFrom) {
        m_highlighter->setKeywords(dialect->keywords());
        m_keywordsFrom = dialect;
    }
    m_ddl->setText(sql);
}

void ObjectPane::showTable(const Table &table, const IDialect *dialect)
{
    const QString name = table.schema.isEmpty()
                             ? table.name
                             : QStringLiteral("%1.%2").arg(table.schema, table.name);
    m_title->setText(name);
    QStringList facts;
    switch (table.kind) {
    case Table::Kind::Table:
        facts << tr("Table");
        break;
    case Table::Kind::View:
        facts << tr("View");
        break;
    case Table::Kind::MaterializedView:
        facts << tr("Materialized view");
        break;
    }
    facts << (table.columns.size() == 1
                  ? tr("1 column")
                  : tr("%1 columns").arg(QLocale().toString(qlonglong(table.columns.size()))));
    const QLocale locale;
    if (table.rowEstimate >= 0)
        facts << tr("≈ %1 rows").arg(locale.toString(table.rowEstimate));
    if (table.sizeBytes >= 0)
        facts << locale.formattedDataSize(table.sizeBytes);
    if (!table.comment.isEmpty())
        facts << table.comment;
    m_subtitle->setText(facts.join(QStringLiteral("  ·  ")));

    for (ObjectDetailsModel *model : std::as_const(m_models))
        model->setTable(table);
    setTabsVisible(true);
    const bool isTable = table.kind == Table::Kind::Table;
    m_tabs->setTabVisible(KeysTab, isTable);
    m_tabs->setTabVisible(IndexesTab, !table.indexes.isEmpty() || isTable);
    m_tabs->setTabVisible(ForeignKeysTab, isTable);
    m_tabs->setTabVisible(TriggersTab, isTable || !table.triggers.isEmpty());
    for (QTableView *view : std::as_const(m_views))
        view->resizeColumnsToContents();

    if (dialect)
        setDdl(dialect->tableDdl(table), dialect);
    else
        setDdl(tr("-- This engine does not generate DDL."), nullptr);
    if (!m_tabs->isTabVisible(m_tabs->currentIndex()))
        m_tabs->setCurrentIndex(ColumnsTab);
}

void ObjectPane::showDefinition(const QString &title, const QString &subtitle, const QString &sql,
                                const IDialect *dialect)
{
    m_title->setText(title);
    m_subtitle->setText(subtitle);
    for (ObjectDetailsModel *model : std::as_const(m_models))
        model->clear();
    setTabsVisible(false);
    m_tabs->setTabVisible(DdlTab, true);
    setDdl(sql, dialect);
    m_tabs->setCurrentIndex(DdlTab);
}

void ObjectPane::showPlaceholder(const QString &text)
{
    m_title->setText(text);
    m_subtitle->clear();
    for (ObjectDetailsModel *model : std::as_const(m_models))
        model->clear();
    setTabsVisible(true);
    m_ddl->clear();
}

QString ObjectPane::title() const
{
    return m_title->text();
}

QString ObjectPane::ddl() const
{
    return m_ddl->text();
}

} // namespace Strata
