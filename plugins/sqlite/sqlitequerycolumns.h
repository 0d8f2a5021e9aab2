// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Strata::Sqlite::Internal {

// What a statement searches and sorts by, read from its tokens (never a regex over the raw
// text): the tables of its FROM clauses with their aliases, the columns its WHERE, ON and
// USING clauses compare, and its ORDER BY / GROUP BY terms. The plan findings use it to name
// the columns an index would cover. Best effort: what it cannot attribute it leaves out.
class SqliteQueryColumns
{
public:
    // A sort or grouping that names columns of one table only, in clause order.
    struct Ordering
    {
        QString table;
        QStringList columns;
        bool isEmpty() const { return columns.isEmpty(); }
    };

    explicit SqliteQueryColumns(const QString &sql);

    // The table a plan relation names (a table's own name, or an alias of one); empty for a
    // subquery, a CTE, or a name the statement does not hold.
    QString tableOf(const QString &relation) const;
    // True when the relation is a subquery or a CTE of the statement, not a table.
    bool isDerived(const QString &relation) const;
    // The columns of that relation the statement compares in WHERE, ON and USING; without
    // the ON and USING ones when joins is false (they help only the inner side of a join).
    QStringList searchedColumns(const QString &relation, bool joins = true) const;
    // True when the SELECT that reads the relation combines its conditions with OR: one
    // index over all the searched columns does not serve it, one per column does.
    bool searchesWithOr(const QString &relation) const;
    // The statement's ORDER BY / GROUP BY when it has exactly one and all its terms are plain
    // columns of one table; else empty.
    Ordering orderBy() const;
    Ordering groupBy() const;

private:
    struct Source
    {
        QString table; // empty for a subquery or a table-valued function
        QString alias;
        int scope = 0; // the SELECT it belongs to
        QString key() const { return alias.isEmpty() ? table : alias; }
    };
    struct ColumnRef
    {
        QString qualifier; // the alias or table name written before the column, or empty
        QString column;    // empty: a term that is not a plain column
        bool join = false; // compared in ON or USING
        int scope = 0;     // the SELECT it is written in
    };

    const Source *sourceNamed(const QString &relation, int scope = -1) const;
    const Source *sourceOf(const ColumnRef &ref) const;
    Ordering ordering(const QList<QList<ColumnRef>> &clauses) const;

    QList<Source> m_sources;
    QStringList m_ctes;
    QList<ColumnRef> m_searched;
    QList<int> m_orScopes; // the SELECTs whose WHERE or ON holds an OR
    QList<QList<ColumnRef>> m_orderBys;
    QList<QList<ColumnRef>> m_groupBys;
};

} // namespace Strata::Sqlite::Internal
