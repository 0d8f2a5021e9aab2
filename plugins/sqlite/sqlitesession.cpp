// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitesession.h"

#include "sqlitevalues.h"

#include "results/blockpacer.h"
#include "results/resultset.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

// strata_in_transaction(): 1 while a transaction is open on this connection (a BEGIN typed in
// a query tab), else 0. SQL cannot ask SQLite this; EditPlanner::openTransactionProbe does.
void inTransaction(sqlite3_context *context, int, sqlite3_value **)
{
    sqlite3_result_int(context, sqlite3_get_autocommit(sqlite3_context_db_handle(context)) ? 0 : 1);
}


std::atomic<quint64> s_connectionCounter{0};

// Finalizes a prepared statement on every exit path.
struct StatementGuard
{
    sqlite3_stmt *stmt = nullptr;
    ~StatementGuard() { sqlite3_finalize(stmt); }
};

Result<bool> parseBoolOption(const ConnectionSettings &settings, const QString &name, bool fallback)
{
    const QString raw = settings.option(name).trimmed().toLower();
    if (raw.isEmpty())
        return fallback;
    if (raw == "true"_L1 || raw == "1"_L1 || raw == "on"_L1 || raw == "yes"_L1)
        return true;
    if (raw == "false"_L1 || raw == "0"_L1 || raw == "off"_L1 || raw == "no"_L1)
        return false;
    return Error(Error::Code::InvalidArgument,
                 u"option '%1' must be true or false, not '%2'"_s.arg(name, raw));
}

} // namespace

SqliteSession::SqliteSession() = default;

SqliteSession::~SqliteSession()
{
    close();
}

Result<void> SqliteSession::open(const ConnectionSettings &settings)
{
    close();

    const QString mode = settings.option(u"mode"_s, u"rwc"_s).trimmed().toLower();
    if (mode != "rw"_L1 && mode != "ro"_L1 && mode != "rwc"_L1)
        return Error(Error::Code::InvalidArgument,
                     u"option 'mode' must be rw, ro or rwc, not '%1'"_s.arg(mode));
    const Result<bool> foreignKeys = parseBoolOption(settings, u"foreign_keys"_s, true);
    if (!foreignKeys)
        return foreignKeys.error();
    bool timeoutOk = false;
    const int busyTimeout = settings.option(u"busy_timeout"_s, u"5000"_s).toInt(&timeoutOk);
    if (!timeoutOk || busyTimeout < 0)
        return Error(Error::Code::InvalidArgument,
                     u"option 'busy_timeout' must be a number of milliseconds, not '%1'"_s.arg(
                         settings.option(u"busy_timeout"_s)));

    const QString path = settings.database;
    if (path.isEmpty())
        return Error(Error::Code::InvalidArgument, u"no SQLite database file given"_s);
    const bool inMemory = path == ":memory:"_L1;
    const QFileInfo file(path);
    if (!inMemory && mode != "rwc"_L1 && !file.exists())
        return Error(Error::Code::UnknownDatabase,
                     u"the database file '%1' does not exist"_s.arg(path),
                     u"mode=%1 never creates a file; use mode=rwc to create it"_s.arg(mode));
    if (!inMemory && file.exists() && !file.isFile())
        return Error(Error::Code::UnknownDatabase, u"'%1' is not a file"_s.arg(path));

    m_connectionName = u"strata-sqlite-%1"_s.arg(++s_connectionCounter);
    QString openError;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(path);
        if (mode == "ro"_L1)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            const QVariant handle = db.driver()->handle();
            if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
                m_db = *static_cast<sqlite3 *const *>(handle.constData());
            else
                openError = u"the Qt SQLite driver gave no native handle"_s;
        } else {
            openError = db.lastError().text();
        }
    }
    if (!m_db.load()) {
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        return Error(Error::Code::UnknownDatabase,
                     u"cannot open the database file '%1'"_s.arg(path), openError);
    }
    m_path = path;
    sqlite3_busy_timeout(m_db.load(), busyTimeout);
    sqlite3_create_function_v2(m_db.load(), "strata_in_transaction", 0,
                               SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr, &inTransaction, nullptr,
                               nullptr, nullptr);

    // Reading the schema proves the file is a database (SQLite opens lazily).
    CollectingSink check;
    const QString pragma = u"PRAGMA foreign_keys = %1; SELECT count(*) FROM sqlite_schema"_s.arg(
        foreignKeys.value() ? u"ON"_s : u"OFF"_s);
    const Result<void> probe = execute(pragma, {}, check);
    if (!probe) {
        close();
        Error error(probe.error().code() == Error::Code::Query ? Error::Code::UnknownDatabase
                                                               : probe.error().code(),
                    u"cannot open the database file '%1'"_s.arg(path), probe.error().message());
        error.setSqlState(probe.error().sqlState());
        return error;
    }
    return {};
}

void SqliteSession::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_db = nullptr;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_path.clear();
}

bool SqliteSession::isOpen() const
{
    return m_db.load() != nullptr;
}

QString SqliteSession::serverVersion() const
{
    return u"SQLite "_s + QString::fromLatin1(sqlite3_libversion());
}

void SqliteSession::cancel()
{
    m_cancelled = true;
    if (sqlite3 *db = m_db.load())
        sqlite3_interrupt(db);
}

