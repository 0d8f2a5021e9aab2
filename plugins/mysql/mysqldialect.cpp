// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqldialect.h"

namespace Strata::MySql::Internal {

namespace {

QString joinQuoted(const QStringList &names)
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &name : names)
        quoted.append(MySqlDialect::quote(name));
    return quoted.join(QLatin1String(", "));
}

bool isLiteralDefault(const QString &value)
{
    if (value.startsWith(QLatin1Char('\'')) || value == QLatin1String("NULL"))
        return true;
    bool isNumber = false;
    value.toDouble(&isNumber);
    return isNumber;
}

// "current_timestamp()" and friends are allowed bare; anything else needs parentheses.
bool isBareFunctionDefault(const QString &value)
{
    const QString lower = value.toLower();
    return lower.startsWith(QLatin1String("current_timestamp")) ||
           lower.startsWith(QLatin1String("localtimestamp")) ||
           lower.startsWith(QLatin1String("now("));
}

} // namespace

QString MySqlDialect::quote(const QString &name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('`'), QLatin1String("``"));
    return QLatin1Char('`') + escaped + QLatin1Char('`');
}

QString MySqlDialect::quoteLiteral(const QString &value) const
{
    if (value.contains(QLatin1Char('\\'))) {
        const QByteArray hex = value.toUtf8().toHex();
        return QLatin1String("_utf8mb4 X'") + QString::fromLatin1(hex) + QLatin1Char('\'');
    }
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString MySqlDialect::commentLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString MySqlDialect::qualifiedName(const QString &schema, const QString &name) const
{
    if (schema.isEmpty())
        return quote(name);
    return quote(schema) + QLatin1Char('.') + quote(name);
}

QString MySqlDialect::createSchemaStatement(const QString &schema) const
{
    return QLatin1String("CREATE DATABASE ") + quote(schema) +
           QLatin1String(" CHARACTER SET utf8mb4");
}

QString MySqlDialect::columnDefinition(const Column &column) const
{
    QString sql = quote(column.name) + QLatin1Char(' ') + column.type;
    if (!column.collation.isEmpty())
        sql += QLatin1String(" COLLATE ") + column.collation;
    if (!column.generated.isEmpty()) {
        // NOT NULL and DEFAULT are not allowed on MariaDB generated columns.
        sql += QLatin1String(" AS (") + column.generated + QLatin1String(") VIRTUAL");
    } else {
        sql += column.nullable ? QLatin1String(" NULL") : QLatin1String(" NOT NULL");
        if (column.defaultValue) {
            const QString value = *column.defaultValue;
            sql += QLatin1String(" DEFAULT ");
            if (isLiteralDefault(value) || isBareFunctionDefault(value) ||
                value.startsWith(QLatin1Char('(')))
                sql += value;
            else
                sql += QLatin1Char('(') + value + QLatin1Char(')');
        }
        if (column.autoIncrement)
            sql += QLatin1String(" AUTO_INCREMENT");
    }
    if (!column.comment.isEmpty())
        sql += QLatin1String(" COMMENT ") + commentLiteral(column.comment);
    return sql;
}

QString MySqlDialect::foreignKeyClause(const ForeignKey &fk) const
{
    QString sql;
    if (!fk.name.isEmpty())
        sql += QLatin1String("CONSTRAINT ") + quote(fk.name) + QLatin1Char(' ');
    sql += QLatin1String("FOREIGN KEY (") + joinQuoted(fk.columns) +
           QLatin1String(") REFERENCES ") + qualifiedName(fk.refSchema, fk.refTable) +
           QLatin1String(" (") + joinQuoted(fk.refColumns) + QLatin1Char(')');
    if (!fk.onDelete.isEmpty())
        sql += QLatin1String(" ON DELETE ") + fk.onDelete;
    if (!fk.onUpdate.isEmpty())
        sql += QLatin1String(" ON UPDATE ") + fk.onUpdate;
    return sql;
}

QString MySqlDialect::indexPart(const Table &table, const QString &part) const
{
    // Entries are column names, or SQL (prefix, DESC, expression) as the catalog wrote them.
    if (table.column(part) || !part.contains(QLatin1Char('`')))
        return quote(part);
    return part;
}

QStringList MySqlDialect::indexStatements(const Table &table) const
{
    QStringList statements;
    for (const Index &index : table.indexes) {
        if (index.primary)
            continue;
        const bool backsConstraint =
            std::any_of(table.uniqueConstraints.cbegin(), table.uniqueConstraints.cend(),
                        [&](const UniqueConstraint &u) { return u.name == index.name; });
        if (backsConstraint)
            continue;
        QString kind;
        const QString method = index.method.toUpper();
        if (method == QLatin1String("FULLTEXT") || method == QLatin1String("SPATIAL"))
            kind = method + QLatin1Char(' ');
        else if (index.unique)
            kind = QStringLiteral("UNIQUE ");
        QStringList parts;
        for (const QString &part : index.columns)
            parts.append(indexPart(table, part));
        QString sql = QLatin1String("CREATE ") + kind + QLatin1String("INDEX ") +
                      quote(index.name) + QLatin1String(" ON ") +
                      qualifiedName(table.schema, table.name) + QLatin1String(" (") +
                      parts.join(QLatin1String(", ")) + QLatin1Char(')');
        if (method == QLatin1String("HASH"))
            sql += QLatin1String(" USING HASH");
        statements.append(sql);
    }
    return statements;
}

QStringList MySqlDialect::triggerStatements(const Table &table) const
{
    QStringList statements;
    for (const Trigger &trigger : table.triggers) {
        if (!trigger.definition.isEmpty())
            statements.append(trigger.definition);
    }
    return statements;
}

QStringList MySqlDialect::createTableStatements(const Table &table, const DdlOptions &options) const
{
    const QString name = qualifiedName(table.schema, table.name);
    if (table.kind != Table::Kind::Table)
        return {QLatin1String("CREATE VIEW ") + name + QLatin1String(" AS ") +
                table.viewDefinition};

    QStringList items;
    for (const Column &column : table.columns)
        items.append(columnDefinition(column));
    if (!table.primaryKey.isEmpty())
        items.append(QLatin1String("PRIMARY KEY (") + joinQuoted(table.primaryKey) +
                     QLatin1Char(')'));
    for (const UniqueConstraint &unique : table.uniqueConstraints) {
        items.append(QLatin1String("CONSTRAINT ") + quote(unique.name) +
                     QLatin1String(" UNIQUE (") + joinQuoted(unique.columns) + QLatin1Char(')'));
    }
    for (const CheckConstraint &check : table.checkConstraints) {
        items.append(QLatin1String("CONSTRAINT ") + quote(check.name) + QLatin1String(" CHECK (") +
                     check.expression + QLatin1Char(')'));
    }
    if (options.inlineForeignKeys) {
        for (const ForeignKey &fk : table.foreignKeys)
            items.append(foreignKeyClause(fk));
    }
    QString sql = QLatin1String("CREATE TABLE ") + name + QLatin1String(" (\n  ") +
                  items.join(QLatin1String(",\n  ")) + QLatin1String("\n) ENGINE=InnoDB");
    if (!table.comment.isEmpty())
        sql += QLatin1String(" COMMENT=") + commentLiteral(table.comment);

    QStringList statements{sql};
    if (options.includeIndexes)
        statements += indexStatements(table);
    statements += triggerStatements(table);
    return statements;
}

QStringList MySqlDialect::foreignKeyStatements(const Table &table) const
{
    QStringList statements;
    if (table.kind != Table::Kind::Table)
        return statements;
    for (const ForeignKey &fk : table.foreignKeys) {
        statements.append(QLatin1String("ALTER TABLE ") + qualifiedName(table.schema, table.name) +
                          QLatin1String(" ADD ") + foreignKeyClause(fk));
    }
    return statements;
}

QString MySqlDialect::tableDdl(const Table &table) const
{
    QStringList statements = createTableStatements(table, DdlOptions{true, true});
    return statements.join(QLatin1String(";\n\n")) + QLatin1String(";\n");
}

} // namespace Strata::MySql::Internal
