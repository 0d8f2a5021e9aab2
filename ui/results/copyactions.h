// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;

namespace Strata {

class ResultView;

// The copy actions of one result grid: Copy (TSV, Ctrl+C), Copy with header, and a "Copy as"
// menu with CSV, JSON and INSERT statements. Works on the bounding rows x selected columns,
// with whole values.
class STRATA_UI_EXPORT CopyActions : public QObject
{
    Q_OBJECT
public:
    enum class Format { Tsv, TsvWithHeader, Csv, Json, Insert };

    explicit CopyActions(ResultView *view);
    ~CopyActions() override;

    // Copy (Ctrl+C) and Copy with header (Ctrl+Shift+C) on the grid.
    QAction *copyAction() const { return m_copy; }
    QAction *copyWithHeaderAction() const { return m_copyWithHeader; }
    // The entries of the "Copy as" menu.
    QAction *action(Format format) const;
    // "Copy as" with every format, for the toolbar and the grid's context menu.
    QMenu *menu() const { return m_menu; }

    // The selection in a format; empty when nothing is selected.
    QString text(Format format) const;
    // Puts text(format) on the clipboard.
    void copy(Format format);

private:
    void updateEnabled();

    ResultView *m_view;
    QMenu *m_menu;
    QList<QAction *> m_actions;  // by Format
    QAction *m_copy = nullptr;
    QAction *m_copyWithHeader = nullptr;
};

} // namespace Strata
