// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgdialect.h"

#include "pgkeywords.h"

#include <QCoreApplication>
#include <QSet>

namespace Strata::Postgres::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgDialect)
};

bool isBareIdentifier(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool lower = c >= u'a' && c <= u'z';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(lower || c == u'_' || (digit && i > 0)))
            return false;
    }
    return !PgKeywords::isRestricted(name);
}

QString withoutTrailingSemicolon(QString sql)
{
    sql = sql.trimmed();
    while (sql.endsWith(u';'))
        sql = sql.chopped(1).trimmed();
    return sql;
}

QString kindKeyword(Table::Kind kind)
{
    switch (kind) {
    case Table::Kind::View:
        return QStringLiteral("VIEW");
    case Table::Kind::MaterializedView:
        return QStringLiteral("MATERIALIZED VIEW");
    case Table::Kind::Table:
        break;
    }
    return QStringLiteral("TABLE");
}

// serial/bigserial/smallserial for a column whose default draws from its own sequence.
QString serialType(const Column &column)
{
    if (!column.autoIncrement || !column.defaultValue
        || !column.defaultValue->startsWith(QLatin1String("nextval(")))
        return {};
    if (column.type == QLatin1String("integer"))
        return QStringLiteral("serial");
    if (column.type == QLatin1String("bigint"))
        return QStringLiteral("bigserial");
    if (column.type == QLatin1String("smallint"))
        return QStringLiteral("smallserial");
    return {};
}
} // namespace

QString PgDialect::quoteIdentifier(const QString &name) const
{
    if (isBareIdentifier(name))
        return name;
    QString quoted = name;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString PgDialect::quoteLiteral(const QString &value) const
{
    // PostgreSQL text cannot hold NUL, so NUL characters are dropped. With a backslash the
    // E'' form is used: it reads the same whatever standard_conforming_strings says.
    QString escaped = value;
    escaped.remove(QChar(u'\0'));
    escaped.replace(u'\'', QStringLiteral("''"));
    if (escaped.contains(u'\\')) {
        escaped.replace(u'\\', QStringLiteral("\\\\"));
        return QStringLiteral("E'") + escaped + u'\'';
    }
    return u'\'' + escaped + u'\'';
}

QString PgDialect::qualifiedName(const QString &schema, const QString &name) const
{
    if (schema.isEmpty())
        return quoteIdentifier(name);
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(name);
}

QString PgDialect::quoteList(const QStringList &names) const
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &name : names)
        quoted << quoteIdentifier(name);
    return quoted.join(QStringLiteral(", "));
}

QString PgDialect::createSchemaStatement(const QString &schema) const
{
    return QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + quoteIdentifier(schema);
}

Result<void> PgDialect::checkIdentifiers(const Table &table) const
{
    QStringList names{table.schema, table.name, table.primaryKeyName};
    for (const Column &c : table.columns)
        names << c.name << c.collation;
    for (const UniqueConstraint &u : table.uniqueConstraints)
        names << u.name << u.columns;
    for (const CheckConstraint &c : table.checkConstraints)
        names << c.name;
    for (const Index &i : table.indexes)
        names << i.name;
    for (const ForeignKey &fk : table.foreignKeys)
        names << fk.name << fk.columns << fk.refSchema << fk.refTable << fk.refColumns;
    names << table.primaryKey;
    for (const QString &name : std::as_const(names)) {
        const qsizetype bytes = name.toUtf8().size();
        if (bytes > MaxIdentifierBytes) {
            return Error(Error::Code::InvalidArgument,
                         Tr::tr("The name \"%1\" is %2 bytes long; PostgreSQL keeps only %3 bytes "
                                "of a name, so no DDL was generated for %4.")
                             .arg(name, QString::number(bytes),
                                  QString::number(MaxIdentifierBytes), table.name));
        }
    }
    return {};
}

