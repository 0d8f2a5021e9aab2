// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "edit/editstatement.h"

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace Strata {

// Shows exactly the statements a save will run, with their bound values, as plain text;
// Apply accepts. Open it with open() (tests accept() it directly).
class STRATA_UI_EXPORT SaveChangesDialog : public QDialog
{
    Q_OBJECT
public:
    SaveChangesDialog(const QString &tableName, const QList<EditStatement> &statements,
                      QWidget *parent = nullptr);
    ~SaveChangesDialog() override;

    const QList<EditStatement> &statements() const { return m_statements; }
    QPlainTextEdit *text() const { return m_text; }
    QPushButton *applyButton() const { return m_apply; }

    // The listing: each statement, then its bound values one per line.
    static QString describe(const QList<EditStatement> &statements);
    static QString describeValue(const QVariant &value);

private:
    QList<EditStatement> m_statements;
    QPlainTextEdit *m_text;
    QPushButton *m_apply;
};

} // namespace Strata
