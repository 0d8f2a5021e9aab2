// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Strata;
using namespace Strata::Cli;

namespace {

Catalog sampleCatalog()
{
    Table customers;
    customers.schema = QStringLiteral("shop");
    customers.name = QStringLiteral("customers");
    Column id;
    id.name = QStringLiteral("id");
    id.type = QStringLiteral("integer");
    id.nullable = false;
    id.defaultValue = QStringLiteral("nextval('customers_id_seq'::regclass)");
    Column email;
    email.name = QStringLiteral("email");
    email.type = QStringLiteral("character varying(200)");
    customers.columns = {id, email};
    customers.primaryKey = {QStringLiteral("id")};
    Index pkey;
    pkey.name = QStringLiteral("customers_pkey");
    pkey.columns = {QStringLiteral("id")};
    pkey.unique = true;
    pkey.primary = true;
    Index byEmail;
    byEmail.name = QStringLiteral("customers_email_idx");
    byEmail.columns = {QStringLiteral("email")};
    customers.indexes = {pkey, byEmail};

    Table orders;
    orders.schema = QStringLiteral("shop");
    orders.name = QStringLiteral("orders");
    Column customerId;
    customerId.name = QStringLiteral("customer_id");
    customerId.type = QStringLiteral("integer");
    orders.columns = {customerId};
    ForeignKey fk;
    fk.name = QStringLiteral("orders_customer_fk");
    fk.columns = {QStringLiteral("customer_id")};
    fk.refSchema = QStringLiteral("shop");
    fk.refTable = QStringLiteral("customers");
    fk.refColumns = {QStringLiteral("id")};
    orders.foreignKeys = {fk};

    Table big;
    big.schema = QStringLiteral("shop");
    big.name = QStringLiteral("big_orders");
    big.kind = Table::Kind::MaterializedView;
    Table view;
    view.schema = QStringLiteral("shop");
    view.name = QStringLiteral("recent");
    view.kind = Table::Kind::View;

    Schema shop;
    shop.name = QStringLiteral("shop");
    shop.tables = {big, customers, orders, view};

    Catalog catalog;
    catalog.engine = QStringLiteral("postgresql");
    catalog.serverVersion = QStringLiteral("15.6");
    catalog.schemas = {shop, Schema{QStringLiteral("empty"), {}, {}, {}}};
    return catalog;
}

} // namespace

class tst_CatalogJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentHasTheContractKeys();
    void tableKindsUseContractNames_data();
    void tableKindsUseContractNames();
    void columnsCarryNullableAndDefault();
    void keysIndexesAndForeignKeysAreListed();
    void writtenBytesEqualTheJsonObject_data();
    void writtenBytesEqualTheJsonObject();
    void keysFollowTheContractOrderOneTablePerLine();
};

void tst_CatalogJson::documentHasTheContractKeys()
{
    const QJsonObject json = CatalogJson::toJson(sampleCatalog());
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("engine"), QStringLiteral("schemas"),
                                       QStringLiteral("serverVersion")}));
    QCOMPARE(json.value(u"engine").toString(), u"postgresql");
    QCOMPARE(json.value(u"serverVersion").toString(), u"15.6");
    const QJsonArray schemas = json.value(u"schemas").toArray();
    QCOMPARE(schemas.size(), 2);
    QCOMPARE(schemas.at(0).toObject().keys(), (QStringList{QStringLiteral("name"), QStringLiteral("tables")}));
    QCOMPARE(schemas.at(1).toObject().value(u"tables").toArray().size(), 0);
    const QJsonObject table = schemas.at(0).toObject().value(u"tables").toArray().at(1).toObject();
    QCOMPARE(table.keys(), (QStringList{QStringLiteral("columns"), QStringLiteral("foreignKeys"),
                                        QStringLiteral("indexes"), QStringLiteral("kind"),
                                        QStringLiteral("name"), QStringLiteral("primaryKey")}));
}

void tst_CatalogJson::tableKindsUseContractNames_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kind");
    QTest::newRow("materialized view") << 0 << QStringLiteral("big_orders") << QStringLiteral("materialized_view");
    QTest::newRow("table") << 1 << QStringLiteral("customers") << QStringLiteral("table");
    QTest::newRow("view") << 3 << QStringLiteral("recent") << QStringLiteral("view");
}

void tst_CatalogJson::tableKindsUseContractNames()
{
    QFETCH(int, index);
    QFETCH(QString, name);
    QFETCH(QString, kind);
    const QJsonObject json = CatalogJson::toJson(sampleCatalog());
    const QJsonObject table = json.value(u"schemas").toArray().at(0).toObject()
                                  .value(u"tables").toArray().at(index).toObject();
    QCOMPARE(table.value(u"name").toString(), name);
    QCOMPARE(table.value(u"kind").toString(), kind);
}

