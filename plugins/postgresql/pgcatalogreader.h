// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "plugins/isession.h"
#include "results/resultset.h"

#include <QHash>
#include <QMap>

namespace Strata::Postgres::Internal {

// Reads a whole PostgreSQL catalog with one bulk query per object kind (a fixed number of
// statements whatever the table count), parsing the raw row blocks and joining by OID.
class PgCatalogReader
{
public:
    explicit PgCatalogReader(ISession &session);

    Result<Catalog> load(const CatalogRequest &request);

private:
    Result<ResultSet> query(const QString &sql, bool withSchemaParameter = true);
    void readSchemas(const ResultSet &rows);
    void readRelations(const ResultSet &rows);
    void readColumns(const ResultSet &rows);
    void readConstraints(const ResultSet &rows);
    void readIndexes(const ResultSet &rows);
    void readSequences(const ResultSet &rows);
    void readRoutines(const ResultSet &rows);
    void readTriggers(const ResultSet &rows);
    Catalog assemble();

    QStringList columnNames(quint32 relation, QByteArrayView attnums) const;

    ISession &m_session;
    QVariant m_schemaParameter;
    int m_queryCount = 0;
    QString m_database;
    QMap<int, QString> m_searchPath; // position in current_schemas(false) -> read schema
    QHash<quint32, Schema> m_schemas;           // by namespace OID
    QHash<QString, quint32> m_schemaOids;       // by name
    QHash<quint32, Table> m_tables;             // by relation OID
    QHash<quint32, quint32> m_tableSchema;      // relation OID -> namespace OID
    QHash<quint64, QString> m_attributeNames;   // (relation OID << 16 | attnum) -> name
};

} // namespace Strata::Postgres::Internal
