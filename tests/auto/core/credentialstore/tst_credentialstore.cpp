// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/credentialstore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;

namespace {

// HOME and the XDG folders point here for the whole run, so "no file written" is checkable.
QTemporaryDir *homeDir()
{
    static QTemporaryDir dir;
    return &dir;
}

QStringList filesUnder(const QString &path)
{
    QStringList files;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

} // namespace

class tst_CredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usesTheStrataServiceByDefault();
    void refusesAnEmptyProfileName();
    void reportsUnavailableOnceAndFailsFast();
    void roundTripsAPasswordWhenAKeychainAnswers();
    void renameMovesThePassword();
    void callbackIsDroppedWhenItsContextIsGone();
    void neverWritesAFile();

private:
    QString uniqueKey(const QString &what) const
    {
        return QStringLiteral("tst_credentialstore-%1-%2").arg(what).arg(QCoreApplication::applicationPid());
    }
    bool m_available = false;
    QString m_service = QStringLiteral("Strata-tests");
};

void tst_CredentialStore::initTestCase()
{
    QVERIFY(homeDir()->isValid());
    QVERIFY(filesUnder(homeDir()->path()).isEmpty());
    CredentialStore store(m_service);
    const Result<void> probe = store.checkAvailabilityBlocking(20000);
    m_available = probe.ok();
    qInfo("keychain %s", m_available ? "available" : qPrintable(QStringLiteral("unavailable: ") + probe.error().message()));
}

void tst_CredentialStore::usesTheStrataServiceByDefault()
{
    CredentialStore store;
    QCOMPARE(store.service(), QStringLiteral("Strata"));
    QVERIFY(store.available()); // nothing asked yet
}

void tst_CredentialStore::refusesAnEmptyProfileName()
{
    CredentialStore store(m_service);
    const Result<void> written = store.writePasswordBlocking(QString(), QStringLiteral("x"));
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code(), Error::Code::InvalidArgument);
}

void tst_CredentialStore::reportsUnavailableOnceAndFailsFast()
{
    if (m_available)
        QSKIP("a keychain answers on this machine");
    CredentialStore store(m_service);
    QSignalSpy unavailable(&store, &CredentialStore::unavailable);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^No keychain is available")));
    const Result<void> written = store.writePasswordBlocking(uniqueKey(QStringLiteral("w")), QStringLiteral("hunter2"));
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code(), Error::Code::NotSupported);
    QVERIFY(!store.available());
    QVERIFY(store.unavailableReason().startsWith(QLatin1String("No keychain is available")));
    QVERIFY(store.unavailableReason().contains(QLatin1String("never stores them in files")));
    QVERIFY(!store.unavailableReason().contains(QLatin1String("hunter2")));
    QCOMPARE(unavailable.count(), 1);
    QCOMPARE(unavailable.at(0).at(0).toString(), store.unavailableReason());

    // Known unavailable: later calls answer at once, with the same message, and no new signal.
    QElapsedTimer timer;
    timer.start();
    const Result<QString> read = store.readPasswordBlocking(uniqueKey(QStringLiteral("w")));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().message(), store.unavailableReason());
    QVERIFY(!store.removePasswordBlocking(uniqueKey(QStringLiteral("w"))).ok());
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(unavailable.count(), 1);

    // Asynchronous calls answer asynchronously, through the event loop.
    bool answered = false;
    QObject context;
    store.readPassword(uniqueKey(QStringLiteral("w")), &context, [&answered](const Result<QString> &r) {
        answered = !r.ok();
    });
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
}

void tst_CredentialStore::roundTripsAPasswordWhenAKeychainAnswers()
{
    if (!m_available)
        QSKIP("no keychain answers on this machine");
    CredentialStore store(m_service);
    const QString key = uniqueKey(QStringLiteral("roundtrip"));
    const QString secret = QString::fromUtf8("p@ss:w/d %25 \xc3\xa9");
    QVERIFY(store.writePasswordBlocking(key, secret).ok());
    const Result<QString> read = store.readPasswordBlocking(key);
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    QCOMPARE(read.value(), secret);
    QVERIFY(store.removePasswordBlocking(key).ok());
    const Result<QString> gone = store.readPasswordBlocking(key);
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().code(), Error::Code::InvalidArgument);
    QVERIFY(gone.error().message().contains(key));
    // Removing what is not there is not an error.
    QVERIFY(store.removePasswordBlocking(key).ok());
    QVERIFY(store.available());
}

void tst_CredentialStore::renameMovesThePassword()
{
    if (!m_available)
        QSKIP("no keychain answers on this machine");
    CredentialStore store(m_service);
    const QString from = uniqueKey(QStringLiteral("from"));
    const QString to = uniqueKey(QStringLiteral("to"));
    QVERIFY(store.writePasswordBlocking(from, QStringLiteral("moved")).ok());
    std::optional<Result<void>> outcome;
    QObject context;
    store.renamePassword(from, to, &context, [&outcome](const Result<void> &r) { outcome = r; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
    QVERIFY(outcome->ok());
    QCOMPARE(store.readPasswordBlocking(to).value(), QStringLiteral("moved"));
    QVERIFY(!store.readPasswordBlocking(from).ok());
    QVERIFY(store.removePasswordBlocking(to).ok());
}

void tst_CredentialStore::callbackIsDroppedWhenItsContextIsGone()
{
    CredentialStore store(m_service);
    bool called = false;
    {
        QObject context;
        store.readPassword(uniqueKey(QStringLiteral("ctx")), &context, [&called](const Result<QString> &) {
            called = true;
        });
    }
    // Give the keychain (or the queued "unavailable" answer) time to answer.
    if (!m_available)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^No keychain is available")));
    QTest::qWait(500);
    QVERIFY(!called);
    const Result<void> probe = store.checkAvailabilityBlocking(20000);
    QCOMPARE(probe.ok(), m_available);
    QVERIFY(!called);
}

void tst_CredentialStore::neverWritesAFile()
{
    // Everything above ran with HOME and XDG_* here: no plaintext fallback file appeared.
    const QStringList files = filesUnder(homeDir()->path());
    QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char('\n'))));
}

int main(int argc, char **argv)
{
    const QByteArray home = homeDir()->path().toLocal8Bit();
    qputenv("HOME", home);
    qputenv("XDG_CONFIG_HOME", home + "/config");
    qputenv("XDG_DATA_HOME", home + "/data");
    qputenv("XDG_CACHE_HOME", home + "/cache");
    QCoreApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("strata-tests"));
    app.setApplicationName(QStringLiteral("tst_credentialstore"));
    tst_CredentialStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"
