// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "results/irowsink.h"
#include "sql/result.h"

#include <QString>

#include <atomic>
#include <memory>

class QSaveFile;

namespace Strata {

class OutputBuffer;
class ResultWriter;
class RowStore;

// Writes a result to a file as CSV or JSON with the same writers as strata-cli (byte-identical
// output), streaming: as an IRowSink on a session's worker (rows straight from the server) or
// from a RowStore already in memory (writeStore, on a QtConcurrent worker). The file is a
// QSaveFile: it appears only on commit(); a cancelled or failed export leaves no file.
//
// Threading: open() and commit()/discard() on the owner's thread; the sink side and
// writeStore() on one worker in between; cancel(), rowCount() and bytesWritten() from any thread.
class STRATA_CORE_EXPORT ExportFileSink : public IRowSink
{
public:
    enum class Format { Csv, Json };

    ExportFileSink(const QString &path, Format format);
    ~ExportFileSink() override;
    ExportFileSink(const ExportFileSink &) = delete;
    ExportFileSink &operator=(const ExportFileSink &) = delete;

    // Json for a ".json" name (any case), else Csv.
    static Format formatForPath(const QString &path);

    QString path() const { return m_path; }
    Format format() const { return m_format; }

    Result<void> open();
    // Finishes the document and renames the file into place: the file's size in bytes.
    Result<qint64> commit();
    // Drops the temporary file; nothing is left at path.
    void discard();

    // Writes every row of store (which must be finished) through this sink. False when
    // cancelled or when writing failed (commit() then reports the error).
    bool writeStore(const RowStore &store);

    void cancel() { m_cancelled = true; }
    bool isCancelled() const { return m_cancelled; }
    qint64 rowCount() const { return m_rows; }

    void beginResult(const ColumnList &columns) override;
    bool rows(RowBlock &&block) override;
    void endResult(const ResultSummary &summary) override;

private:
    const QString m_path;
    const Format m_format;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<OutputBuffer> m_output;
    std::unique_ptr<ResultWriter> m_writer;
    std::atomic<bool> m_cancelled{false};
    std::atomic<qint64> m_rows{0};
};

} // namespace Strata
