// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgmigrationlint.h"

#include "pglintmessages.h"
#include "pgparsetree.h"

#include "plugins/serverversion.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace Strata::Postgres::Internal {

namespace {

using Severity = LintFinding::Severity;
using Section = IMigrations::LintSection;
namespace R = PgLintMessages;

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool flag(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toBool();
}

int loc(const QJsonObject &o)
{
    return o.contains(QLatin1String("location")) ? o.value(QLatin1String("location")).toInt() : -1;
}

QString tableKey(const QJsonObject &rangeVar)
{
    const QString schema = str(rangeVar, "schemaname");
    const QString name = str(rangeVar, "relname");
    return schema.isEmpty() || schema == QLatin1String("public") ? name : schema + u'.' + name;
}

QStringList stringList(const QJsonValue &list)
{
    QStringList out;
    const QJsonArray array = list.toArray();
    for (const QJsonValue &item : array)
        out.append(PgParseTree::fieldsOf(item).value(QLatin1String("sval")).toString());
    return out;
}

// A default PostgreSQL 11+ stores in the catalog instead of rewriting the table: constants,
// casts of constants and the functions that are not volatile (now(), CURRENT_TIMESTAMP).
bool isNonVolatile(const QJsonValue &wrapped)
{
    const QString kind = PgParseTree::kindOf(wrapped);
    const QJsonObject node = PgParseTree::fieldsOf(wrapped);
    if (kind == QLatin1String("A_Const") || kind == QLatin1String("SQLValueFunction"))
        return true;
    if (kind == QLatin1String("TypeCast"))
        return isNonVolatile(node.value(QLatin1String("arg")));
    if (kind == QLatin1String("A_Expr"))
        return (!node.contains(QLatin1String("lexpr")) || isNonVolatile(node.value(QLatin1String("lexpr"))))
               && isNonVolatile(node.value(QLatin1String("rexpr")));
    if (kind == QLatin1String("A_ArrayExpr")) {
        const QJsonArray elements = node.value(QLatin1String("elements")).toArray();
        for (const QJsonValue &e : elements) {
            if (!isNonVolatile(e))
                return false;
        }
        return true;
    }
    if (kind == QLatin1String("FuncCall")) {
        static const QSet<QString> stable = {
            QStringLiteral("now"), QStringLiteral("statement_timestamp"),
            QStringLiteral("transaction_timestamp"), QStringLiteral("current_date"),
            QStringLiteral("lower"), QStringLiteral("upper"), QStringLiteral("to_jsonb"),
            QStringLiteral("jsonb_build_object"), QStringLiteral("jsonb_build_array"),
            QStringLiteral("json_build_object"), QStringLiteral("make_interval")};
        if (!stable.contains(PgParseTree::lastName(node.value(QLatin1String("funcname")))))
            return false;
        const QJsonArray args = node.value(QLatin1String("args")).toArray();
        for (const QJsonValue &a : args) {
            if (!isNonVolatile(a))
                return false;
        }
        return true;
    }
    return false;
}

bool isNullConstant(const QJsonValue &wrapped)
{
    return PgParseTree::kindOf(wrapped) == QLatin1String("A_Const")
           && flag(PgParseTree::fieldsOf(wrapped), "isnull");
}

bool isSerial(const QString &type)
{
    static const QSet<QString> serials = {QStringLiteral("serial"), QStringLiteral("serial4"),
                                          QStringLiteral("bigserial"), QStringLiteral("serial8"),
                                          QStringLiteral("smallserial"), QStringLiteral("serial2")};
    return serials.contains(type);
}

struct ColumnFacts
{
    QString type;            // last part of the type name
    bool notNull = false;
    bool primary = false;
    bool unique = false;
    bool foreign = false;
    bool generatedStored = false;
    bool identity = false;
    bool hasDefault = false;
    QJsonValue defaultExpr;
    int foreignLocation = -1;
};

ColumnFacts columnFacts(const QJsonObject &columnDef)
{
    ColumnFacts facts;
    facts.type = PgParseTree::lastName(columnDef.value(QLatin1String("typeName")).toObject().value(QLatin1String("names")));
    const QJsonArray constraints = columnDef.value(QLatin1String("constraints")).toArray();
    for (const QJsonValue &c : constraints) {
        const QJsonObject con = PgParseTree::fieldsOf(c);
        const QString type = str(con, "contype");
        if (type == QLatin1String("CONSTR_NOTNULL")) {
            facts.notNull = true;
        } else if (type == QLatin1String("CONSTR_PRIMARY")) {
            facts.primary = true;
            facts.notNull = true;
        } else if (type == QLatin1String("CONSTR_UNIQUE")) {
            facts.unique = true;
        } else if (type == QLatin1String("CONSTR_FOREIGN")) {
            facts.foreign = true;
            facts.foreignLocation = loc(con);
        } else if (type == QLatin1String("CONSTR_GENERATED")) {
            facts.generatedStored = true;
        } else if (type == QLatin1String("CONSTR_IDENTITY")) {
            facts.identity = true;
            facts.notNull = true;
        } else if (type == QLatin1String("CONSTR_DEFAULT")) {
            facts.hasDefault = true;
            facts.defaultExpr = con.value(QLatin1String("raw_expr"));
        }
    }
    if (isSerial(facts.type))
        facts.notNull = true;
    return facts;
}

// What the linted migrations created: carried from one section to the next.
struct TableFacts
{
    QHash<QString, bool> notNull; // column → NOT NULL
};
struct IndexFacts
{
    QString table;
    QStringList columns;
};
struct ForeignKeyFacts
{
    QString table;
    QStringList columns;
    QString file;
    int line = 0;
};

// How a statement locks an existing table.
struct LockEffect
{
    bool dangerous = false;       // blocks writes (or more): needs a lock_timeout
    bool accessExclusive = false; // blocks reads too, and is held to the end of the transaction
    bool rewrite = false;         // rewrites the table or an index
};

class Run
{
public:
    Run(const ServerVersion &version) : m_version(version) {}

