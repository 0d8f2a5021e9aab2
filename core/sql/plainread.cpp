// SPDX-License-Identifier: GPL-3.0-or-later
#include "plainread.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {

// The words of sql outside comments and quotes, upper case, plus "=" for an equals sign.
QStringList words(const QString &sql)
{
    QStringList out;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = sql.at(i);
        if (c == u'-' && i + 1 < n && sql.at(i + 1) == u'-') {
            while (i < n && sql.at(i) != u'\n')
                ++i;
        } else if (c == u'#') { // MySQL comment; elsewhere harmless to skip
            while (i < n && sql.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && sql.at(i + 1) == u'*') {
            const qsizetype end = sql.indexOf(u"*/"_s, i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == u'\'' || c == u'"' || c == u'`') {
            ++i;
            while (i < n) {
                if (sql.at(i) == c) {
                    if (i + 1 < n && sql.at(i + 1) == c) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (c == u'\'' && sql.at(i) == u'\\')
                    ++i;
                ++i;
            }
            ++i;
        } else if (c.isLetter() || c == u'_') {
            const qsizetype start = i;
            while (i < n && (sql.at(i).isLetterOrNumber() || sql.at(i) == u'_' || sql.at(i) == u'$'))
                ++i;
            out << sql.mid(start, i - start).toUpper();
        } else {
            if (c == u'=')
                out << u"="_s;
            else if (c == u';')
                out << u";"_s;
            ++i;
        }
    }
    // Trailing semicolons end the statement; anything after one is another statement.
    while (!out.isEmpty() && out.constLast() == u";")
        out.removeLast();
    return out;
}

} // namespace

bool isPlainRead(const QString &sql)
{
    const QStringList w = words(sql);
    if (w.isEmpty() || w.contains(u";"_s))
        return false;
    const QString &first = w.constFirst();
    if (first == u"SHOW" || first == u"DESCRIBE" || first == u"DESC")
        return true;
    if (first == u"PRAGMA")
        return !w.contains(u"="_s);
    if (first == u"EXPLAIN") {
        if (w.contains(u"ANALYZE"_s) || w.contains(u"ANALYSE"_s))
            return false;
    } else if (first != u"SELECT" && first != u"WITH" && first != u"VALUES" && first != u"TABLE") {
        return false;
    }
    static const QStringList writes = {u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s, u"MERGE"_s,
                                       u"INTO"_s, u"SHARE"_s, u"CREATE"_s, u"DROP"_s,
                                       u"ALTER"_s, u"TRUNCATE"_s, u"GRANT"_s, u"REVOKE"_s,
                                       u"CALL"_s, u"LOCK"_s};
    for (const QString &word : w) {
        if (writes.contains(word))
            return false;
    }
    return true;
}

} // namespace Strata
