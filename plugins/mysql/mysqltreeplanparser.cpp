// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqltreeplanparser.h"

#include "mysqlclientoutput.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace Strata::MySql::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlTreePlanParser)
};

using Relationship = PlanNode::Relationship;

Error notAPlan(const QString &why)
{
    return Error(Error::Code::InvalidArgument, Tr::tr("not an EXPLAIN plan: %1").arg(why));
}

// One "-> ..." line (with the lines wrapped below it) and its indentation.
struct NodeLine
{
    int indent = 0;
    QString text;
};

std::optional<double> real(const QString &s)
{
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    return d;
}

const QString numberPattern = QStringLiteral(R"re([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)re");

// Takes the trailing figure groups off text: "(cost=..)", "(actual time=..)", "(never
// executed)", in any order, and stores them on n.
void readFigures(QString &text, PlanNode &n)
{
    static const QRegularExpression cost(
        QStringLiteral(R"re(\s*\((?:cost=(%1)(?:\.\.(%1))? )?rows=(%1)\)\s*$)re")
            .arg(numberPattern));
    static const QRegularExpression actual(
        QStringLiteral(R"re(\s*\(actual (?:time=(%1)\.\.(%1) )?rows=(%1) loops=(%1)\)\s*$)re")
            .arg(numberPattern));
    static const QRegularExpression never(QStringLiteral(R"re(\s*\(never executed\)\s*$)re"));
    for (bool found = true; found;) {
        found = false;
        QRegularExpressionMatch m = actual.match(text);
        if (m.hasMatch()) {
            if (!m.captured(1).isEmpty()) {
                n.actualStartupMs = real(m.captured(1));
                n.actualTotalMs = real(m.captured(2));
            }
            n.actualRows = real(m.captured(3));
            n.actualLoops = real(m.captured(4));
            text.truncate(m.capturedStart());
            found = true;
            continue;
        }
        m = never.match(text);
        if (m.hasMatch()) {
            n.neverExecuted = true;
            n.actualLoops = 0;
            text.truncate(m.capturedStart());
            found = true;
            continue;
        }
        m = cost.match(text);
        if (m.hasMatch()) {
            if (!m.captured(2).isEmpty()) {
                n.startupCost = real(m.captured(1));
                n.totalCost = real(m.captured(2));
            } else if (!m.captured(1).isEmpty()) {
                n.totalCost = real(m.captured(1));
            }
            n.estimatedRows = real(m.captured(3));
            text.truncate(m.capturedStart());
            found = true;
        }
    }
}

QString joinTypeOf(const QString &operation)
{
    const QString op = operation.toLower();
    if (op.contains(QLatin1String("antijoin")))
        return QStringLiteral("Anti");
    if (op.contains(QLatin1String("semijoin")))
        return QStringLiteral("Semi");
    if (op.contains(QLatin1String("left")))
        return QStringLiteral("Left");
    if (op.contains(QLatin1String("full outer")))
        return QStringLiteral("Full");
    if (op.contains(QLatin1String("outer")))
        return QStringLiteral("Outer");
    return QStringLiteral("Inner");
}

