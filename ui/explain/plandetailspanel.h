// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"

#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Strata {

class PlanNodeSelection;

// Every property of the selected node, grouped (node, rows, time and cost, buffers, workers,
// sort and hash, every other property the engine gave, findings), as plain text that can be
// selected and copied (Ctrl+C: the selected lines; "Copy all").
class STRATA_UI_EXPORT PlanDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    PlanDetailsPanel(PlanNodeSelection *selection, QWidget *parent = nullptr);

    void setDocument(std::shared_ptr<const PlanDocument> document);
    QTreeWidget *tree() const { return m_tree; }
    // "key\tvalue" lines of the selected rows, or of all rows; section headers on their own.
    QString copyText(bool all) const;
    // A JSON value of a kept property as a person reads it: strings bare, lists joined by
    // ", ", objects as compact JSON.
    static QString readableJson(const QJsonValue &value);

private:
    void showNode(int nodeId);

    PlanNodeSelection *m_selection;
    std::shared_ptr<const PlanDocument> m_document;
    QLabel *m_title;
    QTreeWidget *m_tree;
    QAction *m_copy;
    QAction *m_copyAll;
};

} // namespace Strata
