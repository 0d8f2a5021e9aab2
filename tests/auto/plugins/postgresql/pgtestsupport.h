// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the PostgreSQL plugin tests: settings for the test server and scratch
// databases that are dropped again.

#include "testservers.h"

#include "connection/connectionsettings.h"
#include "pgsession.h"
#include "results/resultset.h"

#include <QCoreApplication>
#include <QUrl>

namespace Strata::Postgres::PgTest {

inline ConnectionSettings settings(const QString &database = {})
{
    const QUrl url(::Strata::Test::pgUrl());
    ConnectionSettings s;
    s.engine = QStringLiteral("postgresql");
    s.host = url.host();
    s.port = url.port(5432);
    s.user = url.userName();
    s.password = ::Strata::Test::password();
    s.database = database.isEmpty() ? url.path().mid(1) : database;
    return s;
}

// Runs sql and keeps every result.
inline Result<QList<ResultSet>> run(ISession &session, const QString &sql,
                                    const QVariantList &parameters = {})
{
    CollectingSink sink;
    Result<void> ran = session.execute(sql, parameters, sink);
    if (!ran)
        return ran.error();
    return sink.takeResults();
}

// The first cell of the last result as text, or the error as "ERROR: ...".
inline QString scalar(ISession &session, const QString &sql, const QVariantList &parameters = {})
{
    Result<QList<ResultSet>> results = run(session, sql, parameters);
    if (!results)
        return QStringLiteral("ERROR: ") + results.error().toString();
    if (results->isEmpty() || results->last().rowCount() == 0)
        return QStringLiteral("NO ROWS");
    return results->last().text(0, 0);
}

// A database created for one test run (unique name with the area and pid), dropped with FORCE
// when the object goes away.
class ScratchDatabase
{
public:
    explicit ScratchDatabase(const QString &area)
        : m_name(QStringLiteral("strata_pg_%1_%2").arg(area).arg(QCoreApplication::applicationPid()))
    {
        if (Result<void> opened = m_admin.open(PgTest::settings()); !opened) {
            m_error = opened.error().toString();
            return;
        }
        (void)run(m_admin, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
        Result<QList<ResultSet>> created = run(m_admin, QStringLiteral("CREATE DATABASE %1").arg(m_name));
        if (!created)
            m_error = created.error().toString();
    }
    ~ScratchDatabase()
    {
        const QString drop = QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name);
        // The admin connection may have died meanwhile (tests that restart the server): libpq
        // notices only on use, so reconnect once when the drop finds the connection lost.
        Result<QList<ResultSet>> dropped = run(m_admin, drop);
        if (!dropped && dropped.error().code() == Error::Code::ConnectionLost
            && m_admin.open(PgTest::settings()))
            (void)run(m_admin, drop);
    }
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    QString name() const { return m_name; }
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    ConnectionSettings settings() const { return PgTest::settings(m_name); }

private:
    QString m_name;
    QString m_error;
    Internal::PgSession m_admin;
};

} // namespace Strata::Postgres::PgTest