Result<void> SqliteSession::execute(const QString &sql, const QVariantList &parameters,
                                    IRowSink &sink)
{
    sqlite3 *db = m_db.load();
    if (!db)
        return Error(Error::Code::ConnectionLost, u"the SQLite session is not open"_s);
    m_cancelled = false;

    const QByteArray utf8 = sql.toUtf8();
    const char *begin = utf8.constData();
    const char *end = begin + utf8.size();
    const char *tail = begin;
    qsizetype nextParameter = 0;

    while (tail < end) {
        if (m_cancelled)
            return Error(Error::Code::Cancelled, u"the statement was cancelled"_s);
        StatementGuard guard;
        const char *next = nullptr;
        const int offset = int(tail - begin);
        const int rc = sqlite3_prepare_v2(db, tail, int(end - tail), &guard.stmt, &next);
        if (rc != SQLITE_OK)
            return errorFor(rc, utf8, offset);
        tail = next ? next : end;
        if (!guard.stmt)
            continue; // only whitespace or comments were left

        const int wanted = sqlite3_bind_parameter_count(guard.stmt);
        for (int i = 1; i <= wanted; ++i) {
            if (nextParameter >= parameters.size())
                return Error(Error::Code::InvalidArgument,
                             u"the SQL uses more parameters than the %1 given"_s.arg(
                                 parameters.size()));
            const int bound = bindValue(guard.stmt, i, parameters.at(nextParameter++));
            if (bound != SQLITE_OK)
                return errorFor(bound, utf8, offset);
        }
        const Result<void> ran = runStatement(guard.stmt, sink, offset, utf8);
        if (!ran)
            return ran;
    }
    if (nextParameter < parameters.size())
        return Error(Error::Code::InvalidArgument,
                     u"%1 parameters were given but the SQL uses %2"_s.arg(parameters.size())
                         .arg(nextParameter));
    return {};
}

Result<void> SqliteSession::runStatement(sqlite3_stmt *stmt, IRowSink &sink, int statementOffset,
                                         const QByteArray &utf8)
{
    sqlite3 *db = m_db.load();
    QElapsedTimer timer;
    timer.start();
    ResultSummary summary;
    const QString verb = statementVerb(stmt);
    const bool counts = countsChanges(verb, stmt);
    const int columnCount = sqlite3_column_count(stmt);

    if (columnCount == 0) {
        int rc = SQLITE_ROW;
        while (rc == SQLITE_ROW)
            rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            return errorFor(rc, utf8, statementOffset);
        summary.rowsAffected = counts ? sqlite3_changes64(db) : -1;
        summary.commandTag = summary.rowsAffected >= 0
                                 ? u"%1 %2"_s.arg(verb).arg(summary.rowsAffected)
                                 : verb;
        summary.elapsedMs = timer.elapsed();
        sink.endResult(summary);
        return {};
    }

    ColumnList columns = describeColumns(stmt);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return errorFor(rc, utf8, statementOffset);
    settleUntypedColumns(stmt, rc == SQLITE_ROW, columns);
    sink.beginResult(columns);
    summary.hasRows = true;

    RowBlock block(columnCount);
    block.reserve(BlockPacer::BlockRows, 64 * 1024);
    BlockPacer pacer;
    bool stopped = false;
    while (rc == SQLITE_ROW) {
        for (int c = 0; c < columnCount; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_NULL:
                block.appendNull();
                break;
            case SQLITE_BLOB: {
                // A zero-length blob comes back as a null pointer: keep it an empty value.
                const void *data = sqlite3_column_blob(stmt, c);
                block.appendCell(data ? static_cast<const char *>(data) : "",
                                 sqlite3_column_bytes(stmt, c));
                break;
            }
            default: {
                const unsigned char *text = sqlite3_column_text(stmt, c);
                block.appendCell(reinterpret_cast<const char *>(text),
                                 sqlite3_column_bytes(stmt, c));
                break;
            }
            }
        }
        ++summary.rowCount;
        if (pacer.isDue(block)) {
            const bool more = sink.rows(std::move(block));
            block = RowBlock(columnCount);
            block.reserve(BlockPacer::BlockRows, 64 * 1024);
            if (!more) {
                stopped = true;
                break;
            }
        }
        rc = sqlite3_step(stmt);
    }
    if (stopped) {
        // Only a row beyond the last one delivered makes the result truncated.
        summary.truncated = sqlite3_step(stmt) == SQLITE_ROW;
    } else {
        if (rc != SQLITE_DONE)
            return errorFor(rc, utf8, statementOffset);
        if (!block.isEmpty())
            sink.rows(std::move(block));
    }
    if (counts)
        summary.rowsAffected = sqlite3_changes64(db);
    summary.commandTag = u"%1 %2"_s.arg(verb).arg(counts ? summary.rowsAffected : summary.rowCount);
    summary.elapsedMs = timer.elapsed();
    sink.endResult(summary);
    return {};
}

Error SqliteSession::errorFor(int rc, const QByteArray &utf8, int statementOffset) const
{
    sqlite3 *db = m_db.load();
    const int primary = rc & 0xff;
    if (primary == SQLITE_INTERRUPT)
        return Error(Error::Code::Cancelled, u"the statement was cancelled"_s);
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    const QString message = db ? QString::fromUtf8(sqlite3_errmsg(db))
                               : QString::fromUtf8(sqlite3_errstr(rc));
    Error::Code code = Error::Code::Query;
    switch (primary) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
        code = Error::Code::Io;
        break;
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
        code = Error::Code::InvalidArgument;
        break;
    default:
        break;
    }
    Error error(code, message);
    error.setSqlState(QString::number(extended));
    const int byteOffset = db ? sqlite3_error_offset(db) : -1;
    if (byteOffset >= 0) {
        const qsizetype absolute = qMin<qsizetype>(statementOffset + byteOffset, utf8.size());
        error.setPosition(int(QString::fromUtf8(utf8.constData(), absolute).size()) + 1);
    }
    return error;
}

} // namespace Strata::Sqlite::Internal
