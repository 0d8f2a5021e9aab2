// SPDX-License-Identifier: GPL-3.0-or-later
#include "planrawview.h"

#include "planformat.h"
#include "planjsonhighlighter.h"

#include <QFontDatabase>

namespace Strata {

PlanRawView::PlanRawView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("PlanRaw"));
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void PlanRawView::setPlan(const PlanDocument &document, const QString &source)
{
    // Highlighting runs over the whole text at once: plain for very large plans.
    constexpr qsizetype HighlightLimit = 400000;
    delete m_highlighter;
    m_highlighter = nullptr;
    const QString text = source.isEmpty() ? treeText(document) : source;
    setPlainText(text);
    if (text.size() <= HighlightLimit)
        m_highlighter = new PlanJsonHighlighter(this->document());
}

QString PlanRawView::treeText(const PlanDocument &document)
{
    const Plan &plan = document.plan;
    QStringList lines;
    if (!plan.queryText.isEmpty())
        lines << plan.queryText.trimmed() << QString();
    // Depth first, in plan order.
    QList<int> stack;
    if (!plan.isEmpty())
        stack.append(0);
    while (!stack.isEmpty()) {
        const PlanNode &n = plan.node(stack.takeLast());
        const PlanAnalysis::NodeMetrics &m = document.analysis.metrics(n.id);
        QString line = QString(n.depth * 4, QLatin1Char(' '));
        if (n.depth > 0)
            line += QStringLiteral("-> ");
        if (!n.subplanName.isEmpty())
            line += n.subplanName + QStringLiteral(": ");
        line += PlanFormat::nodeTitle(n);
        if (n.totalCost)
            line += QStringLiteral("  (cost=%1..%2 rows=%3)")
                        .arg(PlanFormat::number(n.startupCost), PlanFormat::number(n.totalCost),
                             PlanFormat::number(n.estimatedRows));
        if (n.neverExecuted)
            line += QStringLiteral("  (never executed)");
        else if (n.actualRows)
            line += QStringLiteral("  (actual rows=%1 loops=%2 inclusive=%3 exclusive=%4)")
                        .arg(PlanFormat::number(n.actualRows), PlanFormat::number(n.actualLoops),
                             PlanFormat::ms(m.inclusiveMs), PlanFormat::ms(m.exclusiveMs));
        lines.append(line);
        const QString indent(n.depth * 4 + 6, QLatin1Char(' '));
        for (const auto &[label, text] :
             {std::pair{QStringLiteral("Filter"), n.filter},
              std::pair{QStringLiteral("Index Cond"), n.indexCond},
              std::pair{QStringLiteral("Recheck Cond"), n.recheckCond},
              std::pair{QStringLiteral("Hash Cond"), n.hashCond},
              std::pair{QStringLiteral("Join Filter"), n.joinFilter}}) {
            if (!text.isEmpty())
                lines.append(indent + label + QStringLiteral(": ") + text);
        }
        for (auto it = n.childIds.crbegin(); it != n.childIds.crend(); ++it)
            stack.append(*it);
    }
    if (plan.planningMs)
        lines.append(QStringLiteral("Planning Time: %1").arg(PlanFormat::ms(plan.planningMs)));
    if (plan.executionMs)
        lines.append(QStringLiteral("Execution Time: %1").arg(PlanFormat::ms(plan.executionMs)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace Strata
