// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlcatalogreader.h"

#include "mysqlcatalogbuilder.h"
#include "mysqldialect.h"

#include <QCoreApplication>

namespace Strata::MySql::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlCatalogReader)
};

// "%IN%" is replaced by one "?" parameter marker per schema in the list.
const char TablesSql[] =
    "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH,"
    " TABLE_COMMENT, TABLE_COLLATION FROM information_schema.TABLES"
    " WHERE TABLE_SCHEMA IN (%IN%)";

const char ViewsSql[] =
    "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS"
    " WHERE TABLE_SCHEMA IN (%IN%)";

const char ColumnsSql[] =
    "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
    " EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT, COLLATION_NAME, DATA_TYPE"
    " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (%IN%)"
    " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";

const char IndexesSql[] =
    "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME,"
    " SUB_PART, INDEX_TYPE, COLLATION%EXPR% FROM information_schema.STATISTICS"
    " WHERE TABLE_SCHEMA IN (%IN%) ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

const char KeysSql[] =
    "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME,"
    " k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,"
    " rc.UPDATE_RULE, rc.DELETE_RULE"
    " FROM information_schema.TABLE_CONSTRAINTS tc"
    " JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
    "  AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND k.TABLE_SCHEMA = tc.TABLE_SCHEMA"
    "  AND k.TABLE_NAME = tc.TABLE_NAME"
    " LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc"
    "  ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
    "  AND rc.TABLE_NAME = tc.TABLE_NAME"
    " WHERE tc.TABLE_SCHEMA IN (%IN%)"
    "  AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
    " ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION";

// MariaDB names check constraints per table and lists the table in CHECK_CONSTRAINTS.
const char MariaDbChecksSql[] =
    "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE"
    " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (%IN%)"
    " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME";

const char MySqlChecksSql[] =
    "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
    " FROM information_schema.TABLE_CONSTRAINTS tc"
    " JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
    "  AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
    " WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA IN (%IN%)"
    " ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME";

const char RoutinesSql[] =
    "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY,"
    " ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS FROM information_schema.ROUTINES"
    " WHERE ROUTINE_SCHEMA IN (%IN%) ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME";

const char ParametersSql[] =
    "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME,"
    " DTD_IDENTIFIER FROM information_schema.PARAMETERS"
    " WHERE SPECIFIC_SCHEMA IN (%IN%) AND ORDINAL_POSITION > 0"
    " ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION";

const char TriggersSql[] =
    "SELECT TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION,"
    " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA IN (%IN%)"
    " ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_ORDER";

} // namespace

MySqlCatalogReader::MySqlCatalogReader(ISession &session)
    : m_session(session)
{}

QStringList MySqlCatalogReader::systemSchemas()
{
    return {QStringLiteral("information_schema"), QStringLiteral("mysql"),
            QStringLiteral("performance_schema"), QStringLiteral("sys")};
}

Result<ResultSet> MySqlCatalogReader::query(const QString &sql, const QVariantList &parameters)
{
    ++m_queryCount;
    CollectingSink sink;
    if (Result<void> run = m_session.execute(sql, parameters, sink); !run)
        return run.error();
    QList<ResultSet> results = sink.takeResults();
    for (ResultSet &result : results) {
        if (result.summary.hasRows)
            return std::move(result);
    }
    return Error(Error::Code::Query, Tr::tr("A catalog query returned no result set."));
}

Result<ResultSet> MySqlCatalogReader::queryInSchemas(const QString &sqlWithIn,
                                                     const QStringList &schemas)
{
    QStringList marks;
    QVariantList parameters;
    for (const QString &schema : schemas) {
        marks.append(QStringLiteral("?"));
        parameters.append(schema);
    }
    QString sql = sqlWithIn;
    sql.replace(QLatin1String("%IN%"), marks.join(QLatin1String(", ")));
    return query(sql, parameters);
}

