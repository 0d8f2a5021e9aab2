// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QString>

class QWidget;

namespace Strata {

// Message boxes whose text is always plain: server messages and object names are never
// interpreted as HTML.
namespace Messages {

// Window-modal but non-blocking (open()), deleted on close.
STRATA_UI_EXPORT void error(QWidget *parent, const QString &title, const QString &text,
                            const QString &detail = {});
// Non-modal information, deleted on close.
STRATA_UI_EXPORT void notice(QWidget *parent, const QString &title, const QString &text);
STRATA_UI_EXPORT bool confirm(QWidget *parent, const QString &title, const QString &text,
                              const QString &acceptLabel);
// Wraps escaped text so that widgets which guess the format show it literally.
STRATA_UI_EXPORT QString literalRichText(const QString &text);

} // namespace Messages
} // namespace Strata
