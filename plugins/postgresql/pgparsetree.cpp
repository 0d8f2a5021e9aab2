// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgparsetree.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <pg_query.h>

#include <algorithm>

namespace Strata::Postgres::Internal {

PgParseTree::PgParseTree(const QString &sql)
    : m_utf8(sql.toUtf8())
{
    m_lineStarts.append(0);
    for (int i = 0; i < m_utf8.size(); ++i) {
        if (m_utf8.at(i) == '\n')
            m_lineStarts.append(i + 1);
    }
    const PgQueryParseResult result = pg_query_parse(m_utf8.constData());
    if (result.error) {
        m_error = QString::fromUtf8(result.error->message);
        // cursorpos is 1-based, in bytes; 0 when the parser gave none.
        m_errorLine = lineOf(qMax(0, result.error->cursorpos - 1));
        pg_query_free_parse_result(result);
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(result.parse_tree));
    pg_query_free_parse_result(result);
    const QJsonArray statements = document.object().value(QLatin1String("stmts")).toArray();
    m_statements.reserve(statements.size());
    for (const QJsonValue &value : statements) {
        const QJsonObject raw = value.toObject();
        const QJsonValue wrapped = raw.value(QLatin1String("stmt"));
        Statement statement;
        statement.kind = kindOf(wrapped);
        statement.node = fieldsOf(wrapped);
        statement.location = skipSpaceAndComments(raw.value(QLatin1String("stmt_location")).toInt());
        statement.line = lineOf(statement.location);
        m_statements.append(statement);
    }
}

int PgParseTree::lineOf(int location, int fallbackLine) const
{
    if (location < 0)
        return fallbackLine;
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), location);
    return int(it - m_lineStarts.cbegin());
}

// stmt_location is where the previous statement's ';' ended: skip to the first token.
int PgParseTree::skipSpaceAndComments(int offset) const
{
    const int size = int(m_utf8.size());
    int i = qBound(0, offset, size);
    while (i < size) {
        const char c = m_utf8.at(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            ++i;
        } else if (c == '-' && i + 1 < size && m_utf8.at(i + 1) == '-') {
            while (i < size && m_utf8.at(i) != '\n')
                ++i;
        } else if (c == '/' && i + 1 < size && m_utf8.at(i + 1) == '*') {
            int depth = 1; // PostgreSQL block comments nest
            i += 2;
            while (i < size && depth > 0) {
                if (m_utf8.at(i) == '/' && i + 1 < size && m_utf8.at(i + 1) == '*') {
                    ++depth;
                    i += 2;
                } else if (m_utf8.at(i) == '*' && i + 1 < size && m_utf8.at(i + 1) == '/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            }
        } else {
            break;
        }
    }
    return i;
}

QString PgParseTree::kindOf(const QJsonValue &wrapped)
{
    const QJsonObject object = wrapped.toObject();
    return object.size() == 1 ? object.begin().key() : QString();
}

QJsonObject PgParseTree::fieldsOf(const QJsonValue &wrapped)
{
    const QJsonObject object = wrapped.toObject();
    return object.size() == 1 ? object.begin().value().toObject() : QJsonObject();
}

QString PgParseTree::lastName(const QJsonValue &names)
{
    const QJsonArray list = names.toArray();
    if (list.isEmpty())
        return QString();
    return fieldsOf(list.last()).value(QLatin1String("sval")).toString();
}

QString PgParseTree::joinedName(const QJsonValue &names)
{
    QStringList parts;
    const QJsonArray list = names.toArray();
    for (const QJsonValue &part : list)
        parts.append(fieldsOf(part).value(QLatin1String("sval")).toString());
    return parts.join(u'.');
}

} // namespace Strata::Postgres::Internal
