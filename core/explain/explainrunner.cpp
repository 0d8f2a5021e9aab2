// SPDX-License-Identifier: GPL-3.0-or-later
#include "explainrunner.h"

#include "connection/enginesession.h"
#include "edit/editplanner.h"

#include <QCoreApplication>
#include <QPromise>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::ExplainRunner)
};

QFuture<Result<Plan>> failedFuture(const Error &error)
{
    QPromise<Result<Plan>> promise;
    promise.start();
    promise.addResult(Result<Plan>(error));
    promise.finish();
    return promise.future();
}
} // namespace

const IExplain *ExplainRunner::explainOf(const EngineSession &session)
{
    return qobject_cast<IExplain *>(session.plugin());
}

QFuture<Result<Plan>> ExplainRunner::run(EngineSession &session, Request request)
{
    const IExplain *explain = explainOf(session);
    if (!explain)
        return failedFuture(Error(Error::Code::Plugin,
                                  Tr::tr("The %1 engine cannot explain statements.")
                                      .arg(session.engine())));
    if (request.options.serverVersion.isEmpty())
        request.options.serverVersion = session.serverVersion();
    const Result<QString> statement = explain->explainStatement(request.sql, request.options);
    if (!statement)
        return failedFuture(statement.error());

    QFuture<Result<QList<ResultSet>>> ran =
        request.rollBack
            ? session.queryRolledBack(
                  statement.value(),
                  EditPlanner::openTransactionProbe(EditPlanner::syntaxFor(session.engine())))
            : session.query(statement.value());
    const QString sql = request.sql.trimmed();
    return ran.then([explain, sql](const Result<QList<ResultSet>> &results) -> Result<Plan> {
        if (!results)
            return results.error();
        const QString text = resultText(results.value());
        Result<Plan> plan = explain->parsePlan(text);
        if (!plan)
            return plan;
        if (plan.value().queryText.isEmpty())
            plan.value().queryText = sql;
        plan.value().sourceText = text;
        return plan;
    });
}

QString ExplainRunner::resultText(const QList<ResultSet> &results)
{
    QStringList lines;
    for (const ResultSet &result : results) {
        const int columns = int(result.columns.size());
        if (columns == 0)
            continue;
        if (columns > 1) {
            QStringList names;
            for (const ColumnInfo &column : result.columns)
                names.append(column.name);
            lines.append(names.join(u'\t'));
        }
        for (qint64 row = 0; row < result.rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < columns; ++column)
                cells.append(result.text(row, column));
            lines.append(cells.join(u'\t'));
        }
    }
    return lines.join(u'\n');
}

} // namespace Strata
