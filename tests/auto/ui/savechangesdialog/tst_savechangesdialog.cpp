// SPDX-License-Identifier: GPL-3.0-or-later
#include "results/savechangesdialog.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_SaveChangesDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describesBoundValues_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("null") << QVariant() << u"NULL"_s;
        QTest::newRow("empty string") << QVariant(u""_s) << u"''"_s;
        QTest::newRow("html stays text") << QVariant(u"<b>x</b>"_s) << u"'<b>x</b>'"_s;
        QTest::newRow("line breaks shown") << QVariant(u"a\nb\r"_s) << u"'a\\nb\\r'"_s;
        QTest::newRow("integer") << QVariant(42LL) << u"42"_s;
        QTest::newRow("bool") << QVariant(false) << u"false"_s;
        QTest::newRow("bytes") << QVariant(QByteArray("\x00\xff", 2)) << u"\\x00ff  (bytes)"_s;
        QTest::newRow("long text cut") << QVariant(QString(300, u'y'))
                                       << u'\'' + QString(200, u'y') + u"'… (300 characters)"_s;
    }

    void describesBoundValues()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, text);
        QCOMPARE(SaveChangesDialog::describeValue(value), text);
    }

    void listsEveryStatementWithItsValues()
    {
        EditStatement update;
        update.kind = EditStatement::Kind::Update;
        update.row = 2;
        update.sql = u"UPDATE \"t\" SET \"a\" = $1 WHERE id = $2"_s;
        update.parameters = {u"<i>new</i>"_s, u"3"_s};
        EditStatement insert;
        insert.kind = EditStatement::Kind::Insert;
        insert.row = 5;
        insert.sql = u"INSERT INTO \"t\" DEFAULT VALUES RETURNING id"_s;

        SaveChangesDialog dialog(u"<b>t</b>"_s, {update, insert});
        const QString text = dialog.text()->toPlainText();
        QCOMPARE(text, u"-- row 3: update\n"
                       "UPDATE \"t\" SET \"a\" = $1 WHERE id = $2\n"
                       "--   1 = '<i>new</i>'\n"
                       "--   2 = '3'\n"
                       "\n"
                       "-- new row 6: insert\n"
                       "INSERT INTO \"t\" DEFAULT VALUES RETURNING id\n"_s);
        QVERIFY(dialog.text()->isReadOnly());
        // The table name is server text: shown as plain text.
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        QVERIFY(!labels.isEmpty());
        for (QLabel *label : labels)
            QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(labels.first()->text().contains(u"These 2 statements change <b>t</b>"_s));
    }

    void applyAcceptsAndCancelRejects()
    {
        EditStatement remove;
        remove.kind = EditStatement::Kind::Delete;
        remove.sql = u"DELETE FROM t WHERE id = ?"_s;
        remove.parameters = {1};
        SaveChangesDialog dialog(u"t"_s, {remove});
        QVERIFY(dialog.findChild<QLabel *>()->text().startsWith(u"This statement changes t."_s));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        dialog.open();
        dialog.applyButton()->click();
        QCOMPARE(accepted.count(), 1);
        dialog.open();
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(accepted.count(), 1);
    }
};

QTEST_MAIN(tst_SaveChangesDialog)
#include "tst_savechangesdialog.moc"
