// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionoptionform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

namespace Strata {

using Type = ConnectionOption::Type;

namespace {

bool isOn(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("1")
           || v == QLatin1String("yes");
}

QString defaultText(const ConnectionOption &option)
{
    if (option.type == Type::Boolean)
        return option.defaultValue.toBool() ? QStringLiteral("on") : QStringLiteral("off");
    return option.defaultValue.toString();
}

} // namespace

ConnectionOptionForm::ConnectionOptionForm(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

QWidget *ConnectionOptionForm::createEditor(const ConnectionOption &option, QWidget *parent)
{
    QWidget *editor = nullptr;
    QWidget *row = nullptr;
    switch (option.type) {
    case Type::String:
    case Type::Password: {
        auto *edit = new QLineEdit(parent);
        if (option.type == Type::Password || option.secret)
            edit->setEchoMode(QLineEdit::Password);
        else
            edit->setPlaceholderText(option.defaultValue.toString());
        connect(edit, &QLineEdit::textChanged, this, &ConnectionOptionForm::valuesChanged);
        editor = edit;
        break;
    }
    case Type::Integer: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(0, INT_MAX);
        spin->setValue(option.defaultValue.toInt());
        connect(spin, &QSpinBox::valueChanged, this, &ConnectionOptionForm::valuesChanged);
        editor = spin;
        break;
    }
    case Type::Boolean: {
        auto *check = new QCheckBox(parent);
        check->setChecked(option.defaultValue.toBool());
        connect(check, &QCheckBox::toggled, this, &ConnectionOptionForm::valuesChanged);
        editor = check;
        break;
    }
    case Type::Choice: {
        auto *combo = new QComboBox(parent);
        combo->addItems(option.choices);
        combo->setCurrentText(option.defaultValue.toString());
        connect(combo, &QComboBox::currentTextChanged, this, &ConnectionOptionForm::valuesChanged);
        editor = combo;
        break;
    }
    case Type::File: {
        row = new QWidget(parent);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit(row);
        edit->setPlaceholderText(option.defaultValue.toString());
        auto *browse = new QToolButton(row);
        browse->setText(tr("…"));
        browse->setToolTip(tr("Choose a file"));
        layout->addWidget(edit, 1);
        layout->addWidget(browse);
        connect(edit, &QLineEdit::textChanged, this, &ConnectionOptionForm::valuesChanged);
        connect(browse, &QToolButton::clicked, this, [this, edit, label = option.label] {
            const QString file = QFileDialog::getOpenFileName(this, label, edit->text());
            if (!file.isEmpty())
                edit->setText(file);
        });
        editor = edit;
        break;
    }
    }
    editor->setObjectName(option.name);
    if (!option.description.isEmpty()) {
        const QString tip = QStringLiteral("<p>%1</p>").arg(option.description.toHtmlEscaped());
        (row ? row : editor)->setToolTip(tip);
    }
    m_editors.insert(option.name, editor);
    return row ? row : editor;
}

void ConnectionOptionForm::setOptions(const ConnectionOptionList &options)
{
    const bool expanded = isAdvancedExpanded();
    delete m_content;
    m_editors.clear();
    m_options = options;
    m_content = new QWidget(this);
    m_advancedToggle = nullptr;
    m_advanced = nullptr;
    auto *outer = new QVBoxLayout(m_content);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *basic = new QFormLayout;
    basic->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(basic);
    QFormLayout *advanced = nullptr;
    for (const ConnectionOption &option : options) {
        const QString label = option.label.isEmpty() ? option.name : option.label;
        if (!option.advanced) {
            basic->addRow(label + QLatin1Char(':'), createEditor(option, m_content));
            continue;
        }
        if (!advanced) {
            m_advancedToggle = new QToolButton(m_content);
            m_advancedToggle->setText(tr("Advanced options"));
            m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            m_advancedToggle->setAutoRaise(true);
            m_advancedToggle->setCheckable(true);
            m_advancedToggle->setArrowType(Qt::RightArrow);
            m_advanced = new QWidget(m_content);
            advanced = new QFormLayout(m_advanced);
            advanced->setContentsMargins(16, 0, 0, 0);
            outer->addWidget(m_advancedToggle);
            outer->addWidget(m_advanced);
            connect(m_advancedToggle, &QToolButton::toggled, this,
                    &ConnectionOptionForm::setAdvancedExpanded);
        }
        advanced->addRow(label + QLatin1Char(':'), createEditor(option, m_advanced));
    }
    // Labels are ours (plugin metadata), but keep them plain all the same.
    for (QLabel *label : m_content->findChildren<QLabel *>())
        label->setTextFormat(Qt::PlainText);
    layout()->addWidget(m_content);
    setAdvancedExpanded(expanded);
    Q_EMIT valuesChanged();
}

bool ConnectionOptionForm::isAdvancedExpanded() const
{
    return m_advancedToggle && m_advancedToggle->isChecked();
}

void ConnectionOptionForm::setAdvancedExpanded(bool expanded)
{
    if (!m_advancedToggle)
        return;
    m_advancedToggle->setChecked(expanded);
    m_advancedToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(expanded);
}

QWidget *ConnectionOptionForm::editor(const QString &name) const
{
    return m_editors.value(name);
}

QString ConnectionOptionForm::valueOf(const ConnectionOption &option) const
{
    QWidget *editor = m_editors.value(option.name);
    if (auto *edit = qobject_cast<QLineEdit *>(editor))
        return edit->text();
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        return QString::number(spin->value());
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked() ? QStringLiteral("on") : QStringLiteral("off");
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentText();
    return {};
}

void ConnectionOptionForm::setValueOf(const ConnectionOption &option, const QString &value)
{
    QWidget *editor = m_editors.value(option.name);
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        // Text editors show the default as placeholder, so "default" is empty.
        edit->setText(value == defaultText(option) && option.type != Type::Password ? QString()
                                                                                     : value);
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        bool ok = false;
        const int number = value.toInt(&ok);
        spin->setValue(ok ? number : option.defaultValue.toInt());
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        check->setChecked(isOn(value));
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int index = combo->findText(value);
        combo->setCurrentIndex(index >= 0 ? index : combo->findText(defaultText(option)));
    }
}

void ConnectionOptionForm::setValues(const QMap<QString, QString> &values)
{
    const QSignalBlocker blocker(this);
    for (const ConnectionOption &option : std::as_const(m_options))
        setValueOf(option, values.value(option.name, defaultText(option)));
}

QMap<QString, QString> ConnectionOptionForm::values() const
{
    QMap<QString, QString> result;
    for (const ConnectionOption &option : m_options) {
        const QString value = valueOf(option);
        if (value.isEmpty() || value == defaultText(option))
            continue;
        result.insert(option.name, value);
    }
    return result;
}

} // namespace Strata
