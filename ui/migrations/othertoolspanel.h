// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "connection/enginesession.h"
#include "migrations/othertoolhistory.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QToolButton;
class QTreeView;

namespace Strata {

class OtherToolsModel;

// What Sequelize, Knex, Prisma or Flyway has applied to one connection's database, read-only.
// Reading runs on the connection's session thread (futures chained back to this widget), so
// the GUI never waits on the server; a later load() or clear() discards an earlier one.
class STRATA_UI_EXPORT OtherToolsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OtherToolsPanel(QWidget *parent = nullptr);
    ~OtherToolsPanel() override;

    // Reads the histories on session (not owned; an EngineSession of ConnectionManager).
    // title names the connection in the panel.
    void load(EngineSession *session, const QString &title);
    // Shows nothing but message (plain text), e.g. when the connection closed.
    void clear(const QString &message);
    void refresh();

    bool isLoading() const { return m_loading; }
    EngineSession *session() const { return m_session; }
    QString summary() const;
    OtherToolsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    // The read finished (with histories or with an error shown in the summary).
    void loaded();

private:
    // Calls done(result) on the GUI thread when future finishes, unless a later load() or
    // clear() came first or the panel is gone (the watcher is the panel's child).
    template<typename T, typename Done>
    void whenFinished(quint64 generation, QFuture<T> future, Done done);
    void readSchema(quint64 generation, const QString &schema);
    void readTables(quint64 generation, const QString &schema, const Catalog &catalog);
    void finish(quint64 generation, const QList<OtherToolHistory> &histories, const QString &error);
    void setSummary(const QString &text);

    QPointer<EngineSession> m_session;
    QString m_title;
    quint64 m_generation = 0;
    bool m_loading = false;
    OtherToolsModel *m_model;
    QLabel *m_heading;
    QLabel *m_summary;
    QToolButton *m_refresh;
    QTreeView *m_view;
};

} // namespace Strata
