// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgpsqloutput.h"

#include <QRegularExpression>
#include <QStringList>

namespace Strata::Postgres::Internal {

namespace {

bool isFrameChar(QChar c)
{
    return c == u'|' || c == u'│' || c == u'║' || c == u'┃';
}

bool isRuleChar(QChar c)
{
    // '-', '+', '=' and the Unicode box-drawing block (─ ═ ┼ ╪ ┌ ┐ └ ┘ ├ ┤ ...).
    return c == u'-' || c == u'+' || c == u'=' || c == u' ' || c == u'|' ||
           (c.unicode() >= 0x2500 && c.unicode() <= 0x257F);
}

bool isFooter(const QString &trimmed)
{
    if (!trimmed.startsWith(u'(') || !trimmed.endsWith(u')'))
        return false;
    static const QRegularExpression footer(QStringLiteral("^\\(\\d+ [^()\\d]+\\)$"));
    return footer.match(trimmed).hasMatch();
}

bool isHeader(const QString &trimmed)
{
    if (!trimmed.contains(QLatin1String("QUERY PLAN")))
        return false;
    QString t = trimmed;
    if (!t.isEmpty() && isFrameChar(t.front()))
        t.remove(0, 1);
    if (!t.isEmpty() && isFrameChar(t.back()))
        t.chop(1);
    return t.trimmed() == QLatin1String("QUERY PLAN");
}

QString stripFrame(const QString &line)
{
    const QString t = line.trimmed();
    if (t.size() >= 2 && isFrameChar(t.front()) && isFrameChar(t.back())) {
        const int first = line.indexOf(t.front());
        const int last = line.lastIndexOf(t.back());
        return line.mid(first + 1, last - first - 1);
    }
    return line;
}

void chopTrailingSpace(QString &s)
{
    int n = int(s.size());
    while (n > 0 && s.at(n - 1).isSpace())
        --n;
    s.truncate(n);
}

} // namespace

bool PgPsqlOutput::isRuleLine(const QString &line)
{
    bool anyRule = false;
    for (QChar c : line) {
        if (!isRuleChar(c))
            return false;
        if (c != u' ')
            anyRule = true;
    }
    return anyRule;
}

QString PgPsqlOutput::plainText(const QString &pasted)
{
    QStringList lines = pasted.split(u'\n');
    bool psql = false;
    QStringList kept;
    kept.reserve(lines.size());
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (isHeader(trimmed) || isFooter(trimmed)) {
            psql = true;
            continue;
        }
        if (!trimmed.isEmpty() && isRuleLine(trimmed) && trimmed.size() > 1 &&
            !trimmed.startsWith(QLatin1String("->"))) {
            psql = true;
            continue;
        }
        const QString unframed = stripFrame(line);
        if (unframed.size() != line.size())
            psql = true;
        kept.append(unframed);
    }
    // DBeaver and similar grids end every line with a "|" but do not start it with one.
    int barLines = 0;
    int nonEmpty = 0;
    for (QString &line : kept) {
        chopTrailingSpace(line);
        if (line.isEmpty())
            continue;
        ++nonEmpty;
        if (line.endsWith(u'|'))
            ++barLines;
    }
    if (nonEmpty > 0 && barLines * 2 > nonEmpty) {
        for (QString &line : kept) {
            if (line.endsWith(u'|')) {
                line.chop(1);
                chopTrailingSpace(line);
            }
        }
    }
    // psql marks continued lines of a multi-line cell with "+" (ascii) or "↵" (unicode) in the
    // border column.
    int plusLines = 0;
    for (const QString &line : kept) {
        if (line.endsWith(u'+') || line.endsWith(u'↵'))
            ++plusLines;
    }
    if (psql || (nonEmpty > 1 && plusLines * 2 >= nonEmpty)) {
        for (QString &line : kept) {
            if (line.endsWith(u'+') || line.endsWith(u'↵')) {
                line.chop(1);
                chopTrailingSpace(line);
            }
        }
    }
    // psql indents every cell line by one space (border 1); drop it when all lines have it.
    bool allIndented = nonEmpty > 0;
    for (const QString &line : kept) {
        if (!line.isEmpty() && !line.startsWith(u' '))
            allIndented = false;
    }
    if (allIndented) {
        for (QString &line : kept) {
            if (!line.isEmpty())
                line.remove(0, 1);
        }
    }
    while (!kept.isEmpty() && kept.first().trimmed().isEmpty())
        kept.removeFirst();
    while (!kept.isEmpty() && kept.last().trimmed().isEmpty())
        kept.removeLast();
    return kept.join(u'\n');
}

} // namespace Strata::Postgres::Internal
