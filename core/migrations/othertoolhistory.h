// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "results/resultset.h"
#include "sql/result.h"
#include "strata_core_global.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace Strata {

class EngineSession;
class IDialect;

// What another migration tool has applied to a database, read (read-only) from that tool's
// own history table: Sequelize (`SequelizeMeta`), Knex (`knex_migrations`), Prisma
// (`_prisma_migrations`) or Flyway (`flyway_schema_history`). Tables are looked up in the
// catalog of the connection's default schema, with their names spelled exactly as each tool
// creates them. A plain value; `status --json` prints toJson() under "otherTools".
struct STRATA_CORE_EXPORT OtherToolHistory
{
    enum class Tool { Sequelize, Knex, Prisma, Flyway };

    struct Entry
    {
        // Leading digits of the name for tools that only keep a file name (Sequelize, Knex,
        // Prisma: "20240101120000-create-users.js" → "20240101120000"); Flyway's version
        // column, empty for its repeatable migrations.
        QString version;
        QString name;         // file or migration name (Flyway: its script)
        QString description;  // Flyway: description; Knex: "batch N"; Prisma: why it failed
        // ISO 8601 in UTC ("2024-01-02T03:04:05Z") when the server's value can be read as a
        // time (a value without zone is taken as UTC), else the server's text; empty when the
        // tool keeps none (Sequelize) or never finished.
        QString appliedAt;
        bool success = true;  // Flyway's success; Prisma: finished and not rolled back

        QJsonObject toJson() const; // {"version", "name", "description", "appliedAt", "success"}
    };

    Tool tool = Tool::Sequelize;
    QString schema;           // where the table was found
    QString table;            // its name, as the tool spells it
    QList<Entry> applied;     // in the order the tool applied them
    // A table of that name that lacks a column the tool always creates: nothing is read,
    // and this says which (plain text).
    QString problem;

    static QString toolName(Tool tool);    // "sequelize", "knex", "prisma", "flyway"
    static QString tableName(Tool tool);   // "SequelizeMeta", "knex_migrations", ...
    static QList<Tool> tools();

    // {"tool", "table", "applied": [Entry::toJson()...]}, plus "problem" when there is one.
    QJsonObject toJson() const;
    static QJsonArray toJson(const QList<OtherToolHistory> &histories);

    // One tool's table found in a catalog, and the read-only query that reads it (empty when
    // the table lacks the tool's columns: then problem says so). For callers that run the
    // queries themselves, asynchronously (the GUI): plan(), run each sql, fromRows().
    struct Plan
    {
        Tool tool = Tool::Sequelize;
        QString schema;
        QString table;
        QString sql;
        QString problem;
    };
    // Every tool's table in catalog's schema `schema`, in tools() order. Pure.
    static QList<Plan> plan(const Catalog &catalog, const QString &schema, const IDialect &dialect);
    // The history from the rows plan.sql returned (null when it returned no result set). Pure.
    static OtherToolHistory fromRows(const Plan &plan, const ResultSet *rows);
    // The query giving the connection's default schema as its one cell (PostgreSQL
    // current_schema(), MariaDB DATABASE()); empty for SQLite, whose schema is "main".
    static QString defaultSchemaQuery(const QString &engine);

    // Runs one read-only query and returns its results.
    using Query = std::function<Result<QList<ResultSet>>(const QString &sql)>;

    // Every tool whose table is in catalog's schema `schema`, read through query, in tools()
    // order. No table: an empty list. The Error is a query that failed.
    static Result<QList<OtherToolHistory>> read(const Catalog &catalog, const QString &schema,
                                                const IDialect &dialect, const Query &query);
    // The same on an open session: finds its default schema (PostgreSQL current_schema(), the
    // MariaDB connection's database, SQLite main), loads that schema's catalog and reads.
    // Blocks until done: call it off the GUI thread.
    static Result<QList<OtherToolHistory>> read(EngineSession &session);

    // A timestamp as a server prints it (or as milliseconds/seconds since the epoch) in ISO
    // 8601 UTC; the text itself when it is no time.
    static QString normalizedTime(const QString &serverText);
};

} // namespace Strata