Result<Catalog> MySqlCatalogReader::read(const CatalogRequest &request)
{
    m_queryCount = 0;
    Catalog catalog;
    catalog.engine = QStringLiteral("mysql");
    catalog.serverVersion = m_session.serverVersion();
    const bool mariadb = catalog.serverVersion.startsWith(QLatin1String("MariaDB"));

    // 1: the current database and the schema list, whichever way it is chosen.
    QString schemaSql = QStringLiteral("SELECT 0, DATABASE() UNION ALL SELECT 1, SCHEMA_NAME FROM "
                                       "information_schema.SCHEMATA WHERE ");
    QVariantList parameters;
    if (!request.schemas.isEmpty()) {
        QStringList marks;
        for (const QString &schema : request.schemas) {
            marks.append(QStringLiteral("?"));
            parameters.append(schema);
        }
        schemaSql +=
            QLatin1String("SCHEMA_NAME IN (") + marks.join(QLatin1String(", ")) + QLatin1Char(')');
    } else if (request.allSchemas) {
        QStringList quoted;
        for (const QString &schema : systemSchemas())
            quoted.append(QLatin1Char('\'') + schema + QLatin1Char('\''));
        schemaSql += QLatin1String("SCHEMA_NAME NOT IN (") + quoted.join(QLatin1String(", ")) +
                     QLatin1Char(')');
    } else {
        schemaSql += QLatin1String("SCHEMA_NAME = DATABASE()");
    }
    Result<ResultSet> schemaRows = query(schemaSql, parameters);
    if (!schemaRows)
        return schemaRows.error();

    MySqlCatalogBuilder builder(mariadb);
    QStringList schemas;
    for (qint64 r = 0; r < schemaRows->rowCount(); ++r) {
        const QString name = MySqlCatalogBuilder::cell(*schemaRows, r, 1);
        if (MySqlCatalogBuilder::cell(*schemaRows, r, 0) == QLatin1String("0")) {
            catalog.database = name;
            continue;
        }
        // SCHEMATA compares case-insensitively; an explicit list keeps its exact names.
        if (!request.schemas.isEmpty() && !request.schemas.contains(name))
            continue;
        schemas.append(name);
        builder.addSchema(name);
    }
    if (schemas.isEmpty()) {
        catalog.queryCount = m_queryCount;
        return catalog;
    }

    QString indexesSql = QString::fromLatin1(IndexesSql);
    indexesSql.replace(QLatin1String("%EXPR%"),
                       mariadb ? QString() : QStringLiteral(", EXPRESSION"));
    struct Step
    {
        QString sql;
        void (MySqlCatalogBuilder::*add)(const ResultSet &);
    };
    const QList<Step> steps = {
        {QString::fromLatin1(TablesSql), &MySqlCatalogBuilder::addTables},
        {QString::fromLatin1(ViewsSql), &MySqlCatalogBuilder::addViews},
        {QString::fromLatin1(ColumnsSql), &MySqlCatalogBuilder::addColumns},
        {indexesSql, &MySqlCatalogBuilder::addIndexes},
        {QString::fromLatin1(KeysSql), &MySqlCatalogBuilder::addKeyConstraints},
        {QString::fromLatin1(mariadb ? MariaDbChecksSql : MySqlChecksSql),
         &MySqlCatalogBuilder::addChecks},
        {QString::fromLatin1(TriggersSql), &MySqlCatalogBuilder::addTriggers},
    };
    for (const Step &step : steps) {
        Result<ResultSet> rows = queryInSchemas(step.sql, schemas);
        if (!rows)
            return rows.error();
        (builder.*step.add)(*rows);
    }
    Result<ResultSet> routines = queryInSchemas(QString::fromLatin1(RoutinesSql), schemas);
    if (!routines)
        return routines.error();
    Result<ResultSet> routineParameters =
        queryInSchemas(QString::fromLatin1(ParametersSql), schemas);
    if (!routineParameters)
        return routineParameters.error();
    builder.addRoutines(*routines, *routineParameters);

    // MariaDB SEQUENCE objects keep their settings in the sequence itself: one UNION query
    // for all of them (only sent when there are sequences).
    const QList<QPair<QString, QString>> sequences = builder.sequenceNames();
    if (!sequences.isEmpty()) {
        QStringList selects;
        QVariantList sequenceParameters;
        for (const auto &[schema, name] : sequences) {
            selects.append(QStringLiteral("SELECT ?, ?, start_value, minimum_value, maximum_value,"
                                          " increment, cycle_option FROM %1")
                               .arg(MySqlDialect::quote(schema) + QLatin1Char('.') +
                                    MySqlDialect::quote(name)));
            sequenceParameters << schema << name;
        }
        Result<ResultSet> details =
            query(selects.join(QLatin1String(" UNION ALL ")), sequenceParameters);
        if (!details)
            return details.error();
        builder.addSequenceDetails(*details);
    }

    catalog.schemas = builder.schemas();
    catalog.queryCount = m_queryCount;
    return catalog;
}

} // namespace Strata::MySql::Internal
