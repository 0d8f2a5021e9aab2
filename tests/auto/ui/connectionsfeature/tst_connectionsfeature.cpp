// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectiondialog.h"
#include "connections/connectionmanager.h"
#include "connections/connectionsfeature.h"
#include "connection/connectionurl.h"
#include "connection/credentialstore.h"
#include "connection/enginesession.h"
#include "connection/profilestore.h"
#include "plugins/pluginmanager.h"
#include "shell/mainwindow.h"
#include "testservers.h"

#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Strata;
using State = ConnectionManager::State;

namespace {

// HOME and the XDG folders point here for the whole run: the profiles' QSettings file lands
// here, and "the password is in no file" is checkable.
QTemporaryDir *homeDir()
{
    static QTemporaryDir dir;
    return &dir;
}

const QString Service = QStringLiteral("Strata-tests");
const QString Secret = QStringLiteral("hunter2-never-on-disk");

QStringList filesContaining(const QString &path, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

// Polls for the active modal widget of type T (a blocking exec() is about to start) and hands
// it to `answer` once; the timer dies with the test function's scope.
template<typename T>
void answerModal(QObject *scope, std::function<void(T *)> answer)
{
    auto *timer = new QTimer(scope);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, scope, [timer, answer] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        }
    });
    timer->start();
}

// What a password prompt showed; empty label until one was answered.
struct Prompt
{
    QString label;
    bool echoHidden = false;
};

// Answers the next password prompt; an empty password cancels it.
void answerPasswordPrompt(QObject *scope, const QString &password, Prompt *prompt)
{
    answerModal<QInputDialog>(scope, [password, prompt](QInputDialog *dialog) {
        prompt->echoHidden = dialog->textEchoMode() == QLineEdit::Password;
        prompt->label = dialog->labelText();
        if (password.isEmpty()) {
            dialog->reject();
            return;
        }
        dialog->setTextValue(password);
        dialog->accept();
    });
}

} // namespace

class tst_ConnectionsFeature : public QObject
{
    Q_OBJECT

    // One window with the feature over stores of the test's own; the stores outlive the window.
    struct Harness
    {
        ProfileStore profiles;  // the application's QSettings, under the temporary XDG_CONFIG_HOME
        CredentialStore credentials{Service};
        ConnectionManager manager;
        MainWindow window{&manager};
        ConnectionsFeature *feature = nullptr;

        Harness()
        {
            manager.plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
            manager.plugins()->loadAll();
            auto owned = std::make_unique<ConnectionsFeature>(&profiles, &credentials);
            feature = owned.get();
            window.addFeature(std::move(owned));
            window.show();
        }
        ~Harness() { manager.closeAll(); }

        int keychainNotices() const
        {
            int count = 0;
            for (QMessageBox *box : window.findChildren<QMessageBox *>())
                count += box->windowTitle() == QLatin1String("No keychain") ? 1 : 0;
            return count;
        }
    };

    bool m_keychain = false;

