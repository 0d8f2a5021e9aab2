// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectionoptionform.h"
#include "fakeengine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

using namespace Strata;

class tst_ConnectionOptionForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachOptionTypeGetsItsEditor_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("editorClass");
        QTest::newRow("choice") << QStringLiteral("sslmode") << QStringLiteral("QComboBox");
        QTest::newRow("integer") << QStringLiteral("connect_timeout") << QStringLiteral("QSpinBox");
        QTest::newRow("string") << QStringLiteral("application_name") << QStringLiteral("QLineEdit");
        QTest::newRow("file") << QStringLiteral("sslrootcert") << QStringLiteral("QLineEdit");
        QTest::newRow("password") << QStringLiteral("sslpassword") << QStringLiteral("QLineEdit");
        QTest::newRow("boolean") << QStringLiteral("compress") << QStringLiteral("QCheckBox");
    }
    void eachOptionTypeGetsItsEditor()
    {
        QFETCH(QString, name);
        QFETCH(QString, editorClass);
        ConnectionOptionForm form;
        form.setOptions(Test::fakeOptions());
        QWidget *editor = form.editor(name);
        QVERIFY(editor);
        QCOMPARE(QString::fromLatin1(editor->metaObject()->className()), editorClass);
    }

    void passwordsAreMaskedAndFilesHaveABrowseButton()
    {
        ConnectionOptionForm form;
        form.setOptions(Test::fakeOptions());
        QCOMPARE(qobject_cast<QLineEdit *>(form.editor(QStringLiteral("sslpassword")))->echoMode(),
                 QLineEdit::Password);
        QWidget *fileRow = form.editor(QStringLiteral("sslrootcert"))->parentWidget();
        QVERIFY(fileRow->findChild<QToolButton *>());
        // Descriptions are plugin text but still escaped in tooltips.
        QVERIFY(form.editor(QStringLiteral("sslmode"))->toolTip().contains(QStringLiteral("&lt;TLS&gt;")));
    }

    void advancedOptionsAreCollapsedUntilExpanded()
    {
        ConnectionOptionForm form;
        form.setOptions(Test::fakeOptions());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QVERIFY(form.editor(QStringLiteral("sslmode"))->isVisible());
        QVERIFY(!form.editor(QStringLiteral("application_name"))->isVisible());
        form.setAdvancedExpanded(true);
        QVERIFY(form.editor(QStringLiteral("application_name"))->isVisible());
    }

    void valuesHoldOnlyWhatDiffersFromDefaults_data()
    {
        QTest::addColumn<QVariantMap>("input");
        QTest::addColumn<QVariantMap>("expected");
        QTest::newRow("defaults give nothing") << QVariantMap{} << QVariantMap{};
        QTest::newRow("defaults spelled out give nothing")
            << QVariantMap{{QStringLiteral("sslmode"), QStringLiteral("prefer")},
                           {QStringLiteral("connect_timeout"), QStringLiteral("10")},
                           {QStringLiteral("compress"), QStringLiteral("off")}}
            << QVariantMap{};
        QTest::newRow("changed values round-trip")
            << QVariantMap{{QStringLiteral("sslmode"), QStringLiteral("verify-full")},
                           {QStringLiteral("connect_timeout"), QStringLiteral("3")},
                           {QStringLiteral("application_name"), QStringLiteral("<me>")},
                           {QStringLiteral("sslrootcert"), QStringLiteral("/tmp/ca.pem")},
                           {QStringLiteral("compress"), QStringLiteral("true")}}
            << QVariantMap{{QStringLiteral("sslmode"), QStringLiteral("verify-full")},
                           {QStringLiteral("connect_timeout"), QStringLiteral("3")},
                           {QStringLiteral("application_name"), QStringLiteral("<me>")},
                           {QStringLiteral("sslrootcert"), QStringLiteral("/tmp/ca.pem")},
                           {QStringLiteral("compress"), QStringLiteral("on")}};
    }
    void valuesHoldOnlyWhatDiffersFromDefaults()
    {
        QFETCH(QVariantMap, input);
        QFETCH(QVariantMap, expected);
        ConnectionOptionForm form;
        form.setOptions(Test::fakeOptions());
        QMap<QString, QString> values;
        for (auto it = input.cbegin(); it != input.cend(); ++it)
            values.insert(it.key(), it.value().toString());
        QSignalSpy changed(&form, &ConnectionOptionForm::valuesChanged);
        form.setValues(values);
        QCOMPARE(changed.count(), 0); // programmatic fills are silent
        QVariantMap actual;
        const QMap<QString, QString> result = form.values();
        for (auto it = result.cbegin(); it != result.cend(); ++it)
            actual.insert(it.key(), it.value());
        QCOMPARE(actual, expected);
    }

    void editingAnOptionSignalsAChange()
    {
        ConnectionOptionForm form;
        form.setOptions(Test::fakeOptions());
        QSignalSpy changed(&form, &ConnectionOptionForm::valuesChanged);
        qobject_cast<QComboBox *>(form.editor(QStringLiteral("sslmode")))->setCurrentText(QStringLiteral("require"));
        qobject_cast<QCheckBox *>(form.editor(QStringLiteral("compress")))->setChecked(true);
        qobject_cast<QSpinBox *>(form.editor(QStringLiteral("connect_timeout")))->setValue(5);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(form.values().value(QStringLiteral("sslmode")), QStringLiteral("require"));
    }
};

QTEST_MAIN(tst_ConnectionOptionForm)
#include "tst_connectionoptionform.moc"
