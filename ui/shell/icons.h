// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QIcon>

namespace Strata {

// The small SVG icons in resources/icons, loaded once.
namespace Icons {

enum Id {
    Strata,
    Connection,
    Database,
    Schema,
    Folder,
    Table,
    View,
    Column,
    Key,
    Index,
    ForeignKey,
    Trigger,
    Sequence,
    Routine,
    IdCount
};

STRATA_UI_EXPORT QIcon icon(Id id);

} // namespace Icons
} // namespace Strata
