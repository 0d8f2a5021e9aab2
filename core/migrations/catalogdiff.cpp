// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogdiff.h"

#include <QMap>

#include <algorithm>
#include <tuple>

namespace Strata {

using namespace Qt::StringLiterals;

namespace {

using Difference = CatalogDiff::Difference;
using Change = Difference::Change;
using Kind = Difference::Kind;

QString listText(const QStringList &items)
{
    return u'(' + items.join(u", "_s) + u')';
}

QString valueText(const QString &value)
{
    return value.isEmpty() ? u"none"_s : value;
}

class Collector
{
public:
    Collector(const Catalog &before, const Catalog &after, const CatalogDiff::Options &options)
        : m_options(options)
        , m_sqliteMain(before.engine == "sqlite"_L1 || after.engine == "sqlite"_L1)
    {
    }

    QList<Difference> run(const Catalog &before, const Catalog &after)
    {
        QMap<QString, const Schema *> oldSchemas, newSchemas;
        for (const Schema &s : before.schemas)
            oldSchemas.insert(s.name, &s);
        for (const Schema &s : after.schemas)
            newSchemas.insert(s.name, &s);
        static const Schema empty;
        for (auto it = oldSchemas.cbegin(); it != oldSchemas.cend(); ++it) {
            const Schema *other = newSchemas.value(it.key());
            if (!other)
                add(Kind::Schema, Change::Removed, it.key(), {}, u"schema %1 removed"_s.arg(it.key()));
            schema(*it.value(), other ? *other : empty, it.key());
        }
        for (auto it = newSchemas.cbegin(); it != newSchemas.cend(); ++it) {
            if (oldSchemas.contains(it.key()))
                continue;
            add(Kind::Schema, Change::Added, it.key(), {}, u"schema %1 added"_s.arg(it.key()));
            schema(empty, *it.value(), it.key());
        }
        std::sort(m_out.begin(), m_out.end(), [](const Difference &a, const Difference &b) {
            return std::tie(a.owner, a.sentence) < std::tie(b.owner, b.sentence);
        });
        return m_out;
    }

private:
    void add(Kind kind, Change change, const QString &owner, const QString &object,
             const QString &sentence)
    {
        m_out.append(Difference{kind, change, owner, object, sentence});
    }

    QString qualified(const QString &schemaName, const QString &name) const
    {
        if (m_sqliteMain && schemaName == "main"_L1)
            return name;
        return schemaName + u'.' + name;
    }

    bool ignoredTable(const QString &name) const { return m_options.ignoredTables.contains(name); }

    bool ignoredSequence(const Sequence &s) const
    {
        for (const QString &table : m_options.ignoredTables) {
            if (s.ownedBy.startsWith(table + u'.'))
                return true;
        }
        return false;
    }

    static QString tableWord(Table::Kind kind)
    {
        switch (kind) {
        case Table::Kind::Table:
            return u"table"_s;
        case Table::Kind::View:
            return u"view"_s;
        case Table::Kind::MaterializedView:
            return u"materialized view"_s;
        }
        return u"table"_s;
    }

    static Kind tableKind(Table::Kind kind)
    {
        switch (kind) {
        case Table::Kind::View:
            return Kind::View;
        case Table::Kind::MaterializedView:
            return Kind::MaterializedView;
        case Table::Kind::Table:
            break;
        }
        return Kind::Table;
    }

    static QString routineWord(Routine::Kind kind)
    {
        switch (kind) {
        case Routine::Kind::Function:
            return u"function"_s;
        case Routine::Kind::Procedure:
            return u"procedure"_s;
        case Routine::Kind::Aggregate:
            return u"aggregate"_s;
        }
        return u"function"_s;
    }

