// SPDX-License-Identifier: GPL-3.0-or-later
#include "editplanner.h"

#include "plugins/idialect.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::EditPlanner)
};

Error badValue(const ColumnInfo &column, const QString &text, const QString &what)
{
    return Error(Error::Code::InvalidArgument,
                 Tr::tr("The value \"%1\" of column %2 is not %3.").arg(text, column.name, what));
}

int kindOrder(RowChange::Kind kind)
{
    switch (kind) {
    case RowChange::Kind::Delete:
        return 0;
    case RowChange::Kind::Update:
        return 1;
    case RowChange::Kind::Insert:
        return 2;
    }
    return 3;
}
} // namespace

EditPlanner::Syntax EditPlanner::syntaxFor(const QString &engine)
{
    if (engine == "postgresql"_L1)
        return Syntax::PostgreSql;
    if (engine == "mysql"_L1 || engine == "mariadb"_L1)
        return Syntax::MySql;
    return Syntax::Sqlite;
}

QString EditPlanner::openTransactionProbe(Syntax syntax)
{
    switch (syntax) {
    case Syntax::PostgreSql:
        // Outside a transaction block every statement is its own transaction, started with it.
        return u"SELECT pg_catalog.now() <> pg_catalog.statement_timestamp()"_s;
    case Syntax::MySql:
        return u"SELECT @@in_transaction"_s;
    case Syntax::Sqlite:
        // Registered on every connection by the SQLite plugin (sqlite3_get_autocommit).
        return u"SELECT strata_in_transaction()"_s;
    }
    return {};
}

EditPlanner::EditPlanner(const EditTarget &target, const IDialect &dialect, Syntax syntax)
    : m_target(target)
    , m_dialect(dialect)
    , m_syntax(syntax)
{}

Result<QVariant> EditPlanner::typedValue(const ColumnInfo &column, const QVariant &input)
{
    if (input.isNull() || !input.isValid())
        return QVariant();
    if (input.typeId() != QMetaType::QString)
        return input; // already typed (a value read back from the server)
    const QString text = input.toString();
    const QString trimmed = text.trimmed();
    switch (column.kind) {
    case CellKind::Integer: {
        bool ok = false;
        const qlonglong value = trimmed.toLongLong(&ok);
        if (ok)
            return QVariant(value);
        const qulonglong unsignedValue = trimmed.toULongLong(&ok);
        if (ok)
            return QVariant(unsignedValue);
        return badValue(column, text, Tr::tr("a whole number"));
    }
    case CellKind::Float: {
        bool ok = false;
        const double value = trimmed.toDouble(&ok);
        if (ok)
            return QVariant(value);
        return badValue(column, text, Tr::tr("a number"));
    }
    case CellKind::Numeric: {
        static const QRegularExpression decimal(u"^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"_s);
        if (decimal.match(trimmed).hasMatch())
            return QVariant(trimmed);
        return badValue(column, text, Tr::tr("a decimal number"));
    }
    case CellKind::Boolean: {
        const QString lower = trimmed.toLower();
        if (lower == "true"_L1 || lower == "t"_L1 || lower == "1"_L1 || lower == "yes"_L1 ||
            lower == "on"_L1)
            return QVariant(true);
        if (lower == "false"_L1 || lower == "f"_L1 || lower == "0"_L1 || lower == "no"_L1 ||
            lower == "off"_L1)
            return QVariant(false);
        return badValue(column, text, Tr::tr("true or false"));
    }
    case CellKind::Binary:
    case CellKind::HexBinary: {
        // Binary cells are shown as \x + hex; typed text in that form is read back as bytes,
        // anything else is taken as the bytes of the text itself.
        if (trimmed.startsWith("\\x"_L1) || trimmed.startsWith("0x"_L1)) {
            const QByteArray hex = trimmed.mid(2).toLatin1();
            static const QRegularExpression hexDigits(u"^([0-9a-fA-F]{2})*$"_s);
            if (!hexDigits.match(QString::fromLatin1(hex)).hasMatch())
                return badValue(column, text, Tr::tr("hexadecimal bytes"));
            return QVariant(QByteArray::fromHex(hex));
        }
        return QVariant(text.toUtf8());
    }
    default:
        return QVariant(text);
    }
}

QString EditPlanner::marker(int index) const
{
    return m_syntax == Syntax::PostgreSql ? u"$%1"_s.arg(index) : u"?"_s;
}

QString EditPlanner::table() const
{
    return m_dialect.qualifiedName(m_target.schema, m_target.table);
}

QString EditPlanner::column(int resultColumn) const
{
    return m_dialect.quoteIdentifier(m_target.sourceColumns.at(resultColumn));
}

QString EditPlanner::nullSafeEquals() const
{
    switch (m_syntax) {
    case Syntax::PostgreSql:
        return u" IS NOT DISTINCT FROM "_s;
    case Syntax::MySql:
        return u" <=> "_s;
    case Syntax::Sqlite:
        return u" IS "_s;
    }
    return u" = "_s;
}

