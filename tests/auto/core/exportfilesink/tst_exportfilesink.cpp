// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/csvwriter.h"
#include "export/exportfilesink.h"
#include "export/jsonwriter.h"
#include "export/outputbuffer.h"
#include "results/rowstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

ColumnList columns()
{
    ColumnInfo id;
    id.name = u"id"_s;
    id.kind = CellKind::Integer;
    ColumnInfo text;
    text.name = u"t,\"x\""_s;
    ColumnInfo bin;
    bin.name = u"b"_s;
    bin.kind = CellKind::Binary;
    return {id, text, bin};
}

RowBlock block(int first, int count)
{
    RowBlock b(3);
    for (int i = first; i < first + count; ++i) {
        b.appendCell(QByteArray::number(i));
        if (i % 7 == 0)
            b.appendNull();
        else
            b.appendCell(QByteArray("v \"") + QByteArray::number(i) + "\",\n\ttab 😀");
        b.appendCell(QByteArray(1, char(i)));
    }
    return b;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_ExportFileSink : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QStringList files() const { return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden); }

private Q_SLOTS:
    void init()
    {
        for (const QString &name : files())
            QFile::remove(m_dir.filePath(name));
    }

    void formatFollowsTheExtension_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << u"/x/a.csv"_s << int(ExportFileSink::Format::Csv);
        QTest::newRow("json") << u"/x/a.json"_s << int(ExportFileSink::Format::Json);
        QTest::newRow("JSON upper") << u"/x/A.JSON"_s << int(ExportFileSink::Format::Json);
        QTest::newRow("no extension") << u"/x/a"_s << int(ExportFileSink::Format::Csv);
        QTest::newRow("txt") << u"/x/a.json.txt"_s << int(ExportFileSink::Format::Csv);
    }

    void formatFollowsTheExtension()
    {
        QFETCH(QString, path);
        QFETCH(int, format);
        QCOMPARE(int(ExportFileSink::formatForPath(path)), format);
    }

    void anInMemoryStoreIsWrittenLikeTheStreamingWriters_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("csv") << u"whole.csv"_s;
        QTest::newRow("json") << u"whole.json"_s;
    }

    void anInMemoryStoreIsWrittenLikeTheStreamingWriters()
    {
        QFETCH(QString, name);
        RowStore store(columns());
        store.setRowLimit(0);
        store.append(block(0, 3000));
        store.append(block(3000, 2500));
        ResultSummary summary;
        summary.hasRows = true;
        store.finish(summary);

        QByteArray expected;
        {
            OutputBuffer out(&expected);
            std::unique_ptr<ResultWriter> writer;
            if (name.endsWith(u".json"_s))
                writer = std::make_unique<JsonWriter>(out);
            else
                writer = std::make_unique<CsvWriter>(out);
            writer->beginResult(columns());
            writer->rows(block(0, 3000));
            writer->rows(block(3000, 2500));
            summary.rowCount = 5500;
            writer->endResult(summary);
            writer->finish();
        }

        const QString path = m_dir.filePath(name);
        ExportFileSink sink(path, ExportFileSink::formatForPath(path));
        QVERIFY(sink.open());
        QVERIFY(!QFile::exists(path)); // nothing at the path before commit
        QVERIFY(sink.writeStore(store));
        QCOMPARE(sink.rowCount(), 5500);
        const Result<qint64> size = sink.commit();
        QVERIFY(size);
        QCOMPARE(size.value(), expected.size());
        QCOMPARE(readFile(path), expected);
        QCOMPARE(files(), QStringList{name});
    }

    void aCancelledExportLeavesNoFile()
    {
        const QString path = m_dir.filePath(u"cancelled.csv"_s);
        ExportFileSink sink(path, ExportFileSink::Format::Csv);
        QVERIFY(sink.open());
        sink.beginResult(columns());
        QVERIFY(sink.rows(block(0, 100)));
        sink.cancel();
        QVERIFY(!sink.rows(block(100, 100))); // tells the engine to stop fetching
        const Result<qint64> committed = sink.commit();
        QVERIFY(!committed);
        QCOMPARE(committed.error().code(), Error::Code::Cancelled);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(files(), QStringList());
    }

    void anExportDroppedBeforeCommitLeavesNoFile()
    {
        const QString path = m_dir.filePath(u"dropped.json"_s);
        {
            ExportFileSink sink(path, ExportFileSink::Format::Json);
            QVERIFY(sink.open());
            sink.beginResult(columns());
            QVERIFY(sink.rows(block(0, 100)));
        }
        QCOMPARE(files(), QStringList());
    }

    void anExistingFileIsReplacedOnlyOnSuccess()
    {
        const QString path = m_dir.filePath(u"keep.csv"_s);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old content\n");
        }
        ExportFileSink sink(path, ExportFileSink::Format::Csv);
        QVERIFY(sink.open());
        sink.beginResult(columns());
        QVERIFY(sink.rows(block(0, 10)));
        sink.cancel();
        QVERIFY(!sink.commit());
        QCOMPARE(readFile(path), "old content\n"_ba);
    }

    void anUnwritablePlaceGivesOneClearError()
    {
        ExportFileSink sink(m_dir.filePath(u"missing/dir/out.csv"_s), ExportFileSink::Format::Csv);
        const Result<void> opened = sink.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code(), Error::Code::Io);
        QVERIFY(opened.error().message().contains(u"missing/dir/out.csv"_s));
        ExportFileSink unnamed(QString(), ExportFileSink::Format::Csv);
        QCOMPARE(unnamed.open().error().code(), Error::Code::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(tst_ExportFileSink)
#include "tst_exportfilesink.moc"