QString PgDialect::failingStatement(const QString &message) const
{
    // Running the generated DDL must fail loudly instead of creating truncated names.
    const QString body = QStringLiteral("BEGIN RAISE EXCEPTION '%', ") + quoteLiteral(message)
                         + QStringLiteral("; END");
    return QStringLiteral("DO ") + quoteLiteral(body);
}

QString PgDialect::columnDefinition(const Table &table, const Column &column) const
{
    Q_UNUSED(table)
    QString sql = quoteIdentifier(column.name) + u' ';
    const QString serial = serialType(column);
    sql += serial.isEmpty() ? column.type : serial;
    if (!column.collation.isEmpty())
        sql += QStringLiteral(" COLLATE ") + quoteIdentifier(column.collation);
    if (!column.generated.isEmpty()) {
        sql += QStringLiteral(" GENERATED ALWAYS AS (") + column.generated + QStringLiteral(") STORED");
    } else if (serial.isEmpty()) {
        if (column.defaultValue)
            sql += QStringLiteral(" DEFAULT ") + *column.defaultValue;
        else if (column.autoIncrement)
            sql += QStringLiteral(" GENERATED BY DEFAULT AS IDENTITY");
    }
    if (!column.nullable)
        sql += QStringLiteral(" NOT NULL");
    return sql;
}

QString PgDialect::foreignKeyClause(const ForeignKey &fk) const
{
    QString sql;
    if (!fk.name.isEmpty())
        sql += QStringLiteral("CONSTRAINT ") + quoteIdentifier(fk.name) + u' ';
    sql += QStringLiteral("FOREIGN KEY (") + quoteList(fk.columns) + QStringLiteral(") REFERENCES ")
           + qualifiedName(fk.refSchema, fk.refTable) + QStringLiteral(" (") + quoteList(fk.refColumns)
           + u')';
    if (!fk.onDelete.isEmpty() && fk.onDelete != QLatin1String("NO ACTION"))
        sql += QStringLiteral(" ON DELETE ") + fk.onDelete;
    if (!fk.onUpdate.isEmpty() && fk.onUpdate != QLatin1String("NO ACTION"))
        sql += QStringLiteral(" ON UPDATE ") + fk.onUpdate;
    return sql;
}

QString PgDialect::indexStatement(const Table &table, const Index &index) const
{
    if (!index.definition.isEmpty())
        return index.definition;
    QStringList keys;
    for (const QString &key : index.columns) {
        // A key that names a column is an identifier; anything else is an expression.
        keys << (table.column(key) ? quoteIdentifier(key) : u'(' + key + u')');
    }
    QString sql = index.unique ? QStringLiteral("CREATE UNIQUE INDEX ") : QStringLiteral("CREATE INDEX ");
    sql += quoteIdentifier(index.name) + QStringLiteral(" ON ") + qualifiedName(table.schema, table.name);
    if (!index.method.isEmpty() && index.method.compare(QLatin1String("btree"), Qt::CaseInsensitive) != 0)
        sql += QStringLiteral(" USING ") + quoteIdentifier(index.method.toLower());
    sql += QStringLiteral(" (") + keys.join(QStringLiteral(", ")) + u')';
    if (!index.predicate.isEmpty())
        sql += QStringLiteral(" WHERE ") + index.predicate;
    return sql;
}

QStringList PgDialect::commentStatements(const Table &table) const
{
    QStringList statements;
    const QString name = qualifiedName(table.schema, table.name);
    if (!table.comment.isEmpty())
        statements << QStringLiteral("COMMENT ON %1 %2 IS %3")
                          .arg(kindKeyword(table.kind), name, quoteLiteral(table.comment));
    for (const Column &column : table.columns) {
        if (!column.comment.isEmpty())
            statements << QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3")
                              .arg(name, quoteIdentifier(column.name), quoteLiteral(column.comment));
    }
    return statements;
}

