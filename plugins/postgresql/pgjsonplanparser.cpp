// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgjsonplanparser.h"

#include "pgplankeys.h"
#include "pgpsqloutput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Strata::Postgres::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgJsonPlanParser)
};

const QString plansKey = QStringLiteral("Plans");
const QString planKey = QStringLiteral("Plan");
const QString nodeTypeKey = QStringLiteral("Node Type");

Error notAPlan(const QString &why)
{
    return Error(Error::Code::InvalidArgument, Tr::tr("not an EXPLAIN plan: %1").arg(why));
}

// Depth-first, parents before children, without recursion (fuzzed input can nest deeply).
Result<void> readNodes(const QJsonObject &rootObject, Plan &plan)
{
    struct Pending
    {
        QJsonObject object;
        int parentId;
    };
    QList<Pending> stack{{rootObject, -1}};
    while (!stack.isEmpty()) {
        const Pending pending = stack.takeLast();
        const QJsonValue type = pending.object.value(nodeTypeKey);
        if (!type.isString() || type.toString().isEmpty())
            return notAPlan(Tr::tr("a plan node has no \"Node Type\""));
        PlanNode node;
        QJsonArray children;
        for (auto it = pending.object.constBegin(); it != pending.object.constEnd(); ++it) {
            if (it.key() == plansKey && it.value().isArray())
                children = it.value().toArray();
            else
                PgPlanKeys::assign(node, it.key(), it.value());
        }
        const int id = plan.addNode(std::move(node), pending.parentId);
        for (qsizetype i = children.size() - 1; i >= 0; --i) {
            if (!children.at(i).isObject())
                return notAPlan(Tr::tr("\"Plans\" holds something other than plan nodes"));
            stack.append({children.at(i).toObject(), id});
        }
    }
    return {};
}

// Where the first line that opens a JSON document starts, or -1.
qsizetype jsonStart(const QString &text)
{
    qsizetype lineStart = 0;
    while (lineStart < text.size()) {
        qsizetype i = lineStart;
        while (i < text.size() && (text.at(i) == u' ' || text.at(i) == u'\t'))
            ++i;
        if (i < text.size() && (text.at(i) == u'{' || text.at(i) == u'['))
            return lineStart;
        const qsizetype next = text.indexOf(u'\n', lineStart);
        if (next < 0)
            break;
        lineStart = next + 1;
    }
    return -1;
}

std::optional<double> number(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    return std::nullopt;
}

} // namespace

bool PgJsonPlanParser::looksLikeJson(const QString &text)
{
    const QString head = text.left(200).trimmed();
    if (head.startsWith(u'[') || head.startsWith(u'{'))
        return true;
    if (head.contains(QLatin1String("plan:")) && jsonStart(text) > 0)
        return true;
    const QString plain = PgPsqlOutput::plainText(text.left(64 * 1024)).trimmed();
    return plain.startsWith(u'[') || plain.startsWith(u'{');
}

Result<Plan> PgJsonPlanParser::parse(const QString &text)
{
    if (text.trimmed().isEmpty())
        return notAPlan(Tr::tr("the input is empty"));
    // Plain JSON first (the common case, and the fast one for huge plans); then the text
    // without what psql or a GUI client wrapped around it.
    QJsonParseError rawError;
    QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &rawError);
    if (doc.isNull()) {
        QJsonParseError error;
        doc = QJsonDocument::fromJson(PgPsqlOutput::plainText(text).toUtf8(), &error);
        // auto_explain in a server log: "LOG:  duration: 1.2 ms  plan:" and the JSON below it.
        const qsizetype start = jsonStart(text);
        if (doc.isNull() && start > 0)
            doc = QJsonDocument::fromJson(PgPsqlOutput::plainText(text.mid(start)).toUtf8());
        if (doc.isNull())
            return notAPlan(Tr::tr("invalid JSON at offset %1 (%2)")
                                .arg(error.offset)
                                .arg(error.errorString()));
    }
    QJsonObject statement;
    if (doc.isArray()) {
        const QJsonArray array = doc.array();
        if (array.isEmpty() || !array.first().isObject())
            return notAPlan(Tr::tr("the JSON array holds no plan object"));
        statement = array.first().toObject();
    } else {
        statement = doc.object();
    }
    return parseStatement(statement);
}

Result<Plan> PgJsonPlanParser::parseStatement(const QJsonObject &statement)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("json");
    QJsonObject root;
    if (statement.value(planKey).isObject()) {
        root = statement.value(planKey).toObject();
    } else if (statement.contains(nodeTypeKey)) {
        root = statement; // a bare node, as some tools copy it
    } else {
        return notAPlan(Tr::tr("the JSON document has no \"Plan\" object"));
    }
    if (const Result<void> read = readNodes(root, plan); !read)
        return read.error();
    if (root == statement)
        return plan;

    for (auto it = statement.constBegin(); it != statement.constEnd(); ++it) {
        const QString &key = it.key();
        const QJsonValue &value = it.value();
        if (key == planKey)
            continue;
        if (key == QLatin1String("Planning Time") && number(value)) {
            plan.planningMs = number(value);
        } else if ((key == QLatin1String("Execution Time") ||
                    key == QLatin1String("Total Runtime")) &&
                   number(value)) {
            plan.executionMs = number(value); // "Total Runtime" before PostgreSQL 9.4
        } else if (key == QLatin1String("Query Text") && value.isString()) {
            plan.queryText = value.toString();
        } else if (key == QLatin1String("Settings") && value.isObject()) {
            const QJsonObject settings = value.toObject();
            for (auto s = settings.constBegin(); s != settings.constEnd(); ++s)
                plan.settings.append({s.key(), s.value().isString()
                                                   ? s.value().toString()
                                                   : s.value().toVariant().toString()});
        } else if (key == QLatin1String("Triggers") && value.isArray()) {
            for (const QJsonValue &t : value.toArray()) {
                const QJsonObject o = t.toObject();
                Plan::Trigger trigger;
                trigger.name = o.value(QLatin1String("Trigger Name")).toString();
                trigger.relation = o.value(QLatin1String("Relation")).toString();
                trigger.timeMs = number(o.value(QLatin1String("Time")));
                trigger.calls = number(o.value(QLatin1String("Calls")));
                plan.triggers.append(trigger);
            }
        } else {
            plan.extra.append({key, value});
        }
    }
    return plan;
}

} // namespace Strata::Postgres::Internal
