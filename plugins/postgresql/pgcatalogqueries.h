// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Strata::Postgres::Internal::PgCatalogQueries {

// The bulk catalog queries, one per object kind. Each takes $1 (text[] of schema names, or
// NULL for every user schema) and returns rows keyed by OID so the reader can join them in
// hash maps. serverVersion is PQserverVersion's number (e.g. 150020).
QString schemas();
QString relations();
QString columns(int serverVersion);
QString constraints();
QString indexes(int serverVersion);
QString sequences();
QString routines(int serverVersion);
QString triggers();

} // namespace Strata::Postgres::Internal::PgCatalogQueries