    void lintSection(const Section &section);
    void finish();
    QList<LintFinding> findings;

private:
    void add(const QString &rule, Severity severity, int location, const QString &message);
    LockEffect statement(const PgParseTree::Statement &statement);
    LockEffect createTable(const QJsonObject &node);
    LockEffect alterTable(const QJsonObject &node);
    void addColumn(const QString &table, const QJsonObject &cmd, const QJsonObject &def, LockEffect *effect);
    void addConstraint(const QString &table, const QJsonObject &con);
    LockEffect createIndex(const QJsonObject &node);
    LockEffect drop(const QJsonObject &node);
    void checkType(const QJsonObject &typeName);
    void recordForeignKey(const QString &table, const QStringList &columns, int location);
    bool isNew(const QString &table) const { return m_newTables.contains(table); }

    ServerVersion m_version;
    QHash<QString, TableFacts> m_tables;
    QHash<QString, IndexFacts> m_indexes;
    QHash<QString, QList<QStringList>> m_fullIndexes; // table → column lists of non-partial indexes
    QList<ForeignKeyFacts> m_foreignKeys;

    // The current section.
    const Section *m_section = nullptr;
    const PgParseTree *m_tree = nullptr;
    int m_line = 1;
    QSet<QString> m_newTables;
    QSet<QString> m_newIndexes;
    QSet<QString> m_notValid;
    QHash<QString, int> m_altered; // table → line of its first ALTER TABLE in the section
    bool m_lockTimeout = false;
    bool m_timeoutReported = false;
    int m_exclusiveLine = 0; // line of the statement that took an ACCESS EXCLUSIVE lock, or 0
};

void Run::add(const QString &rule, Severity severity, int location, const QString &message)
{
    LintFinding f;
    f.file = m_section->file;
    const int line = location >= 0 ? m_tree->lineOf(location, m_line) : m_line;
    f.line = m_section->firstLine + line - 1;
    f.rule = rule;
    f.severity = severity;
    f.message = message;
    findings.append(f);
}

void Run::lintSection(const Section &section)
{
    const PgParseTree tree(section.sql);
    m_section = &section;
    m_tree = &tree;
    m_newTables.clear();
    m_newIndexes.clear();
    m_notValid.clear();
    m_altered.clear();
    m_lockTimeout = false;
    m_timeoutReported = false;
    m_exclusiveLine = 0;
    if (!tree.ok()) {
        m_line = tree.errorLine();
        add(QStringLiteral("syntax-error"), Severity::Error, -1, R::syntaxError(tree.errorMessage()));
        return;
    }
    for (const PgParseTree::Statement &s : tree.statements()) {
        m_line = s.line;
        const bool bookkeeping = s.kind == QLatin1String("VariableSetStmt")
                                 || s.kind == QLatin1String("VariableShowStmt")
                                 || s.kind == QLatin1String("TransactionStmt");
        const LockEffect effect = statement(s);
        if (m_exclusiveLine > 0 && !bookkeeping) {
            add(QStringLiteral("statement-after-exclusive-lock"), Severity::Error, -1,
                R::statementAfterExclusiveLock(m_exclusiveLine + section.firstLine - 1));
            if (effect.rewrite)
                add(QStringLiteral("rewrite-while-holding-lock"), Severity::Error, -1,
                    R::rewriteWhileHoldingLock(m_exclusiveLine + section.firstLine - 1));
        }
        if (effect.dangerous && !m_lockTimeout && !m_timeoutReported) {
            m_timeoutReported = true;
            add(QStringLiteral("require-timeout-settings"), Severity::Error, -1,
                R::requireTimeout(section.transaction));
        }
        if (effect.accessExclusive && section.transaction && m_exclusiveLine == 0)
            m_exclusiveLine = s.line;
    }
}

LockEffect Run::statement(const PgParseTree::Statement &s)
{
    const QJsonObject &node = s.node;
    const QString &kind = s.kind;
    LockEffect none;
    if (kind == QLatin1String("CreateStmt"))
        return createTable(node);
    if (kind == QLatin1String("AlterTableStmt"))
        return alterTable(node);
    if (kind == QLatin1String("IndexStmt"))
        return createIndex(node);
    if (kind == QLatin1String("DropStmt"))
        return drop(node);
    if (kind == QLatin1String("RenameStmt")) {
        const QString type = str(node, "renameType");
        const QString table = tableKey(node.value(QLatin1String("relation")).toObject());
        if (table.isEmpty() || isNew(table))
            return none;
        if (type == QLatin1String("OBJECT_COLUMN"))
            add(QStringLiteral("renaming-column"), Severity::Warning, -1, R::renamingColumn());
        else if (type == QLatin1String("OBJECT_TABLE"))
            add(QStringLiteral("renaming-table"), Severity::Warning, -1, R::renamingTable());
        return {true, true, false};
    }
    if (kind == QLatin1String("TruncateStmt")) {
        const QJsonArray relations = node.value(QLatin1String("relations")).toArray();
        bool allNew = !relations.isEmpty();
        for (const QJsonValue &r : relations)
            allNew = allNew && isNew(tableKey(PgParseTree::fieldsOf(r)));
        if (allNew)
            return none;
        add(QStringLiteral("ban-truncate-table"), Severity::Warning, -1, R::truncate());
        return {true, true, false};
    }
    if (kind == QLatin1String("DropdbStmt")) {
        add(QStringLiteral("ban-drop-database"), Severity::Warning, -1, R::dropDatabase());
        return none;
    }
    if (kind == QLatin1String("TransactionStmt")) {
        const QString type = str(node, "kind");
        static const QSet<QString> nesting = {
            QStringLiteral("TRANS_STMT_BEGIN"), QStringLiteral("TRANS_STMT_START"),
            QStringLiteral("TRANS_STMT_COMMIT"), QStringLiteral("TRANS_STMT_ROLLBACK"),
            QStringLiteral("TRANS_STMT_PREPARE"), QStringLiteral("TRANS_STMT_COMMIT_PREPARED")};
        if (m_section->transaction && nesting.contains(type))
            add(QStringLiteral("transaction-nesting"), Severity::Error, -1, R::transactionNesting());
        return none;
    }
    if (kind == QLatin1String("VariableSetStmt")) {
        if (str(node, "name") != QLatin1String("lock_timeout"))
            return none;
        const QString setKind = str(node, "kind");
        if (setKind == QLatin1String("VAR_RESET") || setKind == QLatin1String("VAR_SET_DEFAULT")) {
            m_lockTimeout = false;
            return none;
        }
        // SET LOCAL outside a transaction block ends with its statement.
        if (flag(node, "is_local") && !m_section->transaction)
            return none;
        const QJsonArray args = node.value(QLatin1String("args")).toArray();
        const QJsonObject value = PgParseTree::fieldsOf(args.first());
        const QString text = value.value(QLatin1String("sval")).toObject().value(QLatin1String("sval")).toString();
        const bool zero = value.contains(QLatin1String("ival"))
            && value.value(QLatin1String("ival")).toObject().value(QLatin1String("ival")).toInt() == 0;
        m_lockTimeout = !(zero || text == QLatin1String("0"));
        return none;
    }
    if (kind == QLatin1String("CreateEnumStmt")) {
        add(QStringLiteral("avoid-enum-type"), Severity::Warning, -1, R::enumType());
        return none;
    }
    if (kind == QLatin1String("CreateDomainStmt")) {
        if (!node.value(QLatin1String("constraints")).toArray().isEmpty())
            add(QStringLiteral("ban-create-domain-with-constraint"), Severity::Warning, -1, R::domainConstraint());
        return none;
    }
    if (kind == QLatin1String("AlterDomainStmt")) {
        if (str(node, "subtype") == QLatin1String("C"))
            add(QStringLiteral("ban-alter-domain-with-add-constraint"), Severity::Warning, -1, R::alterDomainConstraint());
        return none;
    }
    if (kind == QLatin1String("CreateTrigStmt")) {
        const QString table = tableKey(node.value(QLatin1String("relation")).toObject());
        return isNew(table) ? none : LockEffect{true, false, false};
    }
    return none;
}

void Run::checkType(const QJsonObject &typeName)
{
    const QJsonArray names = typeName.value(QLatin1String("names")).toArray();
    const QString name = PgParseTree::lastName(names);
    const bool catalog = names.size() == 2
        && PgParseTree::fieldsOf(names.first()).value(QLatin1String("sval")).toString() == QLatin1String("pg_catalog");
    const bool bare = names.size() == 1;
    const int at = loc(typeName);
    if ((catalog && name == QLatin1String("int4")) || (bare && (name == QLatin1String("serial") || name == QLatin1String("serial4"))))
        add(QStringLiteral("prefer-bigint-over-int"), Severity::Warning, at, R::preferBigintOverInt());
    if ((catalog && name == QLatin1String("int2")) || (bare && (name == QLatin1String("smallserial") || name == QLatin1String("serial2"))))
        add(QStringLiteral("prefer-bigint-over-smallint"), Severity::Warning, at, R::preferBigintOverSmallint());
    if (bare && isSerial(name))
        add(QStringLiteral("prefer-identity"), Severity::Warning, at, R::preferIdentity());
    if (catalog && name == QLatin1String("varchar") && typeName.contains(QLatin1String("typmods")))
        add(QStringLiteral("prefer-text-field"), Severity::Warning, at, R::preferText());
    if (catalog && name == QLatin1String("timestamp"))
        add(QStringLiteral("prefer-timestamp-tz"), Severity::Warning, at, R::preferTimestampTz());
    if (catalog && name == QLatin1String("bpchar"))
        add(QStringLiteral("ban-char-field"), Severity::Warning, at, R::banChar());
    if ((bare || catalog) && name == QLatin1String("json"))
        add(QStringLiteral("prefer-jsonb"), Severity::Warning, at, R::preferJsonb());
}

void Run::recordForeignKey(const QString &table, const QStringList &columns, int location)
{
    if (columns.isEmpty() || !m_tables.contains(table))
        return; // only tables whose indexes we saw created can be judged
    m_foreignKeys.append({table, columns, m_section->file,
                          m_section->firstLine + m_tree->lineOf(location, m_line) - 1});
}

LockEffect Run::createTable(const QJsonObject &node)
{
    const QString table = tableKey(node.value(QLatin1String("relation")).toObject());
    if (!m_section->transaction && !flag(node, "if_not_exists"))
        add(QStringLiteral("prefer-robust-stmts"), Severity::Warning, -1, R::robustCreateTable());
    m_newTables.insert(table);
    TableFacts &facts = m_tables[table];
    facts.notNull.clear();
    m_fullIndexes.remove(table);
    const QJsonArray elements = node.value(QLatin1String("tableElts")).toArray();
    for (const QJsonValue &element : elements) {
        const QString kind = PgParseTree::kindOf(element);
        const QJsonObject e = PgParseTree::fieldsOf(element);
        if (kind == QLatin1String("ColumnDef")) {
            checkType(e.value(QLatin1String("typeName")).toObject());
            const ColumnFacts column = columnFacts(e);
            const QString name = str(e, "colname");
            facts.notNull.insert(name, column.notNull);
            if (column.primary || column.unique)
                m_fullIndexes[table].append(QStringList{name});
            if (column.foreign)
                recordForeignKey(table, {name}, column.foreignLocation);
        } else if (kind == QLatin1String("Constraint")) {
            const QString type = str(e, "contype");
            const QStringList keys = stringList(e.value(QLatin1String("keys")));
            if (type == QLatin1String("CONSTR_PRIMARY") || type == QLatin1String("CONSTR_UNIQUE")) {
                m_fullIndexes[table].append(keys);
                if (type == QLatin1String("CONSTR_PRIMARY")) {
                    for (const QString &k : keys)
                        facts.notNull.insert(k, true);
                }
            } else if (type == QLatin1String("CONSTR_FOREIGN")) {
                recordForeignKey(table, stringList(e.value(QLatin1String("fk_attrs"))), loc(e));
            }
        }
    }
    return {};
}

LockEffect Run::alterTable(const QJsonObject &node)
{
    LockEffect effect;
    if (str(node, "objtype") != QLatin1String("OBJECT_TABLE"))
        return effect;
    const QString table = tableKey(node.value(QLatin1String("relation")).toObject());
    const bool existing = !isNew(table);
    if (existing) {
        const auto first = m_altered.constFind(table);
        if (first != m_altered.constEnd())
            add(QStringLiteral("combine-alter-table"), Severity::Warning, -1,
                R::combineAlterTable(*first + m_section->firstLine - 1));
        else
            m_altered.insert(table, m_line);
    }
    const QJsonArray cmds = node.value(QLatin1String("cmds")).toArray();
    for (const QJsonValue &c : cmds) {
        const QJsonObject cmd = PgParseTree::fieldsOf(c);
        const QString subtype = str(cmd, "subtype");
        const QJsonValue def = cmd.value(QLatin1String("def"));
        const QString column = str(cmd, "name");
        // The weaker locks: VALIDATE CONSTRAINT and statistics take SHARE UPDATE EXCLUSIVE.
        if (subtype == QLatin1String("AT_ValidateConstraint")) {
            if (m_section->transaction && m_notValid.contains(column))
                add(QStringLiteral("constraint-missing-not-valid"), Severity::Error, -1, R::validateInSameTransaction());
            continue;
        }
        if (subtype == QLatin1String("AT_SetStatistics") || subtype == QLatin1String("AT_SetOptions")
            || subtype == QLatin1String("AT_ResetOptions"))
            continue;
        effect.dangerous = true;
        if (subtype == QLatin1String("AT_AddConstraint")
            && str(PgParseTree::fieldsOf(def), "contype") == QLatin1String("CONSTR_FOREIGN")) {
            // SHARE ROW EXCLUSIVE: blocks writes, not reads.
        } else {
            effect.accessExclusive = true;
        }
        if (subtype == QLatin1String("AT_AddColumn")) {
            addColumn(table, cmd, PgParseTree::fieldsOf(def), &effect);
        } else if (subtype == QLatin1String("AT_AlterColumnType")) {
            const QJsonObject typeName = PgParseTree::fieldsOf(def).value(QLatin1String("typeName")).toObject();
            checkType(typeName);
            const QJsonArray names = typeName.value(QLatin1String("names")).toArray();
            const QString type = PgParseTree::lastName(names);
            // varchar to text or to a longer varchar is binary compatible: no rewrite.
            const bool compatible = type == QLatin1String("text")
                || (type == QLatin1String("varchar") && !typeName.contains(QLatin1String("typmods")));
            if (existing && !compatible) {
                add(QStringLiteral("changing-column-type"), Severity::Error, -1, R::changingColumnType());
                effect.rewrite = true;
            }
        } else if (subtype == QLatin1String("AT_SetNotNull")) {
            if (existing)
                add(QStringLiteral("adding-not-nullable-field"), Severity::Error, -1, R::setNotNull());
            if (m_tables.contains(table))
                m_tables[table].notNull.insert(column, true);
        } else if (subtype == QLatin1String("AT_DropNotNull")) {
            if (m_tables.contains(table))
                m_tables[table].notNull.insert(column, false);
        } else if (subtype == QLatin1String("AT_DropColumn")) {
            if (existing)
                add(QStringLiteral("ban-drop-column"), Severity::Warning, -1, R::dropColumn());
            if (!m_section->transaction && !flag(cmd, "missing_ok"))
                add(QStringLiteral("prefer-robust-stmts"), Severity::Warning, -1, R::robustDropColumn());
            if (m_tables.contains(table))
                m_tables[table].notNull.remove(column);
        } else if (subtype == QLatin1String("AT_AddConstraint")) {
            addConstraint(existing ? table : QString(), PgParseTree::fieldsOf(def));
            if (!existing) {
                // A new table's constraints still shape what later sections know.
                const QJsonObject con = PgParseTree::fieldsOf(def);
                const QString type = str(con, "contype");
                if (type == QLatin1String("CONSTR_FOREIGN"))
                    recordForeignKey(table, stringList(con.value(QLatin1String("fk_attrs"))), loc(con));
                else if (type == QLatin1String("CONSTR_PRIMARY") || type == QLatin1String("CONSTR_UNIQUE"))
                    m_fullIndexes[table].append(stringList(con.value(QLatin1String("keys"))));
            }
        } else if (subtype == QLatin1String("AT_SetTableSpace") || subtype == QLatin1String("AT_SetLogged")
                   || subtype == QLatin1String("AT_SetUnLogged")) {
            effect.rewrite = existing;
        }
    }
    if (!existing)
        return {};
    return effect;
}

void Run::addColumn(const QString &table, const QJsonObject &cmd, const QJsonObject &def, LockEffect *effect)
{
    checkType(def.value(QLatin1String("typeName")).toObject());
    const ColumnFacts column = columnFacts(def);
    const QString name = str(def, "colname");
    if (m_tables.contains(table))
        m_tables[table].notNull.insert(name, column.notNull);
    if (column.foreign)
        recordForeignKey(table, {name}, column.foreignLocation);
    if (!m_section->transaction && !flag(cmd, "missing_ok"))
        add(QStringLiteral("prefer-robust-stmts"), Severity::Warning, -1, R::robustAddColumn());
    if (isNew(table))
        return;
    const int at = loc(def);
    const bool serial = isSerial(column.type);
    if (serial || column.generatedStored || column.identity) {
        add(QStringLiteral("adding-serial-or-generated-column"), Severity::Error, at, R::serialOrGenerated());
        effect->rewrite = true;
    }
    if (column.primary)
        add(QStringLiteral("adding-serial-primary-key-field"), Severity::Error, at, R::addPrimaryKey());
    if (column.unique)
        add(QStringLiteral("disallowed-unique-constraint"), Severity::Error, at, R::uniqueConstraint());
    if (column.foreign)
        add(QStringLiteral("adding-foreign-key-constraint"), Severity::Error, at, R::foreignKey());
    const bool filled = column.hasDefault || serial || column.generatedStored || column.identity;
    if (column.notNull && !filled && !column.primary)
        add(QStringLiteral("adding-required-field"), Severity::Error, at, R::requiredField());
    if (column.hasDefault && !isNullConstant(column.defaultExpr)) {
        if (!m_version.atLeast(11)) {
            add(QStringLiteral("adding-field-with-default"), Severity::Error, at, R::defaultBefore11());
            effect->rewrite = true;
        } else if (!isNonVolatile(column.defaultExpr)) {
            add(QStringLiteral("adding-field-with-default"), Severity::Error, at, R::volatileDefault());
            effect->rewrite = true;
        }
    }
}

void Run::addConstraint(const QString &table, const QJsonObject &con)
{
    const QString type = str(con, "contype");
    const QString name = str(con, "conname");
    const bool notValid = flag(con, "skip_validation");
    if (notValid && !name.isEmpty())
        m_notValid.insert(name);
    if (table.isEmpty())
        return; // a new table's
    const int at = loc(con);
    if (type == QLatin1String("CONSTR_CHECK")) {
        if (!notValid)
            add(QStringLiteral("constraint-missing-not-valid"), Severity::Error, at, R::checkNotValid());
    } else if (type == QLatin1String("CONSTR_FOREIGN")) {
        if (!notValid)
            add(QStringLiteral("adding-foreign-key-constraint"), Severity::Error, at, R::foreignKey());
        recordForeignKey(table, stringList(con.value(QLatin1String("fk_attrs"))), at);
    } else if (type == QLatin1String("CONSTR_UNIQUE") || type == QLatin1String("CONSTR_PRIMARY")) {
        const QString index = str(con, "indexname");
        const bool primary = type == QLatin1String("CONSTR_PRIMARY");
        if (index.isEmpty()) {
            add(primary ? QStringLiteral("adding-serial-primary-key-field") : QStringLiteral("disallowed-unique-constraint"),
                Severity::Error, at, primary ? R::addPrimaryKey() : R::uniqueConstraint());
            m_fullIndexes[table].append(stringList(con.value(QLatin1String("keys"))));
        } else if (primary) {
            // USING INDEX makes the index's columns NOT NULL, scanning the table under its lock.
            const IndexFacts indexFacts = m_indexes.value(index);
            const QHash<QString, bool> notNull = m_tables.value(indexFacts.table.isEmpty() ? table : indexFacts.table).notNull;
            bool allNotNull = !indexFacts.columns.isEmpty();
            for (const QString &c : indexFacts.columns)
                allNotNull = allNotNull && notNull.value(c, false);
            if (!allNotNull)
                add(QStringLiteral("primary-key-using-index-nullable"), Severity::Warning, at, R::primaryKeyUsingIndex());
        }
    } else if (type == QLatin1String("CONSTR_EXCLUSION")) {
        add(QStringLiteral("ban-exclusion-constraint"), Severity::Error, at, R::exclusionConstraint());
    }
}

LockEffect Run::createIndex(const QJsonObject &node)
{
    const QString table = tableKey(node.value(QLatin1String("relation")).toObject());
    const bool concurrent = flag(node, "concurrent");
    const QString name = str(node, "idxname");
    QStringList columns;
    const QJsonArray params = node.value(QLatin1String("indexParams")).toArray();
    for (const QJsonValue &p : params)
        columns.append(str(PgParseTree::fieldsOf(p), "name"));
    if (!name.isEmpty()) {
        m_indexes.insert(name, {table, columns});
        m_newIndexes.insert(name);
    }
    if (!node.contains(QLatin1String("whereClause")) && !columns.contains(QString()))
        m_fullIndexes[table].append(columns);
    if (concurrent && m_section->transaction)
        add(QStringLiteral("ban-concurrent-index-creation-in-transaction"), Severity::Error, -1, R::concurrentInTransaction(true));
    if (!m_section->transaction && !flag(node, "if_not_exists"))
        add(QStringLiteral("prefer-robust-stmts"), Severity::Warning, -1, R::robustCreateIndex());
    if (isNew(table) || concurrent)
        return {};
    add(QStringLiteral("require-concurrent-index-creation"), Severity::Error, -1, R::concurrentIndexCreation());
    return {true, false, true};
}

LockEffect Run::drop(const QJsonObject &node)
{
    const QString type = str(node, "removeType");
    const QJsonArray objects = node.value(QLatin1String("objects")).toArray();
    QStringList names;
    for (const QJsonValue &o : objects) {
        // A List of name parts; DROP SCHEMA gives bare Strings.
        const QString kind = PgParseTree::kindOf(o);
        names.append(kind == QLatin1String("List")
                         ? stringList(PgParseTree::fieldsOf(o).value(QLatin1String("items"))).join(u'.')
                         : PgParseTree::fieldsOf(o).value(QLatin1String("sval")).toString());
    }
    const bool robust = flag(node, "missing_ok");
    if (type == QLatin1String("OBJECT_INDEX")) {
        const bool concurrent = flag(node, "concurrent");
        if (!m_section->transaction && !robust)
            add(QStringLiteral("prefer-robust-stmts"), Severity::Warning, -1, R::robustDropIndex());
        if (concurrent && m_section->transaction)
            add(QStringLiteral("ban-concurrent-index-creation-in-transaction"), Severity::Error, -1, R::concurrentInTransaction(false));
        bool allNew = true;
        for (const QString &n : std::as_const(names)) {
            allNew = allNew && m_newIndexes.contains(n);
            m_indexes.remove(n);
        }
        if (allNew || concurrent)
            return {};
        add(QStringLiteral("require-concurrent-index-deletion"), Severity::Error, -1, R::concurrentIndexDeletion());
        return {true, true, false};
    }
    if (type == QLatin1String("OBJECT_TABLE")) {
        if (!m_section->transaction && !robust)
            add(QStringLiteral("prefer-robust-stmts"), Severity::Warning, -1, R::robustDropTable());
        bool allNew = true;
        for (const QString &n : std::as_const(names))
            allNew = allNew && isNew(n);
        for (const QString &n : std::as_const(names))
            m_tables.remove(n);
        if (allNew)
            return {};
        add(QStringLiteral("ban-drop-table"), Severity::Warning, -1, R::dropTable());
        return {true, true, false};
    }
    if (type == QLatin1String("OBJECT_SCHEMA")) {
        add(QStringLiteral("ban-drop-schema"), Severity::Warning, -1, R::dropSchema());
        return {true, true, false};
    }
    return {};
}

void Run::finish()
{
    for (const ForeignKeyFacts &fk : std::as_const(m_foreignKeys)) {
        if (!m_tables.contains(fk.table))
            continue;
        bool covered = false;
        const QList<QStringList> indexes = m_fullIndexes.value(fk.table);
        for (const QStringList &index : indexes) {
            if (index.size() >= fk.columns.size()) {
                const QStringList lead = index.mid(0, fk.columns.size());
                covered = covered || QSet<QString>(lead.cbegin(), lead.cend())
                                         == QSet<QString>(fk.columns.cbegin(), fk.columns.cend());
            }
        }
        if (!covered) {
            LintFinding f;
            f.file = fk.file;
            f.line = fk.line;
            f.rule = QStringLiteral("foreign-key-missing-index");
            f.severity = Severity::Warning;
            f.message = R::foreignKeyMissingIndex(fk.columns.join(QLatin1String(", ")));
            findings.append(f);
        }
    }
}

} // namespace

