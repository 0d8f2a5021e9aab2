// SPDX-License-Identifier: GPL-3.0-or-later
#include "plangraphpage.h"

#include "explain/plandocument.h"
#include "explain/plansvgwriter.h"
#include "plangraphview.h"
#include "shell/messages.h"

#include <QAction>
#include <QFileDialog>
#include <QImageWriter>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSaveFile>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace Strata {

namespace {

QAction *makeAction(QWidget *owner, const QString &text, const QString &tip,
                   const QList<QKeySequence> &keys)
{
    auto *action = new QAction(text, owner);
    // The platform's standard keys may repeat ours: a key bound twice would be ambiguous.
    QList<QKeySequence> unique;
    for (const QKeySequence &k : keys) {
        if (!k.isEmpty() && !unique.contains(k))
            unique.append(k);
    }
    action->setShortcuts(unique);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QString tipWithKeys = tip;
    if (!keys.isEmpty())
        tipWithKeys += QStringLiteral(" (%1)").arg(keys.first().toString(QKeySequence::NativeText));
    action->setToolTip(tipWithKeys);
    owner->addAction(action);
    return action;
}

// "75%", and for the far-out zooms of huge plans "0.06%" rather than "0%".
QString zoomText(double zoom)
{
    const double percent = zoom * 100;
    if (percent >= 9.5)
        return QString::number(std::lround(percent)) + u'%';
    return QString::number(percent, 'g', 2) + u'%';
}

Result<void> saveBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Code::Io, PlanGraphPage::tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error(Error::Code::Io, PlanGraphPage::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

PlanGraphPage::PlanGraphPage(PlanNodeSelection *selection, QWidget *parent)
    : QWidget(parent), m_view(new PlanGraphView(selection, this))
{
    m_toolBar = new QToolBar(tr("Plan graph"), this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));

    m_zoomOut = makeAction(this, tr("Zoom Out"), tr("Zoom out"),
                          {QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut});
    m_zoomIn = makeAction(this, tr("Zoom In"), tr("Zoom in"),
                         {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus),
                          QKeySequence::ZoomIn});
    m_actualSize = makeAction(this, tr("Actual Size"), tr("Zoom to 100%"), {QKeySequence(Qt::CTRL | Qt::Key_1)});
    m_fit = makeAction(this, tr("Fit"), tr("Fit the whole plan in the view"),
                      {QKeySequence(Qt::CTRL | Qt::Key_0)});
    m_find = makeAction(this, tr("Find"), tr("Find nodes by type, table, alias, index or condition"),
                       {QKeySequence::Find});
    m_previous = makeAction(this, tr("Previous"), tr("Select the previous match"),
                           {QKeySequence(Qt::SHIFT | Qt::Key_F3), QKeySequence::FindPrevious});
    m_next = makeAction(this, tr("Next"), tr("Select the next match"),
                       {QKeySequence(Qt::Key_F3), QKeySequence::FindNext});
    m_exportSvg = makeAction(this, tr("Export SVG…"), tr("Save the whole graph as an SVG picture"), {});
    m_exportPng = makeAction(this, tr("Export PNG…"), tr("Save the whole graph as a PNG image"), {});

    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setToolTip(tr("Zoom (Ctrl+wheel zooms about the cursor)"));
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(QStringLiteral("0000%")));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Find node…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(m_find->toolTip()
                         + tr("; Enter selects the next match, Escape clears the search"));
    m_search->setMaximumWidth(260);
    m_matchLabel = new QLabel(this);
    m_matchLabel->setTextFormat(Qt::PlainText);
    m_matchLabel->setMinimumWidth(m_matchLabel->fontMetrics().horizontalAdvance(tr("No matches")) + 8);

    m_toolBar->addAction(m_zoomOut);
    m_toolBar->addWidget(m_zoomLabel);
    m_toolBar->addAction(m_zoomIn);
    m_toolBar->addAction(m_actualSize);
    m_toolBar->addAction(m_fit);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_search);
    m_toolBar->addAction(m_previous);
    m_toolBar->addAction(m_next);
    m_toolBar->addWidget(m_matchLabel);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportSvg);
    m_toolBar->addAction(m_exportPng);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);

    connect(m_zoomIn, &QAction::triggered, m_view, &PlanGraphView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_view, &PlanGraphView::zoomOut);
    connect(m_fit, &QAction::triggered, m_view, &PlanGraphView::fitToView);
    connect(m_actualSize, &QAction::triggered, m_view, &PlanGraphView::resetZoom);
    connect(m_find, &QAction::triggered, m_search, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_next, &QAction::triggered, m_view, &PlanGraphView::nextMatch);
    connect(m_previous, &QAction::triggered, m_view, &PlanGraphView::previousMatch);
    connect(m_search, &QLineEdit::textChanged, m_view, &PlanGraphView::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, m_view, &PlanGraphView::nextMatch);
    auto *closeSearch = new QAction(tr("Close Search"), m_search);
    closeSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    closeSearch->setShortcutContext(Qt::WidgetShortcut);
    m_search->addAction(closeSearch);
    connect(closeSearch, &QAction::triggered, this, [this] {
        m_search->clear();
        m_view->setFocus(Qt::ShortcutFocusReason);
    });
    connect(m_view, &PlanGraphView::matchesChanged, this, &PlanGraphPage::updateMatchLabel);
    connect(m_view, &PlanGraphView::zoomChanged, this, [this](double zoom) {
        m_zoomLabel->setText(zoomText(zoom));
        updateActions();
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        contextMenu()->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_exportSvg, &QAction::triggered, this, [this] { chooseAndExport(true); });
    connect(m_exportPng, &QAction::triggered, this, [this] { chooseAndExport(false); });

    m_chooseFile = [this](const QString &caption, const QString &filter, const QString &name) {
        return QFileDialog::getSaveFileName(this, caption, name, filter);
    };
    m_reportError = [this](const QString &message) {
        Messages::error(this, tr("Export Plan Graph"), message);
    };
    m_zoomLabel->setText(QStringLiteral("100%"));
    updateMatchLabel(-1, 0);
    updateActions();
}

