// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/lintfinding.h"

#include <QAbstractTableModel>
#include <QList>

namespace Strata {

// Lint findings as a table: severity, file, line, rule, message (the message also as tooltip).
class STRATA_UI_EXPORT LintFindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, FileColumn, LineColumn, RuleColumn, MessageColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setFindings(const QList<LintFinding> &findings);
    const QList<LintFinding> &findings() const { return m_findings; }
    LintFinding finding(int row) const { return m_findings.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LintFinding> m_findings;
};

} // namespace Strata
