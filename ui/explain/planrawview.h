// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"

#include <QPlainTextEdit>
#include <QPointer>

class QSyntaxHighlighter;

namespace Strata {

// The plan as text, read-only and plain: the text it was read from (JSON keys, strings and
// numbers highlighted), or, for a plan explained here, an indented tree with its figures.
class STRATA_UI_EXPORT PlanRawView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PlanRawView(QWidget *parent = nullptr);

    // source empty: the tree of document.
    void setPlan(const PlanDocument &document, const QString &source);
    // An indented tree of the nodes with their figures, like EXPLAIN's text format.
    static QString treeText(const PlanDocument &document);

private:
    QPointer<QSyntaxHighlighter> m_highlighter;
};

} // namespace Strata
