// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtextnodeline.h"

#include "pgplankeys.h"

#include <QRegularExpression>

namespace Strata::Postgres::Internal {

namespace {

const QString identifier = QStringLiteral(R"re((?:"(?:[^"]|"")*"|[^\s".]+))re");

// Where the "(cost=" / "(actual" / "(never executed)" figures start, outside quoted names.
qsizetype figuresStart(const QString &text)
{
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && c == u'(' &&
                 (text.mid(i + 1, 5) == QLatin1String("cost=") ||
                  text.mid(i + 1, 7) == QLatin1String("actual ") ||
                  text.mid(i + 1, 15) == QLatin1String("never executed)")))
            return i;
    }
    return -1;
}

double number(const QString &s)
{
    return s.toDouble();
}

bool readFigures(const QString &figures, PlanNode &node)
{
    static const QRegularExpression cost(QStringLiteral(
        R"re(\(cost=(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)\s+rows=(\d+(?:\.\d+)?)\s+width=(\d+)\))re"));
    static const QRegularExpression actualTime(QStringLiteral(
        R"re(\(actual\s+time=(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)\s+rows=(\d+(?:\.\d+)?)\s+loops=(\d+)\))re"));
    static const QRegularExpression actualRows(
        QStringLiteral(R"re(\(actual\s+rows=(\d+(?:\.\d+)?)\s+loops=(\d+)\))re"));
    bool any = false;
    if (const auto m = cost.match(figures); m.hasMatch()) {
        node.startupCost = number(m.captured(1));
        node.totalCost = number(m.captured(2));
        node.estimatedRows = number(m.captured(3));
        node.width = m.captured(4).toLongLong();
        any = true;
    }
    if (const auto m = actualTime.match(figures); m.hasMatch()) {
        node.actualStartupMs = number(m.captured(1));
        node.actualTotalMs = number(m.captured(2));
        node.actualRows = number(m.captured(3));
        node.actualLoops = number(m.captured(4));
        any = true;
    } else if (const auto r = actualRows.match(figures); r.hasMatch()) {
        node.actualRows = number(r.captured(1)); // TIMING off
        node.actualLoops = number(r.captured(2));
        any = true;
    } else if (figures.contains(QLatin1String("(never executed)"))) {
        node.actualRows = 0.0;
        node.actualLoops = 0.0;
        node.neverExecuted = true;
        any = true;
    }
    if (node.actualLoops && *node.actualLoops == 0)
        node.neverExecuted = true;
    return any;
}

// "public.t x" → schema public, name t, alias x.
struct Target
{
    QString schema;
    QString name;
    QString alias;
};

std::optional<Target> readTarget(const QString &text)
{
    static const QRegularExpression target(
        QStringLiteral("^(?:(%1)\\.)?(%1)(?:\\s+(%1))?$").arg(identifier));
    const auto m = target.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    return Target{PgTextNodeLine::unquote(m.captured(1)), PgTextNodeLine::unquote(m.captured(2)),
                  PgTextNodeLine::unquote(m.captured(3))};
}

// The text format spells some operators the way EXPLAIN's JSON format splits into a node
// type and properties: "Partial HashAggregate" is an Aggregate, strategy Hashed, partial
// mode Partial; "Update on t" is a ModifyTable doing Update.
QString normalizedType(const QString &type, PlanNode &node)
{
    static const QRegularExpression aggregate(
        QStringLiteral("^(?:(Partial|Finalize) )?(Hash|Group|Mixed)?Aggregate$"));
    if (const auto m = aggregate.match(type); m.hasMatch()) {
        const QString strategy = m.captured(2);
        node.extra.append({QStringLiteral("Strategy"),
                           strategy == QLatin1String("Hash")    ? QStringLiteral("Hashed")
                           : strategy == QLatin1String("Group") ? QStringLiteral("Sorted")
                           : strategy == QLatin1String("Mixed") ? QStringLiteral("Mixed")
                                                                : QStringLiteral("Plain")});
        node.extra.append({QStringLiteral("Partial Mode"),
                           m.captured(1).isEmpty() ? QStringLiteral("Simple") : m.captured(1)});
        return QStringLiteral("Aggregate");
    }
    static const QRegularExpression setOp(
        QStringLiteral("^(Hash)?SetOp (Intersect|Intersect All|Except|Except All)$"));
    if (const auto m = setOp.match(type); m.hasMatch()) {
        node.extra.append({QStringLiteral("Strategy"), m.captured(1).isEmpty()
                                                           ? QStringLiteral("Sorted")
                                                           : QStringLiteral("Hashed")});
        node.extra.append({QStringLiteral("Command"), m.captured(2)});
        return QStringLiteral("SetOp");
    }
    if (type == QLatin1String("Insert") || type == QLatin1String("Update") ||
        type == QLatin1String("Delete") || type == QLatin1String("Merge")) {
        node.extra.append({QStringLiteral("Operation"), type});
        return QStringLiteral("ModifyTable");
    }
    return type;
}

void readHead(QString head, PlanNode &node)
{
    if (head.startsWith(QLatin1String("Parallel "))) {
        head.remove(0, 9);
        node.extra.append({QStringLiteral("Parallel Aware"), true});
    } else {
        node.extra.append({QStringLiteral("Parallel Aware"), false});
    }
    static const QRegularExpression usingIndex(
        QStringLiteral("^(.*?) using (%1)(?: on (.+))?$").arg(identifier));
    static const QRegularExpression onTarget(QStringLiteral("^(.*?) on (.+)$"));
    QString type = head;
    QString targetText;
    if (const auto m = usingIndex.match(head); m.hasMatch()) {
        type = m.captured(1);
        node.index = PgTextNodeLine::unquote(m.captured(2));
        targetText = m.captured(3);
    } else if (const auto o = onTarget.match(head); o.hasMatch()) {
        type = o.captured(1);
        targetText = o.captured(2);
    }
    // Index scans name their direction: "Index Scan Backward".
    for (const char *scan : {"Index Scan", "Index Only Scan"}) {
        const QString s = QString::fromLatin1(scan);
        if (type == s + QLatin1String(" Backward")) {
            type = s;
            node.extra.append({QStringLiteral("Scan Direction"), QStringLiteral("Backward")});
        } else if (type == s) {
            node.extra.append({QStringLiteral("Scan Direction"), QStringLiteral("Forward")});
        }
    }
    // "Hash Left Join" → Hash Join, Left; "Nested Loop Semi Join" → Nested Loop, Semi.
    static const QRegularExpression join(QStringLiteral(
        "^(Hash|Merge|Nested Loop)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))? Join$"));
    if (const auto j = join.match(type); j.hasMatch()) {
        type = j.captured(1) == QLatin1String("Nested Loop")
                   ? j.captured(1)
                   : j.captured(1) + QLatin1String(" Join");
        node.joinType = j.captured(2).isEmpty() ? QStringLiteral("Inner") : j.captured(2);
    } else if (type == QLatin1String("Nested Loop")) {
        node.joinType = QStringLiteral("Inner");
    }
    node.nodeType = normalizedType(type, node);
    if (targetText.isEmpty())
        return;
    const std::optional<Target> target = readTarget(targetText);
    if (!target) {
        node.relation = targetText.trimmed();
        return;
    }
    if (type == QLatin1String("Bitmap Index Scan")) {
        node.index = target->name;
        return;
    }
    if (type == QLatin1String("CTE Scan") || type == QLatin1String("WorkTable Scan")) {
        node.cteName = target->name;
    } else if (type == QLatin1String("Function Scan") ||
               type == QLatin1String("Table Function Scan")) {
        node.extra.append({QStringLiteral("Function Name"), target->name});
    } else if (type == QLatin1String("Subquery Scan") || type == QLatin1String("Values Scan")) {
        node.alias = target->name;
        return;
    } else {
        node.relation = target->name;
        node.schema = target->schema;
    }
    node.alias = target->alias.isEmpty() ? target->name : target->alias;
}

} // namespace

QString PgTextNodeLine::unquote(const QString &identifier)
{
    if (identifier.size() >= 2 && identifier.startsWith(u'"') && identifier.endsWith(u'"'))
        return identifier.mid(1, identifier.size() - 2)
            .replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return identifier;
}

std::optional<PgTextNodeLine::Parsed> PgTextNodeLine::parse(const QString &line,
                                                            bool requireFigures)
{
    qsizetype pos = 0;
    while (pos < line.size() && line.at(pos).isSpace())
        ++pos;
    Parsed parsed;
    parsed.indent = int(pos);
    QString rest = line.mid(pos);
    const bool arrow = rest.startsWith(QLatin1String("->"));
    if (arrow) {
        rest.remove(0, 2);
        rest = rest.trimmed();
    }
    const qsizetype start = figuresStart(rest);
    const QString head = (start < 0 ? rest : rest.left(start)).trimmed();
    if (head.isEmpty())
        return std::nullopt;
    if (start >= 0) {
        if (!readFigures(rest.mid(start), parsed.node) && !arrow)
            return std::nullopt;
    } else if (!arrow && requireFigures) {
        return std::nullopt;
    }
    // A property line ("Filter: (x > 1)") is never a node, even after "->" in odd pastes.
    if (!arrow && head.contains(QLatin1String(": ")))
        return std::nullopt;
    readHead(head, parsed.node);
    return parsed;
}

} // namespace Strata::Postgres::Internal
