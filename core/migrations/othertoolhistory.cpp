// SPDX-License-Identifier: GPL-3.0-or-later
#include "othertoolhistory.h"

#include "connection/enginesession.h"
#include "plugins/idialect.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Strata {

using namespace Qt::StringLiterals;

namespace {

// The columns each tool always creates, read in this order, and how its rows are ordered.
struct ToolTable
{
    QStringList columns;
    QStringList orderBy;
};

ToolTable toolTable(OtherToolHistory::Tool tool)
{
    switch (tool) {
    case OtherToolHistory::Tool::Sequelize:
        return {{u"name"_s}, {u"name"_s}};
    case OtherToolHistory::Tool::Knex:
        return {{u"name"_s, u"batch"_s, u"migration_time"_s}, {u"id"_s}};
    case OtherToolHistory::Tool::Prisma:
        return {{u"migration_name"_s, u"started_at"_s, u"finished_at"_s, u"rolled_back_at"_s,
                 u"logs"_s},
                {u"started_at"_s, u"migration_name"_s}};
    case OtherToolHistory::Tool::Flyway:
        return {{u"version"_s, u"description"_s, u"script"_s, u"installed_on"_s, u"success"_s},
                {u"installed_rank"_s}};
    }
    return {};
}

QString leadingDigits(const QString &name)
{
    qsizetype n = 0;
    while (n < name.size() && name.at(n).isDigit())
        ++n;
    return name.left(n);
}

bool truthy(const QString &text)
{
    const QString t = text.trimmed().toLower();
    return t == "t"_L1 || t == "true"_L1 || t == "1"_L1 || t == "y"_L1 || t == "yes"_L1;
}

QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    return end < 0 ? trimmed : trimmed.left(end).trimmed();
}

} // namespace

QJsonObject OtherToolHistory::Entry::toJson() const
{
    return QJsonObject{{u"version"_s, version.isEmpty() ? QJsonValue() : QJsonValue(version)},
                       {u"name"_s, name},
                       {u"description"_s, description},
                       {u"appliedAt"_s, appliedAt.isEmpty() ? QJsonValue() : QJsonValue(appliedAt)},
                       {u"success"_s, success}};
}

QString OtherToolHistory::toolName(Tool tool)
{
    switch (tool) {
    case Tool::Sequelize:
        return u"sequelize"_s;
    case Tool::Knex:
        return u"knex"_s;
    case Tool::Prisma:
        return u"prisma"_s;
    case Tool::Flyway:
        return u"flyway"_s;
    }
    return {};
}

QString OtherToolHistory::tableName(Tool tool)
{
    switch (tool) {
    case Tool::Sequelize:
        return u"SequelizeMeta"_s;
    case Tool::Knex:
        return u"knex_migrations"_s;
    case Tool::Prisma:
        return u"_prisma_migrations"_s;
    case Tool::Flyway:
        return u"flyway_schema_history"_s;
    }
    return {};
}

QList<OtherToolHistory::Tool> OtherToolHistory::tools()
{
    return {Tool::Sequelize, Tool::Knex, Tool::Prisma, Tool::Flyway};
}

QJsonObject OtherToolHistory::toJson() const
{
    QJsonArray entries;
    for (const Entry &e : applied)
        entries.append(e.toJson());
    QJsonObject object{{u"tool"_s, toolName(tool)}, {u"table"_s, table}, {u"applied"_s, entries}};
    if (!problem.isEmpty())
        object.insert(u"problem"_s, problem);
    return object;
}

QJsonArray OtherToolHistory::toJson(const QList<OtherToolHistory> &histories)
{
    QJsonArray array;
    for (const OtherToolHistory &h : histories)
        array.append(h.toJson());
    return array;
}

