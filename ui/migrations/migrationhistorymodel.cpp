// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationhistorymodel.h"

#include "migrations/migration.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace Strata {

namespace {

constexpr QChar Dash(0x2014);

// Newest applied first; rows without a time last; the same second: the higher version first.
bool newerFirst(const AppliedMigration &a, const AppliedMigration &b)
{
    if (a.appliedAt.isValid() != b.appliedAt.isValid())
        return a.appliedAt.isValid();
    if (a.appliedAt != b.appliedAt)
        return a.appliedAt > b.appliedAt;
    return Migration::versionLess(b.version, a.version);
}

// The base colour moved a fifth of the way to red: readable on light and dark palettes.
QColor failedTint()
{
    const QColor base = QGuiApplication::palette().color(QPalette::Base);
    const QColor red(0xd0, 0x30, 0x30);
    auto mix = [](int from, int to) { return from + (to - from) / 5; };
    return QColor(mix(base.red(), red.red()), mix(base.green(), red.green()),
                  mix(base.blue(), red.blue()));
}

QString plainToolTip(const QString &text)
{
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace

MigrationHistoryModel::MigrationHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void MigrationHistoryModel::setHistory(const QList<AppliedMigration> &history)
{
    beginResetModel();
    m_rows = history;
    std::stable_sort(m_rows.begin(), m_rows.end(), newerFirst);
    endResetModel();
}

int MigrationHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MigrationHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MigrationHistoryModel::durationText(std::optional<qint64> milliseconds)
{
    if (!milliseconds || *milliseconds < 0)
        return QString(Dash);
    const qint64 ms = *milliseconds;
    if (ms == 0)
        return tr("< 1 ms");
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = (ms + 500) / 1000;
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString MigrationHistoryModel::appliedAtText(const QDateTime &appliedAt)
{
    if (!appliedAt.isValid())
        return QString(Dash);
    return appliedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString MigrationHistoryModel::errorText(const AppliedMigration &row)
{
    if (row.status != AppliedMigration::Status::Failed)
        return {};
    const QString message = row.error.simplified();
    if (!row.failedStatement)
        return message;
    return tr("statement %1: %2").arg(*row.failedStatement).arg(message);
}

QVariant MigrationHistoryModel::display(const AppliedMigration &row, int column) const
{
    switch (column) {
    case VersionColumn:
        return row.version;
    case NameColumn:
        return row.name;
    case StatusColumn:
        return row.status == AppliedMigration::Status::Failed ? tr("failed") : tr("applied");
    case AppliedAtColumn:
        return appliedAtText(row.appliedAt);
    case DurationColumn:
        return durationText(row.executionMs);
    case AppliedByColumn:
        return row.appliedBy;
    case ErrorColumn:
        return errorText(row);
    default:
        return {};
    }
}

QVariant MigrationHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppliedMigration &row = m_rows.at(index.row());
    const bool failed = row.status == AppliedMigration::Status::Failed;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (failed) {
            const QString where = row.failedStatement
                                      ? tr("Statement %1 failed:").arg(*row.failedStatement)
                                      : tr("It failed:");
            return plainToolTip(where + u'\n' + row.error);
        }
        if (index.column() == AppliedAtColumn && row.appliedAt.isValid())
            return plainToolTip(row.appliedAt.toUTC().toString(Qt::ISODateWithMs));
        return {};
    case Qt::BackgroundRole:
        return failed ? QVariant(QBrush(failedTint())) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant MigrationHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case AppliedAtColumn:
            return tr("When the migration ended, in local time (the tooltip shows UTC)");
        case DurationColumn:
            return tr("How long its statements ran");
        case AppliedByColumn:
            return tr("The database user and the operating-system user@host that ran it");
        case ErrorColumn:
            return tr("For a failed migration: the statement that failed and the server's message");
        default:
            return {};
        }
    }
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case AppliedAtColumn:
        return tr("Applied at");
    case DurationColumn:
        return tr("Duration");
    case AppliedByColumn:
        return tr("Applied by");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace Strata