    // Saves a profile the way a user does: New connection, fill in, tick the keychain box, Save.
    static void saveThroughDialog(Harness &h, const QString &name, const QString &url)
    {
        bool filled = false;
        answerModal<ConnectionDialog>(&h.window, [&filled, name, url](ConnectionDialog *dialog) {
            dialog->urlEdit()->clear();
            QTest::keyClicks(dialog->urlEdit(), url);
            dialog->nameEdit()->setText(name);
            QTest::keyClicks(dialog->passwordEdit(), Secret);
            dialog->savePasswordCheck()->setChecked(true);
            QPushButton *save = nullptr;
            for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
                if (button->text() == QLatin1String("&Save"))
                    save = button;
            }
            if (save)
                save->click();
            // Never leave a blocking exec() behind: a refused Save fails the test instead.
            filled = save && !dialog->isVisible();
            if (dialog->isVisible())
                dialog->reject();
        });
        h.feature->newConnection();
        QVERIFY2(filled, "the connection dialog did not accept Save");
    }

    static QString pgUrlOrExample()
    {
        return Test::hasPg() ? Test::pgUrl() : QStringLiteral("postgresql://strata@127.0.0.1:1/strata_test");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(homeDir()->isValid());
        const Result<void> probe = CredentialStore(Service).checkAvailabilityBlocking(20000);
        m_keychain = probe.ok();
        qInfo("keychain %s", m_keychain ? "available" : qPrintable(probe.error().message()));
        ConnectionManager manager;
        manager.plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        manager.plugins()->loadAll();
        if (!manager.plugins()->pluginObject(QStringLiteral("postgresql")))
            QSKIP("the postgresql plugin is not built");
    }

    void savingANewProfileKeepsThePasswordOutOfTheSettingsFile()
    {
        Harness h;
        QVERIFY(h.profiles.fileName().startsWith(homeDir()->path()));
        const QString name = QStringLiteral("Shop <b>db</b>");
        saveThroughDialog(h, name, pgUrlOrExample());
        if (QTest::currentTestFailed())
            return;

        QVERIFY(h.profiles.contains(name));
        const Result<ConnectionProfile> saved = h.profiles.profile(name);
        QVERIFY2(saved, qPrintable(saved.error().toString()));
        const ConnectionSettings expected = ConnectionUrl::parse(pgUrlOrExample()).value();
        QCOMPARE(saved->settings().engine, QStringLiteral("postgresql"));
        QCOMPARE(saved->settings().host, expected.host);
        QCOMPARE(saved->settings().port, expected.port);
        QCOMPARE(saved->settings().user, expected.user);
        QCOMPARE(saved->settings().database, expected.database);
        QVERIFY(saved->settings().password.isEmpty());
        QVERIFY(saved->savePassword());
        QVERIFY(h.manager.connectionIds().isEmpty()); // Save does not connect

        // The password went to the keychain, or nowhere: give the write its answer first.
        if (!m_keychain)
            QTRY_VERIFY(!h.credentials.available());
        else
            QVERIFY(h.credentials.removePasswordBlocking(name).ok());
        QFile file(h.profiles.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray ini = file.readAll();
        QVERIFY(ini.contains(expected.database.toUtf8()));
        QVERIFY(!ini.contains(Secret.toUtf8()));
        const QStringList leaks = filesContaining(homeDir()->path(), Secret.toUtf8());
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void connectingWithoutAKeychainAsksForThePassword()
    {
        STRATA_REQUIRE_PG();
        if (m_keychain)
            QSKIP("a keychain answers on this machine");
        Harness h;
        const QString name = QStringLiteral("pg <i>test</i>");
        ConnectionProfile profile(name, ConnectionUrl::parse(Test::pgUrl()).value());
        profile.setSavePassword(true); // the keychain is asked first, and does not answer
        const Result<void> saved = h.profiles.save(profile);
        QVERIFY2(saved, qPrintable(saved.error().toString()));

        // A wrong password is what the server sees: the typed text is used, nothing else.
        Prompt prompt;
        answerPasswordPrompt(&h.window, QStringLiteral("wrong-password"), &prompt);
        h.feature->connectProfile(name);
        QTRY_VERIFY_WITH_TIMEOUT(!h.manager.idForProfile(name).isEmpty(), 10000);
        const QString failedId = h.manager.idForProfile(name);
        QTRY_COMPARE_WITH_TIMEOUT(h.manager.state(failedId), State::Failed, 30000);
        QVERIFY(prompt.echoHidden);
        QVERIFY(prompt.label.contains(name.toHtmlEscaped())); // the name shown literally
        QVERIFY(!h.credentials.available());

        prompt = {};
        answerPasswordPrompt(&h.window, Test::password(), &prompt);
        h.feature->connectProfile(name);
        QTRY_VERIFY_WITH_TIMEOUT(!prompt.label.isEmpty(), 10000);
        QVERIFY(!h.manager.contains(failedId));
        const QString id = h.manager.idForProfile(name);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(h.manager.state(id) == State::Ready || h.manager.state(id) == State::Failed,
                                 30000);
        QVERIFY2(h.manager.state(id) == State::Ready, qPrintable(h.manager.errorText(id)));
        QVERIFY(h.manager.catalog(id));
        QCOMPARE(h.manager.session(id)->settings().password, Test::password());
    }

    void keychainNoticeIsShownAtMostOnce()
    {
        if (m_keychain)
            QSKIP("a keychain answers on this machine");
        Harness h;
        QCOMPARE(h.keychainNotices(), 0);
        const QString name = QStringLiteral("nowhere");
        saveThroughDialog(h, name, QStringLiteral("postgresql://strata@127.0.0.1:1/nowhere"));
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE(h.keychainNotices(), 1);

        // Every later keychain call fails too, silently: a second save, then two connects,
        // each of which asks for the password again (cancelled here, so nothing opens).
        saveThroughDialog(h, QStringLiteral("nowhere too"), QStringLiteral("postgresql://strata@127.0.0.1:1/nowhere"));
        QVERIFY(h.profiles.contains(QStringLiteral("nowhere too")));
        for (int attempt = 0; attempt < 2; ++attempt) {
            Prompt prompt;
            answerPasswordPrompt(&h.window, QString(), &prompt);
            h.feature->connectProfile(name);
            QTRY_VERIFY_WITH_TIMEOUT(!prompt.label.isEmpty(), 10000);
        }
        QTest::qWait(200); // late notices would arrive through the event loop
        QCOMPARE(h.keychainNotices(), 1);
        QVERIFY(h.manager.connectionIds().isEmpty());
    }
};

int main(int argc, char **argv)
{
    const QByteArray home = homeDir()->path().toLocal8Bit();
    qputenv("HOME", home);
    qputenv("XDG_CONFIG_HOME", home + "/config");
    qputenv("XDG_DATA_HOME", home + "/data");
    qputenv("XDG_CACHE_HOME", home + "/cache");
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("strata-tests"));
    app.setApplicationName(QStringLiteral("tst_connectionsfeature"));
    tst_ConnectionsFeature test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectionsfeature.moc"
