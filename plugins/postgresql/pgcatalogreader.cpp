// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgcatalogreader.h"

#include "pgcatalogqueries.h"
#include "pgsession.h"

#include <libpq-fe.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace Strata::Postgres::Internal {

namespace {
template<typename Fn>
void forEachRow(const ResultSet &rows, Fn fn)
{
    for (const RowBlock &block : rows.blocks) {
        const int count = block.rowCount();
        for (int row = 0; row < count; ++row)
            fn(block, row);
    }
}

QString text(const RowBlock &b, int row, int column)
{
    return b.isNull(row, column) ? QString() : QString::fromUtf8(b.raw(row, column));
}

quint32 oid(const RowBlock &b, int row, int column)
{
    return b.raw(row, column).toUInt();
}

qint64 number(const RowBlock &b, int row, int column, qint64 fallback = -1)
{
    return b.isNull(row, column) ? fallback : b.raw(row, column).toLongLong();
}

bool flag(const RowBlock &b, int row, int column)
{
    return b.raw(row, column) == QByteArrayView("t");
}

char letter(const RowBlock &b, int row, int column)
{
    const QByteArrayView raw = b.raw(row, column);
    return raw.isEmpty() ? '\0' : raw.at(0);
}

QStringList jsonStrings(QByteArrayView raw)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(raw.toByteArray()).array();
    for (const QJsonValue &value : array)
        list << value.toString();
    return list;
}

QString foreignKeyAction(char code)
{
    switch (code) {
    case 'r': return QStringLiteral("RESTRICT");
    case 'c': return QStringLiteral("CASCADE");
    case 'n': return QStringLiteral("SET NULL");
    case 'd': return QStringLiteral("SET DEFAULT");
    default: return QStringLiteral("NO ACTION");
    }
}

// A text[] literal for $1: every element double-quoted, so no name can break out of it.
QString textArrayLiteral(const QStringList &values)
{
    QStringList quoted;
    for (QString value : values) {
        value.replace(u'\\', QStringLiteral("\\\\"));
        value.replace(u'"', QStringLiteral("\\\""));
        quoted << u'"' + value + u'"';
    }
    return u'{' + quoted.join(u',') + u'}';
}

int versionNumber(ISession &session)
{
    if (auto *pg = dynamic_cast<PgSession *>(&session))
        return pg->serverVersionNumber();
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("(\\d+)\\.(\\d+)")).match(session.serverVersion());
    return m.hasMatch() ? m.captured(1).toInt() * 10000 + m.captured(2).toInt() : 0;
}
} // namespace

PgCatalogReader::PgCatalogReader(ISession &session)
    : m_session(session)
{
}

Result<ResultSet> PgCatalogReader::query(const QString &sql, bool withSchemaParameter)
{
    CollectingSink sink;
    ++m_queryCount;
    const QVariantList parameters = withSchemaParameter ? QVariantList{m_schemaParameter}
                                                        : QVariantList{};
    Result<void> ran = m_session.execute(sql, parameters, sink);
    if (!ran)
        return ran.error();
    QList<ResultSet> results = sink.takeResults();
    if (results.isEmpty())
        return ResultSet();
    return std::move(results.first());
}

Result<Catalog> PgCatalogReader::load(const CatalogRequest &request)
{
    m_schemaParameter = request.schemas.isEmpty() ? QVariant()
                                                  : QVariant(textArrayLiteral(request.schemas));
    const int version = versionNumber(m_session);

    using Reader = void (PgCatalogReader::*)(const ResultSet &);
    const std::pair<QString, Reader> steps[] = {
        {PgCatalogQueries::schemas(), &PgCatalogReader::readSchemas},
        {PgCatalogQueries::relations(), &PgCatalogReader::readRelations},
        {PgCatalogQueries::columns(version), &PgCatalogReader::readColumns},
        {PgCatalogQueries::constraints(), &PgCatalogReader::readConstraints},
        {PgCatalogQueries::indexes(version), &PgCatalogReader::readIndexes},
        {PgCatalogQueries::sequences(), &PgCatalogReader::readSequences},
        {PgCatalogQueries::routines(version), &PgCatalogReader::readRoutines},
        {PgCatalogQueries::triggers(), &PgCatalogReader::readTriggers},
    };
    // One snapshot for the whole catalog, and no parallel workers: catalog queries return
    // many narrow rows, where starting workers costs more than it saves (0.1 s of 0.3 s for
    // the columns of 10,000 tables). Only when idle: a user's open transaction is left alone.
    auto *pg = dynamic_cast<PgSession *>(&m_session);
    const bool ownTransaction = pg && pg->handle()
                                && PQtransactionStatus(pg->handle()) == PQTRANS_IDLE;
    if (ownTransaction) {
        Result<ResultSet> begun = query(QStringLiteral(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
            "SET LOCAL max_parallel_workers_per_gather = 0"), false);
        if (!begun)
            return begun.error();
    }
    for (const auto &[sql, reader] : steps) {
        Result<ResultSet> rows = query(sql);
        if (!rows) {
            if (ownTransaction && m_session.isOpen())
                (void)query(QStringLiteral("ROLLBACK"), false);
            return rows.error();
        }
        (this->*reader)(rows.value());
    }
    if (ownTransaction) {
        Result<ResultSet> committed = query(QStringLiteral("COMMIT"), false);
        if (!committed)
            return committed.error();
    }
    return assemble();
}

