// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "results/rowstore.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QPointer>

namespace Strata {

// A read-only table over one streaming RowStore: grows as rows arrive, converts a cell to text
// only when a view asks for it, and keeps nothing per cell.
class STRATA_UI_EXPORT ResultGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Characters shown in a cell before the ellipsis; the whole value is in fullText().
    static constexpr int DisplayLimit = 200;
    // Beyond Qt::UserRole (the whole value as text, a null QVariant for NULL), for proxies to
    // pass through: the raw bytes as the server sent them (a null QVariant for NULL) and the
    // column's CellKind as an int.
    enum Role { RawValueRole = Qt::UserRole + 1, CellKindRole };

    explicit ResultGridModel(RowStore *store, QObject *parent = nullptr);
    ~ResultGridModel() override;

    RowStore *store() const { return m_store; }
    // Shows another store (e.g. the same statement fetched again without a row limit): a
    // model reset. Not owned.
    void setStore(RowStore *store);
    // The whole value as text; a null QString for NULL.
    QString fullText(const QModelIndex &index) const;
    bool isNull(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void attach(RowStore *store);
    void growTo(qint64 total);
    QString displayText(int row, int column) const;

    QPointer<RowStore> m_store;
    int m_rows = 0;
    int m_columns = 0;
    QFont m_nullFont;
};

} // namespace Strata
