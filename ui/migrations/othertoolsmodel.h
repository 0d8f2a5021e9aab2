// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/othertoolhistory.h"

#include <QAbstractItemModel>
#include <QList>

namespace Strata {

// Read-only tree of other migration tools' histories: one top-level row per tool table found
// (Sequelize, Knex, Prisma, Flyway), its applied migrations under it. All text is plain.
class STRATA_UI_EXPORT OtherToolsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { VersionColumn, NameColumn, DescriptionColumn, AppliedAtColumn, StatusColumn,
                  ColumnCount };

    explicit OtherToolsModel(QObject *parent = nullptr);

    void setHistories(const QList<OtherToolHistory> &histories);
    const QList<OtherToolHistory> &histories() const { return m_histories; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString toolTitle(OtherToolHistory::Tool tool); // "Sequelize", "Knex", ...

private:
    QVariant toolData(const OtherToolHistory &history, int column, int role) const;
    QVariant entryData(const OtherToolHistory::Entry &entry, int column, int role) const;

    QList<OtherToolHistory> m_histories;
};

} // namespace Strata
