// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/result.h"

#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QToolBar;

namespace Strata {

struct PlanDocument;
class PlanGraphView;
class PlanNodeSelection;

// The plan graph with its own toolbar: zoom in/out, 100%, fit, a search field with
// previous/next and a match count, Export SVG… and Export PNG…. Self-contained: the plan
// window embeds it as one page.
class STRATA_UI_EXPORT PlanGraphPage : public QWidget
{
    Q_OBJECT
public:
    // Asks for a file to save to; empty: cancelled. Tests replace the file dialog with it.
    using FileChooser = std::function<QString(const QString &caption, const QString &filter,
                                              const QString &suggestedName)>;
    using ErrorReporter = std::function<void(const QString &message)>;

    // PNG exports larger than this are refused (about 200 MB of pixels).
    static constexpr qint64 maxPngPixels = 50'000'000;
    static constexpr int maxPngSide = 32'000;

    explicit PlanGraphPage(PlanNodeSelection *selection, QWidget *parent = nullptr);
    ~PlanGraphPage() override;

    void setDocument(std::shared_ptr<const PlanDocument> document);
    PlanGraphView *view() const { return m_view; }

    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }

    // Write the graph to path (through QSaveFile: a failed export leaves no half file).
    Result<void> exportSvg(const QString &path) const;
    Result<void> exportPng(const QString &path) const;
    // The scale a PNG export uses: up to 2× when it fits, never below 50%; nullopt when the
    // graph is too large for a PNG even at 50%.
    std::optional<double> pngScale() const;

    QLineEdit *searchField() const { return m_search; }
    QLabel *matchLabel() const { return m_matchLabel; }
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitAction() const { return m_fit; }
    QAction *actualSizeAction() const { return m_actualSize; }
    QAction *findAction() const { return m_find; }
    QAction *nextMatchAction() const { return m_next; }
    QAction *previousMatchAction() const { return m_previous; }
    QAction *exportSvgAction() const { return m_exportSvg; }
    QAction *exportPngAction() const { return m_exportPng; }
    // The graph's context menu (the view's actions), deleted when closed.
    QMenu *contextMenu();

private:
    void chooseAndExport(bool svg);
    void updateMatchLabel(int current, int count);
    void updateActions();
    QString suggestedName(const QString &suffix) const;

    PlanGraphView *m_view = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_matchLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_actualSize = nullptr;
    QAction *m_find = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_exportSvg = nullptr;
    QAction *m_exportPng = nullptr;
    FileChooser m_chooseFile;
    ErrorReporter m_reportError;
};

} // namespace Strata
