// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresengine.h"

#include "../../../../shared/plancorpus.h"

#include "migrations/migrationlinter.h"
#include "plugins/imigrations.h"

#include <QDir>
#include <QRegularExpression>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

using Section = IMigrations::LintSection;

QList<int> linesOf(const QList<LintFinding> &findings, const QString &rule)
{
    QList<int> lines;
    for (const LintFinding &f : findings) {
        if (f.rule == rule)
            lines.append(f.line);
    }
    return lines;
}

// An eugene example file split at its "-- N.sql" markers: one migration per part.
QList<Migration> eugeneMigrations(const QString &path)
{
    const QString text = Test::readCorpusFile(path);
    const QString file = QFileInfo(path).fileName();
    static const QRegularExpression marker(u"^--\\s*(\\d+)\\.sql\\s*$"_s);
    QList<Migration> migrations;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch match = marker.match(lines.at(i).trimmed());
        if (match.hasMatch()) {
            Migration m;
            m.version = match.captured(1);
            m.up.present = true;
            m.up.file = file;
            m.up.firstLine = i + 2;
            m.down.present = true;
            m.down.file = file;
            m.down.sql = u"SELECT 1;"_s;
            migrations.append(m);
            continue;
        }
        if (!migrations.isEmpty())
            migrations.last().up.sql += lines.at(i) + u'\n';
    }
    return migrations;
}

// Each eugene hint and the rule(s) of ours that must catch its bad example.
const QHash<QString, QStringList> &eugeneHintRules()
{
    static const QHash<QString, QStringList> map = {
        {u"E1"_s, {u"constraint-missing-not-valid"_s}},
        {u"E2"_s, {u"adding-not-nullable-field"_s}},
        {u"E3"_s, {u"prefer-jsonb"_s}},
        {u"E4"_s, {u"statement-after-exclusive-lock"_s}},
        {u"E5"_s, {u"changing-column-type"_s}},
        {u"E6"_s, {u"require-concurrent-index-creation"_s}},
        {u"E7"_s, {u"disallowed-unique-constraint"_s}},
        {u"E8"_s, {u"ban-exclusion-constraint"_s}},
        {u"E9"_s, {u"require-timeout-settings"_s}},
        {u"E10"_s, {u"rewrite-while-holding-lock"_s}},
        {u"E11"_s, {u"adding-serial-or-generated-column"_s}},
        {u"E15"_s, {u"foreign-key-missing-index"_s}},
        {u"W12"_s, {u"combine-alter-table"_s}},
        {u"W13"_s, {u"avoid-enum-type"_s}},
        {u"W14"_s, {u"primary-key-using-index-nullable"_s}},
    };
    return map;
}

} // namespace

class tst_PgMigrationLint : public QObject
{
    Q_OBJECT
private:
    Postgres::PostgresEngine m_engine;

    QList<LintFinding> lint(const QList<Section> &sections, const QString &version = {})
    {
        IMigrations *migrations = qobject_cast<IMigrations *>(&m_engine);
        if (!migrations)
            return {};
        IMigrations::LintOptions options;
        options.serverVersion = version;
        return migrations->lintSections(sections, options);
    }

private Q_SLOTS:
    void engineOffersMigrationsCapability()
    {
        QVERIFY(qobject_cast<IMigrations *>(&m_engine));
        const QStringList ids = qobject_cast<IMigrations *>(&m_engine)->lintRuleIds();
        for (const QString &squawk : {u"adding-not-nullable-field"_s, u"require-concurrent-index-creation"_s,
                                      u"constraint-missing-not-valid"_s, u"ban-drop-column"_s,
                                      u"changing-column-type"_s, u"prefer-bigint-over-int"_s,
                                      u"prefer-text-field"_s, u"prefer-timestamp-tz"_s, u"renaming-column"_s,
                                      u"prefer-robust-stmts"_s, u"require-timeout-settings"_s,
                                      u"transaction-nesting"_s, u"ban-concurrent-index-creation-in-transaction"_s})
            QVERIFY2(ids.contains(squawk), qPrintable(squawk));
    }

    void rulesFireWhereTheDangerIs_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("transaction");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QList<int>>("lines");
        using L = QList<int>;
        const QString v = QString();
        auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

