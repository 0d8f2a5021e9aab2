// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace Strata::MySql::Internal {

// Reading the figures of MySQL and MariaDB plans, which come as JSON numbers or as strings
// ("1.00", "256KiB").
class MySqlPlanValues
{
public:
    // A finite number from a JSON number or a numeric string, else nullopt.
    static std::optional<double> number(const QJsonValue &value);
    // A buffer size ("480" bytes, "10KiB", "2Kb", "1MiB", "1Gb") in kB, rounded up.
    static std::optional<qint64> kilobytes(const QJsonValue &value);
};

} // namespace Strata::MySql::Internal
