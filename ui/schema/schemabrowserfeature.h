// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "schema/schemabrowser.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>
#include <QDockWidget>

class QAction;

namespace Strata {

// The schema browser dock: mirrors the open connections and their catalogs, and reports
// the selected object to the window.
class STRATA_UI_EXPORT SchemaBrowserFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    void install(MainWindow &window) override;
    SchemaBrowser *browser() const { return m_browser; }
    QDockWidget *dock() const { return m_dock; }

private:
    void onCurrentChanged(const QModelIndex &index);

    MainWindow *m_window = nullptr;
    QPointer<QDockWidget> m_dock;
    QPointer<SchemaBrowser> m_browser;
    QAction *m_refresh = nullptr;
};

} // namespace Strata