    void schema(const Schema &a, const Schema &b, const QString &schemaName)
    {
        QMap<QString, const Table *> oldTables, newTables;
        for (const Table &t : a.tables) {
            if (!ignoredTable(t.name))
                oldTables.insert(t.name, &t);
        }
        for (const Table &t : b.tables) {
            if (!ignoredTable(t.name))
                newTables.insert(t.name, &t);
        }
        for (auto it = oldTables.cbegin(); it != oldTables.cend(); ++it) {
            const QString owner = qualified(schemaName, it.key());
            if (const Table *other = newTables.value(it.key())) {
                table(*it.value(), *other, owner);
            } else {
                add(tableKind(it.value()->kind), Change::Removed, owner, {},
                    u"%1 %2 removed"_s.arg(tableWord(it.value()->kind), owner));
            }
        }
        for (auto it = newTables.cbegin(); it != newTables.cend(); ++it) {
            if (!oldTables.contains(it.key())) {
                const QString owner = qualified(schemaName, it.key());
                add(tableKind(it.value()->kind), Change::Added, owner, {},
                    u"%1 %2 added"_s.arg(tableWord(it.value()->kind), owner));
            }
        }
        sequences(a, b, schemaName);
        routines(a, b, schemaName);
    }

    void sequences(const Schema &a, const Schema &b, const QString &schemaName)
    {
        QMap<QString, const Sequence *> olds, news;
        for (const Sequence &s : a.sequences) {
            if (!ignoredSequence(s))
                olds.insert(s.name, &s);
        }
        for (const Sequence &s : b.sequences) {
            if (!ignoredSequence(s))
                news.insert(s.name, &s);
        }
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const QString owner = qualified(schemaName, it.key());
            const Sequence *n = news.value(it.key());
            if (!n) {
                add(Kind::Sequence, Change::Removed, owner, {}, u"sequence %1 removed"_s.arg(owner));
                continue;
            }
            const Sequence &o = *it.value();
            const auto field = [&](const QString &what, const QString &from, const QString &to) {
                if (from != to)
                    add(Kind::Sequence, Change::Changed, owner, {},
                        u"sequence %1: %2 %3 → %4"_s.arg(owner, what, valueText(from), valueText(to)));
            };
            field(u"type"_s, o.dataType, n->dataType);
            field(u"start"_s, QString::number(o.start), QString::number(n->start));
            field(u"increment"_s, QString::number(o.increment), QString::number(n->increment));
            field(u"minimum"_s, QString::number(o.minValue), QString::number(n->minValue));
            field(u"maximum"_s, QString::number(o.maxValue), QString::number(n->maxValue));
            field(u"cycle"_s, o.cycle ? u"yes"_s : u"no"_s, n->cycle ? u"yes"_s : u"no"_s);
            field(u"owned by"_s, o.ownedBy, n->ownedBy);
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (!olds.contains(it.key())) {
                const QString owner = qualified(schemaName, it.key());
                add(Kind::Sequence, Change::Added, owner, {}, u"sequence %1 added"_s.arg(owner));
            }
        }
    }

    void routines(const Schema &a, const Schema &b, const QString &schemaName)
    {
        // Overloads share a name: the argument list is part of the identity.
        const auto key = [](const Routine &r) { return r.name + u'(' + r.arguments + u')'; };
        QMap<QString, const Routine *> olds, news;
        for (const Routine &r : a.routines)
            olds.insert(key(r), &r);
        for (const Routine &r : b.routines)
            news.insert(key(r), &r);
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const QString owner = qualified(schemaName, it.key());
            const QString word = routineWord(it.value()->kind);
            const Routine *n = news.value(it.key());
            if (!n) {
                add(Kind::Routine, Change::Removed, owner, {}, u"%1 %2 removed"_s.arg(word, owner));
                continue;
            }
            const Routine &o = *it.value();
            if (o.kind != n->kind)
                add(Kind::Routine, Change::Changed, owner, {},
                    u"%1 %2: now a %3"_s.arg(word, owner, routineWord(n->kind)));
            if (o.returnType != n->returnType)
                add(Kind::Routine, Change::Changed, owner, {},
                    u"%1 %2: returns %3 → %4"_s.arg(word, owner, valueText(o.returnType),
                                                     valueText(n->returnType)));
            if (o.language != n->language)
                add(Kind::Routine, Change::Changed, owner, {},
                    u"%1 %2: language %3 → %4"_s.arg(word, owner, valueText(o.language),
                                                      valueText(n->language)));
            if (o.definition != n->definition)
                add(Kind::Routine, Change::Changed, owner, {},
                    u"%1 %2: definition changed"_s.arg(word, owner));
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (!olds.contains(it.key()))
                add(Kind::Routine, Change::Added, qualified(schemaName, it.key()), {},
                    u"%1 %2 added"_s.arg(routineWord(it.value()->kind),
                                         qualified(schemaName, it.key())));
        }
    }

