// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportfilesink.h"

#include "csvwriter.h"
#include "jsonwriter.h"
#include "outputbuffer.h"

#include "results/rowstore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::ExportFileSink)
};

constexpr int StoreChunkRows = 2048;
} // namespace

ExportFileSink::ExportFileSink(const QString &path, Format format)
    : m_path(path)
    , m_format(format)
{
}

ExportFileSink::~ExportFileSink()
{
    discard();
}

ExportFileSink::Format ExportFileSink::formatForPath(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0
               ? Format::Json
               : Format::Csv;
}

Result<void> ExportFileSink::open()
{
    if (m_path.isEmpty())
        return Error(Error::Code::InvalidArgument, Tr::tr("No file name was given."));
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return Error(Error::Code::Io, Tr::tr("Cannot write %1: %2").arg(m_path, reason));
    }
    m_output = std::make_unique<OutputBuffer>(m_file.get(), 1024 * 1024);
    if (m_format == Format::Json)
        m_writer = std::make_unique<JsonWriter>(*m_output);
    else
        m_writer = std::make_unique<CsvWriter>(*m_output);
    return {};
}

Result<qint64> ExportFileSink::commit()
{
    if (!m_file || !m_writer)
        return Error(Error::Code::Io, Tr::tr("The export file is not open."));
    if (m_cancelled) {
        discard();
        return Error(Error::Code::Cancelled, Tr::tr("The export was cancelled."));
    }
    m_writer->finish();
    if (m_output->failed()) {
        const QString reason = m_output->errorString();
        discard();
        return Error(Error::Code::Io, Tr::tr("Cannot write %1: %2").arg(m_path, reason));
    }
    const qint64 size = m_file->size();
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        discard();
        return Error(Error::Code::Io, Tr::tr("Cannot save %1: %2").arg(m_path, reason));
    }
    m_writer.reset();
    m_output.reset();
    m_file.reset();
    return size;
}

void ExportFileSink::discard()
{
    m_writer.reset();
    m_output.reset();
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset(); // QSaveFile removes its temporary file without a commit
    }
}

bool ExportFileSink::writeStore(const RowStore &store)
{
    beginResult(store.columns());
    const qint64 total = store.rowCount();
    const int columns = store.columnCount();
    for (qint64 first = 0; first < total; first += StoreChunkRows) {
        const qint64 last = qMin(total, first + StoreChunkRows);
        RowBlock block(columns);
        for (qint64 row = first; row < last; ++row) {
            for (int column = 0; column < columns; ++column) {
                if (store.isNull(row, column))
                    block.appendNull();
                else
                    block.appendCell(store.raw(row, column));
            }
        }
        if (!rows(std::move(block)))
            return false;
    }
    ResultSummary summary = store.summary();
    summary.rowCount = total;
    endResult(summary);
    return !m_cancelled && !m_output->failed();
}

void ExportFileSink::beginResult(const ColumnList &columns)
{
    if (m_writer)
        m_writer->beginResult(columns);
}

bool ExportFileSink::rows(RowBlock &&block)
{
    if (m_cancelled || !m_writer)
        return false;
    const int count = block.rowCount();
    const bool more = m_writer->rows(std::move(block));
    m_rows += count;
    return more && !m_cancelled;
}

void ExportFileSink::endResult(const ResultSummary &summary)
{
    if (m_writer)
        m_writer->endResult(summary);
}

} // namespace Strata
