// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlsplitter_p.h"

#include "statementbuilder_p.h"

namespace Strata::Internal {

namespace {

bool isHorizontalSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') ||
           c == QLatin1Char('\f') || c == QLatin1Char('\v');
}

// Scans a script the way the mysql/mariadb command-line client does.
class MySqlScanner
{
public:
    explicit MySqlScanner(const QString &sql)
        : m_sql(sql)
        , m_data(sql.constData())
        , m_size(int(sql.size()))
        , m_builder(sql)
    {}

    QList<SqlStatement> run()
    {
        while (m_pos < m_size) {
            if ((m_pos == 0 || m_data[m_pos - 1] == QLatin1Char('\n')) && tryDelimiterCommand())
                continue;
            const QChar c = m_data[m_pos];
            if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
                skipQuoted(c);
                m_hasCode = true;
            } else if (c == QLatin1Char('#') || isDashDashComment()) {
                skipToLineEnd();
            } else if (c == QLatin1Char('/') && peek(1) == QLatin1Char('*')) {
                // /*! ... */ and /*+ ... */ are executed by the server: they count as code.
                if (peek(2) == QLatin1Char('!') || peek(2) == QLatin1Char('+'))
                    m_hasCode = true;
                skipBlockComment();
            } else if (c == m_delimiter.front() &&
                       QStringView(m_sql).mid(m_pos, m_delimiter.size()) == m_delimiter) {
                m_builder.add(m_start, m_pos, m_hasCode);
                m_pos += int(m_delimiter.size());
                m_start = m_pos;
                m_hasCode = false;
            } else {
                if (!c.isSpace())
                    m_hasCode = true;
                ++m_pos;
            }
        }
        m_builder.add(m_start, m_size, m_hasCode);
        return m_builder.take();
    }

private:
    QChar peek(int ahead) const { return m_pos + ahead < m_size ? m_data[m_pos + ahead] : QChar(); }

    // "-- " needs a space or control character after the dashes (MySQL rule).
    bool isDashDashComment() const
    {
        if (m_data[m_pos] != QLatin1Char('-') || peek(1) != QLatin1Char('-'))
            return false;
        const QChar next = peek(2);
        return next.isNull() || next.unicode() <= 0x20;
    }

    void skipToLineEnd()
    {
        while (m_pos < m_size && m_data[m_pos] != QLatin1Char('\n'))
            ++m_pos;
    }

    void skipBlockComment()
    {
        const int close = int(m_sql.indexOf(QLatin1String("*/"), m_pos + 2));
        m_pos = close < 0 ? m_size : close + 2;
    }

    // Backslash escapes (not in backtick identifiers) and doubled quotes; unterminated runs to the
    // end.
    void skipQuoted(QChar quote)
    {
        const bool backslashEscapes = quote != QLatin1Char('`');
        ++m_pos;
        while (m_pos < m_size) {
            const QChar c = m_data[m_pos];
            if (backslashEscapes && c == QLatin1Char('\\')) {
                m_pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    m_pos += 2;
                } else {
                    ++m_pos;
                    return;
                }
            } else {
                ++m_pos;
            }
        }
        m_pos = m_size;
    }

    // A line of its own: DELIMITER <terminator>. The line itself is no statement.
    bool tryDelimiterCommand()
    {
        static const QLatin1String keyword("delimiter");
        int i = m_pos;
        while (i < m_size && isHorizontalSpace(m_data[i]))
            ++i;
        if (QStringView(m_sql).mid(i, keyword.size()).compare(keyword, Qt::CaseInsensitive) != 0)
            return false;
        i += int(keyword.size());
        if (i >= m_size || !isHorizontalSpace(m_data[i]))
            return false;
        while (i < m_size && isHorizontalSpace(m_data[i]))
            ++i;
        const int tokenBegin = i;
        while (i < m_size && !m_data[i].isSpace())
            ++i;
        const int tokenEnd = i;
        while (i < m_size && isHorizontalSpace(m_data[i]))
            ++i;
        if (tokenEnd == tokenBegin || (i < m_size && m_data[i] != QLatin1Char('\n')))
            return false;

        m_builder.add(m_start, m_pos, m_hasCode);
        m_delimiter = m_sql.mid(tokenBegin, tokenEnd - tokenBegin);
        m_pos = i;
        m_start = i;
        m_hasCode = false;
        return true;
    }

    const QString &m_sql;
    const QChar *m_data;
    const int m_size;
    StatementBuilder m_builder;
    QString m_delimiter = QStringLiteral(";");
    int m_pos = 0;
    int m_start = 0;
    bool m_hasCode = false;
};

} // namespace

QList<SqlStatement> splitMySql(const QString &sql)
{
    return MySqlScanner(sql).run();
}

} // namespace Strata::Internal
