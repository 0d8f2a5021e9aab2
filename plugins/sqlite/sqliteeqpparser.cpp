// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteeqpparser.h"

#include "sqliteeqpdetail.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Sqlite::SqliteEqpParser)
};

using Row = SqliteEqpParser::Row;

constexpr int MaxRecordLines = 64;

Error notAPlan(const QString &why)
{
    return Error(Error::Code::InvalidArgument, Tr::tr("not an EXPLAIN plan: %1").arg(why));
}

// The lines that hold something, without line ends or a byte-order mark; leading and
// trailing spaces are kept (they can be part of a name).
QStringList contentLines(const QString &text)
{
    QString body = text;
    if (body.startsWith(QChar(0xFEFF)))
        body.remove(0, 1);
    QStringList lines;
    for (QString line : body.split(u'\n')) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    return lines;
}

bool isTreeMark(QStringView s)
{
    return s.startsWith(u"|--") || s.startsWith(u"`--");
}

bool looksLikeTree(const QStringList &lines)
{
    const QString first = lines.first().trimmed();
    return first == "QUERY PLAN"_L1 || isTreeMark(first);
}

// Removes the indentation every line shares (a tree pasted from an indented block).
void dropCommonIndent(QStringList &lines)
{
    qsizetype common = -1;
    for (const QString &line : std::as_const(lines)) {
        qsizetype n = 0;
        while (n < line.size() && line.at(n) == u' ')
            ++n;
        common = common < 0 ? n : std::min(common, n);
    }
    if (common > 0) {
        for (QString &line : lines)
            line.remove(0, common);
    }
}

// The rows of the shell's tree. Once the tree is complete (its last line closes every
// level) the lines after it are what `.eqp on` prints next, the statement's own output: they
// are counted in *trailing, not read.
Result<QList<Row>> treeRows(QStringList lines, int *trailing)
{
    dropCommonIndent(lines);
    const int first = lines.first().trimmed() == "QUERY PLAN"_L1 ? 1 : 0;
    if (first >= lines.size())
        return notAPlan(Tr::tr("the tree has no rows under QUERY PLAN"));
    QList<Row> rows;
    QList<int> open; // the row id at each depth above the current line
    bool complete = false;
    for (int i = first; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        qsizetype pos = 0;
        int depth = 0;
        while (QStringView(line).mid(pos, 3) == u"|  " || QStringView(line).mid(pos, 3) == u"   ") {
            pos += 3;
            ++depth;
        }
        if (!isTreeMark(QStringView(line).mid(pos))) {
            if (complete) {
                *trailing = int(lines.size()) - i;
                break;
            }
            return notAPlan(Tr::tr("line %1 is not a row of the tree (no |-- or `--)").arg(i + 1));
        }
        complete = line.at(pos) == u'`' && !QStringView(line).left(pos).contains(u'|');
        if (depth > open.size())
            return notAPlan(Tr::tr("line %1 is indented deeper than the row above it").arg(i + 1));
        const QString detail = line.mid(pos + 3);
        if (detail.isEmpty())
            return notAPlan(Tr::tr("line %1 has no detail").arg(i + 1));
        open.resize(depth);
        Row row;
        row.id = int(rows.size()) + 1;
        row.parent = depth == 0 ? 0 : open.last();
        row.detail = detail;
        open.append(row.id);
        rows.append(row);
    }
    return rows;
}

QString normalizedName(const QString &cell)
{
    return cell.trimmed().toLower().remove(u'"');
}

// One record into at most four fields: the first three separators split it, the detail
// keeps any further ones (names can hold them). A field that starts with a double quote is
// quoted as Strata's TSV copy and csv export write it ("" for a quote, separators and line
// breaks inside); SQLite's own details never start with one. *closed is false when a quote
// is still open at the end (the record goes on on the next line).
QStringList splitRecord(const QString &record, QChar separator, bool *closed = nullptr)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    bool atFieldStart = true;
    for (qsizetype i = 0; i < record.size(); ++i) {
        const QChar c = record.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < record.size() && record.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && atFieldStart) {
            quoted = true;
            atFieldStart = false;
        } else if (c == separator && fields.size() < 3) {
            fields.append(std::exchange(field, QString()));
            atFieldStart = true;
        } else {
            field += c;
            atFieldStart = false;
        }
    }
    fields.append(field);
    if (closed)
        *closed = !quoted;
    return fields;
}

