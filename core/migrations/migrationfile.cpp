// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationfile.h"

#include "migrations/migrationreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MigrationFile)
};

const QString VersionFormat = QStringLiteral("yyyyMMddHHmmss");

bool isNameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_' || c == u'-';
}

// The version part of a migration file name: the digits before the first '_'.
QString versionOf(const QString &fileName)
{
    const qsizetype underscore = fileName.indexOf(u'_');
    if (underscore <= 0)
        return {};
    const QString version = fileName.left(underscore);
    for (const QChar c : version) {
        if (!c.isDigit())
            return {};
    }
    return version;
}

QStringList sqlFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.sql")}, QDir::Files | QDir::Hidden, QDir::Name);
}

Result<void> saveAtomically(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Code::Io, Tr::tr("Cannot write %1: %2.").arg(path, file.errorString()));
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error(Error::Code::Io, Tr::tr("Cannot write %1: %2.").arg(path, reason));
    }
    if (!file.commit())
        return Error(Error::Code::Io, Tr::tr("Cannot write %1: %2.").arg(path, file.errorString()));
    return {};
}

} // namespace

bool MigrationFile::isSafeName(const QString &name)
{
    return nameProblem(name).isEmpty();
}

QString MigrationFile::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return Tr::tr("Give the migration a name: letters, digits, '_' and '-'.");
    if (name.size() > MaxNameLength)
        return Tr::tr("The name has %1 characters; at most %2 are allowed.")
            .arg(name.size())
            .arg(MaxNameLength);
    for (const QChar c : name) {
        if (isNameCharacter(c))
            continue;
        const QString what = c.isSpace() ? Tr::tr("a space") : QStringLiteral("'%1'").arg(c);
        return Tr::tr("The name cannot contain %1: use letters, digits, '_' and '-'.").arg(what);
    }
    return {};
}

QString MigrationFile::newVersion(const QString &dir, const QDateTime &now)
{
    QSet<QString> used;
    const QStringList files = sqlFiles(dir);
    for (const QString &file : files)
        used.insert(versionOf(file));
    QDateTime at = now.toUTC();
    QString version = at.toString(VersionFormat);
    while (used.contains(version)) {
        at = at.addSecs(1);
        version = at.toString(VersionFormat);
    }
    return version;
}

QString MigrationFile::fileName(const QString &version, const QString &name)
{
    return version + u'_' + name + QStringLiteral(".sql");
}

QString MigrationFile::templateText()
{
    return QStringLiteral("-- migrate:up\n\n\n-- migrate:down\n\n");
}

QString MigrationFile::fileWithVersion(const QString &dir, const QString &version)
{
    const QStringList files = sqlFiles(dir);
    for (const QString &file : files) {
        if (versionOf(file) == version)
            return file;
    }
    return {};
}

Result<QString> MigrationFile::write(const QString &dir, const QString &name, const QString &text)
{
    return write(dir, newVersion(dir), name, text);
}

Result<QString> MigrationFile::write(const QString &dir, const QString &version,
                                     const QString &name, const QString &text)
{
    const QString problem = nameProblem(name);
    if (!problem.isEmpty())
        return Error(Error::Code::InvalidArgument, problem);
    if (!MigrationReader::isTimestampVersion(version))
        return Error(
            Error::Code::InvalidArgument,
            Tr::tr("'%1' is not a version: use a UTC timestamp YYYYMMDDHHMMSS.").arg(version));
    if (dir.isEmpty())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Choose the folder of migration files first."));
    const QDir folder(dir);
    if (!folder.exists() && !QDir().mkpath(folder.path()))
        return Error(Error::Code::Io, Tr::tr("Cannot create the folder %1.").arg(folder.path()));
    const QString path = folder.filePath(fileName(version, name));
    if (QFileInfo::exists(path))
        return Error(Error::Code::Io, Tr::tr("%1 already exists; nothing was written.").arg(path));
    const QString other = fileWithVersion(dir, version);
    if (!other.isEmpty())
        return Error(
            Error::Code::Io,
            Tr::tr("Version %1 is already used by %2; nothing was written.").arg(version, other));
    const Result<void> saved = saveAtomically(path, text);
    if (!saved)
        return saved.error();
    return path;
}

Result<void> MigrationFile::rewrite(const QString &path, const QString &text)
{
    if (!QFileInfo(path).isFile())
        return Error(Error::Code::Io,
                     Tr::tr("%1 no longer exists; nothing was written.").arg(path));
    return saveAtomically(path, text);
}

} // namespace Strata