bool EditPlanner::checksOriginal(int resultColumn) const
{
    const ColumnInfo &column = m_target.columns.at(resultColumn);
    // Such edits are guarded by the key alone: a MariaDB FLOAT never equals its own text form
    // compared as a double, and these PostgreSQL types have no equality operator.
    if (m_syntax == Syntax::MySql)
        return column.kind != CellKind::Float;
    if (m_syntax == Syntax::PostgreSql) {
        static const QStringList noEquality = {u"json"_s, u"xml"_s,     u"point"_s,
                                               u"line"_s, u"lseg"_s,    u"box"_s,
                                               u"path"_s, u"polygon"_s, u"circle"_s};
        QString type = column.typeName.toLower();
        if (type.endsWith("[]"_L1))
            type.chop(2);
        return !noEquality.contains(type);
    }
    return true;
}

Result<QVariant> EditPlanner::valueFor(const RowChange &change, int column) const
{
    return typedValue(m_target.columns.at(column), change.values.value(column));
}

Result<EditStatement> EditPlanner::update(const RowChange &change) const
{
    EditStatement statement;
    statement.kind = EditStatement::Kind::Update;
    statement.row = change.row;
    QList<int> changed = change.values.keys();
    std::sort(changed.begin(), changed.end());
    QStringList sets;
    for (int c : std::as_const(changed)) {
        Result<QVariant> value = valueFor(change, c);
        if (!value)
            return value.error();
        statement.parameters.append(value.value());
        sets.append(column(c) + u" = "_s + marker(int(statement.parameters.size())));
    }
    QStringList where;
    for (int c : m_target.keyColumns) {
        statement.parameters.append(change.original.value(c));
        where.append(column(c) + u" = "_s + marker(int(statement.parameters.size())));
    }
    for (int c : std::as_const(changed)) {
        if (m_target.isKeyColumn(c) || !checksOriginal(c))
            continue;
        statement.parameters.append(change.original.value(c));
        where.append(column(c) + nullSafeEquals() + marker(int(statement.parameters.size())));
    }
    statement.sql = u"UPDATE "_s + table() + u" SET "_s + sets.join(u", "_s) + u" WHERE "_s +
                    where.join(u" AND "_s);
    return statement;
}

Result<EditStatement> EditPlanner::insert(const RowChange &change) const
{
    EditStatement statement;
    statement.kind = EditStatement::Kind::Insert;
    statement.row = change.row;
    QList<int> set = change.values.keys();
    std::sort(set.begin(), set.end());
    QStringList names;
    QStringList markers;
    for (int c : std::as_const(set)) {
        Result<QVariant> value = valueFor(change, c);
        if (!value)
            return value.error();
        statement.parameters.append(value.value());
        names.append(column(c));
        markers.append(marker(int(statement.parameters.size())));
    }
    QStringList returning;
    for (int c = 0; c < m_target.sourceColumns.size(); ++c)
        returning.append(column(c));
    statement.sql = u"INSERT INTO "_s + table();
    if (names.isEmpty()) {
        statement.sql += m_syntax == Syntax::MySql ? u" () VALUES ()"_s : u" DEFAULT VALUES"_s;
    } else {
        statement.sql +=
            u" ("_s + names.join(u", "_s) + u") VALUES ("_s + markers.join(u", "_s) + u')';
    }
    // The server's own values (defaults, serials) are shown after saving.
    statement.sql += u" RETURNING "_s + returning.join(u", "_s);
    return statement;
}

EditStatement EditPlanner::remove(const RowChange &change) const
{
    EditStatement statement;
    statement.kind = EditStatement::Kind::Delete;
    statement.row = change.row;
    QStringList where;
    for (int c : m_target.keyColumns) {
        statement.parameters.append(change.original.value(c));
        where.append(column(c) + u" = "_s + marker(int(statement.parameters.size())));
    }
    statement.sql = u"DELETE FROM "_s + table() + u" WHERE "_s + where.join(u" AND "_s);
    return statement;
}

Result<QList<EditStatement>> EditPlanner::plan(const ChangeSet &changes) const
{
    ChangeSet ordered = changes;
    std::stable_sort(ordered.begin(), ordered.end(), [](const RowChange &a, const RowChange &b) {
        if (kindOrder(a.kind) != kindOrder(b.kind))
            return kindOrder(a.kind) < kindOrder(b.kind);
        return a.row < b.row;
    });
    QList<EditStatement> statements;
    for (const RowChange &change : std::as_const(ordered)) {
        switch (change.kind) {
        case RowChange::Kind::Delete:
            statements.append(remove(change));
            break;
        case RowChange::Kind::Update: {
            if (change.values.isEmpty())
                break;
            Result<EditStatement> statement = update(change);
            if (!statement)
                return Error(
                    Error::Code::InvalidArgument,
                    Tr::tr("Row %1: %2").arg(change.row + 1).arg(statement.error().message()));
            statements.append(statement.value());
            break;
        }
        case RowChange::Kind::Insert: {
            Result<EditStatement> statement = insert(change);
            if (!statement)
                return Error(
                    Error::Code::InvalidArgument,
                    Tr::tr("Row %1: %2").arg(change.row + 1).arg(statement.error().message()));
            statements.append(statement.value());
            break;
        }
        }
    }
    return statements;
}

} // namespace Strata
