// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtextplanparser.h"

#include "pgplankeys.h"
#include "pgpsqloutput.h"
#include "pgtextnodeline.h"
#include "pgtextproperties.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace Strata::Postgres::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgTextPlanParser)
};

// An open level of the tree: a node, or a "SubPlan 1" / "InitPlan 2" / "CTE x" heading
// whose nodes hang under the node above it.
struct Level
{
    int indent = 0;
    int nodeId = -1;
    bool heading = false;
    PlanNode::Relationship relationship = PlanNode::Relationship::None;
    QString name;
};

int indentOf(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n).isSpace())
        ++n;
    return n;
}

// pgAdmin 3 and CSV exports put each line in quotes.
QString unquoteLine(const QString &line)
{
    const QString t = line.trimmed();
    if (t.size() >= 2 && (t.front() == u'"' || t.front() == u'\'') && t.back() == t.front())
        return line.left(line.indexOf(t.front())) + t.mid(1, t.size() - 2);
    return line;
}

// Adds the parentheses of piece to balance, outside quotes ('...' and "...").
void trackParentheses(const QString &piece, int &balance, QChar &quote)
{
    for (QChar c : piece) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(') {
            ++balance;
        } else if (c == u')') {
            --balance;
        }
    }
}

// A terminal or a narrow psql wraps long lines; the rest continues at the start of the next
// line. PostgreSQL never prints a line with an unclosed parenthesis, so such a line takes
// the following lines until its parentheses close.
QStringList joinWrappedLines(const QStringList &lines)
{
    QStringList joined;
    joined.reserve(lines.size());
    int balance = 0;
    bool started = false; // prose before the plan is left alone
    for (const QString &line : lines) {
        if (!started) {
            started = line.contains(QLatin1String("(cost=")) ||
                      line.contains(QLatin1String("(actual")) ||
                      line.trimmed().startsWith(QLatin1String("->"));
        }
        if (started && balance > 0 && !joined.isEmpty() && !line.trimmed().isEmpty()) {
            joined.last() += line;
        } else {
            joined.append(line);
            balance = 0;
        }
        QChar quote; // a quote left open at a line end is more likely prose than a wrapped literal
        trackParentheses(line, balance, quote);
        if (balance < 0)
            balance = 0;
    }
    return joined;
}

