// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultexporter.h"

#include "fetchallbar.h"
#include "resultview.h"

#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "export/exportfilesink.h"
#include "results/rowstore.h"
#include "sql/plainread.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

ResultExporter::ResultExporter(ResultView *view)
    : QFrame(view)
    , m_view(view)
    , m_label(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("ExportBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(220);
    m_cancel->setToolTip(tr("Stop the export; no file is written"));
    m_close->setText(QStringLiteral("×"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Hide this message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    layout->addWidget(m_close);

    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &ResultExporter::showProgress);
    connect(m_cancel, &QPushButton::clicked, this, &ResultExporter::cancel);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    connect(&m_memoryWatcher, &QFutureWatcher<bool>::finished, this,
            &ResultExporter::inMemoryFinished);
    connect(&m_serverWatcher, &QFutureWatcher<Result<void>>::finished, this,
            &ResultExporter::serverFinished);
    hide();
}

ResultExporter::~ResultExporter()
{
    m_memoryWatcher.disconnect(this);
    m_serverWatcher.disconnect(this);
    if (m_sink) {
        m_sink->cancel();
        if (m_fromServer) {
            if (EngineSession *session = m_view->connections()->session(m_view->connectionId()))
                session->cancel();
        }
        // The in-memory writer reads the view's RowStore: it must stop before the store goes.
        m_memoryWatcher.waitForFinished();
    }
}

void ResultExporter::exportResult()
{
    if (isRunning())
        return;
    const QString path = m_view->chooseFile(QDir::home().filePath(QStringLiteral("result.csv")));
    if (!path.isEmpty())
        exportTo(path);
}

bool ResultExporter::exportTo(const QString &path)
{
    if (isRunning() || path.isEmpty())
        return false;
    const RowStore *store = m_view->store();
    const bool whole = store && store->isFinished() && !store->isTruncated()
                       && !m_view->fetchAllBar()->isFetching() && !m_view->fetchAllBar()->isPartial();
    if (!whole) {
        QString question = tr("Exporting all rows runs the statement again on the server.");
        if (!isPlainRead(m_view->statement()))
            question += QLatin1Char(' ') + tr("This statement may change data:\n\n%1\n")
                                               .arg(m_view->statement().left(500));
        question += QLatin1Char('\n') + tr("Run it again and export to %1?").arg(path);
        if (!m_view->ask(tr("Export"), question))
            return false;
    }
    m_sink = std::make_shared<ExportFileSink>(path, ExportFileSink::formatForPath(path));
    const Result<void> opened = m_sink->open();
    if (!opened) {
        m_sink.reset();
        showMessage(opened.error().toString());
        Q_EMIT exportFinished(false, m_label->text());
        return false;
    }
    const bool started = whole ? startFromMemory() : startFromServer();
    if (!started)
        return false;
    m_label->setText(tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
    m_progress->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_close->hide();
    show();
    m_progressTimer.start();
    Q_EMIT exportStarted();
    return true;
}

bool ResultExporter::startFromMemory()
{
    m_fromServer = false;
    const RowStore *store = m_view->store();
    m_progress->setRange(0, int(qMin<qint64>(store->rowCount(), INT_MAX)));
    m_progress->setValue(0);
    std::shared_ptr<ExportFileSink> sink = m_sink;
    m_memoryWatcher.setFuture(QtConcurrent::run([sink, store] { return sink->writeStore(*store); }));
    return true;
}

bool ResultExporter::startFromServer()
{
    m_fromServer = true;
    ConnectionManager *connections = m_view->connections();
    EngineSession *session = connections ? connections->session(m_view->connectionId()) : nullptr;
    if (!session || connections->state(m_view->connectionId()) != ConnectionManager::State::Ready) {
        m_sink->discard();
        m_sink.reset();
        showMessage(tr("Cannot export: the connection is not open."));
        Q_EMIT exportFinished(false, m_label->text());
        return false;
    }
    m_progress->setRange(0, 0);
    m_serverWatcher.setFuture(session->execute(m_view->statement(), {}, m_sink));
    return true;
}

void ResultExporter::cancel()
{
    if (!m_sink)
        return;
    m_sink->cancel();
    m_cancel->setEnabled(false);
    m_label->setText(tr("Cancelling…"));
    if (m_fromServer) {
        if (EngineSession *session = m_view->connections()->session(m_view->connectionId()))
            session->cancel();
    }
}

void ResultExporter::inMemoryFinished()
{
    const bool ok = m_memoryWatcher.future().result();
    complete(ok || m_sink->isCancelled() ? Result<void>()
                                         : Result<void>(Error(Error::Code::Io, QString())));
}

void ResultExporter::serverFinished()
{
    complete(m_serverWatcher.future().result());
}

void ResultExporter::complete(const Result<void> &result)
{
    m_progressTimer.stop();
    const std::shared_ptr<ExportFileSink> sink = std::move(m_sink);
    const QString path = sink->path();
    const qint64 rows = sink->rowCount();
    bool ok = false;
    QString message;
    if (sink->isCancelled()) {
        sink->discard();
        message = tr("Export cancelled; no file was written.");
    } else if (!result.ok() && !result.error().message().isEmpty()) {
        sink->discard();
        message = tr("Export failed; no file was written: %1").arg(result.error().toString());
    } else {
        // An empty error message: the writer failed, and commit() says how.
        const Result<qint64> committed = sink->commit();
        if (committed) {
            ok = true;
            const QString size = QLocale().formattedDataSize(committed.value());
            message = rows == 1 ? tr("Exported 1 row to %1 (%2).").arg(path, size)
                                : tr("Exported %L1 rows to %2 (%3).").arg(rows).arg(path, size);
        } else {
            message = tr("Export failed; no file was written: %1").arg(committed.error().toString());
        }
    }
    showMessage(message);
    Q_EMIT exportFinished(ok, message);
}

void ResultExporter::showProgress()
{
    if (!m_sink)
        return;
    const qint64 rows = m_sink->rowCount();
    if (m_progress->maximum() > 0)
        m_progress->setValue(int(qMin<qint64>(rows, m_progress->maximum())));
    if (!m_sink->isCancelled())
        m_label->setText(tr("Exporting to %1… %L2 rows")
                             .arg(QFileInfo(m_sink->path()).fileName())
                             .arg(rows));
}

void ResultExporter::showMessage(const QString &message)
{
    m_label->setText(message);
    m_progress->hide();
    m_cancel->hide();
    m_close->show();
    show();
}

} // namespace Strata