void PgCatalogReader::readSchemas(const ResultSet &rows)
{
    forEachRow(rows, [this](const RowBlock &b, int r) {
        Schema schema;
        schema.name = text(b, r, 1);
        m_schemaOids.insert(schema.name, oid(b, r, 0));
        m_schemas.insert(oid(b, r, 0), std::move(schema));
        m_database = text(b, r, 2);
        if (!b.isNull(r, 3))
            m_searchPath.insert(text(b, r, 3).toInt(), text(b, r, 1));
    });
}

void PgCatalogReader::readRelations(const ResultSet &rows)
{
    m_tables.reserve(int(rows.rowCount()));
    forEachRow(rows, [this](const RowBlock &b, int r) {
        const quint32 schemaOid = oid(b, r, 1);
        const auto schema = m_schemas.constFind(schemaOid);
        if (schema == m_schemas.constEnd())
            return;
        Table table;
        table.schema = schema->name;
        table.name = text(b, r, 2);
        const char kind = letter(b, r, 3);
        table.kind = kind == 'v' ? Table::Kind::View
                     : kind == 'm' ? Table::Kind::MaterializedView
                                   : Table::Kind::Table;
        table.comment = text(b, r, 4);
        table.viewDefinition = text(b, r, 5).trimmed();
        table.rowEstimate = number(b, r, 6);
        if (table.rowEstimate < 0 || table.kind == Table::Kind::View)
            table.rowEstimate = -1;
        table.sizeBytes = number(b, r, 7);
        const quint32 relation = oid(b, r, 0);
        m_tableSchema.insert(relation, schemaOid);
        m_tables.insert(relation, std::move(table));
    });
}

void PgCatalogReader::readColumns(const ResultSet &rows)
{
    m_attributeNames.reserve(int(rows.rowCount()));
    forEachRow(rows, [this](const RowBlock &b, int r) {
        const quint32 relation = oid(b, r, 0);
        auto table = m_tables.find(relation);
        if (table == m_tables.end())
            return;
        Column column;
        column.name = text(b, r, 2);
        column.type = text(b, r, 3);
        column.nullable = !flag(b, r, 4);
        const QString expression = text(b, r, 5);
        const char identity = letter(b, r, 7);
        const char generated = letter(b, r, 8);
        if (generated == 's')
            column.generated = expression;
        else if (!b.isNull(r, 5))
            column.defaultValue = expression;
        column.comment = text(b, r, 6);
        column.autoIncrement = identity == 'a' || identity == 'd'
                               || (column.defaultValue
                                   && column.defaultValue->startsWith(QLatin1String("nextval(")));
        column.collation = text(b, r, 9);
        m_attributeNames.insert(quint64(relation) << 16 | quint64(number(b, r, 1) & 0xffff),
                                column.name);
        table->columns.append(std::move(column));
    });
}

QStringList PgCatalogReader::columnNames(quint32 relation, QByteArrayView attnums) const
{
    QStringList names;
    if (attnums.isEmpty())
        return names;
    for (QByteArrayView part : QByteArray::fromRawData(attnums.data(), attnums.size()).split(','))
        names << m_attributeNames.value(quint64(relation) << 16 | quint64(part.toInt() & 0xffff));
    return names;
}

void PgCatalogReader::readConstraints(const ResultSet &rows)
{
    forEachRow(rows, [this](const RowBlock &b, int r) {
        const quint32 relation = oid(b, r, 0);
        auto table = m_tables.find(relation);
        if (table == m_tables.end())
            return;
        const QString name = text(b, r, 1);
        const QStringList columns = columnNames(relation, b.raw(r, 3));
        switch (letter(b, r, 2)) {
        case 'p':
            table->primaryKeyName = name;
            table->primaryKey = columns;
            break;
        case 'u':
            table->uniqueConstraints.append({name, columns});
            break;
        case 'c':
            table->checkConstraints.append({name, text(b, r, 9)});
            break;
        case 'f': {
            ForeignKey fk;
            fk.name = name;
            fk.columns = columns;
            fk.refSchema = text(b, r, 4);
            fk.refTable = text(b, r, 5);
            fk.refColumns = b.isNull(r, 6) ? columnNames(oid(b, r, 10), b.raw(r, 11))
                                           : jsonStrings(b.raw(r, 6));
            fk.onDelete = foreignKeyAction(letter(b, r, 7));
            fk.onUpdate = foreignKeyAction(letter(b, r, 8));
            table->foreignKeys.append(std::move(fk));
            break;
        }
        default:
            break;
        }
    });
}

