// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/lintsuppressions.h"

#include <QRegularExpression>

#include <limits>

namespace Strata {

namespace {

// The rule ids each rule's words are parsed into; eugene codes become ours.
QStringList parseRuleList(const QString &list, bool eugene, bool *all)
{
    QStringList rules;
    const QStringList words = list.split(QRegularExpression(QStringLiteral("[\\s,]+")),
                                         Qt::SkipEmptyParts);
    if (words.isEmpty()) {
        *all = true;
        return rules;
    }
    for (const QString &word : words) {
        if (eugene)
            rules += LintSuppressions::rulesForEugeneHint(word);
        else
            rules.append(word.toLower());
    }
    return rules;
}

} // namespace

QStringList LintSuppressions::rulesForEugeneHint(const QString &code)
{
    static const QHash<QString, QStringList> map = {
        {QStringLiteral("E1"), {QStringLiteral("constraint-missing-not-valid")}},
        {QStringLiteral("E2"), {QStringLiteral("adding-not-nullable-field")}},
        {QStringLiteral("E3"), {QStringLiteral("prefer-jsonb")}},
        {QStringLiteral("E4"), {QStringLiteral("statement-after-exclusive-lock")}},
        {QStringLiteral("E5"), {QStringLiteral("changing-column-type")}},
        {QStringLiteral("E6"), {QStringLiteral("require-concurrent-index-creation")}},
        {QStringLiteral("E7"), {QStringLiteral("disallowed-unique-constraint")}},
        {QStringLiteral("E8"), {QStringLiteral("ban-exclusion-constraint")}},
        {QStringLiteral("E9"), {QStringLiteral("require-timeout-settings")}},
        {QStringLiteral("E10"), {QStringLiteral("rewrite-while-holding-lock")}},
        {QStringLiteral("E11"), {QStringLiteral("adding-serial-or-generated-column")}},
        {QStringLiteral("E15"), {QStringLiteral("foreign-key-missing-index")}},
        {QStringLiteral("W12"), {QStringLiteral("combine-alter-table")}},
        {QStringLiteral("W13"), {QStringLiteral("avoid-enum-type")}},
        {QStringLiteral("W14"), {QStringLiteral("primary-key-using-index-nullable")}},
    };
    return map.value(code.toUpper());
}

void LintSuppressions::addSection(const QString &file, int firstLine, const QString &sql,
                                  SqlDialect dialect)
{
    static const QRegularExpression marker(
        QStringLiteral(R"(^\s*--\s*(strata-lint|eugene)\s*:\s*ignore(?![\w-])(.*)$)"),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    if (!sql.contains(QLatin1String("ignore"), Qt::CaseInsensitive))
        return;
    // `-- strata-lint: ignore-file rule, ...` anywhere in the section: the whole file.
    static const QRegularExpression fileMarker(
        QStringLiteral(R"(^\s*--\s*strata-lint\s*:\s*ignore-file(?![\w-])(.*)$)"),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatchIterator files = fileMarker.globalMatch(sql);
    while (files.hasNext()) {
        bool all = false;
        Range range;
        range.firstLine = 0;
        range.lastLine = std::numeric_limits<int>::max();
        range.rules = parseRuleList(files.next().captured(1), false, &all);
        if (all)
            range.rules.clear();
        m_ranges[file].append(range);
    }
    const QList<SqlStatement> statements = StatementSplitter::split(sql, dialect);
    int gapBegin = 0;
    for (const SqlStatement &statement : statements) {
        // The ignore comments sit between the previous statement and this one's code: the
        // splitter keeps leading comment lines in the statement's text.
        QString gap = sql.mid(gapBegin, statement.offset - gapBegin);
        gapBegin = statement.offset + statement.length;
        const QStringList lines = statement.text.split(u'\n');
        for (const QString &line : lines) {
            const QString trimmed = line.trimmed();
            if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1String("--")))
                break;
            gap += u'\n' + line;
        }
        if (!gap.contains(QLatin1String("ignore"), Qt::CaseInsensitive))
            continue;
        Range range;
        bool any = false;
        bool all = false;
        QRegularExpressionMatchIterator it = marker.globalMatch(gap);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const bool eugene = match.captured(1).compare(QLatin1String("eugene"), Qt::CaseInsensitive) == 0;
            range.rules += parseRuleList(match.captured(2), eugene, &all);
            any = true;
        }
        if (!any)
            continue;
        if (all)
            range.rules.clear();
        range.firstLine = firstLine + statement.line - 1;
        range.lastLine = range.firstLine + int(statement.text.count(u'\n'));
        m_ranges[file].append(range);
    }
}

bool LintSuppressions::isSuppressed(const LintFinding &finding) const
{
    const auto found = m_ranges.constFind(finding.file);
    if (found == m_ranges.constEnd())
        return false;
    for (const Range &range : *found) {
        if (finding.line < range.firstLine || finding.line > range.lastLine)
            continue;
        if (range.rules.isEmpty() || range.rules.contains(finding.rule))
            return true;
    }
    return false;
}

QList<LintFinding> LintSuppressions::filter(const QList<LintFinding> &findings) const
{
    if (m_ranges.isEmpty())
        return findings;
    QList<LintFinding> kept;
    kept.reserve(findings.size());
    for (const LintFinding &finding : findings) {
        if (!isSuppressed(finding))
            kept.append(finding);
    }
    return kept;
}

} // namespace Strata
