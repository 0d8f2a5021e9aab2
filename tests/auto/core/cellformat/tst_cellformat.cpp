// SPDX-License-Identifier: GPL-3.0-or-later
#include "results/cellformat.h"

#include <QTest>

using namespace Strata;

Q_DECLARE_METATYPE(Strata::CellKind)

class tst_CellFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsCells_data();
    void formatsCells();
    void utf8MatchesText_data() { formatsCells_data(); }
    void utf8MatchesText();
};

void tst_CellFormat::formatsCells_data()
{
    QTest::addColumn<CellKind>("kind");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("value");

    QTest::newRow("text") << CellKind::Text << QByteArray("hello") << "hello" << QVariant(QStringLiteral("hello"));
    QTest::newRow("text utf-8") << CellKind::Text << QByteArray("caf\xc3\xa9") << QString::fromUtf8("caf\xc3\xa9")
                                << QVariant(QString::fromUtf8("caf\xc3\xa9"));
    QTest::newRow("empty text") << CellKind::Text << QByteArray() << "" << QVariant(QString(""));
    QTest::newRow("binary") << CellKind::Binary << QByteArray("\x00\xff\x10", 3) << "\\x00ff10"
                            << QVariant(QByteArray("\x00\xff\x10", 3));
    QTest::newRow("empty binary") << CellKind::Binary << QByteArray() << "\\x" << QVariant(QByteArray());
    QTest::newRow("hex binary passthrough") << CellKind::HexBinary << QByteArray("\\x0a1b") << "\\x0a1b"
                                            << QVariant(QByteArray("\x0a\x1b"));
    QTest::newRow("boolean t") << CellKind::Boolean << QByteArray("t") << "true" << QVariant(true);
    QTest::newRow("boolean f") << CellKind::Boolean << QByteArray("f") << "false" << QVariant(false);
    QTest::newRow("boolean 1") << CellKind::Boolean << QByteArray("1") << "true" << QVariant(true);
    QTest::newRow("boolean 0") << CellKind::Boolean << QByteArray("0") << "false" << QVariant(false);
    QTest::newRow("boolean true") << CellKind::Boolean << QByteArray("true") << "true" << QVariant(true);
    QTest::newRow("boolean false") << CellKind::Boolean << QByteArray("false") << "false" << QVariant(false);
    QTest::newRow("integer") << CellKind::Integer << QByteArray("-42") << "-42" << QVariant(qlonglong(-42));
    QTest::newRow("int64 max") << CellKind::Integer << QByteArray("9223372036854775807") << "9223372036854775807"
                               << QVariant(qlonglong(9223372036854775807LL));
    QTest::newRow("beyond int64 stays exact") << CellKind::Integer << QByteArray("18446744073709551616")
                                              << "18446744073709551616"
                                              << QVariant(QStringLiteral("18446744073709551616"));
    QTest::newRow("float") << CellKind::Float << QByteArray("3.5") << "3.5" << QVariant(3.5);
    QTest::newRow("float exponent") << CellKind::Float << QByteArray("1e-10") << "1e-10" << QVariant(1e-10);
    QTest::newRow("numeric exact") << CellKind::Numeric << QByteArray("12345678901234567890.123456789")
                                   << "12345678901234567890.123456789"
                                   << QVariant(QStringLiteral("12345678901234567890.123456789"));
    QTest::newRow("numeric trailing zeros kept") << CellKind::Numeric << QByteArray("1.500") << "1.500"
                                                 << QVariant(QStringLiteral("1.500"));
    QTest::newRow("json") << CellKind::Json << QByteArray("{\"a\": [1, 2]}") << "{\"a\": [1, 2]}"
                          << QVariant(QStringLiteral("{\"a\": [1, 2]}"));
    QTest::newRow("datetime as sent") << CellKind::DateTime << QByteArray("2024-02-29 23:59:59.123456+01")
                                      << "2024-02-29 23:59:59.123456+01"
                                      << QVariant(QStringLiteral("2024-02-29 23:59:59.123456+01"));
}

void tst_CellFormat::formatsCells()
{
    QFETCH(CellKind, kind);
    QFETCH(QByteArray, raw);
    QFETCH(QString, text);
    QFETCH(QVariant, value);

    ColumnInfo column;
    column.kind = kind;
    QCOMPARE(CellFormat::text(column, raw), text);
    const QVariant actual = CellFormat::value(column, raw);
    QCOMPARE(actual.metaType(), value.metaType());
    QCOMPARE(actual, value);
}

void tst_CellFormat::utf8MatchesText()
{
    QFETCH(CellKind, kind);
    QFETCH(QByteArray, raw);
    QFETCH(QString, text);
    ColumnInfo column;
    column.kind = kind;
    QCOMPARE(CellFormat::utf8(column, raw), text.toUtf8());
}

QTEST_GUILESS_MAIN(tst_CellFormat)
#include "tst_cellformat.moc"
