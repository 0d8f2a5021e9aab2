// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QStringList>

namespace Strata::Postgres::Internal::PgKeywords {

// Every PostgreSQL keyword, upper case, sorted (for the editor's highlighting and completion).
QStringList all();
// True for keywords that cannot stand bare as a table or column name in every context
// (categories R, T and C of pg_get_keywords()); the argument is lower case.
bool isRestricted(const QString &lowerCaseWord);

} // namespace Strata::Postgres::Internal::PgKeywords
