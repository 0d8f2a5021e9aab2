// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtextproperties.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

namespace Strata::Postgres::Internal {

namespace {

QString capitalized(const QString &word)
{
    if (word.isEmpty())
        return word;
    return word.left(1).toUpper() + word.mid(1);
}

// "shared hit=1 read=2, local hit=3, temp read=4 written=5" → Shared Hit Blocks ...
void readBuffers(const QString &value, QJsonObject &out)
{
    for (const QString &group : value.split(u',', Qt::SkipEmptyParts)) {
        const QStringList words = group.simplified().split(u' ');
        if (words.isEmpty())
            continue;
        const QString kind = capitalized(words.first());
        // EXPLAIN prints only the non-zero counters; its JSON format has all of them.
        for (const char *counter :
             {" Hit Blocks", " Read Blocks", " Dirtied Blocks", " Written Blocks"}) {
            if (!out.contains(kind + QLatin1String(counter)))
                out.insert(kind + QLatin1String(counter), 0);
        }
        for (int i = 1; i < words.size(); ++i) {
            const QString what = words.at(i).section(u'=', 0, 0);
            const QString amount = words.at(i).section(u'=', 1);
            out.insert(kind + u' ' + capitalized(what) + QLatin1String(" Blocks"),
                       amount.toDouble());
        }
    }
}

// "read=1.2 write=3.4" (before 16) or "shared read=1.2 write=3.4, temp read=..." (16+).
void readIoTimings(const QString &value, QJsonObject &out)
{
    for (const QString &group : value.split(u',', Qt::SkipEmptyParts)) {
        QStringList words = group.simplified().split(u' ');
        QString kind;
        if (!words.isEmpty() && !words.first().contains(u'=')) {
            kind = capitalized(words.takeFirst()) + u' ';
        }
        for (const QString &w : words) {
            const QString what = capitalized(w.section(u'=', 0, 0));
            out.insert(kind + QLatin1String("I/O ") + what + QLatin1String(" Time"),
                       w.section(u'=', 1).toDouble());
        }
    }
}

// "records=2 fpi=0 bytes=120" → WAL Records ... ; "exact=2 lossy=3" → Exact Heap Blocks ...
void readPairs(const QString &value, const QString &prefix, const QString &suffix, QJsonObject &out)
{
    for (const QString &w : value.simplified().split(u' ', Qt::SkipEmptyParts)) {
        QString what = w.section(u'=', 0, 0);
        what = what == QLatin1String("fpi") ? QStringLiteral("FPI") : capitalized(what);
        out.insert(prefix + what + suffix, PgTextProperties::scalar(w.section(u'=', 1)));
    }
}

// Lines holding several "Key: value" pairs separated by two spaces, with the names
// EXPLAIN's JSON format uses for them.
bool readMultiPair(const QString &text, QJsonObject &out)
{
    static const QRegularExpression sort(
        QStringLiteral(R"re(^Sort Method:\s+(.+?)\s+(Memory|Disk):\s+(\d+)kB$)re"));
    static const QRegularExpression buckets(QStringLiteral(
        R"re(^Buckets:\s+(\d+)(?:\s+\(originally (\d+)\))?\s+Batches:\s+(\d+)(?:\s+\(originally (\d+)\))?\s+Memory Usage:\s+(\d+)kB$)re"));
    const bool maybeSort = text.startsWith(QLatin1String("Sort Method:"));
    const bool maybeBuckets = text.startsWith(QLatin1String("Buckets:"));
    if (const auto m = maybeSort ? sort.match(text) : QRegularExpressionMatch(); m.hasMatch()) {
        out.insert(QStringLiteral("Sort Method"), m.captured(1));
        out.insert(QStringLiteral("Sort Space Type"), m.captured(2));
        out.insert(QStringLiteral("Sort Space Used"), m.captured(3).toDouble());
        return true;
    }
    if (const auto m = maybeBuckets ? buckets.match(text) : QRegularExpressionMatch();
        m.hasMatch()) {
        out.insert(QStringLiteral("Hash Buckets"), m.captured(1).toDouble());
        out.insert(QStringLiteral("Original Hash Buckets"),
                   (m.captured(2).isEmpty() ? m.captured(1) : m.captured(2)).toDouble());
        out.insert(QStringLiteral("Hash Batches"), m.captured(3).toDouble());
        out.insert(QStringLiteral("Original Hash Batches"),
                   (m.captured(4).isEmpty() ? m.captured(3) : m.captured(4)).toDouble());
        out.insert(QStringLiteral("Peak Memory Usage"), m.captured(5).toDouble());
        return true;
    }
    // Memoize: "Hits: 998  Misses: 2  Evictions: 0  Overflows: 0  Memory Usage: 1kB";
    // HashAggregate: "Planned Partitions: 32  Batches: 193  Memory Usage: 4153kB  Disk Usage:
    // 31752kB".
    if (!text.contains(QLatin1String("  ")))
        return false;
    const bool cache = text.startsWith(QLatin1String("Hits: "));
    const bool hashAgg = text.startsWith(QLatin1String("Planned Partitions: ")) ||
                         text.startsWith(QLatin1String("Batches: "));
    if (!cache && !hashAgg)
        return false;
    static const QRegularExpression pair(QStringLiteral(R"re(([A-Za-z ]+):\s+(\d+)(kB)?)re"));
    auto it = pair.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString key = m.captured(1).trimmed();
        const double value = m.captured(2).toDouble();
        if (key == QLatin1String("Memory Usage"))
            out.insert(QStringLiteral("Peak Memory Usage"), value);
        else if (cache)
            out.insert(QLatin1String("Cache ") + key, value);
        else if (key == QLatin1String("Batches"))
            out.insert(QStringLiteral("HashAgg Batches"), value);
        else
            out.insert(key, value);
    }
    return !out.isEmpty();
}

} // namespace

