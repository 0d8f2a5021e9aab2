// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"

#include <QAbstractTableModel>

#include <memory>

namespace Strata {

// The findings of one plan, the most severe first: severity (with its icon), the node and the
// message, all plain text.
class STRATA_UI_EXPORT PlanFindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, NodeColumn, MessageColumn, ColumnCount };
    static constexpr int NodeIdRole = Qt::UserRole + 1;

    explicit PlanFindingsModel(QObject *parent = nullptr);

    void setDocument(std::shared_ptr<const PlanDocument> document);
    int nodeIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const PlanDocument> m_document;
};

} // namespace Strata
