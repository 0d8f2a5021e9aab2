// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteeqpdetail.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

void keep(PlanNode &node, const QString &key, const QJsonValue &value)
{
    node.extra.append(PlanNode::Property{key, value});
}

// Splits a trailing "(...)" (balanced) off text: "INDEX i1 (a=? AND b>?)" gives "INDEX i1"
// and "a=? AND b>?". Text without one comes back whole, with an empty condition.
QString takeCondition(QString &text)
{
    if (!text.endsWith(u')'))
        return QString();
    int depth = 0;
    for (qsizetype i = text.size() - 1; i >= 0; --i) {
        if (text.at(i) == u')') {
            ++depth;
        } else if (text.at(i) == u'(' && --depth == 0) {
            if (i > 0 && text.at(i - 1) != u' ')
                return QString();
            const QString condition = text.mid(i + 1, text.size() - i - 2);
            text.truncate(i > 0 ? i - 1 : 0);
            return condition;
        }
    }
    return QString();
}

// "USING ..." of a SCAN or SEARCH: the index (or SQLite's words for an unnamed one) and the
// condition it is searched with.
void describeUsing(PlanNode &node, QString access)
{
    node.indexCond = takeCondition(access);
    static const QString unnamed[] = {
        u"AUTOMATIC PARTIAL COVERING INDEX"_s,
        u"AUTOMATIC COVERING INDEX"_s,
        u"AUTOMATIC PARTIAL INDEX"_s,
        u"AUTOMATIC INDEX"_s,
        u"INTEGER PRIMARY KEY"_s,
        u"PRIMARY KEY"_s,
    };
    for (const QString &phrase : unnamed) {
        if (access == phrase) {
            node.index = phrase;
            keep(node, u"Using"_s, phrase);
            keep(node, u"Automatic"_s, phrase.startsWith("AUTOMATIC"_L1));
            keep(node, u"Covering"_s, phrase.contains("COVERING"_L1));
            return;
        }
    }
    for (const QString &phrase : {u"COVERING INDEX "_s, u"INDEX "_s}) {
        if (access.startsWith(phrase) && access.size() > phrase.size()) {
            node.index = access.mid(phrase.size());
            keep(node, u"Using"_s, phrase.trimmed());
            keep(node, u"Automatic"_s, false);
            keep(node, u"Covering"_s, phrase.startsWith("COVERING"_L1));
            return;
        }
    }
    keep(node, u"Using"_s, access); // a form this reader does not know, kept verbatim
}

// "SCAN t1", "SEARCH t1 AS x USING INDEX i (a=?)", "SCAN TABLE t1" (before 3.36),
// "SCAN v VIRTUAL TABLE INDEX 1:", "SCAN CONSTANT ROW".
void describeAccess(PlanNode &node, const QString &verb, QString rest)
{
    node.nodeType = verb;
    if (rest == "CONSTANT ROW"_L1) {
        node.nodeType = u"SCAN CONSTANT ROW"_s;
        return;
    }
    if (rest.startsWith("TABLE "_L1) && rest.size() > 6)
        rest.remove(0, 6);
    if (const qsizetype at = rest.indexOf(" VIRTUAL TABLE INDEX "_L1); at > 0) {
        keep(node, u"Virtual Table Index"_s, rest.mid(at + 21));
        rest.truncate(at);
    }
    if (const qsizetype at = rest.indexOf(" USING "_L1); at > 0) {
        describeUsing(node, rest.mid(at + 7));
        rest.truncate(at);
    }
    if (const qsizetype at = rest.indexOf(" AS "_L1); at > 0) {
        node.alias = rest.mid(at + 4);
        rest.truncate(at);
    }
    node.relation = rest;
}

} // namespace

void SqliteEqpDetail::describe(PlanNode &node, const QString &detail)
{
    keep(node, u"Detail"_s, detail);
    for (const QString &verb : {u"SCAN"_s, u"SEARCH"_s}) {
        if (detail.startsWith(verb + u' ') && detail.size() > verb.size() + 1) {
            describeAccess(node, verb, detail.mid(verb.size() + 1));
            return;
        }
    }
    for (const QString &verb : {u"CO-ROUTINE"_s, u"MATERIALIZE"_s}) {
        if (detail.startsWith(verb + u' ') && detail.size() > verb.size() + 1) {
            node.nodeType = verb;
            node.subplanName = detail.mid(verb.size() + 1);
            node.relationship = PlanNode::Relationship::Subquery;
            return;
        }
    }
    static const QRegularExpression subquery(
        u"^(?:EXECUTE )?((?:CORRELATED )?(?:SCALAR|LIST) SUBQUERY)(?: (.+))?$"_s);
    if (const QRegularExpressionMatch m = subquery.match(detail); m.hasMatch()) {
        node.nodeType = m.captured(1);
        node.subplanName = m.captured(2);
        node.relationship = PlanNode::Relationship::SubPlan;
        return;
    }
    static const QRegularExpression bloom(u"^BLOOM FILTER ON (.+)$"_s);
    if (const QRegularExpressionMatch m = bloom.match(detail); m.hasMatch()) {
        node.nodeType = u"BLOOM FILTER"_s;
        QString rest = m.captured(1);
        node.indexCond = takeCondition(rest);
        node.relation = rest;
        return;
    }
    // Shells built with SQLITE_ENABLE_STMT_SCANSTATUS (.scanstats) add the automatic index's
    // construction: "CREATE AUTOMATIC INDEX ON t2(b, c) WHERE <expr>". The finding stays
    // with the SEARCH that uses it.
    static const QString automatic = u"CREATE AUTOMATIC INDEX ON "_s;
    if (detail.startsWith(automatic)) {
        QString rest = detail.mid(automatic.size());
        if (rest.endsWith(" WHERE <expr>"_L1)) {
            rest.chop(13);
            node.filter = u"<expr>"_s;
        }
        const qsizetype open = rest.endsWith(u')') ? rest.lastIndexOf(u'(') : -1;
        if (open > 0) {
            node.nodeType = u"CREATE AUTOMATIC INDEX"_s;
            node.relation = rest.left(open);
            keep(node, u"Index Columns"_s, rest.mid(open + 1, rest.size() - open - 2));
            return;
        }
    }
    static const QRegularExpression orTerm(u"^INDEX (\\d+)$"_s);
    if (const QRegularExpressionMatch m = orTerm.match(detail); m.hasMatch()) {
        node.nodeType = u"INDEX"_s; // one term of a MULTI-INDEX OR
        node.subplanName = m.captured(1);
        node.relationship = PlanNode::Relationship::Member;
        return;
    }
    // USE TEMP B-TREE FOR ORDER BY / GROUP BY / DISTINCT / RIGHT PART OF ORDER BY,
    // COMPOUND QUERY, LEFT-MOST SUBQUERY, UNION ALL, UNION USING TEMP B-TREE, MERGE (UNION),
    // LEFT, RIGHT, MULTI-INDEX OR, RECURSIVE STEP, SETUP...: the words are the type.
    node.nodeType = detail;
    static const QRegularExpression member(
        u"^(?:LEFT-MOST SUBQUERY|UNION ALL|(?:UNION|EXCEPT|INTERSECT) USING TEMP B-TREE|LEFT|RIGHT)$"_s);
    if (member.match(detail).hasMatch())
        node.relationship = PlanNode::Relationship::Member;
}

bool SqliteEqpDetail::readsRelation(const PlanNode &node)
{
    return (node.nodeType == "SCAN"_L1 || node.nodeType == "SEARCH"_L1) && !node.relation.isEmpty();
}

} // namespace Strata::Sqlite::Internal