QJsonValue PgTextProperties::scalar(const QString &text)
{
    QString t = text.trimmed();
    if (t == QLatin1String("true"))
        return true;
    if (t == QLatin1String("false"))
        return false;
    if (t.endsWith(QLatin1String(" ms")))
        t.chop(3);
    bool ok = false;
    const double d = t.toDouble(&ok);
    if (ok && !t.isEmpty() && (t.at(0).isDigit() || t.at(0) == u'-'))
        return d;
    return text.trimmed();
}

QStringList PgTextProperties::splitList(const QString &text)
{
    QStringList items;
    int depth = 0;
    QChar quote;
    QString current;
    for (QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            --depth;
        } else if (c == u',' && depth <= 0) {
            items.append(current.trimmed());
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        items.append(current.trimmed());
    return items;
}

QJsonObject PgTextProperties::read(const QString &line)
{
    const QString text = line.trimmed();
    QJsonObject out;
    if (readMultiPair(text, out))
        return out;
    const qsizetype colon = text.indexOf(QLatin1String(": "));
    if (colon <= 0)
        return out;
    const QString key = text.left(colon);
    const QString value = text.mid(colon + 2).trimmed();
    if (key == QLatin1String("Buffers")) {
        readBuffers(value, out);
    } else if (key == QLatin1String("I/O Timings")) {
        readIoTimings(value, out);
    } else if (key == QLatin1String("WAL")) {
        readPairs(value, QStringLiteral("WAL "), QString(), out);
    } else if (key == QLatin1String("Heap Blocks")) {
        readPairs(value, QString(), QStringLiteral(" Heap Blocks"), out);
    } else if (key == QLatin1String("Sort Key") || key == QLatin1String("Group Key") ||
               key == QLatin1String("Output") || key == QLatin1String("Presorted Key") ||
               key == QLatin1String("Hash Key")) {
        out.insert(key, QJsonArray::fromStringList(splitList(value)));
    } else {
        out.insert(key, scalar(value));
    }
    return out;
}

} // namespace Strata::Postgres::Internal