    void table(const Table &o, const Table &n, const QString &owner)
    {
        const QString prefix = tableWord(n.kind) + u' ' + owner + u": "_s;
        if (o.kind != n.kind) {
            add(tableKind(n.kind), Change::Changed, owner, {},
                u"%1 %2 is now a %3"_s.arg(tableWord(o.kind), owner, tableWord(n.kind)));
        }
        columns(o, n, owner, prefix);
        if (o.primaryKey != n.primaryKey) {
            QString sentence;
            if (o.primaryKey.isEmpty())
                sentence = prefix + u"primary key %1 added"_s.arg(listText(n.primaryKey));
            else if (n.primaryKey.isEmpty())
                sentence = prefix + u"primary key %1 removed"_s.arg(listText(o.primaryKey));
            else
                sentence = prefix + u"primary key %1 → %2"_s.arg(listText(o.primaryKey),
                                                                 listText(n.primaryKey));
            add(Kind::PrimaryKey, Change::Changed, owner, n.primaryKeyName, sentence);
        } else if (o.primaryKeyName != n.primaryKeyName && !o.primaryKey.isEmpty()) {
            add(Kind::PrimaryKey, Change::Changed, owner, n.primaryKeyName,
                prefix + u"primary key renamed %1 → %2"_s.arg(valueText(o.primaryKeyName),
                                                             valueText(n.primaryKeyName)));
        }
        indexes(o, n, owner);
        foreignKeys(o, n, owner);
        uniques(o, n, owner, prefix);
        checks(o, n, owner, prefix);
        triggers(o, n, owner);
        if (o.comment != n.comment)
            add(Kind::TableProperty, Change::Changed, owner, {}, prefix + u"comment changed"_s);
        if (o.viewDefinition != n.viewDefinition)
            add(Kind::TableProperty, Change::Changed, owner, {}, prefix + u"definition changed"_s);
    }

    void columns(const Table &o, const Table &n, const QString &owner, const QString &prefix)
    {
        QStringList commonOld;
        for (const Column &c : o.columns) {
            const Column *other = n.column(c.name);
            if (!other) {
                add(Kind::Column, Change::Removed, owner, c.name,
                    prefix + u"column %1 removed"_s.arg(c.name));
                continue;
            }
            commonOld << c.name;
            const QString col = prefix + u"column "_s + c.name + u": "_s;
            const auto field = [&](const QString &what, const QString &from, const QString &to) {
                if (from != to)
                    add(Kind::Column, Change::Changed, owner, c.name,
                        col + u"%1 %2 → %3"_s.arg(what, valueText(from), valueText(to)));
            };
            field(u"type"_s, c.type, other->type);
            if (c.nullable != other->nullable)
                add(Kind::Column, Change::Changed, owner, c.name,
                    col + (other->nullable ? u"now nullable"_s : u"now NOT NULL"_s));
            field(u"default"_s, c.defaultValue.value_or(QString()), other->defaultValue.value_or(QString()));
            if (c.autoIncrement != other->autoIncrement)
                add(Kind::Column, Change::Changed, owner, c.name,
                    col + (other->autoIncrement ? u"now auto-increment"_s
                                                : u"no longer auto-increment"_s));
            field(u"generated as"_s, c.generated, other->generated);
            field(u"collation"_s, c.collation, other->collation);
            if (c.comment != other->comment)
                add(Kind::Column, Change::Changed, owner, c.name, col + u"comment changed"_s);
        }
        QStringList commonNew;
        for (const Column &c : n.columns) {
            if (o.column(c.name)) {
                commonNew << c.name;
                continue;
            }
            add(Kind::Column, Change::Added, owner, c.name, prefix + u"column %1 added"_s.arg(c.name));
        }
        if (m_options.compareColumnOrder && commonOld != commonNew)
            add(Kind::Column, Change::Changed, owner, {},
                prefix + u"column order %1 → %2"_s.arg(listText(commonOld), listText(commonNew)));
    }

