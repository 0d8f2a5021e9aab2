// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// QScintilla's headers use the `slots`/`signals` keywords, which QT_NO_KEYWORDS removes:
// include them only through this header.
#include <QtCore/qobjectdefs.h>

#define slots Q_SLOTS
#define signals Q_SIGNALS
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>
#undef signals
#undef slots