// The operation text without its figures: node type, relation, index and conditions.
void readOperation(const QString &operation, PlanNode &n)
{
    n.extra.append({QStringLiteral("Operation"), operation});
    static const QRegularExpression subquery(QStringLiteral(R"re(^(Select #\d+) \((.*)\)$)re"));
    static const QRegularExpression hashJoin(
        QStringLiteral(R"re(^(.*hash (?:\w+ )?(?:join|semijoin|antijoin))\s*(?:\((.*)\))?$)re"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression nestedLoop(QStringLiteral(R"re(^Nested loop .*join$)re"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression labelled(
        QStringLiteral(R"re(^([A-Za-z][A-Za-z /-]*): (.*)$)re"));
    // Names are printed unquoted: a relation runs to " using " or, without an index, to the end.
    static const QRegularExpression onTable(
        QStringLiteral(R"re(^(.*?) on (?:(.+?) using (\S+)(.*)|(.+))$)re"));
    QRegularExpressionMatch m = subquery.match(operation);
    if (m.hasMatch()) {
        n.nodeType = QStringLiteral("Subquery");
        n.subplanName = m.captured(1);
        n.relationship = Relationship::SubPlan;
        n.extra.append({QStringLiteral("Subquery Kind"), m.captured(2)});
        return;
    }
    m = hashJoin.match(operation);
    if (m.hasMatch()) {
        n.nodeType = m.captured(1);
        n.hashCond = m.captured(2);
        n.joinType = joinTypeOf(n.nodeType);
        return;
    }
    if (nestedLoop.match(operation).hasMatch()) {
        n.nodeType = operation;
        n.joinType = joinTypeOf(operation);
        return;
    }
    m = labelled.match(operation);
    if (m.hasMatch()) {
        n.nodeType = m.captured(1);
        if (n.nodeType == QLatin1String("Filter"))
            n.filter = m.captured(2);
        return;
    }
    m = onTable.match(operation);
    if (m.hasMatch()) {
        n.nodeType = m.captured(1);
        n.relation = m.captured(5).isEmpty() ? m.captured(2) : m.captured(5);
        n.index = m.captured(3);
        QString rest = m.captured(4).trimmed();
        const QString pushed = QStringLiteral(", with index condition: ");
        const qsizetype at = rest.indexOf(pushed);
        if (at >= 0) {
            n.extra.append(
                {QStringLiteral("Index Condition Pushdown"), rest.mid(at + pushed.size())});
            rest.truncate(at);
        }
        if (rest.startsWith(QLatin1String("over ")))
            rest.remove(0, 5);
        n.indexCond = rest.trimmed();
        return;
    }
    n.nodeType = operation;
}

} // namespace

bool MySqlTreePlanParser::looksLikeTree(const QString &text)
{
    const QString plain = MySqlClientOutput::plainText(text.left(64 * 1024)).trimmed();
    return plain.startsWith(QLatin1String("->")) ||
           (MySqlClientOutput::isBatchEscaped(plain) &&
            MySqlClientOutput::unescapeBatch(plain).trimmed().startsWith(QLatin1String("->")));
}

Result<Plan> MySqlTreePlanParser::parse(const QString &text)
{
    if (text.trimmed().isEmpty())
        return notAPlan(Tr::tr("the input is empty"));
    QString plain = MySqlClientOutput::plainText(text);
    if (MySqlClientOutput::isBatchEscaped(plain))
        plain = MySqlClientOutput::unescapeBatch(plain);

    QList<NodeLine> lines;
    for (const QString &raw : plain.split(u'\n')) {
        QString line = raw;
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed.startsWith(QLatin1String("->"))) {
            int indent = 0;
            while (indent < line.size() && line.at(indent).isSpace())
                ++indent;
            lines.append({indent, trimmed.mid(2).trimmed()});
        } else if (!lines.isEmpty()) {
            lines.last().text += u' ' + trimmed; // a line wrapped in the reference manual
        } else {
            return notAPlan(Tr::tr("the text does not start with a \"-> \" plan line"));
        }
    }
    if (lines.isEmpty())
        return notAPlan(Tr::tr("the text holds no \"-> \" plan line"));

    Plan plan;
    plan.engine = QStringLiteral("mysql");
    plan.sourceFormat = QStringLiteral("tree");
    struct Open
    {
        int indent;
        int id;
    };
    QList<Open> stack;
    for (const NodeLine &line : lines) {
        while (!stack.isEmpty() && stack.last().indent >= line.indent)
            stack.removeLast();
        if (stack.isEmpty() && !plan.isEmpty())
            return notAPlan(Tr::tr("the text holds more than one plan root"));
        PlanNode n;
        QString operation = line.text;
        readFigures(operation, n);
        operation = operation.trimmed();
        if (operation.isEmpty())
            return notAPlan(Tr::tr("a plan line names no operation"));
        readOperation(operation, n);
        const int parent = stack.isEmpty() ? -1 : stack.last().id;
        if (parent >= 0 && n.relationship == Relationship::None) {
            const PlanNode &p = plan.node(parent);
            if (!p.joinType.isEmpty()) {
                int inputs = 0;
                for (int c : p.childIds)
                    inputs += plan.node(c).relationship == Relationship::SubPlan ? 0 : 1;
                n.relationship = inputs == 0 ? Relationship::Outer : Relationship::Inner;
            }
        }
        stack.append({line.indent, plan.addNode(std::move(n), parent)});
    }
    // Heading lines without figures ("-> Hash", "-> Select #2 (...)") ran as long as their
    // children did; give them that time so PlanAnalysis subtracts it from their parent once.
    for (int id = plan.nodeCount() - 1; id >= 0; --id) {
        PlanNode &n = plan.nodes[id];
        if (n.actualTotalMs || n.neverExecuted || n.childIds.isEmpty())
            continue;
        std::optional<double> total;
        for (int child : n.childIds) {
            const PlanNode &c = plan.node(child);
            if (c.actualTotalMs)
                total = total.value_or(0) + *c.actualTotalMs * c.actualLoops.value_or(1);
        }
        if (total) {
            n.actualTotalMs = total;
            n.actualLoops = n.actualLoops.value_or(1);
        }
    }
    const PlanNode &root = plan.root();
    if (root.actualTotalMs && !root.neverExecuted)
        plan.executionMs = *root.actualTotalMs * root.actualLoops.value_or(1);
    return plan;
}

} // namespace Strata::MySql::Internal
