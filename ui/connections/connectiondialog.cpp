// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectiondialog.h"

#include "connectionmanager.h"
#include "connectionoptionform.h"

#include "connection/connectionurl.h"
#include "plugins/iengineplugin.h"
#include "plugins/pluginmanager.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Strata {

namespace {
const auto SqliteId = QLatin1String("sqlite");

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ConnectionDialog::ConnectionDialog(PluginManager *plugins, QWidget *parent)
    : QDialog(parent)
    , m_plugins(plugins)
    , m_url(new QLineEdit(this))
    , m_urlError(plainLabel(this))
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_engine(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_browse(new QToolButton(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_savePassword(new QCheckBox(tr("Save password in the keychain"), this))
    , m_options(new ConnectionOptionForm(this))
    , m_status(plainLabel(this))
{
    setWindowTitle(tr("Connection"));
    m_url->setPlaceholderText(tr("postgresql://user@host:5432/database"));
    m_url->setClearButtonEnabled(true);
    QPalette errorPalette = m_urlError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x30, 0x30));
    m_urlError->setPalette(errorPalette);
    m_urlError->hide();

    m_name->setPlaceholderText(tr("Name shown in the connection list"));
    for (const QString &id : m_plugins->engineIds()) {
        IEnginePlugin *engine = m_plugins->engine(id);
        m_engine->addItem(engine ? engine->displayName() : id, id);
    }
    m_port->setValidator(new QIntValidator(1, 65535, m_port));
    m_port->setMaximumWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 16);
    m_password->setEchoMode(QLineEdit::Password);
    m_browse->setText(tr("…"));
    m_browse->setToolTip(tr("Choose a database file"));

    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), this));
    hostRow->addWidget(m_port);
    auto *databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(m_browse);

    m_form->addRow(tr("Name:"), m_name);
    m_form->addRow(tr("Engine:"), m_engine);
    m_form->addRow(tr("Host:"), hostRow);
    m_form->addRow(tr("Database:"), databaseRow);
    m_form->addRow(tr("User:"), m_user);
    m_form->addRow(tr("Password:"), m_password);
    m_form->addRow(QString(), m_savePassword);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    // Test on the left, away from the buttons that close the dialog.
    m_test = new QPushButton(tr("&Test"), this);
    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("&Save"), QDialogButtonBox::ActionRole);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_test);
    buttonRow->addWidget(buttons, 1);
    m_connect->setDefault(true);
    m_test->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    auto *urlRow = new QFormLayout;
    urlRow->addRow(tr("URL:"), m_url);
    layout->addLayout(urlRow);
    layout->addWidget(m_urlError);
    layout->addWidget(line);
    layout->addLayout(m_form);
    layout->addWidget(m_options);
    layout->addStretch(1);
    layout->addWidget(m_status);
    layout->addLayout(buttonRow);
    m_status->hide();
    setMinimumWidth(560);

    connect(m_url, &QLineEdit::textEdited, this, &ConnectionDialog::onUrlEdited);
    connect(m_engine, &QComboBox::currentIndexChanged, this, &ConnectionDialog::onEngineChanged);
    for (QLineEdit *edit : {m_host, m_port, m_database, m_user})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::onFormChanged);
    connect(m_options, &ConnectionOptionForm::valuesChanged, this, &ConnectionDialog::onFormChanged);
    connect(m_browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("SQLite database"), m_database->text(),
            tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_database->setText(file);
    });
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::runTest);
    connect(m_save, &QPushButton::clicked, this, [this] { finish(Action::Save); });
    connect(m_connect, &QPushButton::clicked, this, [this] { finish(Action::Connect); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_testWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<QString> result = m_testWatcher.result();
        m_test->setEnabled(true);
        if (result)
            showStatus(tr("Connected: %1").arg(result.value()), false);
        else
            showStatus(result.error().toString(), true);
        Q_EMIT testFinished(result.ok());
    });

    onEngineChanged();
    resize(600, sizeHint().height());
}

ConnectionDialog::~ConnectionDialog()
{
    // The manager keeps the test session alive; only stop listening.
    m_testWatcher.disconnect(this);
}

void ConnectionDialog::setTester(ConnectionManager *manager)
{
    m_tester = manager;
    m_test->setEnabled(manager != nullptr);
}

void ConnectionDialog::setKeychainAvailable(bool available, const QString &reason)
{
    m_savePassword->setEnabled(available);
    if (!available) {
        m_savePassword->setChecked(false);
        m_savePassword->setText(tr("Save password in the keychain (no keychain available)"));
        m_savePassword->setToolTip(QStringLiteral("<p>%1</p>").arg(reason.toHtmlEscaped()));
    }
}

