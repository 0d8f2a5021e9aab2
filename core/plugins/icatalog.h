// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "isession.h"

#include <QtPlugin>

namespace Strata {

// Reads a whole catalog in a fixed number of bulk queries, whatever the number of
// tables (never one query per table). Runs on the session's thread.
class ICatalog
{
public:
    virtual ~ICatalog() = default;
    virtual Result<Catalog> loadCatalog(ISession &session, const CatalogRequest &request) = 0;
};

} // namespace Strata

#define Strata_ICatalog_iid "org.strata.Catalog/1"
Q_DECLARE_INTERFACE(Strata::ICatalog, Strata_ICatalog_iid)
