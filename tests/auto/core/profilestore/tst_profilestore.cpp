// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/profilestore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;

class tst_ProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void savesAndReadsBackProfiles_data();
    void savesAndReadsBackProfiles();
    void neverWritesThePassword();
    void listsNamesSortedCaseInsensitively();
    void saveReplacesTheProfileOfTheSameName();
    void removeDeletesOnlyThatProfile();
    void removeOfMissingProfileFails();
    void renameMovesTheProfile();
    void renameRefusesExistingOrMissingNames();
    void refusesInvalidProfiles();
    void persistsAcrossInstances();
    void defaultStoreUsesTheApplicationSettings();

private:
    ConnectionProfile sample(const QString &name) const;
    QString iniFile() const { return m_dir->filePath(QStringLiteral("strata.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ProfileStore::initTestCase()
{
    // The default store must not touch the user's real settings.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("strata-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_profilestore"));
}

void tst_ProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

ConnectionProfile tst_ProfileStore::sample(const QString &name) const
{
    ConnectionSettings settings;
    settings.engine = QStringLiteral("postgresql");
    settings.host = QStringLiteral("::1");
    settings.port = 5433;
    settings.database = QStringLiteral("my shop");
    settings.user = QStringLiteral("user@corp");
    settings.password = QStringLiteral("hunter2-secret");
    settings.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    settings.options.insert(QStringLiteral("sslrootcert"), QStringLiteral("/etc/ssl/ca.pem"));
    settings.options.insert(QStringLiteral("application_name"), QStringLiteral("a=b&c/d"));
    ConnectionProfile profile(name, settings);
    profile.setColour(QStringLiteral("#cc0000"));
    profile.setReadOnly(true);
    profile.setSavePassword(true);
    return profile;
}

void tst_ProfileStore::savesAndReadsBackProfiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << "prod";
    QTest::newRow("slash") << "eu/west/primary";
    QTest::newRow("backslash") << "a\\b";
    QTest::newRow("percent and equals") << "100% = done";
    QTest::newRow("brackets and hash") << "[db] #1; ok";
    QTest::newRow("unicode") << QString::fromUtf8("\xe7\x94\x9f\xe4\xba\xa7 \xf0\x9f\x90\x98");
}

void tst_ProfileStore::savesAndReadsBackProfiles()
{
    QFETCH(QString, name);
    ProfileStore store(iniFile());
    QSignalSpy changed(&store, &ProfileStore::profilesChanged);
    const ConnectionProfile profile = sample(name);
    const Result<void> saved = store.save(profile);
    QVERIFY2(saved.ok(), qPrintable(saved.error().toString()));
    QCOMPARE(changed.count(), 1);

    QCOMPARE(store.names(), QStringList{name});
    QVERIFY(store.contains(name));
    const Result<ConnectionProfile> read = store.profile(name);
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    QCOMPARE(read.value(), profile);
    QCOMPARE(read->settings().options.size(), 3);
    QCOMPARE(store.profiles().size(), 1);
}

void tst_ProfileStore::neverWritesThePassword()
{
    {
        ProfileStore store(iniFile());
        ConnectionProfile profile = sample(QStringLiteral("prod"));
        QVERIFY(store.save(profile).ok());
        QVERIFY(store.rename(QStringLiteral("prod"), QStringLiteral("production")).ok());
    }
    QFile file(iniFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("connections"));
    QVERIFY(contents.contains("verify-full"));
    QVERIFY2(!contents.contains("hunter2"), contents.constData());
    // savePassword=true is the only key that mentions a password.
    const QList<QByteArray> lines = contents.split('\n');
    for (const QByteArray &line : lines) {
        if (line.toLower().contains("password"))
            QVERIFY2(line.endsWith("\\savePassword=true"), line.constData());
    }
}

void tst_ProfileStore::listsNamesSortedCaseInsensitively()
{
    ProfileStore store(iniFile());
    for (const char *name : {"beta", "Alpha", "alpha", "Gamma", "delta"})
        QVERIFY(store.save(sample(QString::fromLatin1(name))).ok());
    QCOMPARE(store.names(), QStringList({"Alpha", "alpha", "beta", "delta", "Gamma"}));
    QCOMPARE(store.profiles().size(), 5);
    QCOMPARE(store.profiles().at(2).name(), QStringLiteral("beta"));
}

void tst_ProfileStore::saveReplacesTheProfileOfTheSameName()
{
    ProfileStore store(iniFile());
    QVERIFY(store.save(sample(QStringLiteral("prod"))).ok());
    ConnectionProfile changed = sample(QStringLiteral("prod"));
    ConnectionSettings settings = changed.settings();
    settings.options.remove(QStringLiteral("application_name"));
    settings.port = 0;
    changed.setSettings(settings);
    changed.setColour({});
    QVERIFY(store.save(changed).ok());
    QCOMPARE(store.names(), QStringList{QStringLiteral("prod")});
    QCOMPARE(store.profile(QStringLiteral("prod")).value(), changed);
}

void tst_ProfileStore::removeDeletesOnlyThatProfile()
{
    ProfileStore store(iniFile());
    QVERIFY(store.save(sample(QStringLiteral("a/b"))).ok());
    QVERIFY(store.save(sample(QStringLiteral("a"))).ok());
    QSignalSpy changed(&store, &ProfileStore::profilesChanged);
    QVERIFY(store.remove(QStringLiteral("a")).ok());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.names(), QStringList{QStringLiteral("a/b")});
    QVERIFY(!store.profile(QStringLiteral("a")).ok());
}

void tst_ProfileStore::removeOfMissingProfileFails()
{
    ProfileStore store(iniFile());
    const Result<void> removed = store.remove(QStringLiteral("ghost"));
    QVERIFY(!removed.ok());
    QVERIFY(removed.error().message().contains(QLatin1String("'ghost'")));
}

void tst_ProfileStore::renameMovesTheProfile()
{
    ProfileStore store(iniFile());
    QVERIFY(store.save(sample(QStringLiteral("old"))).ok());
    const Result<void> renamed = store.rename(QStringLiteral("old"), QStringLiteral("new/name"));
    QVERIFY2(renamed.ok(), qPrintable(renamed.error().toString()));
    QCOMPARE(store.names(), QStringList{QStringLiteral("new/name")});
    ConnectionProfile expected = sample(QStringLiteral("new/name"));
    QCOMPARE(store.profile(QStringLiteral("new/name")).value(), expected);
    QVERIFY(store.rename(QStringLiteral("new/name"), QStringLiteral("new/name")).ok());
}

void tst_ProfileStore::renameRefusesExistingOrMissingNames()
{
    ProfileStore store(iniFile());
    QVERIFY(store.save(sample(QStringLiteral("a"))).ok());
    QVERIFY(store.save(sample(QStringLiteral("b"))).ok());
    const Result<void> clash = store.rename(QStringLiteral("a"), QStringLiteral("b"));
    QVERIFY(!clash.ok());
    QVERIFY(clash.error().message().contains(QLatin1String("'b' exists already")));
    QVERIFY(!store.rename(QStringLiteral("ghost"), QStringLiteral("c")).ok());
    QVERIFY(!store.rename(QStringLiteral("a"), QStringLiteral(" padded")).ok());
    QCOMPARE(store.names(), QStringList({"a", "b"}));
}

void tst_ProfileStore::refusesInvalidProfiles()
{
    ProfileStore store(iniFile());
    ConnectionSettings settings;
    settings.engine = QStringLiteral("mysql");
    settings.host = QStringLiteral("h");
    settings.options.insert(QStringLiteral("sslmode"), QStringLiteral("maybe"));
    const Result<void> saved = store.save(ConnectionProfile(QStringLiteral("bad"), settings));
    QVERIFY(!saved.ok());
    QVERIFY(saved.error().message().contains(QLatin1String("sslmode 'maybe'")));
    QVERIFY(!store.save(ConnectionProfile(QString(), settings)).ok());
    QVERIFY(store.names().isEmpty());
}

void tst_ProfileStore::persistsAcrossInstances()
{
    {
        ProfileStore store(iniFile());
        QVERIFY(store.save(sample(QStringLiteral("kept"))).ok());
    }
    ProfileStore again(iniFile());
    QCOMPARE(again.names(), QStringList{QStringLiteral("kept")});
    QCOMPARE(again.profile(QStringLiteral("kept")).value(), sample(QStringLiteral("kept")));
}

void tst_ProfileStore::defaultStoreUsesTheApplicationSettings()
{
    ProfileStore store;
    QVERIFY2(store.fileName().contains(QLatin1String("strata-tests")), qPrintable(store.fileName()));
    QVERIFY(store.save(sample(QStringLiteral("default"))).ok());
    QVERIFY(store.contains(QStringLiteral("default")));
    QVERIFY(store.remove(QStringLiteral("default")).ok());
    QFile file(store.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("hunter2"));
    file.close();
    QVERIFY(QFile::remove(store.fileName()));
}

QTEST_GUILESS_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
