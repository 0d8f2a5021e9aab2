// SPDX-License-Identifier: GPL-3.0-or-later
#include "fetchallbar.h"

#include "resultgridmodel.h"
#include "resultview.h"

#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "results/resultsetsink.h"
#include "results/rowstore.h"
#include "sql/plainread.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Strata {

FetchAllBar::FetchAllBar(ResultView *view)
    : QFrame(view)
    , m_view(view)
    , m_label(new QLabel(this))
    , m_fetch(new QPushButton(tr("Fetch all"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("FetchAllBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fetch->setToolTip(tr("Run the statement again without the row limit and show every row"));
    m_cancel->setToolTip(tr("Stop fetching; the rows fetched so far stay"));
    m_cancel->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_fetch);
    layout->addWidget(m_cancel);

    connect(m_fetch, &QPushButton::clicked, this, [this] { fetchAll(); });
    connect(m_cancel, &QPushButton::clicked, this, &FetchAllBar::cancel);
    connect(&m_watcher, &QFutureWatcher<Result<void>>::finished, this, &FetchAllBar::finished);
    hide();
}

FetchAllBar::~FetchAllBar()
{
    m_watcher.disconnect(this);
    if (m_fetching) {
        // The sink lives on in the worker until the statement stops.
        if (EngineSession *session = m_view->connections()->session(m_view->connectionId()))
            session->cancel();
    }
}

void FetchAllBar::update()
{
    if (m_fetching)
        return;
    const RowStore *store = m_view->store();
    if (!store || !store->isTruncated()) {
        if (!m_label->text().isEmpty() && m_fetch->isHidden())
            return; // keep the message of the last fetch
        hide();
        return;
    }
    m_label->setText(tr("Showing the first %L1 rows.").arg(store->rowCount()));
    m_fetch->show();
    m_fetch->setEnabled(true);
    m_cancel->hide();
    show();
}

bool FetchAllBar::fetchAll()
{
    if (m_fetching)
        return false;
    ConnectionManager *connections = m_view->connections();
    EngineSession *session = connections ? connections->session(m_view->connectionId()) : nullptr;
    if (!session || connections->state(m_view->connectionId()) != ConnectionManager::State::Ready) {
        m_label->setText(tr("Cannot fetch all rows: the connection is not open."));
        show();
        return false;
    }
    if (!isPlainRead(m_view->statement())
        && !m_view->ask(tr("Fetch all rows"),
                        tr("Fetching all rows runs the statement again on the server, and this "
                           "statement may change data:\n\n%1\n\nRun it again?")
                            .arg(m_view->statement().left(500)))) {
        return false;
    }
    m_fetching = true;
    m_cancelled = false;
    m_sink = ResultSetSink::create(0);
    connect(m_sink.get(), &ResultSetSink::storeAdded, this, &FetchAllBar::adopt);
    m_label->setText(tr("Fetching all rows…"));
    m_fetch->hide();
    m_cancel->show();
    m_cancel->setEnabled(true);
    show();
    m_watcher.setFuture(session->execute(m_view->statement(), {}, m_sink));
    Q_EMIT fetchStarted();
    return true;
}

void FetchAllBar::cancel()
{
    if (!m_fetching)
        return;
    m_cancelled = true;
    m_cancel->setEnabled(false);
    if (EngineSession *session = m_view->connections()->session(m_view->connectionId()))
        session->cancel();
}

void FetchAllBar::adopt(RowStore *store)
{
    // Only the first result set of the statement belongs in this grid.
    if (!store || !m_sink || m_sink->storeCount() == 0 || m_sink->store(0) != store)
        return;
    if (m_view->store() == store)
        return;
    m_view->model()->setStore(store);
    connect(store, &RowStore::rowsAvailable, this, &FetchAllBar::showRows);
}

void FetchAllBar::showRows(qint64 rows)
{
    if (m_fetching)
        m_label->setText(tr("Fetching all rows… %L1 so far.").arg(rows));
}

void FetchAllBar::finished()
{
    const Result<void> result = m_watcher.future().result();
    if (m_sink && m_sink->storeCount() > 0)
        adopt(m_sink->store(0));
    m_fetching = false;
    m_partial = !result.ok();
    m_cancel->hide();
    QString message;
    const qint64 rows = m_view->store() ? m_view->store()->rowCount() : 0;
    if (!result.ok()) {
        message = m_cancelled || result.error().code() == Error::Code::Cancelled
                      ? tr("Fetching was cancelled after %L1 rows.").arg(rows)
                      : tr("Fetching all rows failed: %1").arg(result.error().toString());
        m_label->setText(message);
        m_fetch->show();
        m_fetch->setEnabled(true);
        show();
    } else {
        m_label->setText(tr("All %L1 rows fetched.").arg(rows));
        m_fetch->hide();
        show();
    }
    Q_EMIT fetchFinished(result.ok(), message);
}

} // namespace Strata
