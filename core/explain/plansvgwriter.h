// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plandocument.h"

#include <QByteArray>

namespace Strata {

// The whole plan graph as a standalone SVG document (UTF-8): the same tree, labels, colours
// and edge widths the GUI draws (light palette), sized with a fixed per-character text
// estimate. Every node is a <g class="node"> with a <title> (its findings, the tooltip
// browsers show). All text is escaped. Pure: any thread, QtCore only (strata-cli uses it).
class STRATA_CORE_EXPORT PlanSvgWriter
{
public:
    static QByteArray write(const PlanDocument &document);
};

} // namespace Strata