QStringList PgMigrationLint::ruleIds()
{
    return {QStringLiteral("adding-field-with-default"), QStringLiteral("adding-foreign-key-constraint"),
            QStringLiteral("adding-not-nullable-field"), QStringLiteral("adding-required-field"),
            QStringLiteral("adding-serial-or-generated-column"), QStringLiteral("adding-serial-primary-key-field"),
            QStringLiteral("avoid-enum-type"), QStringLiteral("ban-alter-domain-with-add-constraint"),
            QStringLiteral("ban-char-field"), QStringLiteral("ban-concurrent-index-creation-in-transaction"),
            QStringLiteral("ban-create-domain-with-constraint"), QStringLiteral("ban-drop-column"),
            QStringLiteral("ban-drop-database"), QStringLiteral("ban-drop-schema"), QStringLiteral("ban-drop-table"),
            QStringLiteral("ban-exclusion-constraint"), QStringLiteral("ban-truncate-table"),
            QStringLiteral("changing-column-type"), QStringLiteral("combine-alter-table"),
            QStringLiteral("constraint-missing-not-valid"), QStringLiteral("disallowed-unique-constraint"),
            QStringLiteral("foreign-key-missing-index"), QStringLiteral("prefer-bigint-over-int"),
            QStringLiteral("prefer-bigint-over-smallint"), QStringLiteral("prefer-identity"),
            QStringLiteral("prefer-jsonb"), QStringLiteral("prefer-robust-stmts"), QStringLiteral("prefer-text-field"),
            QStringLiteral("prefer-timestamp-tz"), QStringLiteral("primary-key-using-index-nullable"),
            QStringLiteral("renaming-column"), QStringLiteral("renaming-table"),
            QStringLiteral("require-concurrent-index-creation"), QStringLiteral("require-concurrent-index-deletion"),
            QStringLiteral("require-timeout-settings"), QStringLiteral("rewrite-while-holding-lock"),
            QStringLiteral("statement-after-exclusive-lock"), QStringLiteral("syntax-error"),
            QStringLiteral("transaction-nesting")};
}

QList<LintFinding> PgMigrationLint::lint(const QList<IMigrations::LintSection> &sections,
                                         const IMigrations::LintOptions &options) const
{
    Run run(ServerVersion::parse(options.serverVersion));
    for (const IMigrations::LintSection &section : sections)
        run.lintSection(section);
    run.finish();
    return run.findings;
}

} // namespace Strata::Postgres::Internal
