// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/isession.h"

#include <QString>

#include <atomic>

struct sqlite3;
struct sqlite3_stmt;

namespace Strata::Sqlite::Internal {

// One SQLite database file opened through Qt SQL (QSQLITE), executed on its native sqlite3*
// handle so rows stream as raw bytes and sqlite3_interrupt can cancel.
class SqliteSession final : public Strata::ISession
{
public:
    SqliteSession();
    ~SqliteSession() override;

    Result<void> open(const ConnectionSettings &settings) override;
    void close() override;
    bool isOpen() const override;
    QString serverVersion() const override;

    Result<void> execute(const QString &sql, const QVariantList &parameters,
                         IRowSink &sink) override;
    void cancel() override;

    // The native handle while open, else nullptr (for the catalog reader and tests).
    sqlite3 *handle() const { return m_db.load(); }
    QString databasePath() const { return m_path; }

private:
    Result<void> runStatement(sqlite3_stmt *stmt, IRowSink &sink, int statementOffset,
                              const QByteArray &utf8);
    Error errorFor(int rc, const QByteArray &utf8, int statementOffset) const;

    QString m_connectionName;
    QString m_path;
    std::atomic<sqlite3 *> m_db{nullptr};
    std::atomic<bool> m_cancelled{false};
};

} // namespace Strata::Sqlite::Internal
