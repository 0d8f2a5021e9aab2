// SPDX-License-Identifier: GPL-3.0-or-later
#include "plantextwriter.h"

#include "export/outputbuffer.h"

#include <QList>

#include <cmath>
#include <optional>

namespace Strata {

namespace {

// Rows: whole numbers as such, averages over loops with up to two decimals.
QString rowsText(double rows)
{
    if (rows == std::trunc(rows) && std::fabs(rows) < 1e15)
        return QString::number(qint64(rows));
    return QString::number(rows, 'f', 2);
}

QString msText(double ms)
{
    return QString::number(ms, 'f', 3) + QStringLiteral(" ms");
}

// "Seq Scan on public.orders o using orders_pkey"
QString nodeLabel(const PlanNode &node)
{
    QString label = PlanTextWriter::printable(node.nodeType);
    // What a ModifyTable does (Insert, Update, Delete, Merge), as psql shows it.
    const QJsonValue operation = node.extraValue(QStringLiteral("Operation"));
    if (operation.isString())
        label += QStringLiteral(" (%1)").arg(PlanTextWriter::printable(operation.toString()));
    if (!node.index.isEmpty())
        label += QStringLiteral(" using ") + PlanTextWriter::printable(node.index);
    if (!node.relation.isEmpty()) {
        label += QStringLiteral(" on ");
        if (!node.schema.isEmpty())
            label += PlanTextWriter::printable(node.schema) + u'.';
        label += PlanTextWriter::printable(node.relation);
        if (!node.alias.isEmpty() && node.alias != node.relation)
            label += u' ' + PlanTextWriter::printable(node.alias);
    }
    return label;
}

QString figures(const PlanNode &node, const PlanAnalysis::NodeMetrics &metrics)
{
    QStringList parts;
    const QString estimated =
        node.estimatedRows ? rowsText(*node.estimatedRows) : QStringLiteral("?");
    if (node.neverExecuted) {
        parts.append(QStringLiteral("rows %1 → never executed").arg(estimated));
        return parts.join(QStringLiteral("  "));
    }
    if (node.actualRows) {
        QString rows = QStringLiteral("rows %1 → %2").arg(estimated, rowsText(*node.actualRows));
        // Below ×1.05 the factor would print as ×1.0: noise, not a misestimate.
        if (metrics.estimateFactor && *metrics.estimateFactor >= 1.05 &&
            metrics.estimateDirection != PlanAnalysis::EstimateDirection::None) {
            rows += QStringLiteral(" (×%1 %2)")
                        .arg(QString::number(*metrics.estimateFactor, 'f', 1),
                             metrics.estimateDirection == PlanAnalysis::EstimateDirection::Under
                                 ? QStringLiteral("under")
                                 : QStringLiteral("over"));
        }
        parts.append(rows);
    } else if (node.estimatedRows) {
        parts.append(QStringLiteral("rows %1 (estimated)").arg(estimated));
    }
    if (node.actualLoops)
        parts.append(QStringLiteral("loops %1").arg(rowsText(*node.actualLoops)));
    if (metrics.inclusiveMs)
        parts.append(QStringLiteral("total %1").arg(msText(*metrics.inclusiveMs)));
    if (metrics.exclusiveMs)
        parts.append(QStringLiteral("self %1").arg(msText(*metrics.exclusiveMs)));
    if (!node.hasActuals() && node.totalCost)
        parts.append(QStringLiteral("cost %1").arg(QString::number(*node.totalCost, 'f', 2)));
    return parts.join(QStringLiteral("  "));
}

QString nodeLine(const PlanDocument &document, int id)
{
    const PlanNode &node = document.plan.node(id);
    QString line;
    if (node.depth > 0) {
        const int levels = std::min(node.depth, PlanTextWriter::MaxIndentDepth);
        line.fill(u' ', 2 + 3 * (levels - 1));
        line += QStringLiteral("-> ");
        if (node.depth > PlanTextWriter::MaxIndentDepth)
            line += QStringLiteral("[depth %1] ").arg(node.depth);
    }
    line += QStringLiteral("#%1 ").arg(id) + nodeLabel(node);
    const QString numbers = figures(node, document.analysis.metrics(id));
    if (!numbers.isEmpty())
        line += QStringLiteral("  ") + numbers;
    return line;
}

QString header(const Plan &plan)
{
    QString line =
        QStringLiteral("%1 plan (%2): %3 %4")
            .arg(PlanTextWriter::printable(plan.engine),
                 PlanTextWriter::printable(plan.sourceFormat))
            .arg(plan.nodeCount())
            .arg(plan.nodeCount() == 1 ? QStringLiteral("node") : QStringLiteral("nodes"));
    if (plan.planningMs)
        line += QStringLiteral(", planning %1").arg(msText(*plan.planningMs));
    if (plan.executionMs)
        line += QStringLiteral(", execution %1").arg(msText(*plan.executionMs));
    return line;
}

void writeLine(OutputBuffer &out, const QString &line)
{
    out.write(line.toUtf8());
    out.put('\n');
}

} // namespace

QString PlanTextWriter::printable(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'\n':
            result += QStringLiteral("\\n");
            continue;
        case u'\r':
            result += QStringLiteral("\\r");
            continue;
        case u'\t':
            result += QStringLiteral("\\t");
            continue;
        default:
            break;
        }
        switch (c.category()) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            result += QStringLiteral("\\u{%1}").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            break;
        default:
            result += c;
        }
    }
    return result;
}