    void indexes(const Table &o, const Table &n, const QString &owner)
    {
        QMap<QString, const Index *> olds, news;
        for (const Index &i : o.indexes)
            olds.insert(i.name, &i);
        for (const Index &i : n.indexes)
            news.insert(i.name, &i);
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const Index &a = *it.value();
            const QString head = u"index %1 on %2"_s.arg(a.name, owner);
            const Index *b = news.value(it.key());
            if (!b) {
                add(Kind::Index, Change::Removed, owner, a.name,
                    u"%1 removed (it was %2)"_s.arg(head, listText(a.columns)));
                continue;
            }
            if (a.columns != b->columns)
                add(Kind::Index, Change::Changed, owner, a.name,
                    u"%1: columns %2 → %3"_s.arg(head, listText(a.columns), listText(b->columns)));
            if (a.unique != b->unique)
                add(Kind::Index, Change::Changed, owner, a.name,
                    head + (b->unique ? u": now unique"_s : u": no longer unique"_s));
            if (a.primary != b->primary)
                add(Kind::Index, Change::Changed, owner, a.name,
                    head + (b->primary ? u": now the primary key"_s : u": no longer the primary key"_s));
            if (a.method != b->method)
                add(Kind::Index, Change::Changed, owner, a.name,
                    u"%1: method %2 → %3"_s.arg(head, valueText(a.method), valueText(b->method)));
            if (a.predicate != b->predicate)
                add(Kind::Index, Change::Changed, owner, a.name,
                    u"%1: WHERE %2 → %3"_s.arg(head, valueText(a.predicate), valueText(b->predicate)));
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (!olds.contains(it.key()))
                add(Kind::Index, Change::Added, owner, it.key(),
                    u"index %1 on %2 added %3"_s.arg(it.key(), owner, listText(it.value()->columns)));
        }
    }

    static QString fkTarget(const ForeignKey &fk)
    {
        const QString table = fk.refSchema.isEmpty() ? fk.refTable : fk.refSchema + u'.' + fk.refTable;
        return u"%1 → %2%3"_s.arg(listText(fk.columns), table, listText(fk.refColumns));
    }

    void foreignKeys(const Table &o, const Table &n, const QString &owner)
    {
        // SQLite foreign keys may have no name: their columns and target identify them.
        const auto key = [](const ForeignKey &fk) { return fk.name.isEmpty() ? fkTarget(fk) : fk.name; };
        QMap<QString, const ForeignKey *> olds, news;
        for (const ForeignKey &fk : o.foreignKeys)
            olds.insert(key(fk), &fk);
        for (const ForeignKey &fk : n.foreignKeys)
            news.insert(key(fk), &fk);
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const ForeignKey &a = *it.value();
            const QString head = a.name.isEmpty() ? u"foreign key %1 on %2"_s.arg(fkTarget(a), owner)
                                                  : u"foreign key %1 on %2"_s.arg(a.name, owner);
            const ForeignKey *b = news.value(it.key());
            if (!b) {
                add(Kind::ForeignKey, Change::Removed, owner, a.name,
                    a.name.isEmpty() ? head + u" removed"_s
                                     : u"%1 removed (it was %2)"_s.arg(head, fkTarget(a)));
                continue;
            }
            if (fkTarget(a) != fkTarget(*b))
                add(Kind::ForeignKey, Change::Changed, owner, a.name,
                    u"%1: %2 → %3"_s.arg(head, fkTarget(a), fkTarget(*b)));
            if (a.onDelete != b->onDelete)
                add(Kind::ForeignKey, Change::Changed, owner, a.name,
                    u"%1: ON DELETE %2 → %3"_s.arg(head, a.onDelete, b->onDelete));
            if (a.onUpdate != b->onUpdate)
                add(Kind::ForeignKey, Change::Changed, owner, a.name,
                    u"%1: ON UPDATE %2 → %3"_s.arg(head, a.onUpdate, b->onUpdate));
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (olds.contains(it.key()))
                continue;
            const ForeignKey &b = *it.value();
            add(Kind::ForeignKey, Change::Added, owner, b.name,
                b.name.isEmpty() ? u"foreign key %1 on %2 added"_s.arg(fkTarget(b), owner)
                                 : u"foreign key %1 on %2 added (%3)"_s.arg(b.name, owner, fkTarget(b)));
        }
    }

    void uniques(const Table &o, const Table &n, const QString &owner, const QString &prefix)
    {
        const auto key = [](const UniqueConstraint &u) {
            return u.name.isEmpty() ? listText(u.columns) : u.name;
        };
        QMap<QString, const UniqueConstraint *> olds, news;
        for (const UniqueConstraint &u : o.uniqueConstraints)
            olds.insert(key(u), &u);
        for (const UniqueConstraint &u : n.uniqueConstraints)
            news.insert(key(u), &u);
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const QString what = u"unique constraint %1"_s.arg(it.key());
            const UniqueConstraint *b = news.value(it.key());
            if (!b)
                add(Kind::UniqueConstraint, Change::Removed, owner, it.value()->name,
                    prefix + what + u" removed"_s);
            else if (b->columns != it.value()->columns)
                add(Kind::UniqueConstraint, Change::Changed, owner, b->name,
                    prefix + u"%1: columns %2 → %3"_s.arg(what, listText(it.value()->columns),
                                                          listText(b->columns)));
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (!olds.contains(it.key()))
                add(Kind::UniqueConstraint, Change::Added, owner, it.value()->name,
                    prefix + u"unique constraint %1 added"_s.arg(it.key()));
        }
    }

    void checks(const Table &o, const Table &n, const QString &owner, const QString &prefix)
    {
        const auto key = [](const CheckConstraint &c) {
            return c.name.isEmpty() ? u"CHECK ("_s + c.expression + u')' : c.name;
        };
        QMap<QString, const CheckConstraint *> olds, news;
        for (const CheckConstraint &c : o.checkConstraints)
            olds.insert(key(c), &c);
        for (const CheckConstraint &c : n.checkConstraints)
            news.insert(key(c), &c);
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const QString what = u"check constraint %1"_s.arg(it.key());
            const CheckConstraint *b = news.value(it.key());
            if (!b)
                add(Kind::CheckConstraint, Change::Removed, owner, it.value()->name,
                    prefix + what + u" removed"_s);
            else if (b->expression != it.value()->expression)
                add(Kind::CheckConstraint, Change::Changed, owner, b->name,
                    prefix + u"%1: %2 → %3"_s.arg(what, it.value()->expression, b->expression));
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (!olds.contains(it.key()))
                add(Kind::CheckConstraint, Change::Added, owner, it.value()->name,
                    prefix + u"check constraint %1 added"_s.arg(it.key()));
        }
    }

    void triggers(const Table &o, const Table &n, const QString &owner)
    {
        QMap<QString, const Trigger *> olds, news;
        for (const Trigger &t : o.triggers)
            olds.insert(t.name, &t);
        for (const Trigger &t : n.triggers)
            news.insert(t.name, &t);
        for (auto it = olds.cbegin(); it != olds.cend(); ++it) {
            const QString head = u"trigger %1 on %2"_s.arg(it.key(), owner);
            const Trigger *b = news.value(it.key());
            if (!b) {
                add(Kind::Trigger, Change::Removed, owner, it.key(), head + u" removed"_s);
                continue;
            }
            const Trigger &a = *it.value();
            if (a.timing != b->timing || a.events != b->events)
                add(Kind::Trigger, Change::Changed, owner, a.name,
                    u"%1: %2 %3 → %4 %5"_s.arg(head, a.timing, a.events.join(u" OR "_s), b->timing,
                                               b->events.join(u" OR "_s)));
            else if (a.definition != b->definition)
                add(Kind::Trigger, Change::Changed, owner, a.name, head + u": definition changed"_s);
        }
        for (auto it = news.cbegin(); it != news.cend(); ++it) {
            if (!olds.contains(it.key()))
                add(Kind::Trigger, Change::Added, owner, it.key(),
                    u"trigger %1 on %2 added"_s.arg(it.key(), owner));
        }
    }

    const CatalogDiff::Options &m_options;
    const bool m_sqliteMain;
    QList<Difference> m_out;
};

} // namespace

QList<CatalogDiff::Difference> CatalogDiff::compare(const Catalog &before, const Catalog &after,
                                                    const Options &options)
{
    return Collector(before, after, options).run(before, after);
}

QList<CatalogDiff::Difference> CatalogDiff::compare(const Catalog &before, const Catalog &after)
{
    return compare(before, after, Options());
}

QStringList CatalogDiff::sentences(const Catalog &before, const Catalog &after,
                                   const Options &options)
{
    QStringList out;
    for (const Difference &d : compare(before, after, options))
        out << d.sentence;
    return out;
}

QStringList CatalogDiff::sentences(const Catalog &before, const Catalog &after)
{
    return sentences(before, after, Options());
}

} // namespace Strata
