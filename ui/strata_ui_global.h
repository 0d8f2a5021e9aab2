// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/qglobal.h>

#if defined(STRATA_UI_LIBRARY)
#define STRATA_UI_EXPORT Q_DECL_EXPORT
#else
#define STRATA_UI_EXPORT Q_DECL_IMPORT
#endif
