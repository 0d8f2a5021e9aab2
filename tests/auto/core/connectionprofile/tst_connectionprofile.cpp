// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/connectionprofile.h"

#include <QTest>

using namespace Strata;

class tst_ConnectionProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dropsThePasswordOfItsSettings();
    void printsItsUrlWithoutPassword();
    void acceptsValidProfiles_data();
    void acceptsValidProfiles();
    void rejectsInvalidProfiles_data();
    void rejectsInvalidProfiles();
    void comparesEveryField();
};

namespace {
ConnectionSettings pgSettings()
{
    ConnectionSettings settings;
    settings.engine = QStringLiteral("postgresql");
    settings.host = QStringLiteral("db.example.com");
    settings.port = 5433;
    settings.database = QStringLiteral("shop");
    settings.user = QStringLiteral("alice");
    settings.password = QStringLiteral("hunter2");
    settings.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    return settings;
}
} // namespace

void tst_ConnectionProfile::dropsThePasswordOfItsSettings()
{
    ConnectionProfile profile(QStringLiteral("prod"), pgSettings());
    QVERIFY(profile.settings().password.isEmpty());
    QCOMPARE(profile.settings().user, QStringLiteral("alice"));
    profile.setSettings(pgSettings());
    QVERIFY(profile.settings().password.isEmpty());
    QCOMPARE(profile.settings().options.value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
}

void tst_ConnectionProfile::printsItsUrlWithoutPassword()
{
    const ConnectionProfile profile(QStringLiteral("prod"), pgSettings());
    QCOMPARE(profile.url(), QStringLiteral("postgresql://alice@db.example.com:5433/shop?sslmode=verify-full"));
}

void tst_ConnectionProfile::acceptsValidProfiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("colour");
    QTest::newRow("plain") << "prod" << "";
    QTest::newRow("slashes and spaces") << "eu/west 1 \\ replica" << "#ff0000";
    QTest::newRow("unicode") << QString::fromUtf8("b\xc3\xa4" "ckerei") << "#00AAff";
}

void tst_ConnectionProfile::acceptsValidProfiles()
{
    QFETCH(QString, name);
    QFETCH(QString, colour);
    ConnectionProfile profile(name, pgSettings());
    profile.setColour(colour);
    const Result<void> valid = profile.validate();
    QVERIFY2(valid.ok(), qPrintable(valid.error().toString()));
}

void tst_ConnectionProfile::rejectsInvalidProfiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("colour");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty name") << "" << "postgresql" << "" << "" << "needs a name";
    QTest::newRow("blank name") << "  " << "postgresql" << "" << "" << "needs a name";
    QTest::newRow("padded name") << " prod" << "postgresql" << "" << "" << "starts or ends with spaces";
    QTest::newRow("control character") << "a\tb" << "postgresql" << "" << "" << "control characters";
    QTest::newRow("unknown engine") << "x" << "oracle" << "" << "" << "Unknown engine 'oracle'";
    QTest::newRow("no engine") << "x" << "" << "" << "" << "Unknown engine ''";
    QTest::newRow("bad colour") << "x" << "postgresql" << "red" << "" << "The colour 'red'";
    QTest::newRow("bad option value") << "x" << "postgresql" << "" << "sslmode=maybe" << "sslmode 'maybe'";
    QTest::newRow("option of another engine") << "x" << "mysql" << "" << "application_name=a"
                                              << "unknown option 'application_name'";
}

void tst_ConnectionProfile::rejectsInvalidProfiles()
{
    QFETCH(QString, name);
    QFETCH(QString, engine);
    QFETCH(QString, colour);
    QFETCH(QString, option);
    QFETCH(QString, message);

    ConnectionSettings settings;
    settings.engine = engine;
    settings.host = QStringLiteral("h");
    if (!option.isEmpty())
        settings.options.insert(option.section(QLatin1Char('='), 0, 0), option.section(QLatin1Char('='), 1));
    ConnectionProfile profile(name, settings);
    profile.setColour(colour);
    const Result<void> valid = profile.validate();
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().code(), Error::Code::InvalidArgument);
    QVERIFY2(valid.error().message().contains(message), qPrintable(valid.error().message()));
}

void tst_ConnectionProfile::comparesEveryField()
{
    const ConnectionProfile base(QStringLiteral("prod"), pgSettings());
    QCOMPARE(ConnectionProfile(QStringLiteral("prod"), pgSettings()), base);

    ConnectionProfile other = base;
    other.setName(QStringLiteral("staging"));
    QVERIFY(other != base);
    other = base;
    other.setSavePassword(true);
    QVERIFY(other != base);
    other = base;
    other.setColour(QStringLiteral("#112233"));
    QVERIFY(other != base);
    other = base;
    other.setReadOnly(true);
    QVERIFY(other != base);
    other = base;
    ConnectionSettings changed = pgSettings();
    changed.port = 5434;
    other.setSettings(changed);
    QVERIFY(other != base);
}

QTEST_GUILESS_MAIN(tst_ConnectionProfile)
#include "tst_connectionprofile.moc"
