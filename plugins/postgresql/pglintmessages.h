// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Strata::Postgres::Internal {

// The one-sentence messages of the PostgreSQL lint rules: the danger, then the fix.
namespace PgLintMessages {

QString addPrimaryKey();
QString alterDomainConstraint();
QString banChar();
QString changingColumnType();
QString checkNotValid();
QString combineAlterTable(int firstLine);
QString concurrentInTransaction(bool create);
QString concurrentIndexCreation();
QString concurrentIndexDeletion();
QString domainConstraint();
QString dropColumn();
QString dropDatabase();
QString dropSchema();
QString dropTable();
QString enumType();
QString exclusionConstraint();
QString foreignKey();
QString foreignKeyMissingIndex(const QString &columns);
QString preferBigintOverInt();
QString preferBigintOverSmallint();
QString preferIdentity();
QString preferJsonb();
QString preferText();
QString preferTimestampTz();
QString primaryKeyUsingIndex();
QString renamingColumn();
QString renamingTable();
QString requireTimeout(bool transaction);
QString requiredField();
QString rewriteWhileHoldingLock(int lockLine);
QString robustAddColumn();
QString robustCreateIndex();
QString robustCreateTable();
QString robustDropColumn();
QString robustDropIndex();
QString robustDropTable();
QString serialOrGenerated();
QString setNotNull();
QString statementAfterExclusiveLock(int lockLine);
QString syntaxError(const QString &message);
QString transactionNesting();
QString truncate();
QString uniqueConstraint();
QString validateInSameTransaction();
QString volatileDefault();
QString defaultBefore11();

} // namespace PgLintMessages
} // namespace Strata::Postgres::Internal
