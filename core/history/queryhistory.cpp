// SPDX-License-Identifier: GPL-3.0-or-later
#include "queryhistory.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace Strata {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::QueryHistory)
};

// Bumped when the schema changes; a file from a newer Strata is refused rather than altered.
constexpr int SchemaVersion = 1;

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("strata-history-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString toStoredTime(const QDateTime &time)
{
    // Fixed width with milliseconds and a Z, so that text order is time order.
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

QDateTime fromStoredTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.toUTC();
}

QString escapeLike(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return escaped;
}

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error(Error::Code::Io, what, error.text());
}

const QString SelectColumns = QStringLiteral(
    "SELECT id, connection_key, sql, started_at, duration_ms, rows, error FROM entries ");

QList<HistoryEntry> readEntries(QSqlQuery &query)
{
    QList<HistoryEntry> entries;
    while (query.next()) {
        HistoryEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.connectionKey = query.value(1).toString();
        entry.sql = query.value(2).toString();
        entry.startedAt = fromStoredTime(query.value(3).toString());
        entry.durationMs = query.value(4).toLongLong();
        if (!query.isNull(5))
            entry.rows = query.value(5).toLongLong();
        entry.error = query.value(6).toString();
        entries.append(entry);
    }
    return entries;
}

} // namespace

QueryHistory::QueryHistory()
    : QueryHistory(defaultFilePath())
{}

QueryHistory::QueryHistory(const QString &filePath)
    : m_filePath(filePath)
    , m_connectionName(uniqueConnectionName())
{}

QueryHistory::~QueryHistory()
{
    close();
}

QString QueryHistory::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/history.sqlite");
}

Result<void> QueryHistory::open()
{
    if (m_open)
        return {};
    if (m_filePath.isEmpty())
        return Error(Error::Code::InvalidArgument, Tr::tr("No query history file was given."));
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath())) {
        return Error(Error::Code::Io, Tr::tr("Cannot create the folder %1 for the query history.")
                                          .arg(QDir::toNativeSeparators(info.absolutePath())));
    }

    const QString unusable = Tr::tr("The query history file %1 cannot be used.")
                                 .arg(QDir::toNativeSeparators(m_filePath));
    Error failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_filePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
        if (!db.open()) {
            failure = sqlError(unusable, db.lastError());
        } else {
            QSqlQuery query(db);
            // SQLite reads the file lazily: the first statement is what finds a corrupt file.
            const QStringList setup = {
                QStringLiteral("PRAGMA journal_mode=WAL"),
                QStringLiteral("PRAGMA synchronous=NORMAL"),
                QStringLiteral("CREATE TABLE IF NOT EXISTS entries ("
                               "id INTEGER PRIMARY KEY, connection_key TEXT NOT NULL, "
                               "sql TEXT NOT NULL, started_at TEXT NOT NULL, "
                               "duration_ms INTEGER NOT NULL, rows INTEGER NULL, error TEXT NULL)"),
                QStringLiteral("CREATE INDEX IF NOT EXISTS entries_connection_started "
                               "ON entries (connection_key, started_at)"),
            };
            for (const QString &statement : setup) {
                if (!query.exec(statement)) {
                    failure = sqlError(unusable, query.lastError());
                    break;
                }
            }
            if (failure.isNull()) {
                if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
                    failure = sqlError(unusable, query.lastError());
                } else {
                    const int version = query.value(0).toInt();
                    if (version > SchemaVersion) {
                        failure = Error(Error::Code::Io, unusable,
                                        Tr::tr("It was written by a newer version of Strata."));
                    } else if (version < SchemaVersion &&
                               !query.exec(
                                   QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion))) {
                        failure = sqlError(unusable, query.lastError());
                    }
                }
            }
            query.finish();
        }
        if (!failure.isNull())
            db.close();
    }
    if (!failure.isNull()) {
        QSqlDatabase::removeDatabase(m_connectionName);
        return failure;
    }
    m_open = true;
    return {};
}

void QueryHistory::close()
{
    if (!m_open)
        return;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_open = false;
}

Result<void> QueryHistory::ensureOpen() const
{
    if (!m_open)
        return Error(Error::Code::Io, Tr::tr("The query history is not open."));
    return {};
}

Result<qint64> QueryHistory::add(const HistoryEntry &entry)
{
    if (Result<void> opened = ensureOpen(); !opened)
        return opened.error();
    if (entry.connectionKey.isEmpty())
        return Error(Error::Code::InvalidArgument, Tr::tr("A history entry needs a connection."));

    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT INTO entries (connection_key, sql, started_at, "
                                 "duration_ms, rows, error) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.connectionKey);
    query.addBindValue(entry.sql);
    const QDateTime started =
        entry.startedAt.isValid() ? entry.startedAt : QDateTime::currentDateTimeUtc();
    query.addBindValue(toStoredTime(started));
    query.addBindValue(entry.durationMs);
    query.addBindValue(entry.rows ? QVariant(*entry.rows)
                                  : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(entry.error.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                             : QVariant(entry.error));
    if (!query.exec())
        return sqlError(Tr::tr("Cannot add to the query history."), query.lastError());
    return query.lastInsertId().toLongLong();
}

Result<QList<HistoryEntry>> QueryHistory::search(const QString &connectionKey, const QString &text,
                                                 int limit) const
{
    if (Result<void> opened = ensureOpen(); !opened)
        return opened.error();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(SelectColumns +
                  QStringLiteral("WHERE (coalesce(?, '') = '' OR connection_key = ?) AND sql LIKE ? ESCAPE '\\' "
                                 "ORDER BY started_at DESC, id DESC LIMIT ?"));
    query.addBindValue(connectionKey);
    query.addBindValue(connectionKey);
    query.addBindValue(QLatin1Char('%') + escapeLike(text) + QLatin1Char('%'));
    query.addBindValue(qMax(0, limit));
    if (!query.exec())
        return sqlError(Tr::tr("Cannot search the query history."), query.lastError());
    return readEntries(query);
}

Result<QList<HistoryEntry>> QueryHistory::recent(const QString &connectionKey, int limit) const
{
    if (Result<void> opened = ensureOpen(); !opened)
        return opened.error();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(SelectColumns +
                  QStringLiteral("WHERE connection_key = ? ORDER BY started_at DESC, id DESC "
                                 "LIMIT ?"));
    query.addBindValue(connectionKey);
    query.addBindValue(qMax(0, limit));
    if (!query.exec())
        return sqlError(Tr::tr("Cannot read the query history."), query.lastError());
    return readEntries(query);
}

Result<int> QueryHistory::clear(const QString &connectionKey)
{
    if (Result<void> opened = ensureOpen(); !opened)
        return opened.error();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("DELETE FROM entries WHERE connection_key = ?"));
    query.addBindValue(connectionKey);
    if (!query.exec())
        return sqlError(Tr::tr("Cannot clear the query history."), query.lastError());
    return query.numRowsAffected();
}

Result<int> QueryHistory::prune(int maxEntriesPerConnection)
{
    if (Result<void> opened = ensureOpen(); !opened)
        return opened.error();
    if (maxEntriesPerConnection < 0)
        return Error(Error::Code::InvalidArgument, Tr::tr("The history size cannot be negative."));
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral(
        "DELETE FROM entries WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER ("
        "PARTITION BY connection_key ORDER BY started_at DESC, id DESC) AS position "
        "FROM entries) WHERE position > ?)"));
    query.addBindValue(maxEntriesPerConnection);
    if (!query.exec())
        return sqlError(Tr::tr("Cannot prune the query history."), query.lastError());
    return query.numRowsAffected();
}

} // namespace Strata
