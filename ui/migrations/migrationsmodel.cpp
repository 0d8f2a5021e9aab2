// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationsmodel.h"

#include "migrationhistorymodel.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QGuiApplication>
#include <QLocale>

namespace Strata {

namespace {

using State = MigrationStatus::State;
using Event = MigrationRunner::Progress::Event;
using Kind = MigrationPlanner::Step::Kind;

// Tones readable on a light and on a dark base.
QColor stateColor(State state, bool dark)
{
    switch (state) {
    case State::Applied:
        return dark ? QColor(0x7c, 0xd3, 0x8a) : QColor(0x1a, 0x7f, 0x37);
    case State::Pending:
        return dark ? QColor(0x79, 0xb8, 0xff) : QColor(0x05, 0x50, 0xae);
    case State::Changed:
        return dark ? QColor(0xf0, 0xb0, 0x50) : QColor(0x9a, 0x67, 0x00);
    case State::Missing:
        return dark ? QColor(0xf0, 0x90, 0x60) : QColor(0xbc, 0x4c, 0x00);
    case State::Failed:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    }
    return {};
}

} // namespace

MigrationsModel::MigrationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    setPalette(QGuiApplication::palette());
}

void MigrationsModel::setPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::ForegroundRole});
}

void MigrationsModel::setStatus(const MigrationStatus &status, const QString &folder)
{
    beginResetModel();
    m_status = status;
    m_folder = folder;
    endResetModel();
}

const MigrationStatus::Entry *MigrationsModel::entry(int row) const
{
    const QList<MigrationStatus::Entry> &entries = m_status.entries();
    return row >= 0 && row < entries.size() ? &entries.at(row) : nullptr;
}

int MigrationsModel::rowOf(const QString &version) const
{
    const QList<MigrationStatus::Entry> &entries = m_status.entries();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (entries.at(i).version == version)
            return int(i);
    }
    return -1;
}

void MigrationsModel::setProgress(const MigrationRunner::Progress &progress)
{
    RunResult result;
    result.event = progress.event;
    result.kind = progress.kind;
    result.elapsedMs = progress.elapsedMs;
    result.error = progress.error;
    m_results.insert(progress.version, result);
    const int row = rowOf(progress.version);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, ResultColumn), index(row, ResultColumn));
}

void MigrationsModel::clearResults()
{
    if (m_results.isEmpty())
        return;
    m_results.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ResultColumn), index(rowCount() - 1, ResultColumn));
}

QString MigrationsModel::resultText(const QString &version) const
{
    const auto found = m_results.constFind(version);
    return found == m_results.constEnd() ? QString() : resultText(*found);
}

QString MigrationsModel::resultText(const RunResult &result)
{
    switch (result.event) {
    case Event::Started:
        return tr("running…");
    case Event::Skipped:
        return tr("skipped");
    case Event::Failed:
        return tr("failed: %1").arg(result.error);
    case Event::Finished:
        break;
    }
    const QString took = MigrationHistoryModel::durationText(result.elapsedMs);
    switch (result.kind) {
    case Kind::Apply:
        return tr("applied in %1").arg(took);
    case Kind::Revert:
        return tr("reverted in %1").arg(took);
    case Kind::DeleteRow:
        return tr("repaired: history row deleted");
    case Kind::UpdateChecksum:
        return tr("repaired: checksum updated");
    }
    return {};
}

QString MigrationsModel::stateText(const MigrationStatus::Entry &entry)
{
    if (entry.state == State::Pending && entry.outOfOrder)
        return tr("pending (out of order)");
    return MigrationStatus::stateName(entry.state);
}

QString MigrationsModel::stateExplanation(const MigrationStatus::Entry &entry)
{
    switch (entry.state) {
    case State::Applied:
        return tr("applied: in the history, and the file's up section is unchanged.");
    case State::Pending:
        if (entry.outOfOrder)
            return tr("pending, out of order: not applied yet, but older than the newest applied "
                      "migration; Apply refuses it (strata-cli migrate up --allow-out-of-order "
                      "applies it), or give it a newer version.");
        return tr("pending: not applied yet; Apply runs its up section.");
    case State::Changed:
        return tr("changed: the file's up section differs from what was applied; validate "
                  "reports it; repair accepts the new checksum.");
    case State::Missing:
        return tr("missing: applied, but no file in the folder has this version any more; restore "
                  "the file, or repair to delete its history row.");
    case State::Failed:
        return tr("failed: it stopped part-way (engines without transactional DDL); fix the "
                  "database by hand, then repair deletes its history row so it can run again.");
    }
    return {};
}

