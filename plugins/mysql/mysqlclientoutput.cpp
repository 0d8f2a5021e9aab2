// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlclientoutput.h"

#include <QRegularExpression>
#include <QStringList>

namespace Strata::MySql::Internal {

namespace {

bool isRule(const QString &trimmed)
{
    static const QRegularExpression rule(QStringLiteral(R"re(^\+[-+]*\+$)re"));
    return trimmed.size() > 1 && rule.match(trimmed).hasMatch();
}

bool isRowMarker(const QString &trimmed)
{
    static const QRegularExpression marker(QStringLiteral(R"re(^\*+ \d+\. row \*+$)re"));
    return marker.match(trimmed).hasMatch();
}

// "1 row in set (0.01 sec)", "mysql> EXPLAIN ...", "MariaDB [shop]> ANALYZE ...".
bool isClientChatter(const QString &trimmed)
{
    static const QRegularExpression chatter(
        QStringLiteral(R"re(^(\d+ rows? in set\b.*|(mysql|MariaDB( \[[^\]]*\])?)> .*)$)re"));
    return chatter.match(trimmed).hasMatch();
}

// The column header the server gives an EXPLAIN result, alone on its line (maybe framed).
bool isHeader(const QString &trimmed)
{
    QString t = trimmed;
    if (t.startsWith(u'|') && t.endsWith(u'|') && t.size() >= 2)
        t = t.mid(1, t.size() - 2).trimmed();
    return t.compare(QLatin1String("EXPLAIN"), Qt::CaseInsensitive) == 0 ||
           t.compare(QLatin1String("ANALYZE"), Qt::CaseInsensitive) == 0;
}

} // namespace

bool MySqlClientOutput::isBatchEscaped(const QString &plain)
{
    return !plain.contains(u'\n') && plain.contains(QLatin1String("\\n"));
}

QString MySqlClientOutput::unescapeBatch(const QString &line)
{
    QString out;
    out.reserve(line.size());
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c != u'\\' || i + 1 >= line.size()) {
            out += c;
            continue;
        }
        const QChar next = line.at(++i);
        if (next == u'n')
            out += u'\n';
        else if (next == u't')
            out += u'\t';
        else if (next == u'0')
            out += QChar(0);
        else
            out += next;
    }
    return out;
}

QString MySqlClientOutput::plainText(const QString &pasted)
{
    QStringList lines = pasted.split(u'\n');
    QStringList kept;
    kept.reserve(lines.size());
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (isRule(trimmed) || isRowMarker(trimmed) || isHeader(trimmed) ||
            isClientChatter(trimmed))
            continue;
        kept.append(line);
    }
    while (!kept.isEmpty() && kept.first().trimmed().isEmpty())
        kept.removeFirst();
    while (!kept.isEmpty() && kept.last().trimmed().isEmpty())
        kept.removeLast();
    if (kept.isEmpty())
        return QString();

    // The table form frames the cell: "| " before its first line, " |" after its last one.
    QString &first = kept.first();
    const QString firstTrimmed = first.trimmed();
    if (firstTrimmed.startsWith(QLatin1String("| ")) || firstTrimmed == QLatin1String("|")) {
        const qsizetype bar = first.indexOf(u'|');
        first.remove(0, bar + 1);
        if (first.startsWith(u' '))
            first.remove(0, 1);
        QString &end = kept.last();
        while (!end.isEmpty() && end.back().isSpace())
            end.chop(1);
        if (end.endsWith(u'|')) {
            end.chop(1);
            while (!end.isEmpty() && end.back().isSpace())
                end.chop(1);
        }
    }
    // The \G form labels the cell with its column name.
    static const QRegularExpression label(QStringLiteral(R"re(^\s*(EXPLAIN|ANALYZE): )re"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = label.match(first);
    if (m.hasMatch())
        first.remove(0, m.capturedLength());
    return kept.join(u'\n');
}

} // namespace Strata::MySql::Internal
