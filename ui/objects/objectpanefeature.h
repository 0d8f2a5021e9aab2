// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "objects/objectpane.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>

namespace Strata {

// Puts the ObjectPane in the centre and shows whatever the schema browser selects.
class STRATA_UI_EXPORT ObjectPaneFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    void install(MainWindow &window) override;
    ObjectPane *pane() const { return m_pane; }

private:
    QPointer<ObjectPane> m_pane;
    QString m_shownConnection;
};

} // namespace Strata