QString MigrationsModel::fileName(const MigrationStatus::Entry &entry) const
{
    return entry.file ? entry.file->up.file : QString();
}

int MigrationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_status.entries().size());
}

int MigrationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MigrationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MigrationStatus::Entry &e = m_status.entries().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(e, index.column());
    case Qt::ForegroundRole:
        return foreground(e, index.column());
    case Qt::ToolTipRole:
        return toolTip(e, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return fileName(e).isEmpty() || m_folder.isEmpty() ? QString()
                                                           : QDir(m_folder).filePath(fileName(e));
    case FileRole:
        return fileName(e);
    case VersionRole:
        return e.version;
    case StateRole:
        return int(e.state);
    case OutOfOrderRole:
        return e.outOfOrder;
    case SortRole:
        return sortData(e, index.column());
    default:
        return {};
    }
}

QVariant MigrationsModel::displayData(const MigrationStatus::Entry &e, int column) const
{
    switch (column) {
    case VersionColumn:
        return e.version;
    case NameColumn:
        return e.name;
    case StateColumn:
        return stateText(e);
    case AppliedAtColumn:
        if (e.applied && e.applied->appliedAt.isValid())
            return e.applied->appliedAt.toLocalTime().toString(
                QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        return QString();
    case DurationColumn:
        if (e.applied && e.applied->executionMs)
            return MigrationHistoryModel::durationText(*e.applied->executionMs);
        return QString();
    case AppliedByColumn:
        return e.applied ? e.applied->appliedBy : QString();
    case ResultColumn:
        return resultText(e.version);
    default:
        return {};
    }
}

QVariant MigrationsModel::foreground(const MigrationStatus::Entry &e, int column) const
{
    if (column == StateColumn)
        return QBrush(stateColor(e.state, m_dark));
    if (column == ResultColumn) {
        const auto found = m_results.constFind(e.version);
        if (found == m_results.constEnd())
            return {};
        if (found->event == Event::Failed)
            return QBrush(stateColor(State::Failed, m_dark));
        if (found->event == Event::Finished)
            return QBrush(stateColor(State::Applied, m_dark));
    }
    return {};
}

QVariant MigrationsModel::toolTip(const MigrationStatus::Entry &e, int column) const
{
    switch (column) {
    case StateColumn:
        return stateExplanation(e);
    case AppliedAtColumn:
        if (e.applied && e.applied->appliedAt.isValid())
            return tr("%1 (UTC)").arg(e.applied->appliedAt.toUTC().toString(Qt::ISODateWithMs));
        return {};
    case ResultColumn: {
        const QString text = resultText(e.version);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    case VersionColumn:
    case NameColumn:
        if (!fileName(e).isEmpty())
            return tr("%1 — double-click to open it").arg(fileName(e));
        return tr("No file in the folder has this version.");
    default:
        return {};
    }
}

QVariant MigrationsModel::sortData(const MigrationStatus::Entry &e, int column) const
{
    switch (column) {
    case VersionColumn:
        // Numeric versions of any length sort as numbers: pad them.
        return e.version.rightJustified(32, u'0');
    case StateColumn:
        return int(e.state);
    case AppliedAtColumn:
        return e.applied && e.applied->appliedAt.isValid()
                   ? e.applied->appliedAt.toMSecsSinceEpoch()
                   : qint64(-1);
    case DurationColumn:
        return e.applied && e.applied->executionMs ? *e.applied->executionMs : qint64(-1);
    default:
        return displayData(e, column);
    }
}

QVariant MigrationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case VersionColumn:
            return tr("Version");
        case NameColumn:
            return tr("Name");
        case StateColumn:
            return tr("State");
        case AppliedAtColumn:
            return tr("Applied at");
        case DurationColumn:
            return tr("Duration");
        case AppliedByColumn:
            return tr("Applied by");
        case ResultColumn:
            return tr("Result");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StateColumn:
            return tr("applied, pending, changed, missing or failed: hover a cell for what it "
                      "means and what to do");
        case AppliedAtColumn:
            return tr("When it was applied, in local time");
        case DurationColumn:
            return tr("How long its up section took when it was applied");
        case AppliedByColumn:
            return tr("The database user and the operating-system user@host that applied it");
        case ResultColumn:
            return tr("What this session's last Apply, Rollback or Repair did to it");
        default:
            return {};
        }
    }
    return {};
}

} // namespace Strata
