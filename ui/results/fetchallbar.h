// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/result.h"

#include <QFrame>
#include <QFutureWatcher>

#include <memory>

class QLabel;
class QPushButton;

namespace Strata {

class ResultSetSink;
class ResultView;
class RowStore;

// The plain bar under a result cut at the row limit: "Showing the first 100,000 rows.
// [Fetch all]". Fetch all runs the statement again without a limit into the same grid (the
// model is given the new store and keeps streaming), with its own Cancel. A statement that
// is not a plain read is run again only after the view's asker agrees.
class STRATA_UI_EXPORT FetchAllBar : public QFrame
{
    Q_OBJECT
public:
    explicit FetchAllBar(ResultView *view);
    ~FetchAllBar() override;

    QLabel *label() const { return m_label; }
    QPushButton *fetchButton() const { return m_fetch; }
    QPushButton *cancelButton() const { return m_cancel; }
    bool isFetching() const { return m_fetching; }
    // The last Fetch all was cancelled or failed: the grid holds only part of the result.
    bool isPartial() const { return m_partial; }

    // Shows the bar when the view's store was cut at the row limit.
    void update();
    // Starts fetching everything (asks first for a statement that is not a plain read).
    // False when nothing was started.
    bool fetchAll();
    void cancel();

Q_SIGNALS:
    void fetchStarted();
    // A fetch all ended: finished, failed or cancelled (message is plain text, empty on success).
    void fetchFinished(bool ok, const QString &message);

private:
    void adopt(RowStore *store);
    void finished();
    void showRows(qint64 rows);

    ResultView *m_view;
    QLabel *m_label;
    QPushButton *m_fetch;
    QPushButton *m_cancel;
    std::shared_ptr<ResultSetSink> m_sink;
    QFutureWatcher<Result<void>> m_watcher;
    bool m_fetching = false;
    bool m_cancelled = false;
    bool m_partial = false;
};

} // namespace Strata
