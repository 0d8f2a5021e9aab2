// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Strata {

class MainWindow;

// A part of the workbench (a dock, the central pane, a set of actions). Features register
// themselves with the main window instead of the window knowing about each of them.
class IFeature
{
public:
    virtual ~IFeature() = default;
    // Called once, after construction, to add docks, menus and connections.
    virtual void install(MainWindow &window) = 0;
};

} // namespace Strata
