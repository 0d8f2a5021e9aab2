// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"
#include "shell/ifeature.h"
#include "sql/result.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QMenu;

namespace Strata {

class PlanCompareView;
class PlanView;
class QueryTab;

// Plans in the workbench: a Query menu with Explain (F7) and Explain Analyze (Shift+F7) for
// the current query tab and Paste Plan (Ctrl+Shift+V), and File → Open Plan… (Ctrl+Shift+O).
// An opened or pasted plan is read by every loaded engine's IExplain (the engine is detected)
// off the GUI thread and opens in its own workspace tab; what is not a plan gets one message
// box and changes nothing.
class STRATA_UI_EXPORT PlanFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    // Seams for tests: the file dialog (empty when cancelled), the clipboard's text, and the
    // error box.
    using FileChooser = std::function<QString()>;
    using ClipboardReader = std::function<QString()>;
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    PlanFeature();
    ~PlanFeature() override;

    void install(MainWindow &window) override;

    QMenu *queryMenu() const { return m_queryMenu; }
    QAction *explainAction() const { return m_explain; }
    QAction *explainAnalyzeAction() const { return m_explainAnalyze; }
    QAction *openPlanAction() const { return m_openPlan; }
    QAction *pastePlanAction() const { return m_pastePlan; }

    // Reads the file (or text) in the background; planOpened or openFailed follows.
    void openPlanFile(const QString &path);
    void openPlanText(const QString &text, const QString &title);
    // Every plan on screen: workspace plan tabs and the plan pages of query tabs.
    QList<PlanView *> planViews() const;
    // Opens the comparison of two plans in a new workspace tab.
    PlanCompareView *compare(std::shared_ptr<const PlanDocument> before, const QString &beforeTitle,
                             std::shared_ptr<const PlanDocument> after, const QString &afterTitle);
    // "Compare with…" of view: the other open plans, then "A plan from a file…".
    void fillCompareMenu(PlanView *view, QMenu *menu);
    // The plan explained before view in the same query tab, or null.
    PlanView *previousPlan(PlanView *view) const;

    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    void setClipboardReader(ClipboardReader reader) { m_clipboard = std::move(reader); }
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }

Q_SIGNALS:
    void planOpened(Strata::PlanView *view);
    void compareOpened(Strata::PlanCompareView *view);
    void openFailed(const QString &message);

private:
    QueryTab *currentQueryTab() const;
    void updateActions();
    void watchTab(QueryTab *tab);
    using DocumentCallback =
        std::function<void(const Result<std::shared_ptr<const PlanDocument>> &document)>;
    // Reads plan text off the GUI thread; done runs on the GUI thread.
    void readDocument(const QString &text, DocumentCallback done);
    // The file's text, or an empty string after reporting why it cannot be read.
    QString loadFile(const QString &path);
    void showOpened(const Result<std::shared_ptr<const PlanDocument>> &document,
                    const QString &title, const QString &source);
    void setUpCompare(PlanView *view);
    QString planLabel(PlanView *view) const;

    MainWindow *m_window = nullptr;
    QMenu *m_queryMenu = nullptr;
    QAction *m_explain = nullptr;
    QAction *m_explainAnalyze = nullptr;
    QAction *m_openPlan = nullptr;
    QAction *m_pastePlan = nullptr;
    QList<QPointer<PlanView>> m_opened;
    int m_pasted = 0;
    FileChooser m_chooser;
    ClipboardReader m_clipboard;
    ErrorReporter m_reportError;
};

} // namespace Strata
