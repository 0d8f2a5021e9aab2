// SPDX-License-Identifier: GPL-3.0-or-later
#include "historymodel.h"

#include <QBrush>
#include <QDate>
#include <QLocale>

namespace Strata {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setEntries(const QList<HistoryEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::firstLine(const QString &sql)
{
    const QString trimmed = sql.trimmed();
    const qsizetype newline = trimmed.indexOf(QLatin1Char('\n'));
    const QString line = (newline < 0 ? trimmed : trimmed.left(newline)).simplified();
    const bool more = newline >= 0 || line.size() > 200;
    return more ? line.left(200) + QStringLiteral("…") : line;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: {
            // Today's statements by their time only; older ones with their date.
            const QDateTime local = entry.startedAt.toLocalTime();
            return local.date() == QDate::currentDate()
                ? local.toString(QStringLiteral("HH:mm:ss"))
                : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        case Connection:
            return entry.connectionKey;
        case Duration:
            return tr("%L1 ms").arg(entry.durationMs);
        case Rows:
            return entry.rows ? QLocale().toString(*entry.rows) : QString();
        case Error:
            return entry.error.section(QLatin1Char('\n'), 0, 0);
        case Statement:
            return firstLine(entry.sql);
        }
        return {};
    case Qt::ToolTipRole:
        // Plain text: QToolTip would guess rich text from a leading tag otherwise.
        if (index.column() == Error && !entry.error.isEmpty())
            return QStringLiteral("<qt>%1</qt>").arg(entry.error.toHtmlEscaped());
        if (index.column() == Connection)
            return QStringLiteral("<qt>%1</qt>").arg(entry.connectionKey.toHtmlEscaped());
        if (index.column() == Time)
            return QLocale().toString(entry.startedAt.toLocalTime(), QLocale::LongFormat);
        return QStringLiteral("<qt><pre>%1</pre></qt>").arg(entry.sql.toHtmlEscaped());
    case Qt::TextAlignmentRole:
        if (index.column() == Duration || index.column() == Rows)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!entry.error.isEmpty() && (index.column() == Error || index.column() == Statement))
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        return {};
    case Qt::DecorationRole:
        return {};
    case FullSqlRole:
        return entry.sql;
    case HasErrorRole:
        return !entry.error.isEmpty();
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Connection:
        return tr("Connection");
    case Duration:
        return tr("Duration");
    case Rows:
        return tr("Rows");
    case Error:
        return tr("Error");
    case Statement:
        return tr("Statement");
    }
    return {};
}

} // namespace Strata