void tst_CatalogJson::columnsCarryNullableAndDefault()
{
    const QJsonObject json = CatalogJson::tableToJson(*sampleCatalog().table(QStringLiteral("shop"),
                                                                             QStringLiteral("customers")));
    const QJsonArray columns = json.value(u"columns").toArray();
    QCOMPARE(columns.size(), 2);
    const QJsonObject id = columns.at(0).toObject();
    QCOMPARE(id.keys(), (QStringList{QStringLiteral("default"), QStringLiteral("name"),
                                     QStringLiteral("nullable"), QStringLiteral("type")}));
    QCOMPARE(id.value(u"type").toString(), u"integer");
    QCOMPARE(id.value(u"nullable").toBool(true), false);
    QCOMPARE(id.value(u"default").toString(), u"nextval('customers_id_seq'::regclass)");
    const QJsonObject email = columns.at(1).toObject();
    QCOMPARE(email.value(u"nullable").toBool(false), true);
    QVERIFY(email.contains(u"default"));
    QVERIFY(email.value(u"default").isNull());
}

void tst_CatalogJson::keysIndexesAndForeignKeysAreListed()
{
    const Catalog catalog = sampleCatalog();
    const QJsonObject customers = CatalogJson::tableToJson(*catalog.table(QStringLiteral("shop"), QStringLiteral("customers")));
    QCOMPARE(customers.value(u"primaryKey").toArray(), QJsonArray{QStringLiteral("id")});
    const QJsonArray indexes = customers.value(u"indexes").toArray();
    QCOMPARE(indexes.size(), 2);
    QCOMPARE(indexes.at(0).toObject().value(u"name").toString(), u"customers_pkey");
    QCOMPARE(indexes.at(0).toObject().value(u"unique").toBool(), true);
    QCOMPARE(indexes.at(1).toObject().value(u"columns").toArray(), QJsonArray{QStringLiteral("email")});
    QCOMPARE(indexes.at(1).toObject().value(u"unique").toBool(true), false);
    QVERIFY(customers.value(u"foreignKeys").toArray().isEmpty());

    const QJsonObject orders = CatalogJson::tableToJson(*catalog.table(QStringLiteral("shop"), QStringLiteral("orders")));
    QVERIFY(orders.value(u"primaryKey").toArray().isEmpty());
    const QJsonObject fk = orders.value(u"foreignKeys").toArray().at(0).toObject();
    QCOMPARE(fk.keys(), (QStringList{QStringLiteral("columns"), QStringLiteral("name"), QStringLiteral("refColumns"),
                                     QStringLiteral("refSchema"), QStringLiteral("refTable")}));
    QCOMPARE(fk.value(u"name").toString(), u"orders_customer_fk");
    QCOMPARE(fk.value(u"columns").toArray(), QJsonArray{QStringLiteral("customer_id")});
    QCOMPARE(fk.value(u"refSchema").toString(), u"shop");
    QCOMPARE(fk.value(u"refTable").toString(), u"customers");
    QCOMPARE(fk.value(u"refColumns").toArray(), QJsonArray{QStringLiteral("id")});
}

void tst_CatalogJson::writtenBytesEqualTheJsonObject_data()
{
    QTest::addColumn<QString>("tableName");
    QTest::addColumn<bool>("empty");
    QTest::newRow("sample") << QString() << false;
    QTest::newRow("hostile name") << QStringLiteral("we\"ird\\name\n✓") << false;
    QTest::newRow("no schemas") << QString() << true;
}

void tst_CatalogJson::writtenBytesEqualTheJsonObject()
{
    QFETCH(QString, tableName);
    QFETCH(bool, empty);
    Catalog catalog = sampleCatalog();
    if (!tableName.isEmpty())
        catalog.schemas[0].tables[1].name = tableName;
    if (empty)
        catalog.schemas.clear();
    const QByteArray bytes = CatalogJson::toBytes(catalog);
    QVERIFY(bytes.endsWith("}\n"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, bytes.constData());
    QCOMPARE(document.object(), CatalogJson::toJson(catalog));
}

void tst_CatalogJson::keysFollowTheContractOrderOneTablePerLine()
{
    const QByteArray bytes = CatalogJson::toBytes(sampleCatalog());
    const qsizetype engine = bytes.indexOf("\"engine\"");
    QVERIFY(engine >= 0);
    QVERIFY(engine < bytes.indexOf("\"serverVersion\""));
    QVERIFY(bytes.indexOf("\"serverVersion\"") < bytes.indexOf("\"schemas\""));
    const QList<QByteArray> lines = bytes.split('\n');
    qsizetype tableLines = 0;
    for (const QByteArray &line : lines) {
        if (line.trimmed().startsWith("{\"name\": ") && line.contains("\"kind\": ")) {
            ++tableLines;
            QVERIFY(line.indexOf("\"columns\"") < line.indexOf("\"primaryKey\""));
            QVERIFY(line.indexOf("\"primaryKey\"") < line.indexOf("\"indexes\""));
            QVERIFY(line.indexOf("\"indexes\"") < line.indexOf("\"foreignKeys\""));
        }
    }
    QCOMPARE(tableLines, 4);
}

QTEST_GUILESS_MAIN(tst_CatalogJson)
#include "tst_catalogjson.moc"
