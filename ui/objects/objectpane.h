// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "catalog/catalog.h"
#include "objects/objectdetailsmodel.h"

#include <QWidget>

class QLabel;
class QTabWidget;
class QTableView;
class QsciScintilla;

namespace Strata {

class IDialect;
class SqlHighlighter;

// The selected object in full: a plain-text header, then tabs for columns, keys, indexes,
// foreign keys, triggers and the DDL (read-only, highlighted).
class STRATA_UI_EXPORT ObjectPane : public QWidget
{
    Q_OBJECT
public:
    enum Tab { ColumnsTab, KeysTab, IndexesTab, ForeignKeysTab, TriggersTab, DdlTab };

    explicit ObjectPane(QWidget *parent = nullptr);
    ~ObjectPane() override;

    // dialect may be null (no DDL capability): the DDL tab then says so.
    void showTable(const Table &table, const IDialect *dialect);
    // Sequences, routines: only a header and a definition.
    void showDefinition(const QString &title, const QString &subtitle, const QString &sql,
                        const IDialect *dialect);
    void showPlaceholder(const QString &text);

    QString title() const;
    QString ddl() const;
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *titleLabel() const { return m_title; }
    ObjectDetailsModel *model(ObjectDetailsModel::Facet facet) const;
    QTableView *view(ObjectDetailsModel::Facet facet) const;

private:
    void setDdl(const QString &sql, const IDialect *dialect);
    void setTabsVisible(bool tables);

    QLabel *m_title;
    QLabel *m_subtitle;
    QTabWidget *m_tabs;
    QList<ObjectDetailsModel *> m_models;
    QList<QTableView *> m_views;
    QsciScintilla *m_ddl;
    SqlHighlighter *m_highlighter;
    const IDialect *m_keywordsFrom = nullptr;
};

} // namespace Strata