void ConnectionDialog::showStatus(const QString &text, bool error)
{
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     error ? QColor(0xc0, 0x30, 0x30) : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void ConnectionDialog::onEngineChanged()
{
    const QString id = m_engine->currentData().toString();
    const bool sqlite = id == SqliteId;
    IEnginePlugin *engine = m_plugins->engine(id);
    m_port->setPlaceholderText(engine && engine->defaultPort() > 0
                                   ? QString::number(engine->defaultPort())
                                   : QString());
    m_host->setPlaceholderText(tr("localhost"));
    // Rows: name, engine, host, database, user, password, keychain.
    for (int row : {2, 4, 5, 6})
        m_form->setRowVisible(row, !sqlite);
    m_browse->setVisible(sqlite);
    if (QLayoutItem *item = m_form->itemAt(3, QFormLayout::LabelRole)) {
        if (auto *label = qobject_cast<QLabel *>(item->widget()))
            label->setText(sqlite ? tr("File:") : tr("Database:"));
    }
    m_database->setPlaceholderText(sqlite ? tr("/path/to/database.db") : tr("database name"));
    {
        const QSignalBlocker blocker(m_options);
        m_options->setOptions(engine ? engine->connectionOptions() : ConnectionOptionList());
    }
    if (!m_syncing)
        onFormChanged();
    adjustSize();
}

void ConnectionDialog::fillForm(const ConnectionSettings &settings)
{
    m_syncing = true;
    const int engineIndex = m_engine->findData(settings.engine);
    if (engineIndex >= 0 && engineIndex != m_engine->currentIndex())
        m_engine->setCurrentIndex(engineIndex);
    m_host->setText(settings.host);
    m_port->setText(settings.port > 0 ? QString::number(settings.port) : QString());
    m_database->setText(settings.database);
    m_user->setText(settings.user);
    if (!settings.password.isEmpty())
        m_password->setText(settings.password);
    m_options->setValues(settings.options);
    m_extraOptions.clear();
    for (auto it = settings.options.cbegin(); it != settings.options.cend(); ++it) {
        if (!m_options->editor(it.key()))
            m_extraOptions.insert(it.key(), it.value());
    }
    m_syncing = false;
}

void ConnectionDialog::onUrlEdited(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        m_urlError->hide();
        return;
    }
    const Result<ConnectionSettings> parsed = ConnectionUrl::parse(text.trimmed());
    if (!parsed) {
        m_urlError->setText(parsed.error().toString());
        m_urlError->show();
        return;
    }
    m_urlError->hide();
    fillForm(parsed.value());
}

ConnectionSettings ConnectionDialog::settings() const
{
    ConnectionSettings s;
    s.engine = m_engine->currentData().toString();
    s.database = m_database->text().trimmed();
    if (s.engine != SqliteId) {
        s.host = m_host->text().trimmed();
        s.port = m_port->text().toInt();
        s.user = m_user->text().trimmed();
        s.password = m_password->text();
    }
    s.options = m_extraOptions;
    const QMap<QString, QString> values = m_options->values();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        s.options.insert(it.key(), it.value());
    return s;
}

QString ConnectionDialog::password() const
{
    return settings().password;
}

void ConnectionDialog::onFormChanged()
{
    if (m_syncing)
        return;
    ConnectionSettings s = settings();
    s.password.clear();
    // Secret options never appear in the URL text.
    for (const ConnectionOption &option : m_options->options()) {
        if (option.secret || option.type == ConnectionOption::Type::Password)
            s.options.remove(option.name);
    }
    m_url->setText(ConnectionUrl::toString(s));
    m_urlError->hide();
}

void ConnectionDialog::setSettings(const ConnectionSettings &settings)
{
    fillForm(settings);
    onFormChanged();
}

void ConnectionDialog::setProfile(const ConnectionProfile &profile)
{
    m_original = profile;
    m_name->setText(profile.name());
    if (m_savePassword->isEnabled())
        m_savePassword->setChecked(profile.savePassword());
    setSettings(profile.settings());
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile profile = m_original;
    profile.setName(m_name->text().trimmed());
    profile.setSettings(settings());
    profile.setSavePassword(m_savePassword->isEnabled() && m_savePassword->isChecked());
    return profile;
}

void ConnectionDialog::runTest()
{
    if (!m_tester)
        return;
    m_test->setEnabled(false);
    showStatus(tr("Connecting…"), false);
    m_testWatcher.setFuture(m_tester->test(settings()));
}

void ConnectionDialog::finish(Action action)
{
    if (!m_urlError->isHidden())
        return;
    if (action == Action::Save) {
        const Result<void> valid = profile().validate();
        if (!valid) {
            showStatus(valid.error().toString(), true);
            m_name->setFocus();
            return;
        }
    }
    if (settings().engine.isEmpty()) {
        showStatus(tr("No engine plugin is loaded."), true);
        return;
    }
    m_action = action;
    accept();
}

} // namespace Strata