QStringList PgDialect::createTableStatements(const Table &table, const DdlOptions &options) const
{
    if (Result<void> checked = checkIdentifiers(table); !checked)
        return {failingStatement(checked.error().message())};

    QStringList statements;
    const QString name = qualifiedName(table.schema, table.name);
    if (table.kind != Table::Kind::Table) {
        statements << QStringLiteral("CREATE %1 %2 AS\n%3")
                          .arg(kindKeyword(table.kind), name,
                               withoutTrailingSemicolon(table.viewDefinition));
    } else {
        QStringList parts;
        for (const Column &column : table.columns)
            parts << columnDefinition(table, column);
        if (!table.primaryKey.isEmpty()) {
            QString pk = QStringLiteral("PRIMARY KEY (") + quoteList(table.primaryKey) + u')';
            if (!table.primaryKeyName.isEmpty())
                pk = QStringLiteral("CONSTRAINT ") + quoteIdentifier(table.primaryKeyName) + u' ' + pk;
            parts << pk;
        }
        for (const UniqueConstraint &unique : table.uniqueConstraints) {
            QString clause = QStringLiteral("UNIQUE (") + quoteList(unique.columns) + u')';
            if (!unique.name.isEmpty())
                clause = QStringLiteral("CONSTRAINT ") + quoteIdentifier(unique.name) + u' ' + clause;
            parts << clause;
        }
        for (const CheckConstraint &check : table.checkConstraints) {
            QString clause = QStringLiteral("CHECK (") + check.expression + u')';
            if (!check.name.isEmpty())
                clause = QStringLiteral("CONSTRAINT ") + quoteIdentifier(check.name) + u' ' + clause;
            parts << clause;
        }
        if (options.inlineForeignKeys) {
            for (const ForeignKey &fk : table.foreignKeys)
                parts << foreignKeyClause(fk);
        }
        statements << QStringLiteral("CREATE TABLE %1 (\n    %2\n)")
                          .arg(name, parts.join(QStringLiteral(",\n    ")));
    }

    if (options.includeIndexes) {
        QSet<QString> constraintIndexes;
        for (const UniqueConstraint &unique : table.uniqueConstraints)
            constraintIndexes.insert(unique.name);
        for (const Index &index : table.indexes) {
            // PostgreSQL names the index behind a PK or UNIQUE constraint after the constraint.
            if (index.primary || constraintIndexes.contains(index.name))
                continue;
            statements << indexStatement(table, index);
        }
    }
    statements << commentStatements(table);
    return statements;
}

QStringList PgDialect::foreignKeyStatements(const Table &table) const
{
    QStringList statements;
    if (table.kind != Table::Kind::Table || !checkIdentifiers(table))
        return statements;
    for (const ForeignKey &fk : table.foreignKeys) {
        statements << QStringLiteral("ALTER TABLE ") + qualifiedName(table.schema, table.name)
                          + QStringLiteral(" ADD ") + foreignKeyClause(fk);
    }
    return statements;
}

QString PgDialect::tableDdl(const Table &table) const
{
    QString script;
    if (Result<void> checked = checkIdentifiers(table); !checked)
        script += QStringLiteral("-- ") + checked.error().message() + u'\n';
    DdlOptions options;
    options.inlineForeignKeys = true;
    for (const QString &statement : createTableStatements(table, options))
        script += statement + QStringLiteral(";\n\n");
    for (const Trigger &trigger : table.triggers) {
        if (!trigger.definition.isEmpty())
            script += trigger.definition + QStringLiteral(";\n\n");
    }
    return script.trimmed() + u'\n';
}

QStringList PgDialect::keywords() const
{
    return PgKeywords::all();
}

IDialect::Query PgDialect::columnOriginQuery(const QList<quint32> &tableIds) const
{
    QStringList ids;
    for (quint32 id : tableIds)
        ids.append(QString::number(id));
    return {QStringLiteral("SELECT a.attrelid::bigint, a.attnum, n.nspname, c.relname, a.attname "
                           "FROM pg_catalog.pg_attribute a "
                           "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped"),
            {QVariant(u'{' + ids.join(u',') + u'}')}};
}

} // namespace Strata::Postgres::Internal
