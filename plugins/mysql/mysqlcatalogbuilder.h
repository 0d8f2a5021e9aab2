// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "results/resultset.h"

#include <QMap>

namespace Strata::MySql::Internal {

// Assembles Schema values from the rows of the bulk information_schema queries that
// MySqlCatalogReader sends. Each add*() takes one query's rows, in the column order that
// MySqlCatalogReader selects them.
class MySqlCatalogBuilder
{
public:
    explicit MySqlCatalogBuilder(bool mariadb);

    void addSchema(const QString &name);
    void addTables(const ResultSet &rows);
    void addViews(const ResultSet &rows);
    void addColumns(const ResultSet &rows);
    void addIndexes(const ResultSet &rows);
    void addKeyConstraints(const ResultSet &rows);
    void addChecks(const ResultSet &rows);
    void addRoutines(const ResultSet &routines, const ResultSet &parameters);
    void addTriggers(const ResultSet &rows);
    void addSequenceDetails(const ResultSet &rows);

    // Sequence objects found by addTables (MariaDB): schema and name, for the detail query.
    QList<QPair<QString, QString>> sequenceNames() const;

    QList<Schema> schemas() const;

    // Nullable UTF-8 text of a cell (NULL gives a null QString).
    static QString cell(const ResultSet &rows, qint64 row, int column);
    // "select `db`.`t`.`a` from `db`.`t`" -> "select `t`.`a` from `t`" for the view's own db,
    // so definitions compare equal across databases and can be replayed into another one.
    static QString stripSchemaQualifier(const QString &definition, const QString &schema);

private:
    struct SchemaData
    {
        QMap<QString, Table> tables; // sorted by name
        QMap<QString, QString> tableCollations;
        QList<Sequence> sequences;
        QList<Routine> routines;
    };
    Table *table(const QString &schema, const QString &name);

    bool m_mariadb;
    QMap<QString, SchemaData> m_schemas;
};

} // namespace Strata::MySql::Internal
