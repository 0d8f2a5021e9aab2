// SPDX-License-Identifier: GPL-3.0-or-later
#include "lintfindingsmodel.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>

namespace Strata {

void LintFindingsModel::setFindings(const QList<LintFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

int LintFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int LintFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LintFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LintFinding &f = m_findings.at(index.row());
    const bool error = f.severity == LintFinding::Severity::Error;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return error ? tr("error") : tr("warning");
        case FileColumn:
            return QFileInfo(f.file).fileName();
        case LineColumn:
            return f.line;
        case RuleColumn:
            return f.rule;
        case MessageColumn:
            return f.message;
        }
        break;
    case Qt::ToolTipRole:
        // Plain text in a tooltip is still interpreted as rich text when it looks like HTML:
        // escape it, since file names and messages quote the user's SQL.
        return QStringLiteral("<p>%1</p><p>%2:%3</p>")
            .arg(f.message.toHtmlEscaped(), f.file.toHtmlEscaped())
            .arg(f.line);
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn && qApp)
            return QApplication::style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                                             : QStyle::SP_MessageBoxWarning);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant LintFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case FileColumn:
        return tr("File");
    case LineColumn:
        return tr("Line");
    case RuleColumn:
        return tr("Rule");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace Strata
