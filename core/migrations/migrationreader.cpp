// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationreader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MigrationReader)
};

using Problem = MigrationReader::Problem;

enum class FileKind { Dbmate, Up, Down };

struct FileName
{
    QString version;
    QString name;
    FileKind kind = FileKind::Dbmate;
};

// "<digits>_<name>.sql", "<digits>_<name>.up.sql", "<digits>_<name>.down.sql".
std::optional<FileName> parseFileName(const QString &fileName)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^([0-9]{1,20})_(.+?)(\.up|\.down)?\.sql$)"));
    const QRegularExpressionMatch match = pattern.match(fileName);
    if (!match.hasMatch())
        return std::nullopt;
    FileName parsed;
    parsed.version = match.captured(1);
    parsed.name = match.captured(2);
    const QString direction = match.captured(3);
    parsed.kind = direction == QLatin1String(".up")     ? FileKind::Up
                  : direction == QLatin1String(".down") ? FileKind::Down
                                                        : FileKind::Dbmate;
    return parsed;
}

bool isCommentOrBlank(QStringView line)
{
    const QStringView trimmed = line.trimmed();
    return trimmed.isEmpty() || trimmed.startsWith(u"--");
}

// The options after a marker ("transaction:false"); false and a problem when one is unknown.
bool parseOptions(const QString &options, Migration::Section *section, const QString &file,
                  int line, QList<Problem> *problems)
{
    const QStringList words = options.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (word == QLatin1String("transaction:false")) {
            section->transaction = false;
        } else if (word == QLatin1String("transaction:true")) {
            section->transaction = true;
        } else {
            problems->append({file, line,
                              Tr::tr("unknown option \"%1\" after the marker; the only option "
                                     "is transaction:false")
                                  .arg(word)});
            return false;
        }
    }
    return true;
}

std::optional<QString> readUtf8(const QString &path, const QString &file, QList<Problem> *problems)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        problems->append({file, 0, Tr::tr("cannot be read: %1").arg(in.errorString())});
        return std::nullopt;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(in.readAll());
    if (decoder.hasError()) {
        problems->append({file, 0, Tr::tr("is not valid UTF-8")});
        return std::nullopt;
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

QString badNameMessage()
{
    return Tr::tr("the file name is not <version>_<name>.sql (or .up.sql/.down.sql) with a "
                  "numeric version");
}

QString badTimestampMessage(const QString &version)
{
    return Tr::tr("version %1 is not a UTC timestamp YYYYMMDDHHMMSS").arg(version);
}

} // namespace

QString MigrationReader::Problem::toString() const
{
    return line > 0 ? QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message)
                    : QStringLiteral("%1: %2").arg(file, message);
}

bool MigrationReader::isTimestampVersion(const QString &version)
{
    if (version.size() != 14)
        return false;
    for (const QChar c : version) {
        if (!c.isDigit() || c.unicode() > 0x7f)
            return false;
    }
    const QDateTime parsed =
        QDateTime::fromString(version, QStringLiteral("yyyyMMddHHmmss"));
    return parsed.isValid();
}

MigrationReader::Contents MigrationReader::parseDbmate(const QString &fileName, const QString &text)
{
    Contents contents;
    const std::optional<FileName> name = parseFileName(fileName);
    if (!name || name->kind != FileKind::Dbmate) {
        contents.problems.append({fileName, 0, badNameMessage()});
        return contents;
    }
    if (!isTimestampVersion(name->version)) {
        contents.problems.append({fileName, 0, badTimestampMessage(name->version)});
        return contents;
    }

    static const QRegularExpression marker(QStringLiteral(R"(^--\s*migrate:(up|down)\b(.*)$)"));
    Migration migration;
    migration.version = name->version;
    migration.name = name->name;
    migration.layout = Migration::Layout::Dbmate;
    Migration::Section *current = nullptr;
    QStringList currentLines;
    auto flush = [&]() {
        if (current)
            current->sql = currentLines.join(u'\n');
        currentLines.clear();
    };

    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const int lineNumber = i + 1;
        const QRegularExpressionMatch match = marker.match(line.trimmed());
        if (match.hasMatch()) {
            const bool up = match.captured(1) == QLatin1String("up");
            Migration::Section *section = up ? &migration.up : &migration.down;
            if (section->present) {
                contents.problems.append(
                    {fileName, lineNumber,
                     Tr::tr("a second \"-- migrate:%1\" section (the first begins on line %2)")
                         .arg(match.captured(1))
                         .arg(section->firstLine - 1)});
                return contents;
            }
            flush();
            section->present = true;
            section->file = fileName;
            section->firstLine = lineNumber + 1;
            if (!parseOptions(match.captured(2), section, fileName, lineNumber, &contents.problems))
                return contents;
            current = section;
            continue;
        }
        if (!current) {
            if (!isCommentOrBlank(line)) {
                contents.problems.append(
                    {fileName, lineNumber,
                     Tr::tr("SQL before the first \"-- migrate:up\" or \"-- migrate:down\" "
                            "marker belongs to no section")});
                return contents;
            }
            continue;
        }
        currentLines.append(line);
    }
    flush();
    if (!migration.up.present) {
        contents.problems.append(
            {fileName, 1, Tr::tr("there is no \"-- migrate:up\" section")});
        return contents;
    }
    migration.checksum = Migration::checksumOf(migration.up.sql);
    contents.migrations.append(migration);
    return contents;
}

