// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editstatement.h"
#include "edittarget.h"
#include "rowchange.h"

#include "sql/result.h"

#include <QVariant>

namespace Strata {

class IDialect;

// Turns the pending changes of an edited result into statements with bound values: DELETEs,
// then UPDATEs, then INSERTs, each in row order. UPDATE checks the original values of the
// columns it changes (NULL-safe) so a concurrent change is noticed. Pure: no server.
class STRATA_CORE_EXPORT EditPlanner
{
public:
    enum class Syntax { PostgreSql, MySql, Sqlite };

    // The engine plugin id ("postgresql", "mysql", "sqlite") to its syntax.
    static Syntax syntaxFor(const QString &engine);

    EditPlanner(const EditTarget &target, const IDialect &dialect, Syntax syntax);

    Result<QList<EditStatement>> plan(const ChangeSet &changes) const;
    // A query whose first cell is true when the connection is inside a transaction the user
    // began.
    static QString openTransactionProbe(Syntax syntax);

    // The value to bind for what the user typed into a cell of this kind: qlonglong, double,
    // bool, QByteArray (from \x hex) or QString; a null QVariant stays NULL. Error on text
    // that is not a value of the kind.
    static Result<QVariant> typedValue(const ColumnInfo &column, const QVariant &input);

private:
    QString marker(int index) const;
    QString table() const;
    QString column(int resultColumn) const;
    QString nullSafeEquals() const;
    bool checksOriginal(int resultColumn) const;
    Result<QVariant> valueFor(const RowChange &change, int column) const;
    Result<EditStatement> update(const RowChange &change) const;
    Result<EditStatement> insert(const RowChange &change) const;
    EditStatement remove(const RowChange &change) const;

    EditTarget m_target;
    const IDialect &m_dialect;
    Syntax m_syntax;
};

} // namespace Strata
