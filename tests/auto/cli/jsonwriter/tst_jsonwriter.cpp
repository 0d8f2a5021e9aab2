// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Strata;

namespace {

ColumnInfo column(const QString &name, CellKind kind = CellKind::Text)
{
    ColumnInfo info;
    info.name = name;
    info.kind = kind;
    return info;
}

QJsonObject parse(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("invalid JSON (%s) in: %s", qPrintable(error.errorString()), bytes.constData());
    return document.object();
}

} // namespace

class tst_JsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesKeepTheirTypeAndExactness_data();
    void valuesKeepTheirTypeAndExactness();
    void jsonNumberGrammarIsChecked_data();
    void jsonNumberGrammarIsChecked();
    void stringsAreEscapedAndInvalidUtf8Replaced_data();
    void stringsAreEscapedAndInvalidUtf8Replaced();
    void severalResultsFormOneDocument();
    void emptyResultIsAnEmptyArray();
    void finishClosesAnInterruptedDocument();
};

void tst_JsonWriter::valuesKeepTheirTypeAndExactness_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("isNull");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("integer") << int(CellKind::Integer) << QByteArray("-42") << false << QJsonValue(-42);
    QTest::newRow("float") << int(CellKind::Float) << QByteArray("1.5e3") << false << QJsonValue(1500.0);
    QTest::newRow("float NaN as string") << int(CellKind::Float) << QByteArray("NaN") << false
                                         << QJsonValue(QStringLiteral("NaN"));
    QTest::newRow("numeric as exact string")
        << int(CellKind::Numeric) << QByteArray("12345678901234567890.123456789") << false
        << QJsonValue(QStringLiteral("12345678901234567890.123456789"));
    QTest::newRow("boolean") << int(CellKind::Boolean) << QByteArray("f") << false << QJsonValue(false);
    QTest::newRow("null") << int(CellKind::Integer) << QByteArray() << true << QJsonValue(QJsonValue::Null);
    QTest::newRow("binary as hex") << int(CellKind::Binary) << QByteArray("\x0a\xff", 2) << false
                                   << QJsonValue(QStringLiteral("\\x0aff"));
    QTest::newRow("text") << int(CellKind::Text) << QByteArray("Zürich") << false
                          << QJsonValue(QStringLiteral("Zürich"));
    QTest::newRow("empty text") << int(CellKind::Text) << QByteArray("") << false
                                << QJsonValue(QString(QLatin1String("")));
}

void tst_JsonWriter::valuesKeepTheirTypeAndExactness()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, raw);
    QFETCH(bool, isNull);
    QFETCH(QJsonValue, expected);

    QByteArray bytes;
    OutputBuffer out(&bytes, 8);
    JsonWriter writer(out);
    writer.beginResult({column(QStringLiteral("v"), CellKind(kind))});
    RowBlock block(1);
    if (isNull)
        block.appendNull();
    else
        block.appendCell(raw);
    QVERIFY(writer.rows(std::move(block)));
    writer.endResult({});
    writer.finish();

    const QJsonObject document = parse(bytes);
    const QJsonValue value = document.value(u"results").toArray().at(0).toArray().at(0).toObject().value(u"v");
    QCOMPARE(value, expected);
    if (CellKind(kind) == CellKind::Numeric)
        QVERIFY(bytes.contains("\"12345678901234567890.123456789\""));
}

void tst_JsonWriter::jsonNumberGrammarIsChecked_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("zero") << QByteArray("0") << true;
    QTest::newRow("negative") << QByteArray("-17") << true;
    QTest::newRow("fraction") << QByteArray("3.25") << true;
    QTest::newRow("exponent") << QByteArray("1E+30") << true;
    QTest::newRow("leading zero") << QByteArray("007") << false;
    QTest::newRow("bare dot") << QByteArray("1.") << false;
    QTest::newRow("infinity") << QByteArray("Infinity") << false;
    QTest::newRow("plus sign") << QByteArray("+1") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("minus only") << QByteArray("-") << false;
}

void tst_JsonWriter::jsonNumberGrammarIsChecked()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(JsonWriter::isJsonNumber(text), valid);
}

void tst_JsonWriter::stringsAreEscapedAndInvalidUtf8Replaced_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("newline and tab") << QByteArray("a\nb\tc\r") << QByteArray("\"a\\nb\\tc\\r\"");
    QTest::newRow("control byte") << QByteArray("\x01", 1) << QByteArray("\"\\u0001\"");
    QTest::newRow("valid utf-8 untouched") << QByteArray("✓😀") << QByteArray("\"✓😀\"");
    QTest::newRow("invalid byte replaced") << QByteArray("a\xff" "b") << QByteArray("\"a\xEF\xBF\xBD" "b\"");
    QTest::newRow("truncated sequence") << QByteArray("\xe2\x9c") << QByteArray("\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QByteArray("\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

void tst_JsonWriter::stringsAreEscapedAndInvalidUtf8Replaced()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        JsonWriter::writeString(out, raw);
    }
    QCOMPARE(bytes, expected);
    QJsonParseError error;
    QJsonDocument::fromJson("[" + bytes + "]", &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void tst_JsonWriter::severalResultsFormOneDocument()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    JsonWriter writer(out);
    ResultSummary created;
    created.commandTag = QStringLiteral("CREATE TABLE");
    writer.endResult(created);
    writer.beginResult({column(QStringLiteral("id"), CellKind::Integer), column(QStringLiteral("name"))});
    RowBlock block(2);
    block.appendCell(QByteArrayView("1"));
    block.appendCell(QByteArrayView("one"));
    block.appendCell(QByteArrayView("2"));
    block.appendNull();
    QVERIFY(writer.rows(std::move(block)));
    writer.endResult({});
    ResultSummary update;
    update.commandTag = QStringLiteral("UPDATE 3");
    update.rowsAffected = 3;
    writer.endResult(update);
    writer.finish();

    const QJsonArray results = parse(bytes).value(u"results").toArray();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results.at(0).toObject().value(u"rowsAffected"), QJsonValue(QJsonValue::Null));
    QCOMPARE(results.at(0).toObject().value(u"command").toString(), u"CREATE TABLE");
    const QJsonArray rows = results.at(1).toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).toObject().value(u"id").toInt(), 1);
    QCOMPARE(rows.at(0).toObject().value(u"name").toString(), u"one");
    QVERIFY(rows.at(1).toObject().value(u"name").isNull());
    QCOMPARE(results.at(2).toObject().value(u"rowsAffected").toInt(), 3);
}

void tst_JsonWriter::emptyResultIsAnEmptyArray()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    JsonWriter writer(out);
    writer.beginResult({column(QStringLiteral("x"))});
    writer.endResult({});
    writer.finish();
    const QJsonArray results = parse(bytes).value(u"results").toArray();
    QCOMPARE(results.size(), 1);
    QVERIFY(results.at(0).isArray());
    QVERIFY(results.at(0).toArray().isEmpty());
}

void tst_JsonWriter::finishClosesAnInterruptedDocument()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    JsonWriter writer(out);
    writer.beginResult({column(QStringLiteral("x"), CellKind::Integer)});
    RowBlock block(1);
    block.appendCell(QByteArrayView("7"));
    QVERIFY(writer.rows(std::move(block)));
    // The statement failed here: no endResult.
    writer.finish();
    const QJsonArray results = parse(bytes).value(u"results").toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.at(0).toArray().at(0).toObject().value(u"x").toInt(), 7);
}

QTEST_GUILESS_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
