// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlcatalogbuilder.h"

#include "mysqldialect.h"

#include <algorithm>

namespace Strata::MySql::Internal {

namespace {

bool isNumericType(const QString &dataType)
{
    static const QStringList numeric = {QStringLiteral("tinyint"),   QStringLiteral("smallint"),
                                        QStringLiteral("mediumint"), QStringLiteral("int"),
                                        QStringLiteral("bigint"),    QStringLiteral("decimal"),
                                        QStringLiteral("float"),     QStringLiteral("double"),
                                        QStringLiteral("bit"),       QStringLiteral("year")};
    return numeric.contains(dataType.toLower());
}

// MariaDB 10.2.7+ prints defaults as SQL: 'text' quoted, NULL as the word NULL, expressions
// as written. MySQL prints the bare literal and flags expressions with DEFAULT_GENERATED.
std::optional<QString> defaultExpression(bool mariadb, const QString &raw, const QString &dataType,
                                         const QString &extra)
{
    if (raw.isNull())
        return std::nullopt;
    if (mariadb) {
        if (raw == QLatin1String("NULL"))
            return std::nullopt;
        return raw;
    }
    if (extra.contains(QLatin1String("DEFAULT_GENERATED"), Qt::CaseInsensitive) ||
        isNumericType(dataType))
        return raw;
    QString quoted = raw;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Routine::Kind routineKind(const QString &type)
{
    return type == QLatin1String("PROCEDURE") ? Routine::Kind::Procedure : Routine::Kind::Function;
}

} // namespace

MySqlCatalogBuilder::MySqlCatalogBuilder(bool mariadb)
    : m_mariadb(mariadb)
{}

QString MySqlCatalogBuilder::cell(const ResultSet &rows, qint64 row, int column)
{
    if (rows.isNull(row, column))
        return {};
    const QByteArrayView raw = rows.raw(row, column);
    if (raw.isEmpty())
        return QLatin1String("");
    return QString::fromUtf8(raw);
}

QString MySqlCatalogBuilder::stripSchemaQualifier(const QString &definition, const QString &schema)
{
    QString copy = definition;
    return copy.replace(MySqlDialect::quote(schema) + QLatin1Char('.'), QString());
}

void MySqlCatalogBuilder::addSchema(const QString &name)
{
    m_schemas[name];
}

Table *MySqlCatalogBuilder::table(const QString &schema, const QString &name)
{
    auto s = m_schemas.find(schema);
    if (s == m_schemas.end())
        return nullptr;
    auto t = s->tables.find(name);
    return t == s->tables.end() ? nullptr : &t.value();
}

void MySqlCatalogBuilder::addTables(const ResultSet &rows)
{
    // TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS, size, TABLE_COMMENT, TABLE_COLLATION
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        const QString schema = cell(rows, r, 0);
        auto s = m_schemas.find(schema);
        if (s == m_schemas.end())
            continue; // the IN list matched case-insensitively; keep exact names only
        const QString name = cell(rows, r, 1);
        const QString type = cell(rows, r, 2);
        if (type == QLatin1String("SEQUENCE")) {
            Sequence sequence;
            sequence.schema = schema;
            sequence.name = name;
            sequence.dataType = QStringLiteral("bigint");
            s->sequences.append(sequence);
            continue;
        }
        if (type == QLatin1String("SYSTEM VIEW"))
            continue;
        Table table;
        table.schema = schema;
        table.name = name;
        table.kind = type == QLatin1String("VIEW") ? Table::Kind::View : Table::Kind::Table;
        const QString rowsText = cell(rows, r, 3);
        const QString sizeText = cell(rows, r, 4);
        table.rowEstimate = rowsText.isNull() ? -1 : rowsText.toLongLong();
        table.sizeBytes = sizeText.isNull() ? -1 : sizeText.toLongLong();
        if (table.kind == Table::Kind::Table)
            table.comment = cell(rows, r, 5);
        s->tableCollations.insert(name, cell(rows, r, 6));
        s->tables.insert(name, table);
    }
}

void MySqlCatalogBuilder::addViews(const ResultSet &rows)
{
    // TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        const QString schema = cell(rows, r, 0);
        if (Table *t = table(schema, cell(rows, r, 1)))
            t->viewDefinition = stripSchemaQualifier(cell(rows, r, 2), schema);
    }
}

void MySqlCatalogBuilder::addColumns(const ResultSet &rows)
{
    // TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
    // GENERATION_EXPRESSION, COLUMN_COMMENT, COLLATION_NAME, DATA_TYPE
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        const QString schema = cell(rows, r, 0);
        const QString tableName = cell(rows, r, 1);
        Table *t = table(schema, tableName);
        if (!t)
            continue;
        Column column;
        column.name = cell(rows, r, 2);
        column.type = cell(rows, r, 3);
        column.nullable = cell(rows, r, 4) == QLatin1String("YES");
        const QString extra = cell(rows, r, 6);
        column.autoIncrement = extra.contains(QLatin1String("auto_increment"), Qt::CaseInsensitive);
        const QString generated = cell(rows, r, 7);
        column.generated = generated.isNull() ? QString() : generated;
        if (column.generated.isEmpty())
            column.defaultValue =
                defaultExpression(m_mariadb, cell(rows, r, 5), cell(rows, r, 10), extra);
        column.comment = cell(rows, r, 8);
        const QString collation = cell(rows, r, 9);
        if (t->kind == Table::Kind::Table && !collation.isEmpty() &&
            collation != m_schemas[schema].tableCollations.value(tableName))
            column.collation = collation;
        t->columns.append(column);
    }
}

