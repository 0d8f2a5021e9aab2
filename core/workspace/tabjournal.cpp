// SPDX-License-Identifier: GPL-3.0-or-later
#include "tabjournal.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <optional>

namespace Strata {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::TabJournal)
};

constexpr int DefaultInterval = 5000;
constexpr int FormatVersion = 1;
const QString Format = QStringLiteral("strata-tab-journal");
const QString MarkerName = QStringLiteral("session.marker");
const QString TabPattern = QStringLiteral("tab-*.json");

// Tab ids are free text; file names are derived from them and the real id is stored inside.
QString fileNameOf(const QString &id)
{
    const QByteArray hash = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("tab-") + QString::fromLatin1(hash.toHex()) + QStringLiteral(".json");
}

QByteArray toJson(const JournalTab &tab)
{
    QJsonObject object;
    object.insert(QStringLiteral("format"), Format);
    object.insert(QStringLiteral("version"), FormatVersion);
    object.insert(QStringLiteral("id"), tab.id);
    object.insert(QStringLiteral("title"), tab.title);
    object.insert(QStringLiteral("connectionKey"), tab.connectionKey);
    object.insert(QStringLiteral("text"), tab.text);
    object.insert(QStringLiteral("filePath"), tab.filePath);
    object.insert(QStringLiteral("cursor"), tab.cursor);
    object.insert(QStringLiteral("modified"), tab.modified);
    object.insert(QStringLiteral("order"), tab.order);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<JournalTab> fromJson(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("format")).toString() != Format ||
        object.value(QStringLiteral("version")).toInt() != FormatVersion ||
        !object.value(QStringLiteral("id")).isString() ||
        !object.value(QStringLiteral("text")).isString()) {
        return std::nullopt;
    }
    JournalTab tab;
    tab.id = object.value(QStringLiteral("id")).toString();
    tab.title = object.value(QStringLiteral("title")).toString();
    tab.connectionKey = object.value(QStringLiteral("connectionKey")).toString();
    tab.text = object.value(QStringLiteral("text")).toString();
    tab.filePath = object.value(QStringLiteral("filePath")).toString();
    tab.cursor = object.value(QStringLiteral("cursor")).toInt();
    tab.modified = object.value(QStringLiteral("modified")).toBool();
    tab.order = object.value(QStringLiteral("order")).toInt();
    if (tab.id.isEmpty())
        return std::nullopt;
    return tab;
}

Result<void> writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        return Error(
            Error::Code::Io,
            Tr::tr("Cannot write the tab journal file %1.").arg(QDir::toNativeSeparators(path)),
            file.errorString());
    }
    return {};
}

Result<void> removeFile(const QString &path)
{
    QFile file(path);
    if (file.exists() && !file.remove()) {
        return Error(
            Error::Code::Io,
            Tr::tr("Cannot remove the tab journal file %1.").arg(QDir::toNativeSeparators(path)),
            file.errorString());
    }
    return {};
}

Result<void> removeTabFiles(const QDir &dir)
{
    const QStringList names = dir.entryList({TabPattern}, QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        if (Result<void> removed = removeFile(dir.filePath(name)); !removed)
            return removed;
    }
    return {};
}

} // namespace

TabJournal::TabJournal(QObject *parent)
    : TabJournal(defaultDirectory(), parent)
{}

TabJournal::TabJournal(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &TabJournal::flushFromTimer);
}

TabJournal::~TabJournal()
{
    // An exit without endSession() is not clean, but what the user typed is still worth keeping.
    if (hasPendingChanges())
        (void)flush();
}

QString TabJournal::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/journal");
}

int TabJournal::interval() const
{
    return m_timer.interval();
}

void TabJournal::setInterval(int milliseconds)
{
    m_timer.setInterval(qMax(0, milliseconds));
}

Result<void> TabJournal::beginSession()
{
    const QDir dir(m_directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        return Error(Error::Code::Io, Tr::tr("Cannot create the tab journal folder %1.")
                                          .arg(QDir::toNativeSeparators(m_directory)));
    }
    if (Result<void> removed = removeTabFiles(dir); !removed)
        return removed;
    const QByteArray marker = QByteArray::number(QCoreApplication::applicationPid()) + '\n';
    if (Result<void> written = writeAtomically(dir.filePath(MarkerName), marker); !written)
        return written;
    for (auto it = m_tabs.cbegin(); it != m_tabs.cend(); ++it)
        markDirty(it.key());
    return {};
}

