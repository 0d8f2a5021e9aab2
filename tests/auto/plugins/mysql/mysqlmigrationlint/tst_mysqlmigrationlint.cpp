// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlengine.h"

#include "plugins/imigrations.h"

#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_MySqlMigrationLint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rulesFireWhereTheTableMayBeCopied_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QList<int>>("lines");
        QTest::addColumn<QString>("mentions");
        using L = QList<int>;
        const QString alter = u"alter-table-without-algorithm-lock"_s;
        const QString index = u"create-index-without-algorithm-lock"_s;
        const QString v;
        auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

        row("modify") << alter << u"ALTER TABLE t MODIFY c BIGINT;"_s << v << L{1} << u"changing a column's type"_s;
        row("modify, inplace and lock none") << alter << u"ALTER TABLE t MODIFY c BIGINT, ALGORITHM=INPLACE, LOCK=NONE;"_s << v << L{} << QString();
        row("drop column, instant") << alter << u"ALTER TABLE t DROP COLUMN c, ALGORITHM = INSTANT;"_s << v << L{} << QString();
        row("inplace without lock") << alter << u"ALTER TABLE t DROP COLUMN c, ALGORITHM=INPLACE;"_s << v << L{1} << u"dropping a column"_s;
        row("explicit copy") << alter << u"ALTER TABLE t DROP c, LOCK=NONE, ALGORITHM=COPY;"_s << v << L{1} << u"dropping a column"_s;
        row("rename column") << alter << u"ALTER TABLE t RENAME COLUMN a TO b;"_s << v << L{1} << u"renaming a column"_s;
        row("change") << alter << u"ALTER TABLE t CHANGE a b INT;"_s << v << L{1} << u"changing or renaming a column"_s;
        row("add column, newest") << alter << u"ALTER TABLE t ADD COLUMN c INT;"_s << v << L{} << QString();
        row("add column on 10.2") << alter << u"ALTER TABLE t ADD COLUMN c INT;"_s << u"10.2.44-MariaDB"_s << L{1} << u"adding a column"_s;
        row("add column at the end on 10.3.39") << alter << u"ALTER TABLE t ADD c INT;"_s << u"10.3.39-MariaDB"_s << L{} << QString();
        row("add column after on 10.3.39") << alter << u"ALTER TABLE t ADD c INT AFTER a;"_s << u"10.3.39-MariaDB"_s << L{1} << u"not at the end"_s;
        row("add column after on 10.11") << alter << u"ALTER TABLE t ADD c INT AFTER a;"_s << u"10.11.6-MariaDB"_s << L{} << QString();
        row("add column first on MySQL 8.0.28") << alter << u"ALTER TABLE t ADD COLUMN c INT FIRST;"_s << u"8.0.28"_s << L{1} << u"not at the end"_s;
        row("add column first on MySQL 8.0.36") << alter << u"ALTER TABLE t ADD COLUMN c INT FIRST;"_s << u"8.0.36"_s << L{} << QString();
        row("add primary key") << alter << u"ALTER TABLE t ADD PRIMARY KEY (id);"_s << v << L{1} << u"adding a primary key"_s;
        row("add named primary key") << alter << u"ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (id);"_s << v << L{1} << u"adding a primary key"_s;
        row("add index") << alter << u"ALTER TABLE t ADD INDEX i (c);"_s << v << L{1} << u"adding an index"_s;
        row("drop index") << alter << u"ALTER TABLE t DROP INDEX i;"_s << v << L{} << QString();
        row("convert charset") << alter << u"ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;"_s << v << L{1} << u"character set"_s;
        row("set default") << alter << u"ALTER TABLE t ALTER COLUMN c SET DEFAULT 1;"_s << v << L{} << QString();
        row("a new table") << alter << u"CREATE TABLE t (a INT);\nALTER TABLE t MODIFY a BIGINT;"_s << v << L{} << QString();
        row("two operations") << alter << u"ALTER TABLE t MODIFY a BIGINT, DROP COLUMN b;"_s << v << L{1} << u"changing a column's type, dropping a column"_s;
        row("hostile names") << alter << u"ALTER TABLE `x'; DROP TABLE t; --` MODIFY `a``b` BIGINT;"_s << v << L{1} << QString();
        row("line in the section") << alter << u"SELECT 1;\nALTER TABLE таблица\n  MODIFY c BIGINT;"_s << v << L{2} << QString();
        row("create index") << index << u"CREATE INDEX i ON t (c);"_s << v << L{1} << u"ALGORITHM=INPLACE LOCK=NONE"_s;
        row("create index online") << index << u"CREATE INDEX i ON t (c) ALGORITHM=INPLACE LOCK=NONE;"_s << v << L{} << QString();
        row("create index on a new table") << index << u"CREATE TABLE t (c INT);\nCREATE UNIQUE INDEX i ON t (c);"_s << v << L{} << QString();
        row("optimize") << u"ban-optimize-table"_s << u"OPTIMIZE TABLE t;"_s << v << L{1} << u"rebuilds the whole table"_s;
        row("no optimize") << u"ban-optimize-table"_s << u"ANALYZE TABLE t;"_s << v << L{} << QString();
    }
    void rulesFireWhereTheTableMayBeCopied()
    {
        QFETCH(QString, rule);
        QFETCH(QString, sql);
        QFETCH(QString, version);
        QFETCH(QList<int>, lines);
        QFETCH(QString, mentions);
        MySql::MySqlEngine engine;
        IMigrations *migrations = qobject_cast<IMigrations *>(&engine);
        QVERIFY(migrations);
        QVERIFY(migrations->lintRuleIds().contains(rule));
        IMigrations::LintOptions options;
        options.serverVersion = version;
        const QList<LintFinding> findings =
            migrations->lintSections({IMigrations::LintSection{sql, u"m.sql"_s, 1, true}}, options);
        QList<int> seen;
        for (const LintFinding &f : findings) {
            if (f.rule != rule)
                continue;
            seen.append(f.line);
            QCOMPARE(f.file, u"m.sql"_s);
            QVERIFY2(f.message.contains(mentions), qPrintable(f.message));
            QVERIFY(f.message.endsWith(u'.'));
        }
        QCOMPARE(seen, lines);
    }
};

QTEST_GUILESS_MAIN(tst_MySqlMigrationLint)
#include "tst_mysqlmigrationlint.moc"
