// SPDX-License-Identifier: GPL-3.0-or-later
// A plain shared library, not a Qt plugin.
extern "C" int strata_not_a_plugin()
{
    return 42;
}
