// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sql/result.h"
#include "strata_core_global.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Strata {

// One statement the user ran. `connectionKey` identifies the connection: the URL without its
// password (ConnectionUrl's toString) or the profile name. The caller picks it; it must never
// hold a password.
struct HistoryEntry
{
    qint64 id = 0; // assigned by QueryHistory::add()
    QString connectionKey;
    QString sql;
    QDateTime startedAt; // stored as ISO-8601 UTC with milliseconds
    qint64 durationMs = 0;
    std::optional<qint64> rows; // none when the statement returned no row count
    QString error;              // empty when the statement succeeded
};

// The per-connection query history, kept in a small local SQLite file (WAL mode).
// Used from one thread only (the GUI thread): it owns a QSqlDatabase connection of its own,
// created in that thread, and Qt SQL connections must not cross threads.
class STRATA_CORE_EXPORT QueryHistory
{
public:
    // AppLocalDataLocation + "/history.sqlite".
    QueryHistory();
    explicit QueryHistory(const QString &filePath);
    ~QueryHistory();

    QueryHistory(const QueryHistory &) = delete;
    QueryHistory &operator=(const QueryHistory &) = delete;

    static QString defaultFilePath();

    QString filePath() const { return m_filePath; }
    bool isOpen() const { return m_open; }

    // Creates the file and its schema if needed. A file that is not a usable history database
    // gives an Error::Code::Io naming the file; it is left untouched for the user to inspect.
    Result<void> open();
    void close();

    // Returns the id of the new entry.
    Result<qint64> add(const HistoryEntry &entry);
    // Entries of that connection whose SQL contains `text` (case-insensitive for ASCII letters,
    // % and _ match literally), newest first. An empty text matches everything; an empty
    // connectionKey searches every connection.
    Result<QList<HistoryEntry>> search(const QString &connectionKey, const QString &text,
                                       int limit = 200) const;
    Result<QList<HistoryEntry>> recent(const QString &connectionKey, int limit = 200) const;
    // Returns the number of entries removed.
    Result<int> clear(const QString &connectionKey);
    // Keeps the newest `maxEntriesPerConnection` entries of every connection; returns how many
    // entries were removed.
    Result<int> prune(int maxEntriesPerConnection);

private:
    Result<void> ensureOpen() const;

    QString m_filePath;
    QString m_connectionName;
    bool m_open = false;
};

} // namespace Strata