        row("set not null") << u"adding-not-nullable-field"_s << u"ALTER TABLE t ALTER COLUMN c SET NOT NULL;"_s << true << v << L{1};
        row("set not null on a new table") << u"adding-not-nullable-field"_s
            << u"CREATE TABLE t (c bigint);\nALTER TABLE t ALTER c SET NOT NULL;"_s << true << v << L{};
        row("required field") << u"adding-required-field"_s << u"ALTER TABLE t ADD COLUMN c text NOT NULL;"_s << true << v << L{1};
        row("required field with default") << u"adding-required-field"_s << u"ALTER TABLE t ADD c text NOT NULL DEFAULT 'x';"_s << true << v << L{};
        row("constant default on 10") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c bigint DEFAULT 0;"_s << true << u"10.21"_s << L{1};
        row("constant default on 9.6") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c text DEFAULT 'a';"_s << true << u"9.6"_s << L{1};
        row("constant default on 11") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c bigint DEFAULT 0;"_s << true << u"11.0"_s << L{};
        row("constant default, newest") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c bigint DEFAULT -1;"_s << true << v << L{};
        row("now() default on 15") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c timestamptz DEFAULT now();"_s << true << u"15.4"_s << L{};
        row("volatile default on 15") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c uuid DEFAULT gen_random_uuid();"_s << true << u"15.4"_s << L{1};
        row("default null on 10") << u"adding-field-with-default"_s << u"ALTER TABLE t ADD c text DEFAULT NULL;"_s << true << u"10"_s << L{};
        row("index") << u"require-concurrent-index-creation"_s << u"CREATE INDEX i ON t (a);"_s << true << v << L{1};
        row("index concurrently") << u"require-concurrent-index-creation"_s << u"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"_s << false << v << L{};
        row("index on a new table") << u"require-concurrent-index-creation"_s << u"CREATE TABLE t (a bigint);\nCREATE INDEX i ON t (a);"_s << true << v << L{};
        row("drop index") << u"require-concurrent-index-deletion"_s << u"DROP INDEX i;"_s << true << v << L{1};
        row("drop index concurrently") << u"require-concurrent-index-deletion"_s << u"DROP INDEX CONCURRENTLY IF EXISTS i;"_s << false << v << L{};
        row("check") << u"constraint-missing-not-valid"_s << u"ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);"_s << true << v << L{1};
        row("check not valid") << u"constraint-missing-not-valid"_s << u"ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;"_s << true << v << L{};
        row("validated in the same transaction") << u"constraint-missing-not-valid"_s
            << u"ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;"_s << true << v << L{2};
        row("foreign key") << u"adding-foreign-key-constraint"_s << u"ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id);"_s << true << v << L{1};
        row("foreign key not valid") << u"adding-foreign-key-constraint"_s << u"ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID;"_s << true << v << L{};
        row("drop column") << u"ban-drop-column"_s << u"ALTER TABLE t DROP COLUMN c;"_s << true << v << L{1};
        row("drop default") << u"ban-drop-column"_s << u"ALTER TABLE t ALTER COLUMN c DROP DEFAULT;"_s << true << v << L{};
        row("drop table") << u"ban-drop-table"_s << u"DROP TABLE t;"_s << true << v << L{1};
        row("drop a new table") << u"ban-drop-table"_s << u"CREATE TABLE t (a bigint);\nDROP TABLE t;"_s << true << v << L{};
        row("drop database") << u"ban-drop-database"_s << u"DROP DATABASE d;"_s << false << v << L{1};
        row("type change") << u"changing-column-type"_s << u"ALTER TABLE t ALTER COLUMN c TYPE bigint;"_s << true << v << L{1};
        row("type change to text") << u"changing-column-type"_s << u"ALTER TABLE t ALTER COLUMN c TYPE text;"_s << true << v << L{};
        row("int") << u"prefer-bigint-over-int"_s << u"CREATE TABLE t (\n  a int,\n  b integer,\n  c bigint\n);"_s << true << v << L{2, 3};
        row("bigint") << u"prefer-bigint-over-int"_s << u"CREATE TABLE t (a bigint);"_s << true << v << L{};
        row("smallint") << u"prefer-bigint-over-smallint"_s << u"ALTER TABLE t ADD c smallint;"_s << true << v << L{1};
        row("serial") << u"prefer-identity"_s << u"CREATE TABLE t (id bigserial);"_s << true << v << L{1};
        row("identity") << u"prefer-identity"_s << u"CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY);"_s << true << v << L{};
        row("varchar(n)") << u"prefer-text-field"_s << u"CREATE TABLE t (a varchar(10));"_s << true << v << L{1};
        row("varchar") << u"prefer-text-field"_s << u"CREATE TABLE t (a varchar, b text);"_s << true << v << L{};
        row("timestamp") << u"prefer-timestamp-tz"_s << u"CREATE TABLE t (a timestamp);"_s << true << v << L{1};
        row("timestamptz") << u"prefer-timestamp-tz"_s << u"CREATE TABLE t (a timestamptz);"_s << true << v << L{};
        row("rename column") << u"renaming-column"_s << u"ALTER TABLE t RENAME COLUMN a TO b;"_s << true << v << L{1};
        row("rename table") << u"renaming-table"_s << u"ALTER TABLE t RENAME TO u;"_s << true << v << L{1};
        row("rename a new table") << u"renaming-table"_s << u"CREATE TABLE t (a bigint);\nALTER TABLE t RENAME TO u;"_s << true << v << L{};
        row("not robust outside a transaction") << u"prefer-robust-stmts"_s << u"CREATE INDEX CONCURRENTLY i ON t (a);\nALTER TABLE t ADD COLUMN b text;"_s << false << v << L{1, 2};
        row("robust outside a transaction") << u"prefer-robust-stmts"_s << u"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"_s << false << v << L{};
        row("not robust inside a transaction is fine") << u"prefer-robust-stmts"_s << u"CREATE TABLE t (a bigint);"_s << true << v << L{};
        row("no lock timeout") << u"require-timeout-settings"_s << u"SELECT 1;\nALTER TABLE t ADD COLUMN c text;"_s << true << v << L{2};
        row("lock timeout") << u"require-timeout-settings"_s << u"SET LOCAL lock_timeout = '2s';\nALTER TABLE t ADD COLUMN c text;"_s << true << v << L{};
        row("set local without transaction") << u"require-timeout-settings"_s << u"SET LOCAL lock_timeout = '2s';\nALTER TABLE t ADD COLUMN IF NOT EXISTS c text;"_s << false << v << L{2};
        row("lock timeout 0") << u"require-timeout-settings"_s << u"SET lock_timeout = 0;\nALTER TABLE t ADD COLUMN c text;"_s << true << v << L{2};
        row("reported once") << u"require-timeout-settings"_s << u"ALTER TABLE t ADD c text;\nALTER TABLE u ADD d text;"_s << true << v << L{1};
        row("begin/commit") << u"transaction-nesting"_s << u"BEGIN;\nCREATE TABLE t (a bigint);\nCOMMIT;"_s << true << v << L{1, 3};
        row("begin/commit outside a transaction") << u"transaction-nesting"_s << u"BEGIN;\nCREATE TABLE t (a bigint);\nCOMMIT;"_s << false << v << L{};
        row("concurrently in a transaction") << u"ban-concurrent-index-creation-in-transaction"_s << u"CREATE INDEX CONCURRENTLY i ON t (a);"_s << true << v << L{1};
        row("concurrently outside") << u"ban-concurrent-index-creation-in-transaction"_s << u"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"_s << false << v << L{};
        row("unique") << u"disallowed-unique-constraint"_s << u"ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);"_s << true << v << L{1};
        row("unique using index") << u"disallowed-unique-constraint"_s << u"ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i;"_s << true << v << L{};
        row("serial primary key") << u"adding-serial-primary-key-field"_s << u"ALTER TABLE t ADD COLUMN id bigserial PRIMARY KEY;"_s << true << v << L{1};
        row("primary key") << u"adding-serial-primary-key-field"_s << u"ALTER TABLE t ADD PRIMARY KEY (id);"_s << true << v << L{1};
        row("primary key using index") << u"adding-serial-primary-key-field"_s << u"ALTER TABLE t ADD PRIMARY KEY USING INDEX i;"_s << true << v << L{};
        row("char") << u"ban-char-field"_s << u"CREATE TABLE t (a char(3), b text);"_s << true << v << L{1};
        row("no char") << u"ban-char-field"_s << u"CREATE TABLE t (a text);"_s << true << v << L{};
        row("domain with check") << u"ban-create-domain-with-constraint"_s << u"CREATE DOMAIN d AS int CHECK (VALUE > 0);"_s << true << v << L{1};
        row("domain") << u"ban-create-domain-with-constraint"_s << u"CREATE DOMAIN d AS int;"_s << true << v << L{};
        row("json") << u"prefer-jsonb"_s << u"CREATE TABLE t (a json);"_s << true << v << L{1};
        row("jsonb") << u"prefer-jsonb"_s << u"CREATE TABLE t (a jsonb);"_s << true << v << L{};
        row("exclusion") << u"ban-exclusion-constraint"_s << u"ALTER TABLE t ADD CONSTRAINT e EXCLUDE USING gist (a WITH =);"_s << true << v << L{1};
        row("exclusion on a new table") << u"ban-exclusion-constraint"_s << u"CREATE TABLE t (a int4range);\nALTER TABLE t ADD CONSTRAINT e EXCLUDE USING gist (a WITH &&);"_s << true << v << L{};
        row("stored generated column") << u"adding-serial-or-generated-column"_s << u"ALTER TABLE t ADD COLUMN g bigint GENERATED ALWAYS AS (a * 2) STORED;"_s << true << v << L{1};
        row("generated column in a new table") << u"adding-serial-or-generated-column"_s << u"CREATE TABLE t (a bigint, g bigint GENERATED ALWAYS AS (a * 2) STORED);"_s << true << v << L{};
        row("statement after exclusive lock") << u"statement-after-exclusive-lock"_s << u"SET LOCAL lock_timeout = '1s';\nALTER TABLE t ADD COLUMN c text;\nSELECT 1;\nSET LOCAL statement_timeout = '5s';\nUPDATE u SET a = 1;"_s << true << v << L{3, 5};
        row("no lock held outside a transaction") << u"statement-after-exclusive-lock"_s << u"ALTER TABLE t ADD COLUMN IF NOT EXISTS c text;\nSELECT 1;"_s << false << v << L{};
        row("rewrite under a held lock") << u"rewrite-while-holding-lock"_s << u"ALTER TABLE t ADD COLUMN c text;\nALTER TABLE u ALTER COLUMN d TYPE bigint;"_s << true << v << L{2};
        row("rewrite alone") << u"rewrite-while-holding-lock"_s << u"SET LOCAL lock_timeout = '1s';\nALTER TABLE u ALTER COLUMN d TYPE bigint;"_s << true << v << L{};
        row("two alters of one table") << u"combine-alter-table"_s << u"ALTER TABLE t ADD COLUMN c text;\nALTER TABLE t ADD COLUMN d text;"_s << true << v << L{2};
        row("alters of two tables") << u"combine-alter-table"_s << u"ALTER TABLE t ADD COLUMN c text;\nALTER TABLE u ADD COLUMN d text;"_s << true << v << L{};
        row("enum") << u"avoid-enum-type"_s << u"CREATE TYPE e AS ENUM ('a', 'b');"_s << true << v << L{1};
        row("primary key using unknown index") << u"primary-key-using-index-nullable"_s << u"ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY USING INDEX i;"_s << true << v << L{1};
        row("truncate") << u"ban-truncate-table"_s << u"TRUNCATE t;"_s << true << v << L{1};
        row("syntax error") << u"syntax-error"_s << u"SELECT 1;\nALTER TABLE t ADD;"_s << true << v << L{2};
        row("hostile names") << u"adding-required-field"_s
            << u"ALTER TABLE \"a\"\"b\" ADD COLUMN \"x'; DROP TABLE t; --\" text NOT NULL;"_s << true << v << L{1};
        row("cyrillic before the statement") << u"changing-column-type"_s
            << u"-- комментарий über\nALTER TABLE таблица\n  ALTER COLUMN \"имя столбца\" TYPE bigint;"_s << true << v << L{2};
    }
    void rulesFireWhereTheDangerIs()
    {
        QFETCH(QString, rule);
        QFETCH(QString, sql);
        QFETCH(bool, transaction);
        QFETCH(QString, version);
        QFETCH(QList<int>, lines);
        QVERIFY(Postgres::PostgresEngine().lintRuleIds().contains(rule));
        const QList<LintFinding> findings = lint({Section{sql, u"f.sql"_s, 1, transaction}}, version);
        QCOMPARE(linesOf(findings, rule), lines);
        for (const LintFinding &f : findings) {
            QCOMPARE(f.file, u"f.sql"_s);
            QVERIFY2(f.message.endsWith(u'.') && f.message.contains(u';'), qPrintable(f.message));
        }
    }

    void linesAreLinesOfTheFile()
    {
        const QList<LintFinding> findings =
            lint({Section{u"\n\nALTER TABLE t ALTER COLUMN c TYPE bigint;"_s, u"20240101000000_a.sql"_s, 7, true}});
        QCOMPARE(linesOf(findings, u"changing-column-type"_s), QList<int>{9});
    }

    void laterSectionsKnowWhatEarlierOnesCreated()
    {
        // The column is nullable: the primary key must make it NOT NULL under the lock.
        const Section create{u"CREATE TABLE a (name text);"_s, u"1.sql"_s, 2, true};
        const Section index{u"CREATE UNIQUE INDEX CONCURRENTLY k ON a (name);"_s, u"2.sql"_s, 2, false};
        const Section pk{u"ALTER TABLE a ADD CONSTRAINT p PRIMARY KEY USING INDEX k;"_s, u"3.sql"_s, 2, true};
        QCOMPARE(linesOf(lint({create, index, pk}), u"primary-key-using-index-nullable"_s), QList<int>{2});
        const Section notNull{u"ALTER TABLE a ALTER name SET NOT NULL;"_s, u"4.sql"_s, 2, true};
        QCOMPARE(linesOf(lint({create, index, notNull, pk}), u"primary-key-using-index-nullable"_s), QList<int>{});

        // A foreign key needs a complete index on its columns, created by any later section.
        const Section fk{u"CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE c (id bigint PRIMARY KEY,\n  p_id bigint REFERENCES p (id));"_s,
                         u"1.sql"_s, 1, true};
        QList<LintFinding> findings = lint({fk});
        QCOMPARE(linesOf(findings, u"foreign-key-missing-index"_s), QList<int>{3});
        QCOMPARE(findings.at(findings.size() - 1).file, u"1.sql"_s);
        const Section partial{u"CREATE INDEX CONCURRENTLY IF NOT EXISTS ci ON c (p_id) WHERE p_id > 0;"_s, u"2.sql"_s, 1, false};
        QCOMPARE(linesOf(lint({fk, partial}), u"foreign-key-missing-index"_s), QList<int>{3});
        const Section full{u"CREATE INDEX CONCURRENTLY IF NOT EXISTS ci ON c (p_id, id);"_s, u"2.sql"_s, 1, false};
        QCOMPARE(linesOf(lint({fk, full}), u"foreign-key-missing-index"_s), QList<int>{});
    }

    void eugeneCorpusBadIsFlaggedGoodIsNot_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("rules");
        QTest::addColumn<bool>("bad");
        const QString root = Test::corporaRoot() + u"/lint/eugene/examples"_s;
        if (!QFileInfo::exists(root))
            return;
        const QStringList hints = QDir(root).entryList({u"E*"_s, u"W*"_s}, QDir::Dirs, QDir::Name);
        for (const QString &hint : hints) {
            const QStringList rules = eugeneHintRules().value(hint);
            QVERIFY2(!rules.isEmpty(), qPrintable(u"no rule mapped for eugene hint "_s + hint));
            for (const char *kind : {"bad", "good"}) {
                const QString path = root + u'/' + hint + u'/' + QLatin1String(kind) + u".sql"_s;
                if (QFileInfo::exists(path))
                    QTest::addRow("%s/%s", qPrintable(hint), kind) << path << rules << (qstrcmp(kind, "bad") == 0);
            }
        }
    }
    void eugeneCorpusBadIsFlaggedGoodIsNot()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, rules);
        QFETCH(bool, bad);
        if (!QFileInfo::exists(Test::corporaRoot() + u"/lint/eugene"_s))
            QSKIP("the eugene lint corpus is not there");
        const QList<Migration> migrations = eugeneMigrations(path);
        QVERIFY(!migrations.isEmpty());
        const MigrationLinter linter(qobject_cast<IMigrations *>(&m_engine), SqlDialect::PostgreSQL);
        const QList<LintFinding> findings = linter.lint(migrations);
        QStringList hits;
        for (const LintFinding &f : findings) {
            if (rules.contains(f.rule))
                hits.append(f.toString());
        }
        if (bad)
            QVERIFY2(!hits.isEmpty(), qPrintable(u"not flagged: "_s + path));
        else
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(tst_PgMigrationLint)
#include "tst_pgmigrationlint.moc"
