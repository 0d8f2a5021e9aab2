// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfeature.h"

#include "plancompareview.h"
#include "planview.h"
#include "querytabexplain.h"

#include "connections/connectionmanager.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "shell/mainwindow.h"
#include "shell/messages.h"

#include "explain/planreader.h"
#include "plugins/iexplain.h"
#include "plugins/pluginmanager.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

namespace {
// Plan files beyond this are refused rather than read into memory.
constexpr qint64 MaxPlanFileBytes = 256LL * 1024 * 1024;
} // namespace

PlanFeature::PlanFeature() = default;
PlanFeature::~PlanFeature() = default;

void PlanFeature::install(MainWindow &window)
{
    m_window = &window;
    m_queryMenu = new QMenu(tr("&Query"), &window);
    window.menuBar()->insertMenu(window.menu(MainWindow::Menu::View)->menuAction(), m_queryMenu);

    m_explain = new QAction(tr("&Explain"), this);
    m_explain->setShortcut(QKeySequence(Qt::Key_F7));
    m_explainAnalyze = new QAction(tr("Explain &Analyze"), this);
    m_explainAnalyze->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_pastePlan = new QAction(tr("&Paste Plan"), this);
    m_pastePlan->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_pastePlan->setToolTip(tr("Open the EXPLAIN plan on the clipboard (PostgreSQL JSON or "
                               "text, MySQL/MariaDB, SQLite) in a new tab (Ctrl+Shift+V)"));
    m_openPlan = new QAction(tr("Open &Plan…"), this);
    m_openPlan->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openPlan->setToolTip(tr("Open an EXPLAIN plan saved in a file in a new tab "
                              "(Ctrl+Shift+O)"));
    for (QAction *action : {m_explain, m_explainAnalyze, m_pastePlan, m_openPlan})
        window.addAction(action); // the keys work wherever the focus is
    connect(m_explain, &QAction::triggered, this, [this] {
        if (QueryTab *tab = currentQueryTab())
            tab->explainer()->explain(false);
    });
    connect(m_explainAnalyze, &QAction::triggered, this, [this] {
        if (QueryTab *tab = currentQueryTab())
            tab->explainer()->explain(true);
    });
    connect(m_pastePlan, &QAction::triggered, this, [this] {
        ++m_pasted;
        openPlanText(m_clipboard(), m_pasted == 1 ? tr("Pasted plan")
                                                  : tr("Pasted plan %1").arg(m_pasted));
    });
    connect(m_openPlan, &QAction::triggered, this, [this] {
        const QString path = m_chooser();
        if (!path.isEmpty())
            openPlanFile(path);
    });
    m_queryMenu->addAction(m_explain);
    m_queryMenu->addAction(m_explainAnalyze);
    m_queryMenu->addSeparator();
    m_queryMenu->addAction(m_pastePlan);

    // File: after "Open SQL file…".
    QMenu *file = window.menu(MainWindow::Menu::File);
    QAction *before = nullptr;
    if (QueryFeature *queries = window.feature<QueryFeature>()) {
        const QList<QAction *> actions = file->actions();
        const int at = int(actions.indexOf(queries->openAction()));
        if (at >= 0 && at + 1 < actions.size())
            before = actions.at(at + 1);
        connect(queries, &QueryFeature::tabAdded, this, &PlanFeature::watchTab);
        for (QueryTab *tab : queries->tabs())
            watchTab(tab);
    }
    if (before)
        file->insertAction(before, m_openPlan);
    else
        file->addAction(m_openPlan);

    m_chooser = [this] {
        return QFileDialog::getOpenFileName(
            m_window, tr("Open EXPLAIN plan"), QString(),
            tr("Plans (*.json *.txt *.plan *.explain);;All files (*)"));
    };
    m_clipboard = [] { return QApplication::clipboard()->text(); };
    m_reportError = [this](const QString &title, const QString &message) {
        Messages::error(m_window, title, message);
    };
    connect(window.workspace(), &QTabWidget::currentChanged, this, &PlanFeature::updateActions);
    updateActions();
}

QueryTab *PlanFeature::currentQueryTab() const
{
    return qobject_cast<QueryTab *>(m_window->workspace()->currentWidget());
}

