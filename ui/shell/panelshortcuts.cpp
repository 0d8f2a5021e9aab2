// SPDX-License-Identifier: GPL-3.0-or-later
#include "panelshortcuts.h"

#include <QAction>
#include <QKeyEvent>
#include <QWidget>

namespace Strata {

PanelShortcuts::PanelShortcuts(QWidget *panel, const QList<QAction *> &actions)
    : QObject(panel)
{
    for (QAction *action : actions)
        m_actions.append(action);
    panel->installEventFilter(this);
}

QAction *PanelShortcuts::actionFor(const QKeyEvent *event) const
{
    const QKeySequence pressed(event->keyCombination());
    for (const QPointer<QAction> &action : m_actions) {
        if (action && !action->shortcut().isEmpty() && action->shortcut() == pressed)
            return action;
    }
    return nullptr;
}

bool PanelShortcuts::eventFilter(QObject *watched, QEvent *event)
{
    // Key events come here from the focused child, passed up to the panel.
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (QAction *action = actionFor(key)) {
            if (event->type() == QEvent::KeyPress && action->isEnabled())
                action->trigger();
            event->accept();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Strata