void PlanTextWriter::write(OutputBuffer &out, const PlanDocument &document)
{
    const Plan &plan = document.plan;
    writeLine(out, header(plan));
    if (!plan.isEmpty()) {
        out.put('\n');
        // Depth first in plan order, with an explicit stack: no recursion on deep plans.
        QList<int> stack{0};
        while (!stack.isEmpty()) {
            const int id = stack.takeLast();
            writeLine(out, nodeLine(document, id));
            const QList<int> &children = plan.node(id).childIds;
            for (auto it = children.crbegin(); it != children.crend(); ++it)
                stack.append(*it);
        }
    }
    out.put('\n');
    // Trigger time is outside the tree and can dwarf it (foreign keys checked row by row).
    if (!plan.triggers.isEmpty()) {
        writeLine(out, QStringLiteral("Triggers (%1):").arg(plan.triggers.size()));
        for (const Plan::Trigger &trigger : plan.triggers) {
            QString line = QStringLiteral("  ") + printable(trigger.name);
            if (!trigger.relation.isEmpty())
                line += QStringLiteral(" on ") + printable(trigger.relation);
            if (trigger.timeMs)
                line += QStringLiteral("  time %1").arg(msText(*trigger.timeMs));
            if (trigger.calls)
                line += QStringLiteral("  calls %1").arg(rowsText(*trigger.calls));
            writeLine(out, line);
        }
        out.put('\n');
    }
    if (document.findings.isEmpty()) {
        writeLine(out, QStringLiteral("No findings."));
        return;
    }
    writeLine(out, QStringLiteral("Findings (%1):").arg(document.findings.size()));
    for (const PlanFinding &finding : document.findings) {
        QString node;
        if (finding.nodeId >= 0 && finding.nodeId < plan.nodeCount())
            node = QStringLiteral("#%1 %2")
                       .arg(finding.nodeId)
                       .arg(nodeLabel(plan.node(finding.nodeId)));
        else
            node = QStringLiteral("plan");
        writeLine(out, QStringLiteral("  %1  %2: %3")
                           .arg(PlanFinding::severityName(finding.severity), -8)
                           .arg(node, printable(finding.message)));
    }
}

QString PlanTextWriter::toText(const PlanDocument &document)
{
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        write(out, document);
        out.flush();
    }
    return QString::fromUtf8(bytes);
}

} // namespace Strata