void PlanFeature::watchTab(QueryTab *tab)
{
    if (!tab)
        return;
    QueryTabExplain *explainer = tab->explainer();
    connect(explainer->explainAction(), &QAction::changed, this, &PlanFeature::updateActions);
    connect(explainer->explainAnalyzeAction(), &QAction::changed, this,
            &PlanFeature::updateActions);
    connect(explainer, &QueryTabExplain::planShown, this, &PlanFeature::setUpCompare);
    updateActions();
}

void PlanFeature::updateActions()
{
    QueryTab *tab = currentQueryTab();
    const QString noTab = tr("Open a query tab first: Explain works on its statement.");
    for (auto [ours, theirs] :
         {std::pair{m_explain, tab ? tab->explainer()->explainAction() : nullptr},
          std::pair{m_explainAnalyze, tab ? tab->explainer()->explainAnalyzeAction() : nullptr}}) {
        ours->setEnabled(theirs && theirs->isEnabled());
        ours->setToolTip(theirs ? theirs->toolTip() : noTab);
        ours->setStatusTip(ours->toolTip());
    }
}

QList<PlanView *> PlanFeature::planViews() const
{
    QList<PlanView *> views;
    for (const QPointer<PlanView> &view : m_opened) {
        if (view)
            views.append(view);
    }
    if (QueryFeature *queries = m_window->feature<QueryFeature>()) {
        for (QueryTab *tab : queries->tabs())
            views.append(tab->explainer()->planViews());
    }
    return views;
}

QString PlanFeature::loadFile(const QString &path)
{
    QFile file(path);
    QString message;
    if (!file.open(QIODevice::ReadOnly))
        message = tr("Cannot open %1: %2").arg(path, file.errorString());
    else if (file.size() > MaxPlanFileBytes)
        message = tr("%1 is too large for a plan (%2).")
                      .arg(path, QLocale().formattedDataSize(file.size()));
    else if (file.size() == 0)
        message = tr("%1 is empty: not an EXPLAIN plan.").arg(path);
    if (!message.isEmpty()) {
        m_reportError(tr("Open Plan"), message);
        Q_EMIT openFailed(message);
        return QString();
    }
    return QString::fromUtf8(file.readAll());
}

void PlanFeature::openPlanFile(const QString &path)
{
    const QString text = loadFile(path);
    if (!text.isEmpty())
        openPlanText(text, QFileInfo(path).fileName());
}

void PlanFeature::openPlanText(const QString &text, const QString &title)
{
    readDocument(text, [this, title, text](const Result<std::shared_ptr<const PlanDocument>> &d) {
        showOpened(d, title, text);
    });
}

void PlanFeature::readDocument(const QString &text, DocumentCallback done)
{
    QList<PlanReader::Engine> engines;
    QHash<QString, QList<PlanRule>> rules;
    PluginManager *plugins = m_window->connections()->plugins();
    // PostgreSQL first: its JSON is the most common paste; the others follow by id.
    QStringList ids = plugins->engineIds();
    if (ids.removeOne(QStringLiteral("postgresql")))
        ids.prepend(QStringLiteral("postgresql"));
    for (const QString &id : ids) {
        if (const IExplain *explain = plugins->capability<IExplain>(id)) {
            engines.append({id, explain});
            rules.insert(id, explain->planRules());
        }
    }
    const PlanReader reader(engines);
    auto *watcher = new QFutureWatcher<Result<std::shared_ptr<const PlanDocument>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [reader, text, rules]() -> Result<std::shared_ptr<const PlanDocument>> {
            if (text.trimmed().isEmpty())
                return Error(Error::Code::InvalidArgument,
                             QCoreApplication::translate("Strata::PlanFeature",
                                                         "not an EXPLAIN plan: the text is empty"));
            Result<Plan> plan = reader.read(text);
            if (!plan)
                return plan.error();
            const QList<PlanRule> engineRules = rules.value(plan->engine);
            return std::make_shared<const PlanDocument>(
                PlanDocument::analyze(std::move(plan.value()), engineRules));
        }));
}

void PlanFeature::showOpened(const Result<std::shared_ptr<const PlanDocument>> &document,
                             const QString &title, const QString &source)
{
    if (!document) {
        const QString message = tr("%1 is not a plan Strata can read.\n%2")
                                    .arg(title, document.error().message());
        m_reportError(tr("Open Plan"), message);
        Q_EMIT openFailed(message);
        return;
    }
    auto *view = new PlanView;
    view->setDocument(document.value(), source, title);
    const int index = m_window->addWorkspaceTab(view, title, true);
    m_window->workspace()->setCurrentIndex(index);
    m_opened.append(view);
    setUpCompare(view);
    Q_EMIT planOpened(view);
}