bool isStatementKeyCandidate(const QString &trimmed)
{
    for (const char *start :
         {"Planning", "Execution", "Total", "Settings", "Query", "Trigger", "JIT"}) {
        if (trimmed.startsWith(QLatin1String(start), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

class Reader
{
public:
    Result<Plan> read(const QString &text);

private:
    void popTo(int indent);
    int currentNode() const;
    bool readStatementLine(const QString &trimmed, int indent);
    void addNode(PgTextNodeLine::Parsed parsed);
    void addWorker(int nodeId, int number, const QString &rest);
    void addProperties(int nodeId, const QJsonObject &properties);

    Plan m_plan;
    QList<Level> m_levels;
    int m_rootIndent = 0;
    QString m_section; // "Planning" or "JIT" while reading such a block
    int m_sectionIndent = -1;
    QJsonObject m_sectionObject;
    int m_lastNode = -1; // where a wrapped line continues
    QString m_lastKey;
};

void Reader::popTo(int indent)
{
    while (!m_levels.isEmpty() && m_levels.last().indent >= indent)
        m_levels.removeLast();
}

int Reader::currentNode() const
{
    return m_levels.isEmpty() ? -1 : m_levels.last().nodeId;
}

void Reader::addNode(PgTextNodeLine::Parsed parsed)
{
    popTo(parsed.indent);
    int parentId = -1;
    if (!m_levels.isEmpty()) {
        const Level &top = m_levels.last();
        parentId = top.nodeId;
        if (top.heading) {
            parsed.node.relationship = top.relationship;
            parsed.node.subplanName = top.name;
        }
    }
    if (parentId < 0 && !m_plan.isEmpty())
        parentId = 0; // a second top-level operator (odd paste): keep it under the root
    const int id = m_plan.addNode(std::move(parsed.node), parentId);
    if (parentId < 0)
        m_rootIndent = parsed.indent;
    m_levels.append(Level{parsed.indent, id, false, PlanNode::Relationship::None, QString()});
    m_lastNode = id;
    m_lastKey.clear();
}

void Reader::addProperties(int nodeId, const QJsonObject &properties)
{
    PlanNode &node = m_plan.nodes[nodeId];
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it)
        PgPlanKeys::assign(node, it.key(), it.value());
    m_lastNode = nodeId;
    m_lastKey = properties.size() == 1 ? properties.constBegin().key() : QString();
}

void Reader::addWorker(int nodeId, int number, const QString &rest)
{
    PlanNode &node = m_plan.nodes[nodeId];
    qsizetype index = -1;
    for (qsizetype i = 0; i < node.extra.size(); ++i) {
        if (node.extra.at(i).key == QLatin1String("Workers"))
            index = i;
    }
    if (index < 0) {
        node.extra.append({QStringLiteral("Workers"), QJsonArray()});
        index = node.extra.size() - 1;
    }
    QJsonArray workers = node.extra.at(index).value.toArray();
    qsizetype w = 0;
    while (w < workers.size() &&
           workers.at(w).toObject().value(QLatin1String("Worker Number")).toInt(-1) != number)
        ++w;
    QJsonObject worker = w < workers.size()
                             ? workers.at(w).toObject()
                             : QJsonObject{{QStringLiteral("Worker Number"), number}};
    static const QRegularExpression actual(QStringLiteral(
        R"re(^actual time=(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?) rows=(\d+(?:\.\d+)?) loops=(\d+)\s*(.*)$)re"));
    QString more = rest.trimmed();
    if (const auto m = actual.match(more); m.hasMatch()) {
        worker.insert(QStringLiteral("Actual Startup Time"), m.captured(1).toDouble());
        worker.insert(QStringLiteral("Actual Total Time"), m.captured(2).toDouble());
        worker.insert(QStringLiteral("Actual Rows"), m.captured(3).toDouble());
        worker.insert(QStringLiteral("Actual Loops"), m.captured(4).toDouble());
        more = m.captured(5);
    }
    const QJsonObject properties = PgTextProperties::read(more);
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it)
        worker.insert(it.key(), it.value());
    if (w < workers.size())
        workers[w] = worker;
    else
        workers.append(worker);
    node.extra[index].value = workers;
}

// Lines about the statement as a whole, at the root's indentation or less.
bool Reader::readStatementLine(const QString &trimmed, int indent)
{
    // These belong to the statement wherever a paste indented them; anything else only at
    // the root's indentation or less.
    static const QRegularExpression statementKey(
        QStringLiteral(
            R"re(^(?:Planning Time|Execution Time|Total runtime|Settings|Query Text|Trigger .+): )re"),
        QRegularExpression::CaseInsensitiveOption);
    if (indent > m_rootIndent && !isStatementKeyCandidate(trimmed)) // cheap test first
        return false;
    if (indent > m_rootIndent && !statementKey.match(trimmed).hasMatch() &&
        trimmed != QLatin1String("Planning:") && trimmed != QLatin1String("JIT:"))
        return false;
    static const QRegularExpression trigger(
        QStringLiteral(R"re(^Trigger (.+): time=(\d+(?:\.\d+)?) calls=(\d+)$)re"));
    if (const auto m = trigger.match(trimmed); m.hasMatch()) {
        QString name = m.captured(1);
        QString relation;
        if (const qsizetype on = name.lastIndexOf(QLatin1String(" on ")); on > 0) {
            relation = name.mid(on + 4);
            name.truncate(on);
        }
        m_plan.triggers.append(
            {name, relation, m.captured(2).toDouble(), m.captured(3).toDouble()});
        return true;
    }
    if (trimmed == QLatin1String("Planning:") || trimmed == QLatin1String("JIT:")) {
        m_section = trimmed.chopped(1);
        m_sectionIndent = indent;
        m_sectionObject = QJsonObject();
        return true;
    }
    const QJsonObject p = PgTextProperties::read(trimmed);
    if (p.isEmpty())
        return false;
    const QString key = p.constBegin().key();
    const QJsonValue value = p.constBegin().value();
    if (key.compare(QLatin1String("Planning Time"), Qt::CaseInsensitive) == 0 && value.isDouble()) {
        m_plan.planningMs = value.toDouble();
    } else if ((key.compare(QLatin1String("Execution Time"), Qt::CaseInsensitive) == 0 ||
                key.compare(QLatin1String("Total runtime"), Qt::CaseInsensitive) == 0) &&
               value.isDouble()) {
        m_plan.executionMs = value.toDouble();
    } else if (key == QLatin1String("Query Text")) {
        m_plan.queryText = value.toString();
    } else if (key == QLatin1String("Settings")) {
        static const QRegularExpression setting(
            QStringLiteral(R"re(^([\w.]+) = '((?:[^']|'')*)'$)re"));
        for (const QString &item : PgTextProperties::splitList(value.toString())) {
            const auto m = setting.match(item);
            if (m.hasMatch())
                m_plan.settings.append({m.captured(1), m.captured(2).replace(QStringLiteral("''"),
                                                                             QStringLiteral("'"))});
        }
    } else {
        for (auto it = p.constBegin(); it != p.constEnd(); ++it)
            m_plan.extra.append({it.key(), it.value()});
    }
    m_lastNode = -1;
    return true;
}

Result<Plan> Reader::read(const QString &text)
{
    m_plan.engine = QStringLiteral("postgresql");
    m_plan.sourceFormat = QStringLiteral("text");
    const QStringList lines = joinWrappedLines(PgPsqlOutput::plainText(text).split(u'\n'));
    static const QRegularExpression heading(
        QStringLiteral(R"re(^((?:InitPlan|SubPlan)\b.*|CTE (.+))$)re"));
    static const QRegularExpression workerLine(QStringLiteral(R"re(^Worker (\d+):\s+(.*)$)re"));
    for (QString line : lines) {
        line = unquoteLine(line);
        line.replace(u'\t', QStringLiteral("    "));
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        const int indent = indentOf(line);
        if (m_plan.isEmpty()) {
            // Anything before the first operator (SQL, psql's command tags, comments) is not
            // ours, except auto_explain's "Query Text:".
            if (auto parsed = PgTextNodeLine::parse(line, true))
                addNode(std::move(*parsed));
            else if (trimmed.startsWith(QLatin1String("Query Text: ")))
                m_plan.queryText = trimmed.mid(12);
            continue;
        }
        if (!m_section.isEmpty()) {
            if (indent > m_sectionIndent) {
                const QJsonObject p = PgTextProperties::read(trimmed);
                for (auto it = p.constBegin(); it != p.constEnd(); ++it)
                    m_sectionObject.insert(it.key(), it.value());
                continue;
            }
            m_plan.extra.append({m_section, m_sectionObject});
            m_section.clear();
        }
        if (trimmed.startsWith(QLatin1String("->")) ||
            (indent > m_rootIndent && line.contains(QLatin1String("(cost=")))) {
            if (auto parsed = PgTextNodeLine::parse(line, false)) {
                addNode(std::move(*parsed));
                continue;
            }
        }
        const bool maybeHeading = trimmed.startsWith(QLatin1String("InitPlan")) ||
                                  trimmed.startsWith(QLatin1String("SubPlan")) ||
                                  trimmed.startsWith(QLatin1String("CTE "));
        if (const auto h = maybeHeading ? heading.match(trimmed) : QRegularExpressionMatch();
            h.hasMatch() && indent > m_rootIndent) {
            popTo(indent);
            const int owner = currentNode();
            const bool cte = !h.captured(2).isEmpty();
            const auto rel = cte || trimmed.startsWith(QLatin1String("InitPlan"))
                                 ? PlanNode::Relationship::InitPlan
                                 : PlanNode::Relationship::SubPlan;
            m_levels.append(Level{indent, owner, true, rel, trimmed});
            continue;
        }
        if (readStatementLine(trimmed, indent))
            continue;
        if (const auto w = trimmed.startsWith(QLatin1String("Worker ")) ? workerLine.match(trimmed)
                                                                        : QRegularExpressionMatch();
            w.hasMatch()) {
            popTo(indent);
            addWorker(currentNode() >= 0 ? currentNode() : 0, w.captured(1).toInt(), w.captured(2));
            continue;
        }
        const QJsonObject properties = PgTextProperties::read(trimmed);
        if (!properties.isEmpty()) {
            popTo(indent);
            addProperties(currentNode() >= 0 ? currentNode() : 0, properties);
            continue;
        }
        // A line the terminal wrapped: it continues the last text property.
        if (m_lastNode >= 0 && !m_lastKey.isEmpty()) {
            PlanNode &node = m_plan.nodes[m_lastNode];
            const QJsonValue current = PgPlanKeys::value(node, m_lastKey);
            if (current.isString()) {
                PgPlanKeys::remove(node, m_lastKey);
                PgPlanKeys::assign(node, m_lastKey, QJsonValue(current.toString() + trimmed));
            }
        }
    }
    if (!m_section.isEmpty())
        m_plan.extra.append({m_section, m_sectionObject});
    if (m_plan.isEmpty())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("not an EXPLAIN plan: no plan operator line was found"));
    return m_plan;
}

} // namespace

Result<Plan> PgTextPlanParser::parse(const QString &text)
{
    if (text.trimmed().isEmpty())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("not an EXPLAIN plan: the input is empty"));
    Reader reader;
    return reader.read(text);
}

} // namespace Strata::Postgres::Internal
