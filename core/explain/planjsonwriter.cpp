// SPDX-License-Identifier: GPL-3.0-or-later
#include "planjsonwriter.h"

#include "export/jsonwriter.h"
#include "export/outputbuffer.h"

#include <QList>
#include <QLocale>

#include <cmath>
#include <optional>

namespace Strata {

namespace {

void writeNumber(OutputBuffer &out, std::optional<double> value)
{
    if (value)
        out.write(PlanJsonWriter::number(*value));
    else
        out.write("null", 4);
}

// Derived times (time × loops / processes, differences) to the nanosecond: the engines report
// microseconds at best, and the digits below are floating-point noise (343.40599999999995).
std::optional<double> derivedMs(std::optional<double> ms)
{
    if (!ms || !std::isfinite(*ms) || std::fabs(*ms) > 1e12)
        return ms;
    return std::round(*ms * 1e6) / 1e6;
}

void writeString(OutputBuffer &out, const QString &text)
{
    JsonWriter::writeString(out, text.toUtf8());
}

void writeStringOrNull(OutputBuffer &out, const QString &text)
{
    if (text.isEmpty())
        out.write("null", 4);
    else
        writeString(out, text);
}

// Everything of a node up to and including `"children": [`.
void openNode(OutputBuffer &out, const PlanDocument &document, int id)
{
    const PlanNode &node = document.plan.node(id);
    const PlanAnalysis::NodeMetrics &metrics = document.analysis.metrics(id);
    out.write("{\"id\": ");
    out.write(QByteArray::number(id));
    out.write(", \"type\": ");
    writeString(out, node.nodeType);
    out.write(", \"relation\": ");
    writeStringOrNull(out, node.relation);
    out.write(", \"index\": ");
    writeStringOrNull(out, node.index);
    out.write(", \"estimatedRows\": ");
    writeNumber(out, node.estimatedRows);
    out.write(", \"actualRows\": ");
    writeNumber(out, node.actualRows);
    out.write(", \"loops\": ");
    writeNumber(out, node.actualLoops);
    out.write(", \"totalMs\": ");
    writeNumber(out, derivedMs(metrics.inclusiveMs));
    out.write(", \"exclusiveMs\": ");
    writeNumber(out, derivedMs(metrics.exclusiveMs));
    out.write(", \"estimateFactor\": ");
    writeNumber(out, metrics.estimateFactor);
    out.write(", \"children\": [");
}

void writeTree(OutputBuffer &out, const PlanDocument &document)
{
    struct Frame
    {
        int id;
        int nextChild;
    };
    QList<Frame> stack;
    openNode(out, document, 0);
    stack.append({0, 0});
    while (!stack.isEmpty()) {
        Frame &top = stack.last();
        const QList<int> &children = document.plan.node(top.id).childIds;
        if (top.nextChild < children.size()) {
            const int child = children.at(top.nextChild);
            if (top.nextChild > 0)
                out.write(", ", 2);
            ++top.nextChild;
            openNode(out, document, child);
            stack.append({child, 0}); // top is not used after this: append may reallocate
        } else {
            out.write("]}", 2);
            stack.removeLast();
        }
    }
}

} // namespace

QByteArray PlanJsonWriter::number(double value)
{
    if (!std::isfinite(value))
        return QByteArrayLiteral("null");
    // Whole numbers print without an exponent up to 2^53, where doubles stop being exact.
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

void PlanJsonWriter::write(OutputBuffer &out, const PlanDocument &document)
{
    const Plan &plan = document.plan;
    out.write("{\"engine\": ");
    writeString(out, plan.engine);
    out.write(", \"format\": ");
    writeString(out, plan.sourceFormat);
    out.write(", \"planningMs\": ");
    writeNumber(out, plan.planningMs);
    out.write(", \"executionMs\": ");
    writeNumber(out, plan.executionMs);
    out.write(", \"nodeCount\": ");
    out.write(QByteArray::number(plan.nodeCount()));
    out.write(", \"root\": ");
    if (plan.isEmpty())
        out.write("null", 4);
    else
        writeTree(out, document);
    out.write(", \"findings\": [");
    bool first = true;
    for (const PlanFinding &finding : document.findings) {
        if (!first)
            out.write(", ", 2);
        first = false;
        out.write("{\"nodeId\": ");
        out.write(QByteArray::number(finding.nodeId));
        out.write(", \"kind\": ");
        writeString(out, finding.kind);
        out.write(", \"severity\": ");
        writeString(out, PlanFinding::severityName(finding.severity));
        out.write(", \"message\": ");
        writeString(out, finding.message);
        out.put('}');
    }
    out.write("]}", 2);
}

QByteArray PlanJsonWriter::toJson(const PlanDocument &document)
{
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        write(out, document);
        out.put('\n');
        out.flush();
    }
    return bytes;
}

} // namespace Strata
