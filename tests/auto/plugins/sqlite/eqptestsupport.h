// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs EXPLAIN QUERY PLAN through the engine's session (an in-memory database) and reads the
// shared eqp_cases.json corpus, for the SQLite plan tests.

#include "plancorpus.h"
#include "sqlitesession.h"

#include "export/copyformat.h"
#include "results/resultset.h"

#include <QRegularExpression>

namespace Strata::Sqlite::Test {

// An in-memory database with schema run in it, or the error.
inline Result<void> openMemory(Internal::SqliteSession &session, const QStringList &schema = {})
{
    ConnectionSettings settings;
    settings.engine = QStringLiteral("sqlite");
    settings.database = QStringLiteral(":memory:");
    if (Result<void> opened = session.open(settings); !opened)
        return opened;
    for (const QString &sql : schema) {
        CollectingSink sink;
        if (Result<void> ran = session.execute(sql, {}, sink); !ran)
            return ran;
    }
    return {};
}

// The result of statement as Strata's "Copy as TSV with header" puts it on the clipboard.
inline Result<QString> resultAsTabText(Internal::SqliteSession &session, const QString &statement,
                                       const QVariantList &parameters = {})
{
    CollectingSink sink;
    if (Result<void> ran = session.execute(statement, parameters, sink); !ran)
        return ran.error();
    if (sink.results().isEmpty())
        return Error(Error::Code::Generic, QStringLiteral("no result"));
    const ResultSet &result = sink.results().constLast();
    QList<CopyRow> rows;
    for (qint64 r = 0; r < result.rowCount(); ++r) {
        CopyRow row;
        for (int c = 0; c < result.columns.size(); ++c)
            row.append(result.isNull(r, c) ? CopyCell::null()
                                           : CopyCell::value(result.raw(r, c).toByteArray()));
        rows.append(row);
    }
    return CopyFormat::tsv(result.columns, rows, true);
}

// The expectations name subqueries "xxxxxx" where SQLite prints a number.
inline QString withoutSubqueryNumbers(QString tree)
{
    static const QRegularExpression generated(QStringLiteral("subquery-\\d+"));
    static const QRegularExpression numbered(QStringLiteral("(SUBQUERY) \\d+$"),
                                             QRegularExpression::MultilineOption);
    tree.replace(generated, QStringLiteral("subquery-xxxxxx"));
    tree.replace(numbered, QStringLiteral("\\1 xxxxxx"));
    return tree;
}

struct EqpCase
{
    QString id;
    QStringList schema;
    QString sql;
    QString expected;
};

inline QList<EqpCase> eqpCases()
{
    QList<EqpCase> cases;
    const QString text =
        Strata::Test::readCorpusFile(Strata::Test::explainCorpusDir(QStringLiteral("sqlite")) +
                                     QStringLiteral("/eqp_cases.json"));
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        EqpCase c;
        c.id = o.value(QLatin1String("id")).toString();
        for (const QJsonValue &s : o.value(QLatin1String("schema")).toArray())
            c.schema.append(s.toString());
        c.sql = o.value(QLatin1String("sql")).toString();
        c.expected = o.value(QLatin1String("expected_eqp")).toString();
        cases.append(c);
    }
    return cases;
}

} // namespace Strata::Sqlite::Test
