// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlplanvalues.h"

#include <QRegularExpression>

#include <cmath>

namespace Strata::MySql::Internal {

std::optional<double> MySqlPlanValues::number(const QJsonValue &value)
{
    double d = 0;
    if (value.isDouble()) {
        d = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        d = value.toString().trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(d))
        return std::nullopt;
    return d;
}

std::optional<qint64> MySqlPlanValues::kilobytes(const QJsonValue &value)
{
    if (const std::optional<double> bytes = number(value)) {
        if (*bytes < 0 || *bytes > 1e18)
            return std::nullopt;
        return qint64(std::ceil(*bytes / 1024.0));
    }
    static const QRegularExpression sized(
        QStringLiteral(R"re(^\s*(\d+(?:\.\d+)?)\s*([KMGT])i?B?\s*$)re"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = sized.match(value.toString());
    if (!m.hasMatch())
        return std::nullopt;
    double kb = m.captured(1).toDouble();
    const QChar unit = m.captured(2).at(0).toUpper();
    if (unit == u'M')
        kb *= 1024.0;
    else if (unit == u'G')
        kb *= 1024.0 * 1024.0;
    else if (unit == u'T')
        kb *= 1024.0 * 1024.0 * 1024.0;
    if (kb > 1e15)
        return std::nullopt;
    return qint64(std::ceil(kb));
}

} // namespace Strata::MySql::Internal