bool isNumber(const QString &cell)
{
    bool ok = false;
    cell.trimmed().toInt(&ok);
    return ok;
}

QString headerOf(const QStringList &cells)
{
    QStringList names;
    for (const QString &cell : cells)
        names.append(normalizedName(cell));
    return names.join(u',');
}

bool isHeader(const QStringList &cells)
{
    if (cells.size() != 4)
        return false;
    const QString names = headerOf(cells);
    return names == "id,parent,notused,detail"_L1 || names == "selectid,order,from,detail"_L1;
}

// The separator that splits the first line into three numbers and a detail, or into the
// column names; else the first one the line holds (for the error), or null.
QChar separatorOf(const QString &first)
{
    static const QChar separators[] = {u'\t', u'|', u','};
    for (QChar separator : separators) {
        const QStringList cells = splitRecord(first, separator);
        if (cells.size() == 4 && isNumber(cells.at(0)) && isNumber(cells.at(1)) &&
            isNumber(cells.at(2)))
            return separator;
    }
    for (QChar separator : separators) {
        if (isHeader(splitRecord(first, separator)))
            return separator;
    }
    for (QChar separator : separators) {
        if (first.contains(separator))
            return separator;
    }
    return QChar();
}

Result<QList<Row>> tableRows(QStringList lines, QString *format)
{
    const QString first = lines.first();
    const QChar separator = separatorOf(first);
    if (separator.isNull())
        return notAPlan(Tr::tr("the text is neither EXPLAIN QUERY PLAN rows (id, parent, notused, "
                               "detail) nor the sqlite3 shell's QUERY PLAN tree"));
    *format = separator == u'\t' ? u"rows"_s : separator == u'|' ? u"list"_s : u"csv"_s;

    // strata-cli's aligned table: a header, a rule of dashes and pluses, a "(N rows)" footer.
    static const QRegularExpression rule(u"^[-+ ]*-[-+ ]*$"_s);
    static const QRegularExpression footer(u"^\\(\\d+ rows?[^)]*\\)$"_s);
    const bool aligned =
        separator == u'|' && lines.size() > 1 && rule.match(lines.at(1)).hasMatch();
    if (aligned) {
        *format = u"table"_s;
        lines.removeAt(1);
        if (footer.match(lines.last().trimmed()).hasMatch())
            lines.removeLast();
    }

    bool legacy = false; // SQLite before 3.24: selectid, order, from, detail; no tree
    int start = 0;
    const QStringList head = splitRecord(first, separator);
    if (!isNumber(head.first())) {
        const QString joined = head.size() == 4 ? headerOf(head) : QString();
        if (joined == "selectid,order,from,detail"_L1)
            legacy = true;
        else if (joined != "id,parent,notused,detail"_L1)
            return notAPlan(Tr::tr("the first line names the columns \"%1\", not id, parent, "
                                   "notused and detail")
                                .arg(head.join(u", ")));
        start = 1;
    }
    if (start >= lines.size())
        return notAPlan(Tr::tr("there are no rows under the header"));

    QList<Row> rows;
    for (int i = start; i < lines.size(); ++i) {
        QString record = lines.at(i);
        bool closed = true;
        QStringList fields = splitRecord(record, separator, &closed);
        // A quoted detail may hold line breaks; a handful, not a document's worth (which
        // would also make this loop quadratic).
        for (int next = i + 1; !closed && next < lines.size() && next - i <= MaxRecordLines;
             ++next) {
            record += u'\n' + lines.at(next);
            if (!lines.at(next).contains(u'"'))
                continue;
            fields = splitRecord(record, separator, &closed);
            if (closed)
                i = next;
        }
        if (!closed)
            return notAPlan(Tr::tr("line %1 opens a quote that never closes").arg(i + 1));
        if (fields.size() != 4)
            return notAPlan(Tr::tr("line %1 has %2 fields; EXPLAIN QUERY PLAN rows have 4 (id, "
                                   "parent, notused, detail)")
                                .arg(i + 1)
                                .arg(fields.size()));
        int numbers[3] = {0, 0, 0};
        for (int f = 0; f < 3; ++f) {
            bool ok = false;
            numbers[f] = fields.at(f).trimmed().toInt(&ok);
            if (!ok)
                return notAPlan(
                    Tr::tr("line %1: \"%2\" is not a number").arg(i + 1).arg(fields.at(f)));
        }
        Row row;
        row.id = numbers[0];
        row.parent = numbers[1];
        row.notUsed = numbers[2];
        row.detail = aligned ? fields.at(3).trimmed() : fields.at(3);
        rows.append(row);
    }
    // Before 3.24 the first column was the SELECT's number (0 for the outer one), not a row
    // id, and there was no tree: the rows are a flat list.
    if (!legacy && start == 0 && rows.first().id == 0)
        legacy = true;
    if (legacy) {
        for (int i = 0; i < rows.size(); ++i) {
            rows[i].id = i + 1;
            rows[i].parent = 0;
        }
        *format += u"-legacy"_s;
    }
    return rows;
}