void MySqlCatalogBuilder::addIndexes(const ResultSet &rows)
{
    // TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART,
    // INDEX_TYPE, COLLATION, EXPRESSION (MySQL 8 functional key parts; NULL on MariaDB)
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        Table *t = table(cell(rows, r, 0), cell(rows, r, 1));
        if (!t)
            continue;
        const QString name = cell(rows, r, 2);
        auto it = std::find_if(t->indexes.begin(), t->indexes.end(),
                               [&](const Index &i) { return i.name == name; });
        if (it == t->indexes.end()) {
            Index index;
            index.name = name;
            index.unique = cell(rows, r, 3) == QLatin1String("0");
            index.primary = name == QLatin1String("PRIMARY");
            index.method = cell(rows, r, 7);
            t->indexes.append(index);
            it = t->indexes.end() - 1;
        }
        const QString column = cell(rows, r, 5);
        const QString expression = rows.columns.size() > 9 ? cell(rows, r, 9) : QString();
        QString part;
        if (column.isNull() && !expression.isEmpty()) {
            part = QLatin1Char('(') + expression + QLatin1Char(')');
        } else {
            part = column;
            const QString prefix = cell(rows, r, 6);
            const bool descending = cell(rows, r, 8) == QLatin1String("D");
            // Prefix and order only exist in SQL form: then the entry is an expression.
            if (!prefix.isEmpty() || descending) {
                part = MySqlDialect::quote(column);
                if (!prefix.isEmpty())
                    part += QLatin1Char('(') + prefix + QLatin1Char(')');
                if (descending)
                    part += QLatin1String(" DESC");
            }
        }
        it->columns.append(part);
    }
}

void MySqlCatalogBuilder::addKeyConstraints(const ResultSet &rows)
{
    // TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE, COLUMN_NAME,
    // REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, UPDATE_RULE,
    // DELETE_RULE; ordered by table, constraint, ordinal position
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        Table *t = table(cell(rows, r, 0), cell(rows, r, 1));
        if (!t)
            continue;
        const QString name = cell(rows, r, 2);
        const QString type = cell(rows, r, 3);
        const QString column = cell(rows, r, 4);
        if (type == QLatin1String("PRIMARY KEY")) {
            t->primaryKeyName = name;
            t->primaryKey.append(column);
        } else if (type == QLatin1String("UNIQUE")) {
            auto it = std::find_if(t->uniqueConstraints.begin(), t->uniqueConstraints.end(),
                                   [&](const UniqueConstraint &u) { return u.name == name; });
            if (it == t->uniqueConstraints.end()) {
                t->uniqueConstraints.append(UniqueConstraint{name, {}});
                it = t->uniqueConstraints.end() - 1;
            }
            it->columns.append(column);
        } else if (type == QLatin1String("FOREIGN KEY")) {
            auto it = std::find_if(t->foreignKeys.begin(), t->foreignKeys.end(),
                                   [&](const ForeignKey &f) { return f.name == name; });
            if (it == t->foreignKeys.end()) {
                ForeignKey fk;
                fk.name = name;
                fk.refSchema = cell(rows, r, 5);
                fk.refTable = cell(rows, r, 6);
                fk.onUpdate = cell(rows, r, 8);
                fk.onDelete = cell(rows, r, 9);
                t->foreignKeys.append(fk);
                it = t->foreignKeys.end() - 1;
            }
            it->columns.append(column);
            it->refColumns.append(cell(rows, r, 7));
        }
    }
}

void MySqlCatalogBuilder::addChecks(const ResultSet &rows)
{
    // schema, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        if (Table *t = table(cell(rows, r, 0), cell(rows, r, 1)))
            t->checkConstraints.append(CheckConstraint{cell(rows, r, 2), cell(rows, r, 3)});
    }
}