void PgCatalogReader::readIndexes(const ResultSet &rows)
{
    forEachRow(rows, [this](const RowBlock &b, int r) {
        const quint32 relation = oid(b, r, 0);
        auto table = m_tables.find(relation);
        if (table == m_tables.end())
            return;
        Index index;
        index.name = text(b, r, 1);
        index.unique = flag(b, r, 2);
        index.primary = flag(b, r, 3);
        index.method = text(b, r, 4);
        index.predicate = text(b, r, 5);
        index.definition = text(b, r, 6);
        const QStringList expressions = b.isNull(r, 8) ? QStringList() : jsonStrings(b.raw(r, 8));
        const QList<QByteArray> keys = b.raw(r, 7).toByteArray().split(',');
        for (int i = 0; i < keys.size(); ++i) {
            const int attnum = keys.at(i).toInt();
            if (attnum == 0)
                index.columns << expressions.value(i);
            else
                index.columns << m_attributeNames.value(quint64(relation) << 16 | quint64(attnum & 0xffff));
        }
        table->indexes.append(std::move(index));
    });
}

void PgCatalogReader::readSequences(const ResultSet &rows)
{
    forEachRow(rows, [this](const RowBlock &b, int r) {
        const auto schemaOid = m_schemaOids.constFind(text(b, r, 0));
        if (schemaOid == m_schemaOids.constEnd())
            return;
        Sequence sequence;
        sequence.schema = text(b, r, 0);
        sequence.name = text(b, r, 1);
        sequence.dataType = text(b, r, 2);
        sequence.start = number(b, r, 3);
        sequence.increment = number(b, r, 4);
        sequence.minValue = number(b, r, 5);
        sequence.maxValue = number(b, r, 6);
        sequence.cycle = flag(b, r, 7);
        if (!b.isNull(r, 8))
            sequence.ownedBy = text(b, r, 8) + u'.' + text(b, r, 9);
        m_schemas[*schemaOid].sequences.append(std::move(sequence));
    });
}

void PgCatalogReader::readRoutines(const ResultSet &rows)
{
    forEachRow(rows, [this](const RowBlock &b, int r) {
        const auto schemaOid = m_schemaOids.constFind(text(b, r, 0));
        if (schemaOid == m_schemaOids.constEnd())
            return;
        Routine routine;
        routine.schema = text(b, r, 0);
        routine.name = text(b, r, 1);
        const char kind = letter(b, r, 2);
        routine.kind = kind == 'p' ? Routine::Kind::Procedure
                       : kind == 'a' ? Routine::Kind::Aggregate
                                     : Routine::Kind::Function;
        routine.arguments = text(b, r, 3);
        routine.returnType = text(b, r, 4);
        routine.language = text(b, r, 5);
        routine.definition = text(b, r, 6);
        m_schemas[*schemaOid].routines.append(std::move(routine));
    });
}

void PgCatalogReader::readTriggers(const ResultSet &rows)
{
    // pg_trigger.tgtype bits (catalog/pg_trigger.h).
    enum { Before = 1 << 1, Insert = 1 << 2, Delete = 1 << 3, Update = 1 << 4,
           Truncate = 1 << 5, Instead = 1 << 6 };
    forEachRow(rows, [this](const RowBlock &b, int r) {
        auto table = m_tables.find(oid(b, r, 0));
        if (table == m_tables.end())
            return;
        const qint64 type = number(b, r, 2, 0);
        Trigger trigger;
        trigger.name = text(b, r, 1);
        trigger.timing = (type & Instead) ? QStringLiteral("INSTEAD OF")
                         : (type & Before) ? QStringLiteral("BEFORE")
                                           : QStringLiteral("AFTER");
        if (type & Insert)
            trigger.events << QStringLiteral("INSERT");
        if (type & Update)
            trigger.events << QStringLiteral("UPDATE");
        if (type & Delete)
            trigger.events << QStringLiteral("DELETE");
        if (type & Truncate)
            trigger.events << QStringLiteral("TRUNCATE");
        trigger.definition = text(b, r, 3);
        table->triggers.append(std::move(trigger));
    });
}

Catalog PgCatalogReader::assemble()
{
    for (auto it = m_tables.begin(); it != m_tables.end(); ++it)
        m_schemas[m_tableSchema.value(it.key())].tables.append(std::move(it.value()));
    m_tables.clear();

    Catalog catalog;
    catalog.engine = QStringLiteral("postgresql");
    catalog.serverVersion = m_session.serverVersion();
    catalog.database = m_database;
    catalog.searchPath = m_searchPath.values();
    catalog.queryCount = m_queryCount;
    catalog.schemas.reserve(m_schemas.size());
    for (auto it = m_schemas.begin(); it != m_schemas.end(); ++it) {
        Schema &schema = it.value();
        std::sort(schema.tables.begin(), schema.tables.end(),
                  [](const Table &a, const Table &b) { return a.name < b.name; });
        catalog.schemas.append(std::move(schema));
    }
    std::sort(catalog.schemas.begin(), catalog.schemas.end(),
              [](const Schema &a, const Schema &b) { return a.name < b.name; });
    return catalog;
}

} // namespace Strata::Postgres::Internal