QString OtherToolHistory::normalizedTime(const QString &serverText)
{
    const QString text = serverText.trimmed();
    if (text.isEmpty())
        return {};
    bool isNumber = false;
    const qint64 number = text.toLongLong(&isNumber);
    if (isNumber) {
        // Node drivers store a JavaScript Date as milliseconds; some tools as seconds.
        const QDateTime t = number > 100000000000LL ? QDateTime::fromMSecsSinceEpoch(number, Qt::UTC)
                                                    : QDateTime::fromSecsSinceEpoch(number, Qt::UTC);
        return t.toString(Qt::ISODate);
    }
    static const QRegularExpression pattern(
        u"^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?$"_s);
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return serverText;
    QDateTime t = QDateTime::fromString(m.captured(1) + u'T' + m.captured(2), Qt::ISODate);
    if (!t.isValid())
        return serverText;
    const QString fraction = m.captured(3);
    if (!fraction.isEmpty())
        t = t.addMSecs(qRound((u"0"_s + fraction).toDouble() * 1000));
    const QString zone = m.captured(4);
    int offsetSeconds = 0;
    if (!zone.isEmpty() && zone != "Z"_L1) {
        const int sign = zone.startsWith(u'-') ? -1 : 1;
        const QString digits = QString(zone.mid(1)).remove(u':');
        offsetSeconds = sign * (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60);
    }
    t.setOffsetFromUtc(offsetSeconds);
    const QDateTime utc = t.toUTC();
    return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

QList<OtherToolHistory::Plan> OtherToolHistory::plan(const Catalog &catalog, const QString &schema,
                                                     const IDialect &dialect)
{
    QList<Plan> plans;
    for (Tool tool : tools()) {
        const Table *table = catalog.table(schema, tableName(tool));
        if (!table || table->kind != Table::Kind::Table)
            continue;
        Plan plan;
        plan.tool = tool;
        plan.schema = schema;
        plan.table = table->name;
        const ToolTable shape = toolTable(tool);
        QStringList missing;
        for (const QString &column : shape.columns + shape.orderBy) {
            if (!table->column(column) && !missing.contains(column))
                missing << column;
        }
        if (!missing.isEmpty()) {
            plan.problem = u"table %1 has no column %2, so it is not %3's history"_s.arg(
                table->name, missing.join(u", "_s), toolName(tool));
            plans << plan;
            continue;
        }
        QStringList select, order;
        for (const QString &column : shape.columns)
            select << dialect.quoteIdentifier(column);
        for (const QString &column : shape.orderBy)
            order << dialect.quoteIdentifier(column);
        plan.sql = u"SELECT %1 FROM %2 ORDER BY %3"_s.arg(
            select.join(u", "_s), dialect.qualifiedName(schema, table->name), order.join(u", "_s));
        plans << plan;
    }
    return plans;
}

OtherToolHistory OtherToolHistory::fromRows(const Plan &plan, const ResultSet *rows)
{
    OtherToolHistory history;
    history.tool = plan.tool;
    history.schema = plan.schema;
    history.table = plan.table;
    history.problem = plan.problem;
    if (!rows)
        return history;
    const Tool tool = plan.tool;
    const auto cell = [rows](qint64 r, int c) {
        return rows->isNull(r, c) ? QString() : QString::fromUtf8(rows->raw(r, c));
    };
    for (qint64 r = 0; r < rows->rowCount(); ++r) {
        Entry e;
        switch (tool) {
        case Tool::Sequelize:
            e.name = cell(r, 0);
            e.version = leadingDigits(e.name);
            break;
        case Tool::Knex:
            e.name = cell(r, 0);
            e.version = leadingDigits(e.name);
            if (!rows->isNull(r, 1))
                e.description = u"batch "_s + cell(r, 1);
            e.appliedAt = normalizedTime(cell(r, 2));
            break;
        case Tool::Prisma: {
            e.name = cell(r, 0);
            e.version = leadingDigits(e.name);
            const bool finished = !rows->isNull(r, 2);
            const bool rolledBack = !rows->isNull(r, 3);
            e.appliedAt = normalizedTime(finished ? cell(r, 2) : QString());
            e.success = finished && !rolledBack;
            if (rolledBack)
                e.description = u"rolled back at "_s + normalizedTime(cell(r, 3));
            else if (!finished)
                e.description = firstLine(cell(r, 4)).isEmpty()
                                    ? u"started at %1, not finished"_s.arg(normalizedTime(cell(r, 1)))
                                    : firstLine(cell(r, 4));
            break;
        }
        case Tool::Flyway:
            e.version = cell(r, 0);
            e.description = cell(r, 1);
            e.name = cell(r, 2);
            e.appliedAt = normalizedTime(cell(r, 3));
            e.success = truthy(cell(r, 4));
            break;
        }
        history.applied << e;
    }
    return history;
}

QString OtherToolHistory::defaultSchemaQuery(const QString &engine)
{
    if (engine == "postgresql"_L1)
        return u"SELECT current_schema()"_s;
    if (engine == "mysql"_L1)
        return u"SELECT DATABASE()"_s;
    return {};
}

Result<QList<OtherToolHistory>> OtherToolHistory::read(const Catalog &catalog,
                                                       const QString &schema,
                                                       const IDialect &dialect, const Query &query)
{
    QList<OtherToolHistory> out;
    for (const Plan &p : plan(catalog, schema, dialect)) {
        if (p.sql.isEmpty()) {
            out << fromRows(p, nullptr);
            continue;
        }
        const Result<QList<ResultSet>> result = query(p.sql);
        if (!result)
            return Error(result.error().code(),
                         u"cannot read %1's history table %2: %3"_s.arg(toolName(p.tool), p.table,
                                                                        result.error().message()),
                         result.error().detail());
        out << fromRows(p, result->isEmpty() ? nullptr : &result->first());
    }
    return out;
}

Result<QList<OtherToolHistory>> OtherToolHistory::read(EngineSession &session)
{
    const auto wait = [](auto future) {
        future.waitForFinished();
        return future.result();
    };
    const QString engine = session.engine();
    const IDialect *dialect = session.dialect();
    if (!dialect)
        return Error(Error::Code::NotSupported, u"the %1 engine has no SQL dialect"_s.arg(engine));
    QString schema = u"main"_s;
    if (const QString sql = defaultSchemaQuery(engine); !sql.isEmpty()) {
        const Result<QList<ResultSet>> current = wait(session.query(sql));
        if (!current)
            return current.error();
        if (current->isEmpty() || current->first().rowCount() == 0 || current->first().isNull(0, 0))
            return QList<OtherToolHistory>(); // no default schema or database: nothing to read
        schema = current->first().text(0, 0);
    }
    CatalogRequest request;
    request.schemas = {schema};
    const Result<Catalog> catalog = wait(session.loadCatalog(request));
    if (!catalog)
        return catalog.error();
    return read(catalog.value(), schema, *dialect,
                [&session, &wait](const QString &sql) { return wait(session.query(sql)); });
}

} // namespace Strata
