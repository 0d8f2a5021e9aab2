// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A private place on each test engine, so that catalog snapshots do not see what other tests
// create at the same time on the shared servers: a schema of its own on PostgreSQL (made the
// session's search_path), a database of its own on MariaDB (the session's default database),
// a fresh file on SQLite. Header-only; link StrataCore and the three engine plugins.

#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "plugins/idialect.h"

#include "mysqlengine.h"
#include "postgresengine.h"
#include "sqliteengine.h"
#include "testservers.h"

#include <QDir>
#include <QtCore/QFuture>

#include <memory>

namespace Strata::Test {

template <typename T> T waitFor(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

class ScratchDatabase
{
public:
    // name: unique to the test; used as the PostgreSQL schema / MariaDB database / file name.
    explicit ScratchDatabase(const QString &name) : m_name(name) {}
    ~ScratchDatabase() { drop(); }

    // Creates the private place afresh and opens session() on it; an empty string on success.
    QString open(const QString &engine, const QString &dir)
    {
        drop();
        m_engine = engine;
        if (engine == QLatin1String("postgresql"))
            m_plugin = std::make_unique<Postgres::PostgresEngine>();
        else if (engine == QLatin1String("mysql"))
            m_plugin = std::make_unique<MySql::MySqlEngine>();
        else
            m_plugin = std::make_unique<Sqlite::SqliteEngine>();

        ConnectionSettings settings;
        if (engine == QLatin1String("sqlite")) {
            settings.engine = engine;
            settings.database = QDir(dir).filePath(m_name + QStringLiteral(".db"));
            QFile::remove(settings.database);
        } else {
            Result<ConnectionSettings> parsed = ConnectionUrl::parse(
                engine == QLatin1String("postgresql") ? pgUrl() : mysqlUrl());
            if (!parsed)
                return parsed.error().toString();
            settings = parsed.value();
            settings.password = password();
        }
        if (engine == QLatin1String("mysql")) {
            // Create the database from the default one, then connect to it.
            EngineSession admin(m_plugin.get(), settings);
            const Result<QString> opened = waitFor(admin.open());
            if (!opened)
                return opened.error().toString();
            const QString q = admin.dialect()->quoteIdentifier(m_name);
            for (const QString &sql : {QStringLiteral("DROP DATABASE IF EXISTS ") + q,
                                       QStringLiteral("CREATE DATABASE ") + q}) {
                const auto done = waitFor(admin.query(sql));
                if (!done)
                    return done.error().toString();
            }
            m_adminSettings = settings;
            settings.database = m_name;
        }
        m_session = std::make_unique<EngineSession>(m_plugin.get(), settings);
        const Result<QString> opened = waitFor(m_session->open());
        if (!opened)
            return opened.error().toString();
        if (engine == QLatin1String("postgresql")) {
            const QString q = m_session->dialect()->quoteIdentifier(m_name);
            for (const QString &sql : {QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(q),
                                       QStringLiteral("CREATE SCHEMA ") + q,
                                       QStringLiteral("SET search_path TO ") + q}) {
                const auto done = waitFor(m_session->query(sql));
                if (!done)
                    return done.error().toString();
            }
        }
        m_open = true;
        return {};
    }

    EngineSession &session() { return *m_session; }
    const IDialect &dialect() const { return *m_session->dialect(); }
    QString engine() const { return m_engine; }
    // The schema a Catalog lists this place's objects under.
    QString schema() const
    {
        if (m_engine == QLatin1String("sqlite"))
            return QStringLiteral("main");
        return m_name;
    }
    CatalogRequest request() const
    {
        CatalogRequest request;
        request.schemas = {schema()};
        return request;
    }
    Result<Catalog> catalog() { return waitFor(m_session->loadCatalog(request())); }
    // Runs sql; an empty string on success, else the error.
    QString run(const QString &sql, const QVariantList &parameters = {})
    {
        const auto done = waitFor(m_session->query(sql, parameters));
        return done ? QString() : done.error().toString();
    }

    void drop()
    {
        if (!m_open) {
            m_session.reset();
            return;
        }
        m_open = false;
        if (m_engine == QLatin1String("postgresql")) {
            (void)run(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE")
                          .arg(m_session->dialect()->quoteIdentifier(m_name)));
            m_session.reset();
        } else if (m_engine == QLatin1String("mysql")) {
            m_session.reset();
            EngineSession admin(m_plugin.get(), m_adminSettings);
            if (waitFor(admin.open()))
                (void)waitFor(admin.query(QStringLiteral("DROP DATABASE IF EXISTS ")
                                          + admin.dialect()->quoteIdentifier(m_name)));
        } else {
            m_session.reset();
        }
    }

private:
    QString m_name;
    QString m_engine;
    bool m_open = false;
    std::unique_ptr<QObject> m_plugin;
    std::unique_ptr<EngineSession> m_session;
    ConnectionSettings m_adminSettings;
};

} // namespace Strata::Test
