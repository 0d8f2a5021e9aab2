// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/result.h"

#include <QFrame>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace Strata {

class ExportFileSink;
class ResultView;

// Exports the result of a ResultView to CSV or JSON (format by the file's extension), shown
// as a bar with a progress bar, the row count and Cancel. A whole result in memory is written
// from the RowStore on a QtConcurrent worker; a result cut at the row limit (or still loading)
// is exported by running the statement again, after asking, streaming rows from the server
// straight into the file on the session's worker. The file appears only when complete.
class STRATA_UI_EXPORT ResultExporter : public QFrame
{
    Q_OBJECT
public:
    explicit ResultExporter(ResultView *view);
    ~ResultExporter() override;

    bool isRunning() const { return m_sink != nullptr; }
    QLabel *label() const { return m_label; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }

    // Asks for a file with the view's file chooser, then exports to it.
    void exportResult();
    // Exports to path (format by extension: .json is JSON, anything else CSV). False when
    // nothing was started (refused, busy, or the file cannot be created; the bar says why).
    bool exportTo(const QString &path);
    void cancel();

Q_SIGNALS:
    void exportStarted();
    // ok: the file was written; message: what the bar shows (plain text).
    void exportFinished(bool ok, const QString &message);

private:
    bool startFromMemory();
    bool startFromServer();
    void inMemoryFinished();
    void serverFinished();
    void complete(const Result<void> &result);
    void showProgress();
    void showMessage(const QString &message);

    ResultView *m_view;
    QLabel *m_label;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QToolButton *m_close;
    QTimer m_progressTimer;
    std::shared_ptr<ExportFileSink> m_sink;
    QFutureWatcher<bool> m_memoryWatcher;
    QFutureWatcher<Result<void>> m_serverWatcher;
    bool m_fromServer = false;
};

} // namespace Strata