Result<void> TabJournal::endSession()
{
    m_timer.stop();
    m_dirty.clear();
    const QDir dir(m_directory);
    if (Result<void> removed = removeTabFiles(dir); !removed)
        return removed;
    // Last, so that a failure above still leaves a recoverable journal behind.
    return removeFile(dir.filePath(MarkerName));
}

void TabJournal::update(const JournalTab &tab)
{
    if (tab.id.isEmpty())
        return;
    m_tabs.insert(tab.id, tab);
    markDirty(tab.id);
}

void TabJournal::remove(const QString &id)
{
    m_tabs.remove(id);
    markDirty(id);
}

void TabJournal::setTabOrder(const QStringList &ids)
{
    for (int i = 0; i < ids.size(); ++i) {
        auto it = m_tabs.find(ids.at(i));
        if (it != m_tabs.end() && it->order != i) {
            it->order = i;
            markDirty(ids.at(i));
        }
    }
}

void TabJournal::markDirty(const QString &id)
{
    m_dirty.insert(id);
    // Single shot from the first change: a tab typed in continuously is still written on time.
    if (!m_timer.isActive())
        m_timer.start();
}

Result<void> TabJournal::flush()
{
    m_timer.stop();
    const QDir dir(m_directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        const Error error(Error::Code::Io, Tr::tr("Cannot create the tab journal folder %1.")
                                               .arg(QDir::toNativeSeparators(m_directory)));
        Q_EMIT flushFailed(error);
        return error;
    }
    Error firstError;
    const QSet<QString> dirty = m_dirty;
    for (const QString &id : dirty) {
        const QString path = dir.filePath(fileNameOf(id));
        const auto it = m_tabs.constFind(id);
        const Result<void> done =
            it != m_tabs.cend() ? writeAtomically(path, toJson(*it)) : removeFile(path);
        if (done)
            m_dirty.remove(id);
        else if (firstError.isNull())
            firstError = done.error();
    }
    if (!firstError.isNull()) {
        Q_EMIT flushFailed(firstError);
        return firstError;
    }
    Q_EMIT flushed();
    return {};
}

void TabJournal::flushFromTimer()
{
    // Failed tabs stay dirty; try again after another interval.
    if (!flush() && hasPendingChanges())
        m_timer.start();
}

Result<void> TabJournal::write(const QString &directory, const QList<JournalTab> &tabs,
                               const QStringList &removedIds)
{
    const QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        return Error(Error::Code::Io, Tr::tr("Cannot create the tab journal folder %1.")
                                          .arg(QDir::toNativeSeparators(directory)));
    }
    for (const JournalTab &tab : tabs) {
        if (tab.id.isEmpty())
            continue;
        if (Result<void> written = writeAtomically(dir.filePath(fileNameOf(tab.id)), toJson(tab));
            !written) {
            return written;
        }
    }
    for (const QString &id : removedIds) {
        if (Result<void> removed = removeFile(dir.filePath(fileNameOf(id))); !removed)
            return removed;
    }
    return {};
}

bool TabJournal::previousSessionCrashed(const QString &directory)
{
    return QFile::exists(QDir(directory).filePath(MarkerName));
}

Result<QList<JournalTab>> TabJournal::recover(const QString &directory)
{
    QList<JournalTab> tabs;
    if (!previousSessionCrashed(directory))
        return tabs;
    const QDir dir(directory);
    const QStringList names = dir.entryList({TabPattern}, QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            return Error(Error::Code::Io,
                         Tr::tr("Cannot read the tab journal file %1.")
                             .arg(QDir::toNativeSeparators(file.fileName())),
                         file.errorString());
        }
        if (std::optional<JournalTab> tab = fromJson(file.readAll()))
            tabs.append(*tab);
    }
    std::sort(tabs.begin(), tabs.end(), [](const JournalTab &a, const JournalTab &b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
    return tabs;
}

} // namespace Strata
