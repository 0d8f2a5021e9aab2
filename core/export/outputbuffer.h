// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdio>
#include <cstring>
#include <memory>

class QIODevice;

namespace Strata {

// A large write buffer in front of a FILE* (stdout), a QIODevice (export files) or a QByteArray
// (tests, in-memory use).
// Bytes go out with fwrite in big chunks; after a write error every further write is dropped
// and failed() stays true, so a writer can stop fetching rows (e.g. `| head` closed the pipe).
class STRATA_CORE_EXPORT OutputBuffer
{
public:
    static constexpr qsizetype DefaultCapacity = 256 * 1024;

    explicit OutputBuffer(FILE *file, qsizetype capacity = DefaultCapacity);
    explicit OutputBuffer(QByteArray *target, qsizetype capacity = DefaultCapacity);
    // Writes to an open device (e.g. a QSaveFile); not owned.
    explicit OutputBuffer(QIODevice *device, qsizetype capacity = DefaultCapacity);
    ~OutputBuffer();
    OutputBuffer(const OutputBuffer &) = delete;
    OutputBuffer &operator=(const OutputBuffer &) = delete;

    void write(const char *data, qsizetype size)
    {
        if (size <= m_capacity - m_used) {
            memcpy(m_buffer.get() + m_used, data, size_t(size));
            m_used += size;
            return;
        }
        writeSlow(data, size);
    }
    void write(QByteArrayView bytes) { write(bytes.data(), bytes.size()); }
    void put(char c)
    {
        if (m_used == m_capacity)
            flushBuffer();
        m_buffer[m_used++] = c;
    }

    // Writes the buffer out and flushes the FILE*. Returns false after any write error.
    bool flush();
    bool failed() const { return m_failed; }
    // The system error of the failed write, as plain text; empty when none.
    QString errorString() const { return m_errorString; }
    // True when the reader went away (EPIPE): not worth an error message.
    bool brokenPipe() const { return m_brokenPipe; }

private:
    void writeSlow(const char *data, qsizetype size);
    void flushBuffer();
    void sink(const char *data, qsizetype size);

    FILE *m_file = nullptr;
    QByteArray *m_target = nullptr;
    QIODevice *m_device = nullptr;
    std::unique_ptr<char[]> m_buffer;
    qsizetype m_capacity = 0;
    qsizetype m_used = 0;
    bool m_failed = false;
    bool m_brokenPipe = false;
    QString m_errorString;
};

} // namespace Strata
