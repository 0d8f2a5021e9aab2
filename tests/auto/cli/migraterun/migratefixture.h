// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Scratch databases for the `strata-cli migrate` tests: a database of its own per test on
// PostgreSQL and MariaDB (so one test's history table never meets another's), a file for
// SQLite, and an in-process session to look at the catalog and the history.

#include "clirunner.h"

#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "plugins/pluginmanager.h"
#include "results/resultset.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <memory>

namespace Strata::Test {

class MigrateFixture
{
public:
    MigrateFixture()
    {
        m_plugins.setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        m_plugins.loadAll();
    }
    ~MigrateFixture() { dropAll(); }

    bool available(const QString &engine) const
    {
        return engine == u"sqlite" || (engine == u"postgresql" ? hasPg() : hasMysql());
    }

    // A fresh, empty database for engine; its URL (no password: STRATA_PASSWORD carries it).
    QString create(const QString &engine, const QString &tag)
    {
        const QString name = QStringLiteral("tst_migrunner_%1_%2_%3")
                                 .arg(tag)
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(++m_counter);
        if (engine == u"sqlite") {
            const QString path = m_dir.filePath(name + QStringLiteral(".db"));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return {};
            return QStringLiteral("sqlite://") + path;
        }
        const QString admin = engine == u"postgresql" ? pgUrl() : mysqlUrl();
        if (!exec(admin, QStringLiteral("DROP DATABASE IF EXISTS ") + name)
            || !exec(admin, QStringLiteral("CREATE DATABASE ") + name))
            return {};
        m_created.append({admin, name});
        return withDatabase(admin, name);
    }

    // Runs sql on url; false (with a warning) on failure.
    bool exec(const QString &url, const QString &sql) { return query(url, sql).has_value(); }

    // Every result of sql on url, through a session kept per URL.
    std::optional<QList<ResultSet>> query(const QString &url, const QString &sql)
    {
        EngineSession *session = sessionFor(url);
        if (!session)
            return std::nullopt;
        QFuture<Result<QList<ResultSet>>> future = session->query(sql);
        const Result<QList<ResultSet>> result = future.result();
        if (!result) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(result.error().toString()));
            return std::nullopt;
        }
        return result.value();
    }

    // The first column of sql's first result, as a set.
    QSet<QString> column(const QString &url, const QString &sql)
    {
        QSet<QString> values;
        const std::optional<QList<ResultSet>> results = query(url, sql);
        if (results && !results->isEmpty()) {
            for (qint64 r = 0; r < results->first().rowCount(); ++r)
                values.insert(results->first().text(r, 0));
        }
        return values;
    }

    // The tables of the database whose name starts with prefix (not the history table).
    QSet<QString> tables(const QString &engine, const QString &url, const QString &prefix = {})
    {
        QString sql;
        if (engine == u"postgresql")
            sql = QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        else if (engine == u"mysql")
            sql = QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
        else
            sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'");
        QSet<QString> result;
        const QSet<QString> all = column(url, sql);
        for (const QString &table : all) {
            if (table != u"strata_schema_migrations" && table.startsWith(prefix))
                result.insert(table);
        }
        return result;
    }

    // version|status of every history row.
    QSet<QString> history(const QString &url)
    {
        return column(url, QStringLiteral("SELECT version || '|' || status FROM strata_schema_migrations"));
    }
    QSet<QString> historyMysql(const QString &url)
    {
        return column(url, QStringLiteral("SELECT CONCAT(version, '|', status) FROM strata_schema_migrations"));
    }
    QSet<QString> historyOf(const QString &engine, const QString &url)
    {
        return engine == u"mysql" ? historyMysql(url) : history(url);
    }
    bool historyTableExists(const QString &engine, const QString &url)
    {
        return column(url, existsSql(engine)).contains(QStringLiteral("1"));
    }

    void closeSessions() { m_sessions.clear(); }

private:
    static QString existsSql(const QString &engine)
    {
        if (engine == u"postgresql")
            return QStringLiteral("SELECT CASE WHEN to_regclass('strata_schema_migrations') IS NULL THEN 0 ELSE 1 END");
        if (engine == u"mysql")
            return QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                                  "AND table_name = 'strata_schema_migrations'");
        return QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'strata_schema_migrations'");
    }

    EngineSession *sessionFor(const QString &url)
    {
        if (auto found = m_sessions.find(url); found != m_sessions.end())
            return found->second.get();
        Result<ConnectionSettings> settings = ConnectionUrl::parse(url);
        if (!settings)
            return nullptr;
        ConnectionSettings s = settings.value();
        s.password = password();
        QObject *plugin = m_plugins.pluginObject(s.engine);
        if (!plugin)
            return nullptr;
        auto session = std::make_unique<EngineSession>(plugin, s);
        const Result<QString> opened = session->open().result();
        if (!opened) {
            qWarning("cannot open %s: %s", qPrintable(url), qPrintable(opened.error().toString()));
            return nullptr;
        }
        EngineSession *raw = session.get();
        m_sessions[url] = std::move(session);
        return raw;
    }

    void dropAll()
    {
        m_sessions.clear();
        for (const auto &[admin, name] : std::as_const(m_created))
            exec(admin, QStringLiteral("DROP DATABASE IF EXISTS ") + name
                            + (admin == pgUrl() ? QStringLiteral(" WITH (FORCE)") : QString()));
        m_sessions.clear();
    }

    PluginManager m_plugins;
    QTemporaryDir m_dir;
    std::map<QString, std::unique_ptr<EngineSession>> m_sessions;
    QList<std::pair<QString, QString>> m_created;
    int m_counter = 0;
};

// Writes a dbmate migration file into dir.
inline bool writeMigration(const QString &dir, const QString &fileName, const QString &text)
{
    QFile file(QDir(dir).filePath(fileName));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text.toUtf8()) >= 0;
}

} // namespace Strata::Test

// Runs strata-cli once (STRATA_CLI_EXPECT would evaluate a call several times) and expects code.
#define RUN_EXPECT(call, code)                                                                     \
    do {                                                                                           \
        const Strata::Test::CliRun ran_ = (call);                                                  \
        STRATA_CLI_EXPECT(ran_, code);                                                             \
    } while (false)