PlanGraphPage::~PlanGraphPage() = default;

void PlanGraphPage::setDocument(std::shared_ptr<const PlanDocument> document)
{
    m_view->setDocument(std::move(document));
    m_zoomLabel->setText(zoomText(m_view->zoom()));
    updateActions();
}

QMenu *PlanGraphPage::contextMenu()
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions({m_zoomIn, m_zoomOut, m_actualSize, m_fit});
    menu->addSeparator();
    menu->addActions({m_find, m_next, m_previous});
    menu->addSeparator();
    menu->addActions({m_exportSvg, m_exportPng});
    return menu;
}

void PlanGraphPage::updateActions()
{
    const bool has = m_view->document() && !m_view->document()->plan.isEmpty();
    for (QAction *a : {m_zoomIn, m_zoomOut, m_fit, m_actualSize, m_exportSvg, m_exportPng})
        a->setEnabled(has);
    m_zoomIn->setEnabled(has && m_view->zoom() < PlanGraphView::maxZoom);
    m_zoomOut->setEnabled(has && m_view->zoom() > m_view->minZoom() * 1.0001);
    const bool matches = !m_view->matches().isEmpty();
    m_next->setEnabled(matches);
    m_previous->setEnabled(matches);
}

void PlanGraphPage::updateMatchLabel(int current, int count)
{
    if (m_view->searchText().trimmed().isEmpty())
        m_matchLabel->clear();
    else if (count == 0)
        m_matchLabel->setText(tr("No matches"));
    else if (current < 0)
        m_matchLabel->setText(count == 1 ? tr("1 match") : tr("%1 matches").arg(count));
    else
        m_matchLabel->setText(tr("%1 of %2").arg(current + 1).arg(count));
    updateActions();
}

QString PlanGraphPage::suggestedName(const QString &suffix) const
{
    return QStringLiteral("plan.") + suffix;
}

std::optional<double> PlanGraphPage::pngScale() const
{
    const QSize one = m_view->imageSize(1.0);
    if (one.isEmpty())
        return std::nullopt;
    const double area = double(one.width()) * double(one.height());
    double scale = std::min({2.0, std::sqrt(double(maxPngPixels) / area),
                             double(maxPngSide) / one.width(), double(maxPngSide) / one.height()});
    if (scale < 0.5)
        return std::nullopt;
    // Whole quarter steps: crisper text than an arbitrary factor.
    if (scale >= 1.0)
        scale = std::floor(scale * 4) / 4;
    return scale;
}

Result<void> PlanGraphPage::exportSvg(const QString &path) const
{
    if (!m_view->document())
        return Error(Error::Code::InvalidArgument, tr("There is no plan to export."));
    return saveBytes(path, PlanSvgWriter::write(*m_view->document()));
}

Result<void> PlanGraphPage::exportPng(const QString &path) const
{
    if (!m_view->document() || m_view->document()->plan.isEmpty())
        return Error(Error::Code::InvalidArgument, tr("There is no plan to export."));
    const std::optional<double> scale = pngScale();
    if (!scale) {
        const QSize half = m_view->imageSize(0.5);
        return Error(Error::Code::InvalidArgument,
                     tr("The graph is too large for a PNG image (%1 × %2 pixels even at 50%); "
                        "export it as SVG instead.")
                         .arg(half.width())
                         .arg(half.height()));
    }
    const QImage image = m_view->renderImage(*scale);
    if (image.isNull())
        return Error(Error::Code::Io, tr("Not enough memory to draw the graph as a PNG image."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    QImageWriter writer(&file, "png");
    if (!writer.write(image) || !file.commit())
        return Error(Error::Code::Io, tr("Cannot write %1: %2")
                                          .arg(path, writer.error() != QImageWriter::UnknownError
                                                         ? writer.errorString()
                                                         : file.errorString()));
    return {};
}

void PlanGraphPage::chooseAndExport(bool svg)
{
    const QString path = svg ? m_chooseFile(tr("Export Plan Graph as SVG"), tr("SVG pictures (*.svg)"),
                                            suggestedName(QStringLiteral("svg")))
                             : m_chooseFile(tr("Export Plan Graph as PNG"), tr("PNG images (*.png)"),
                                            suggestedName(QStringLiteral("png")));
    if (path.isEmpty())
        return;
    const Result<void> result = svg ? exportSvg(path) : exportPng(path);
    if (!result.ok() && m_reportError)
        m_reportError(result.error().message());
}

} // namespace Strata
