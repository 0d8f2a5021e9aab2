// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "catalog/catalog.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace Strata {

// One facet of a table as a flat, read-only table: its columns, keys (primary, unique,
// check), indexes, foreign keys or triggers. Cells are plain strings from the catalog.
class STRATA_UI_EXPORT ObjectDetailsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Facet { Columns, Keys, Indexes, ForeignKeys, Triggers };

    explicit ObjectDetailsModel(Facet facet, QObject *parent = nullptr);

    Facet facet() const { return m_facet; }
    void setTable(const Table &table);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<QStringList> rowsFor(const Table &table) const;

    Facet m_facet;
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<bool> m_nullDefault; // Columns: the default cell is "no default", shown greyed
};

} // namespace Strata