MigrationReader::Contents MigrationReader::readDirectory(const QString &dirPath)
{
    Contents contents;
    const QDir dir(dirPath);
    if (!dir.exists()) {
        contents.problems.append({dirPath, 0, Tr::tr("the folder does not exist")});
        return contents;
    }
    QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files | QDir::Readable,
                                      QDir::Name);
    // Pairs are joined by version; a version may come from one place only.
    QHash<QString, int> byVersion;      // version → index in contents.migrations
    QHash<QString, QString> firstFileOf; // version → the file that defined it
    QHash<QString, QString> downOnly;    // version → a .down.sql without its .up.sql yet
    auto claim = [&](const QString &version, const QString &file) {
        if (firstFileOf.contains(version)) {
            contents.problems.append(
                {file, 0,
                 Tr::tr("version %1 is also used by %2").arg(version, firstFileOf.value(version))});
            return false;
        }
        firstFileOf.insert(version, file);
        return true;
    };

    for (const QString &file : std::as_const(files)) {
        const std::optional<FileName> name = parseFileName(file);
        if (!name) {
            contents.problems.append({file, 0, badNameMessage()});
            continue;
        }
        const std::optional<QString> text = readUtf8(dir.filePath(file), file, &contents.problems);
        if (!text)
            continue;
        if (name->kind == FileKind::Dbmate) {
            if (!claim(name->version, file))
                continue;
            Contents one = parseDbmate(file, *text);
            contents.problems.append(one.problems);
            if (!one.migrations.isEmpty()) {
                byVersion.insert(name->version, int(contents.migrations.size()));
                contents.migrations.append(one.migrations.first());
            }
            continue;
        }
        // golang-migrate: the whole file is one section.
        Migration::Section section;
        section.present = true;
        section.sql = *text;
        section.sql.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        section.file = file;
        section.firstLine = 1;
        const QString pairKey = name->version + u'\x1f' + name->name;
        if (name->kind == FileKind::Down) {
            downOnly.insert(pairKey, file);
            // Attach when the up file came first (".down" sorts before ".up": rarely).
            const auto found = byVersion.constFind(name->version);
            if (found != byVersion.constEnd()
                && contents.migrations.at(*found).layout == Migration::Layout::GolangMigrate
                && contents.migrations.at(*found).name == name->name) {
                contents.migrations[*found].down = section;
                downOnly.remove(pairKey);
            }
            continue;
        }
        if (!claim(name->version, file))
            continue;
        Migration migration;
        migration.version = name->version;
        migration.name = name->name;
        migration.layout = Migration::Layout::GolangMigrate;
        migration.up = section;
        migration.checksum = Migration::checksumOf(section.sql);
        if (const auto down = downOnly.constFind(pairKey); down != downOnly.constEnd()) {
            const std::optional<QString> downText =
                readUtf8(dir.filePath(*down), *down, &contents.problems);
            if (downText) {
                Migration::Section downSection = section;
                downSection.sql = *downText;
                downSection.sql.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
                downSection.file = *down;
                migration.down = downSection;
            }
            downOnly.erase(down);
        }
        byVersion.insert(name->version, int(contents.migrations.size()));
        contents.migrations.append(migration);
    }
    QStringList orphans = downOnly.values();
    orphans.sort();
    for (const QString &file : std::as_const(orphans))
        contents.problems.append({file, 0, Tr::tr("is a down file without its .up.sql file")});

    std::sort(contents.migrations.begin(), contents.migrations.end(),
              [](const Migration &a, const Migration &b) {
                  return Migration::versionLess(a.version, b.version);
              });
    return contents;
}

} // namespace Strata
