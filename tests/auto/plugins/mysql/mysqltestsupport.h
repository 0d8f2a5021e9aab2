// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the MySQL/MariaDB engine tests: settings for the test server and
// scratch databases that are dropped again.

#include "mysqlsession.h"
#include "results/resultset.h"
#include "testservers.h"

#include <QCoreApplication>
#include <QUrl>

namespace Strata::MySqlTest {

// The test server's settings (from STRATA_TEST_MYSQL_URL), optionally for another database.
inline ConnectionSettings settings(const QString &database = {})
{
    const QUrl url(Strata::Test::mysqlUrl());
    ConnectionSettings s;
    s.engine = QStringLiteral("mysql");
    s.host = url.host();
    s.port = url.port(3306);
    s.user = url.userName();
    s.password = Strata::Test::password();
    s.database = database.isEmpty() ? url.path().mid(1) : database;
    s.options.insert(QStringLiteral("sslmode"), QStringLiteral("disable"));
    return s;
}

// A database name nobody else uses: area, purpose and pid.
inline QString scratchName(const char *purpose)
{
    return QStringLiteral("strata_mysql_%1_%2")
        .arg(QLatin1String(purpose))
        .arg(QCoreApplication::applicationPid());
}

// Runs sql on session and returns every result (fails the test on error via the caller).
inline Result<QList<ResultSet>> run(ISession &session, const QString &sql,
                                    const QVariantList &parameters = {})
{
    CollectingSink sink;
    Result<void> result = session.execute(sql, parameters, sink);
    if (!result)
        return result.error();
    return sink.takeResults();
}

// The first row-returning result's cell as text (null QString for NULL).
inline QString scalar(ISession &session, const QString &sql, const QVariantList &parameters = {})
{
    Result<QList<ResultSet>> results = run(session, sql, parameters);
    if (!results)
        return QStringLiteral("<error: %1>").arg(results.error().toString());
    for (const ResultSet &set : results.value()) {
        if (set.summary.hasRows && set.rowCount() > 0)
            return set.text(0, 0);
    }
    return QStringLiteral("<no row>");
}

} // namespace Strata::MySqlTest

#define STRATA_VERIFY_OK(expr)                                                                     \
    do {                                                                                           \
        const auto strataResult_ = (expr);                                                         \
        QVERIFY2(strataResult_.ok(), qPrintable(strataResult_.error().toString()));                \
    } while (false)
