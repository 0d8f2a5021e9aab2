// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QKeyEvent;
class QWidget;

namespace Strata {

// Lets a dock panel's own shortcuts win while the focus is inside the panel. Qt treats two
// enabled shortcuts on one key as ambiguous and runs neither, so a panel's F5 next to the
// schema browser's window-wide F5 would do nothing; this filter takes such keys first (the
// ShortcutOverride) and triggers the panel's action when it is enabled. Installed on the
// panel, whose child owns it.
class STRATA_UI_EXPORT PanelShortcuts : public QObject
{
    Q_OBJECT
public:
    PanelShortcuts(QWidget *panel, const QList<QAction *> &actions);

    // The action whose shortcut is the key of event, or null.
    QAction *actionFor(const QKeyEvent *event) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<QPointer<QAction>> m_actions;
};

} // namespace Strata