void drawChildren(const Plan &plan, const PlanNode &parent, const QString &prefix, QString &out)
{
    for (int i = 0; i < parent.childIds.size(); ++i) {
        const PlanNode &child = plan.node(parent.childIds.at(i));
        const bool last = i == parent.childIds.size() - 1;
        const QJsonValue detail = child.extraValue(u"Detail"_s);
        out += prefix + (last ? u"`--"_s : u"|--"_s) +
               (detail.isString() ? detail.toString() : child.nodeType) + u'\n';
        drawChildren(plan, child, prefix + (last ? u"   "_s : u"|  "_s), out);
    }
}

} // namespace

Result<Plan> SqliteEqpParser::parse(const QString &text)
{
    const QStringList lines = contentLines(text);
    if (lines.isEmpty())
        return notAPlan(Tr::tr("the text is empty"));
    if (looksLikeTree(lines)) {
        int trailing = 0;
        Result<QList<Row>> rows = treeRows(lines, &trailing);
        if (!rows)
            return rows.error();
        Result<Plan> plan = fromRows(*rows, u"tree"_s);
        if (plan && trailing > 0)
            plan->extra.append({u"Lines After The Plan"_s, trailing});
        return plan;
    }
    QString format;
    Result<QList<Row>> rows = tableRows(lines, &format);
    if (!rows)
        return rows.error();
    return fromRows(*rows, format);
}

Result<Plan> SqliteEqpParser::fromRows(const QList<Row> &rows, const QString &sourceFormat)
{
    if (rows.isEmpty())
        return notAPlan(Tr::tr("there are no rows"));
    Plan plan;
    plan.engine = u"sqlite"_s;
    plan.sourceFormat = sourceFormat;
    plan.nodes.reserve(rows.size() + 1); // PlanNode is large: no copies as the list grows
    const auto topLevel =
        std::count_if(rows.cbegin(), rows.cend(), [](const Row &r) { return r.parent == 0; });
    int root = -1;
    if (topLevel != 1) {
        PlanNode synthetic;
        synthetic.nodeType = u"QUERY PLAN"_s;
        root = plan.addNode(synthetic, -1);
    }
    QHash<int, int> nodeOfRow;
    for (const Row &row : rows) {
        if (row.id == 0 || nodeOfRow.contains(row.id))
            return notAPlan(Tr::tr("the row id %1 is not unique").arg(row.id));
        int parent = root;
        if (row.parent != 0) {
            const auto it = nodeOfRow.constFind(row.parent);
            if (it == nodeOfRow.cend())
                return notAPlan(Tr::tr("row %1 names the parent %2, which no earlier row has")
                                    .arg(row.id)
                                    .arg(row.parent));
            parent = it.value();
        }
        if (row.detail.trimmed().isEmpty())
            return notAPlan(Tr::tr("row %1 has no detail").arg(row.id));
        PlanNode node;
        SqliteEqpDetail::describe(node, row.detail);
        const int id = plan.addNode(std::move(node), parent);
        if (plan.node(id).depth > SqliteEqpParser::MaxDepth)
            return notAPlan(Tr::tr("the rows nest deeper than %1 levels, which SQLite never does")
                                .arg(SqliteEqpParser::MaxDepth));
        nodeOfRow.insert(row.id, id);
    }
    return plan;
}

QString SqliteEqpParser::treeText(const Plan &plan)
{
    if (plan.isEmpty())
        return QString();
    QString out = u"QUERY PLAN\n"_s;
    const PlanNode &root = plan.root();
    if (root.nodeType == "QUERY PLAN"_L1 && !root.extraValue(u"Detail"_s).isString()) {
        drawChildren(plan, root, QString(), out);
    } else {
        PlanNode top;
        top.childIds = {root.id};
        drawChildren(plan, top, QString(), out);
    }
    out.chop(1);
    return out;
}

} // namespace Strata::Sqlite::Internal
