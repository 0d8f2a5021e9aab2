// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "connection/connectionprofile.h"
#include "connection/connectionsettings.h"
#include "sql/result.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace Strata {

class ConnectionManager;
class ConnectionOptionForm;
class PluginManager;

// Add or edit a connection: a URL field kept in sync with a form (engine, host, port,
// database or file, user, password, the engine's own options), Test, Save and Connect.
// It never stores anything itself; the caller reads action(), profile() and password().
class STRATA_UI_EXPORT ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Action { None, Save, Connect };

    explicit ConnectionDialog(PluginManager *plugins, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // Enables the Test button.
    void setTester(ConnectionManager *manager);
    // When false, the keychain checkbox is disabled and says why.
    void setKeychainAvailable(bool available, const QString &reason = {});

    void setSettings(const ConnectionSettings &settings);
    void setProfile(const ConnectionProfile &profile);
    ConnectionSettings settings() const;  // with the password typed, if any
    ConnectionProfile profile() const;    // no password
    QString password() const;
    Action action() const { return m_action; }

    // For tests and the screenshot tool.
    QLineEdit *urlEdit() const { return m_url; }
    QLabel *urlErrorLabel() const { return m_urlError; }
    QLabel *statusLabel() const { return m_status; }
    QComboBox *engineCombo() const { return m_engine; }
    QLineEdit *hostEdit() const { return m_host; }
    QLineEdit *portEdit() const { return m_port; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *savePasswordCheck() const { return m_savePassword; }
    QLineEdit *nameEdit() const { return m_name; }
    ConnectionOptionForm *optionForm() const { return m_options; }
    QPushButton *testButton() const { return m_test; }

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void onUrlEdited(const QString &text);
    void onFormChanged();
    void onEngineChanged();
    void fillForm(const ConnectionSettings &settings);
    void runTest();
    void finish(Action action);
    void showStatus(const QString &text, bool error);

    PluginManager *m_plugins;
    ConnectionManager *m_tester = nullptr;
    Action m_action = Action::None;
    bool m_syncing = false;
    ConnectionProfile m_original;
    QMap<QString, QString> m_extraOptions;  // URL options the form does not render

    QLineEdit *m_url;
    QLabel *m_urlError;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QComboBox *m_engine;
    QLineEdit *m_host;
    QLineEdit *m_port;
    QLineEdit *m_database;
    QToolButton *m_browse;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_savePassword;
    ConnectionOptionForm *m_options;
    QLabel *m_status;
    QPushButton *m_test;
    QPushButton *m_save;
    QPushButton *m_connect;
    QFutureWatcher<Result<QString>> m_testWatcher;
};

} // namespace Strata
