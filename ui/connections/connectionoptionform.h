// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "plugins/connectionoption.h"

#include <QMap>
#include <QWidget>

class QFormLayout;
class QToolButton;

namespace Strata {

// Renders an engine's ConnectionOptionList generically: String → line edit, Integer → spin
// box, Boolean → check box, Choice → combo box, File → line edit + browse button,
// Password → masked line edit. Advanced options sit in a collapsed section.
class STRATA_UI_EXPORT ConnectionOptionForm : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionOptionForm(QWidget *parent = nullptr);

    void setOptions(const ConnectionOptionList &options);
    ConnectionOptionList options() const { return m_options; }

    // Values by option name; options not in the map go back to their defaults.
    void setValues(const QMap<QString, QString> &values);
    // Only the options that differ from their defaults, booleans as "on"/"off".
    QMap<QString, QString> values() const;

    // The editor widget of an option (QLineEdit, QSpinBox, QCheckBox, QComboBox, or for File
    // the QLineEdit inside its row), or null.
    QWidget *editor(const QString &name) const;
    bool isAdvancedExpanded() const;
    void setAdvancedExpanded(bool expanded);

Q_SIGNALS:
    void valuesChanged();

private:
    QWidget *createEditor(const ConnectionOption &option, QWidget *parent);
    QString valueOf(const ConnectionOption &option) const;
    void setValueOf(const ConnectionOption &option, const QString &value);

    ConnectionOptionList m_options;
    QMap<QString, QWidget *> m_editors;
    QWidget *m_content = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
};

} // namespace Strata
