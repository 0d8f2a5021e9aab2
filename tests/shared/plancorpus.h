// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The shared EXPLAIN corpora (../shared/corpora/explain beside the source tree), for the plan
// parser and analysis tests. Tests QSKIP when the corpora are not there.

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>
#include <QtTest/QTest>

namespace Strata::Test {

// $STRATA_CORPORA_DIR if set, else <source>/../shared/corpora, else <source>/../../shared/corpora
// (a git worktree one folder deeper than the main checkout).
inline QString corporaRoot()
{
    const QString fromEnv = qEnvironmentVariable("STRATA_CORPORA_DIR");
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(fromEnv);
    const QString beside = QDir::cleanPath(QStringLiteral(STRATA_CORPORA_DIR));
    if (QFileInfo::exists(beside))
        return beside;
    return QDir::cleanPath(QStringLiteral(STRATA_SOURCE_DIR "/../../shared/corpora"));
}

inline QString explainCorpusDir(const QString &sub)
{
    return QDir::cleanPath(corporaRoot() + QStringLiteral("/explain/") + sub);
}

// Files under the corpus folder sub whose names end with suffix, sorted, as absolute paths.
inline QStringList explainCorpusFiles(const QString &sub, const QString &suffix)
{
    QStringList files;
    QDirIterator it(explainCorpusDir(sub), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(suffix))
            files.append(path);
    }
    files.sort();
    return files;
}

inline QString readCorpusFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll());
}

// The corpus path relative to the corpus root, for test row names.
inline QByteArray corpusRowName(const QString &path)
{
    return QDir(explainCorpusDir(QString())).relativeFilePath(path).toUtf8();
}

// For a _data() function: a "path" column with one row per file; false (the caller QSKIPs)
// when the corpora are not there.
inline bool addCorpusRows(const QStringList &files)
{
    QTest::addColumn<QString>("path");
    for (const QString &path : files)
        QTest::newRow(corpusRowName(path).constData()) << path;
    return !files.isEmpty();
}

} // namespace Strata::Test
