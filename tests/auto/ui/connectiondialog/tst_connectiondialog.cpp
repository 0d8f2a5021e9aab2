// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectiondialog.h"
#include "connections/connectionoptionform.h"
#include "connection/connectionurl.h"
#include "plugins/pluginmanager.h"
#include "fakeengine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Strata;

class tst_ConnectionDialog : public QObject
{
    Q_OBJECT

    PluginManager m_plugins;
    Test::FakeEngine m_pg{QStringLiteral("postgresql"), 5432, Test::fakeOptions()};
    Test::FakeEngine m_sqlite{QStringLiteral("sqlite"), 0, {}};

    static void typeUrl(ConnectionDialog &dialog, const QString &url)
    {
        dialog.urlEdit()->clear();
        QTest::keyClicks(dialog.urlEdit(), url);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_plugins.setSearchPaths({});
        m_plugins.addPlugin(&m_pg);
        m_plugins.addPlugin(&m_sqlite);
        QCOMPARE(m_plugins.engineIds(), (QStringList{QStringLiteral("postgresql"), QStringLiteral("sqlite")}));
    }

    void typedUrlFillsTheForm_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("sslmode");
        QTest::newRow("postgresql with options")
            << QStringLiteral("postgresql://alice@db.example.com:5433/shop?sslmode=verify-full")
            << QStringLiteral("postgresql") << QStringLiteral("db.example.com") << QStringLiteral("5433")
            << QStringLiteral("shop") << QStringLiteral("alice") << QString() << QStringLiteral("verify-full");
        QTest::newRow("password and IPv6")
            << QStringLiteral("postgres://bob:s3cret@[::1]/x") << QStringLiteral("postgresql")
            << QStringLiteral("::1") << QString() << QStringLiteral("x") << QStringLiteral("bob")
            << QStringLiteral("s3cret") << QStringLiteral("prefer");
        QTest::newRow("sqlite file") << QStringLiteral("sqlite:///tmp/demo.db") << QStringLiteral("sqlite")
                                     << QString() << QString() << QStringLiteral("/tmp/demo.db")
                                     << QString() << QString() << QString();
    }
    void typedUrlFillsTheForm()
    {
        QFETCH(QString, url);
        QFETCH(QString, engine);
        QFETCH(QString, host);
        QFETCH(QString, port);
        QFETCH(QString, database);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, sslmode);
        ConnectionDialog dialog(&m_plugins);
        typeUrl(dialog, url);
        QVERIFY2(dialog.urlErrorLabel()->isHidden(), qPrintable(dialog.urlErrorLabel()->text()));
        QCOMPARE(dialog.engineCombo()->currentData().toString(), engine);
        QCOMPARE(dialog.hostEdit()->text(), host);
        QCOMPARE(dialog.portEdit()->text(), port);
        QCOMPARE(dialog.databaseEdit()->text(), database);
        QCOMPARE(dialog.userEdit()->text(), user);
        QCOMPARE(dialog.passwordEdit()->text(), password);
        auto *combo = qobject_cast<QComboBox *>(dialog.optionForm()->editor(QStringLiteral("sslmode")));
        QCOMPARE(combo ? combo->currentText() : QString(), sslmode);
        // The URL the user typed is left alone while they type.
        QCOMPARE(dialog.urlEdit()->text(), url);
        QCOMPARE(dialog.settings().password, password);
    }

    void invalidUrlShowsThePlainErrorInline_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("unknown scheme") << QStringLiteral("<b>foo</b>://x");
        QTest::newRow("port out of range") << QStringLiteral("postgresql://h:99999/db");
    }
    void invalidUrlShowsThePlainErrorInline()
    {
        QFETCH(QString, url);
        ConnectionDialog dialog(&m_plugins);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.hostEdit()->setText(QStringLiteral("kept"));
        // Pasted in one go (typing would pass through valid prefixes).
        dialog.urlEdit()->setText(url);
        Q_EMIT dialog.urlEdit()->textEdited(url);
        QVERIFY(dialog.urlErrorLabel()->isVisible());
        QVERIFY(!dialog.urlErrorLabel()->text().isEmpty());
        QCOMPARE(dialog.urlErrorLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(dialog.hostEdit()->text(), QStringLiteral("kept"));
    }

    void editingTheFormRewritesTheUrlWithoutThePassword()
    {
        ConnectionDialog dialog(&m_plugins);
        dialog.engineCombo()->setCurrentIndex(dialog.engineCombo()->findData(QStringLiteral("postgresql")));
        dialog.hostEdit()->setText(QStringLiteral("db.local"));
        dialog.portEdit()->setText(QStringLiteral("6000"));
        dialog.databaseEdit()->setText(QStringLiteral("shop"));
        dialog.passwordEdit()->setText(QStringLiteral("hunter2"));
        QTest::keyClicks(dialog.userEdit(), QStringLiteral("carol"));
        qobject_cast<QComboBox *>(dialog.optionForm()->editor(QStringLiteral("sslmode")))
            ->setCurrentText(QStringLiteral("require"));
        const QString url = dialog.urlEdit()->text();
        QVERIFY(!url.contains(QStringLiteral("hunter2")));
        const Result<ConnectionSettings> parsed = ConnectionUrl::parse(url);
        QVERIFY2(parsed, qPrintable(parsed.error().toString()));
        QCOMPARE(parsed->host, QStringLiteral("db.local"));
        QCOMPARE(parsed->port, 6000);
        QCOMPARE(parsed->user, QStringLiteral("carol"));
        QCOMPARE(parsed->database, QStringLiteral("shop"));
        QCOMPARE(parsed->option(QStringLiteral("sslmode")), QStringLiteral("require"));
        QCOMPARE(dialog.settings().password, QStringLiteral("hunter2"));
    }

    void engineDecidesPortPlaceholderAndOptions()
    {
        ConnectionDialog dialog(&m_plugins);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.engineCombo()->setCurrentIndex(dialog.engineCombo()->findData(QStringLiteral("postgresql")));
        QCOMPARE(dialog.portEdit()->placeholderText(), QStringLiteral("5432"));
        QVERIFY(dialog.optionForm()->editor(QStringLiteral("sslmode")));
        QCOMPARE(dialog.passwordEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(dialog.hostEdit()->isVisible());
        dialog.engineCombo()->setCurrentIndex(dialog.engineCombo()->findData(QStringLiteral("sqlite")));
        QVERIFY(!dialog.optionForm()->editor(QStringLiteral("sslmode")));
        QVERIFY(!dialog.hostEdit()->isVisible());
        QVERIFY(!dialog.passwordEdit()->isVisible());
    }

    void savingNeedsAProfileName()
    {
        ConnectionDialog dialog(&m_plugins);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typeUrl(dialog, QStringLiteral("postgresql://u@h/db"));
        QPushButton *save = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
            if (b->text() == QStringLiteral("&Save"))
                save = b;
        }
        QVERIFY(save);
        save->click();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.statusLabel()->isVisible());
        dialog.nameEdit()->setText(QStringLiteral("prod <db>"));
        save->click();
        QCOMPARE(dialog.action(), ConnectionDialog::Action::Save);
        QCOMPARE(dialog.profile().name(), QStringLiteral("prod <db>"));
        QVERIFY(dialog.profile().settings().password.isEmpty());
    }

    void noKeychainDisablesSavingThePassword()
    {
        ConnectionDialog dialog(&m_plugins);
        dialog.setKeychainAvailable(false, QStringLiteral("No D-Bus"));
        QVERIFY(!dialog.savePasswordCheck()->isEnabled());
        QVERIFY(!dialog.profile().savePassword());
    }
};

QTEST_MAIN(tst_ConnectionDialog)
#include "tst_connectiondialog.moc"