void MySqlCatalogBuilder::addRoutines(const ResultSet &routines, const ResultSet &parameters)
{
    // parameters: SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE,
    // PARAMETER_NAME, DTD_IDENTIFIER; ordered by ORDINAL_POSITION, the return value excluded
    QHash<QString, QStringList> arguments;
    for (qint64 r = 0; r < parameters.rowCount(); ++r) {
        const QString key = cell(parameters, r, 0) + QChar(0) + cell(parameters, r, 1) + QChar(0) +
                            cell(parameters, r, 2);
        const QString mode = cell(parameters, r, 3);
        QString argument =
            MySqlDialect::quote(cell(parameters, r, 4)) + QLatin1Char(' ') + cell(parameters, r, 5);
        if (cell(parameters, r, 2) == QLatin1String("PROCEDURE") && !mode.isEmpty())
            argument = mode + QLatin1Char(' ') + argument;
        arguments[key].append(argument);
    }
    // routines: ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY,
    // ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS
    for (qint64 r = 0; r < routines.rowCount(); ++r) {
        const QString schema = cell(routines, r, 0);
        auto s = m_schemas.find(schema);
        const QString type = cell(routines, r, 2);
        if (s == m_schemas.end() ||
            (type != QLatin1String("FUNCTION") && type != QLatin1String("PROCEDURE")))
            continue;
        Routine routine;
        routine.schema = schema;
        routine.name = cell(routines, r, 1);
        routine.kind = routineKind(type);
        routine.arguments = arguments.value(schema + QChar(0) + routine.name + QChar(0) + type)
                                .join(QLatin1String(", "));
        if (routine.kind == Routine::Kind::Function)
            routine.returnType = cell(routines, r, 3);
        routine.language = cell(routines, r, 4);
        QString definition = QStringLiteral("CREATE %1 %2(%3)")
                                 .arg(type, MySqlDialect::quote(routine.name), routine.arguments);
        if (routine.kind == Routine::Kind::Function)
            definition += QLatin1String(" RETURNS ") + routine.returnType;
        if (cell(routines, r, 6) == QLatin1String("YES"))
            definition += QLatin1String("\nDETERMINISTIC");
        const QString access = cell(routines, r, 7);
        if (!access.isEmpty() && access != QLatin1String("CONTAINS SQL"))
            definition += QLatin1Char('\n') + access;
        routine.definition = definition + QLatin1Char('\n') + cell(routines, r, 5);
        s->routines.append(routine);
    }
}

void MySqlCatalogBuilder::addTriggers(const ResultSet &rows)
{
    // TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION,
    // ACTION_STATEMENT; ordered by ACTION_ORDER
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        Table *t = table(cell(rows, r, 0), cell(rows, r, 1));
        if (!t)
            continue;
        Trigger trigger;
        trigger.name = cell(rows, r, 2);
        trigger.timing = cell(rows, r, 3);
        trigger.events = QStringList{cell(rows, r, 4)};
        trigger.definition =
            QStringLiteral("CREATE TRIGGER %1 %2 %3 ON %4 FOR EACH ROW %5")
                .arg(MySqlDialect::quote(trigger.name), trigger.timing, trigger.events.constFirst(),
                     MySqlDialect::quote(t->name), cell(rows, r, 5));
        t->triggers.append(trigger);
    }
}

QList<QPair<QString, QString>> MySqlCatalogBuilder::sequenceNames() const
{
    QList<QPair<QString, QString>> names;
    for (auto s = m_schemas.cbegin(); s != m_schemas.cend(); ++s) {
        for (const Sequence &sequence : s->sequences)
            names.append({s.key(), sequence.name});
    }
    return names;
}

void MySqlCatalogBuilder::addSequenceDetails(const ResultSet &rows)
{
    // schema, name, start_value, minimum_value, maximum_value, increment, cycle_option
    for (qint64 r = 0; r < rows.rowCount(); ++r) {
        auto s = m_schemas.find(cell(rows, r, 0));
        if (s == m_schemas.end())
            continue;
        const QString name = cell(rows, r, 1);
        for (Sequence &sequence : s->sequences) {
            if (sequence.name != name)
                continue;
            sequence.start = cell(rows, r, 2).toLongLong();
            sequence.minValue = cell(rows, r, 3).toLongLong();
            sequence.maxValue = cell(rows, r, 4).toLongLong();
            sequence.increment = cell(rows, r, 5).toLongLong();
            sequence.cycle = cell(rows, r, 6) == QLatin1String("1");
        }
    }
}

QList<Schema> MySqlCatalogBuilder::schemas() const
{
    QList<Schema> list;
    for (auto s = m_schemas.cbegin(); s != m_schemas.cend(); ++s) {
        Schema schema;
        schema.name = s.key();
        for (Table table : s->tables) {
            // The primary key's index first, then by name: a stable order for comparisons.
            std::stable_sort(table.indexes.begin(), table.indexes.end(),
                             [](const Index &a, const Index &b) {
                                 if (a.primary != b.primary)
                                     return a.primary;
                                 return a.name < b.name;
                             });
            auto byName = [](const auto &a, const auto &b) { return a.name < b.name; };
            std::sort(table.uniqueConstraints.begin(), table.uniqueConstraints.end(), byName);
            std::sort(table.checkConstraints.begin(), table.checkConstraints.end(), byName);
            std::sort(table.foreignKeys.begin(), table.foreignKeys.end(), byName);
            schema.tables.append(table);
        }
        schema.sequences = s->sequences;
        schema.routines = s->routines;
        std::sort(schema.routines.begin(), schema.routines.end(),
                  [](const Routine &a, const Routine &b) { return a.name < b.name; });
        list.append(schema);
    }
    return list;
}

} // namespace Strata::MySql::Internal