QString PlanFeature::planLabel(PlanView *view) const
{
    for (QWidget *w = view->parentWidget(); w; w = w->parentWidget()) {
        if (auto *tab = qobject_cast<QueryTab *>(w))
            return tr("%1 — %2").arg(view->title(), tab->displayTitle());
    }
    return view->title();
}

PlanView *PlanFeature::previousPlan(PlanView *view) const
{
    for (QWidget *w = view->parentWidget(); w; w = w->parentWidget()) {
        if (auto *tab = qobject_cast<QueryTab *>(w)) {
            const QList<PlanView *> views = tab->explainer()->planViews();
            const qsizetype at = views.indexOf(view);
            return at > 0 ? views.at(at - 1) : nullptr;
        }
    }
    return nullptr;
}

void PlanFeature::setUpCompare(PlanView *view)
{
    auto *menu = new QMenu(view->compareButton());
    connect(menu, &QMenu::aboutToShow, this, [this, view, menu] { fillCompareMenu(view, menu); });
    view->compareButton()->setMenu(menu);
    view->compareButton()->show();
    if (PlanView *previous = previousPlan(view)) {
        // Explaining again offers the comparison with the plan before.
        QToolButton *quick = view->quickCompareButton();
        quick->setText(tr("Compare with %1").arg(previous->title()));
        quick->setToolTip(tr("Compare this plan with %1, explained before it in this tab")
                              .arg(previous->title()));
        const QPointer<PlanView> before(previous);
        connect(quick, &QToolButton::clicked, this, [this, view, before] {
            if (before)
                compare(before->document(), before->title(), view->document(), view->title());
        });
        quick->show();
    }
}

void PlanFeature::fillCompareMenu(PlanView *view, QMenu *menu)
{
    menu->clear();
    const QPointer<PlanView> after(view);
    PlanView *previous = previousPlan(view);
    QList<PlanView *> others = planViews();
    others.removeAll(view);
    if (previous) {
        others.removeAll(previous);
        others.prepend(previous);
    }
    for (PlanView *other : std::as_const(others)) {
        const QString label = other == previous ? tr("%1 (explained before)").arg(planLabel(other))
                                                : planLabel(other);
        QAction *action = menu->addAction(label);
        action->setToolTip(tr("Show both plans side by side, the other one first"));
        const QPointer<PlanView> before(other);
        connect(action, &QAction::triggered, this, [this, before, after] {
            if (before && after)
                compare(before->document(), before->title(), after->document(), after->title());
        });
    }
    if (!others.isEmpty())
        menu->addSeparator();
    QAction *fromFile = menu->addAction(tr("A plan from a &file…"));
    connect(fromFile, &QAction::triggered, this, [this, after] {
        const QString path = m_chooser();
        if (path.isEmpty() || !after)
            return;
        const QString text = loadFile(path);
        if (text.isEmpty())
            return;
        const QString name = QFileInfo(path).fileName();
        readDocument(text, [this, after, name](const Result<std::shared_ptr<const PlanDocument>> &d) {
            if (!d) {
                const QString message = tr("%1 is not a plan Strata can read.\n%2")
                                            .arg(name, d.error().message());
                m_reportError(tr("Compare plans"), message);
                Q_EMIT openFailed(message);
                return;
            }
            if (after)
                compare(d.value(), name, after->document(), after->title());
        });
    });
}

PlanCompareView *PlanFeature::compare(std::shared_ptr<const PlanDocument> before,
                                      const QString &beforeTitle,
                                      std::shared_ptr<const PlanDocument> after,
                                      const QString &afterTitle)
{
    if (!before || !after)
        return nullptr;
    auto *view = new PlanCompareView;
    view->setPlans(std::move(before), beforeTitle, std::move(after), afterTitle);
    const int index = m_window->addWorkspaceTab(
        view, tr("Compare: %1 ↔ %2").arg(beforeTitle, afterTitle), true);
    m_window->workspace()->setCurrentIndex(index);
    Q_EMIT compareOpened(view);
    return view;
}

} // namespace Strata
