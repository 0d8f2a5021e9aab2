// SPDX-License-Identifier: GPL-3.0-or-later
#include "demodatabase.h"

#include "plugins/iengineplugin.h"
#include "results/resultset.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {

QString readResource(const QString &name)
{
    QFile file(u":/strata/demo/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

Result<void> build(IEnginePlugin *engine, const QString &file)
{
    const QString schema = DemoDatabase::schemaSql();
    const QString data = DemoDatabase::dataSql();
    if (schema.isEmpty() || data.isEmpty())
        return Error(Error::Code::Io, u"the demo database scripts are missing from the build"_s);

    std::unique_ptr<ISession> session = engine->createSession();
    ConnectionSettings settings;
    settings.engine = engine->id();
    settings.database = file;
    settings.options.insert(u"mode"_s, u"rw"_s);
    settings.options.insert(u"foreign_keys"_s, u"true"_s);
    if (Result<void> opened = session->open(settings); !opened)
        return opened;
    CollectingSink sink;
    // One transaction: a few thousand rows in one commit, and all or nothing.
    const QString script = u"BEGIN;\n"_s + schema + u"\n"_s + data + u"\nCOMMIT;"_s;
    Result<void> ran = session->execute(script, {}, sink);
    if (!ran) {
        CollectingSink ignored;
        (void)session->execute(u"ROLLBACK"_s, {}, ignored);
    }
    session->close();
    return ran;
}

} // namespace

QString DemoDatabase::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + u"/demo.sqlite"_s;
}

QString DemoDatabase::schemaSql()
{
    return readResource(u"schema.sql"_s);
}

QString DemoDatabase::dataSql()
{
    return readResource(u"data.sql"_s);
}

Result<QString> DemoDatabase::ensure(QObject *sqlitePlugin, const QString &path)
{
    if (path.isEmpty())
        return Error(Error::Code::InvalidArgument, u"no path given for the demo database"_s);
    if (QFileInfo::exists(path))
        return path;
    auto *engine = qobject_cast<IEnginePlugin *>(sqlitePlugin);
    if (!engine || engine->id() != "sqlite"_L1)
        return Error(Error::Code::Plugin, u"the SQLite plugin is needed to build the demo database"_s);

    const QFileInfo target(path);
    if (!QDir().mkpath(target.absolutePath()))
        return Error(Error::Code::Io, u"cannot create the folder '%1'"_s.arg(target.absolutePath()));

    // The temporary file lives in the same folder so the final rename is atomic.
    QTemporaryFile temp(target.absoluteFilePath() + u".XXXXXX.partial"_s);
    if (!temp.open())
        return Error(Error::Code::Io, u"cannot create a temporary file next to '%1'"_s.arg(path),
                     temp.errorString());
    temp.close();
    const QString tempPath = temp.fileName();

    if (Result<void> built = build(engine, tempPath); !built) {
        QFile::remove(tempPath + u"-journal"_s);
        return Error(built.error().code(), u"cannot build the demo database"_s,
                     built.error().message());
    }
    QFile::remove(tempPath + u"-journal"_s);
    // QFile::rename never replaces an existing file: if another process finished first,
    // its demo stays and ours is dropped.
    if (!temp.rename(path)) {
        if (QFileInfo::exists(path))
            return path;
        return Error(Error::Code::Io, u"cannot move the demo database into place at '%1'"_s.arg(path),
                     temp.errorString());
    }
    temp.setAutoRemove(false);
    return path;
}

} // namespace Strata
