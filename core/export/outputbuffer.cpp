// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputbuffer.h"

#include <QIODevice>

#include <cerrno>
#include <cstring>

namespace Strata {

OutputBuffer::OutputBuffer(FILE *file, qsizetype capacity)
    : m_file(file)
    , m_buffer(new char[size_t(capacity)])
    , m_capacity(capacity)
{
    // We buffer ourselves: stdio's own buffer would only add a copy and hide write errors.
    setvbuf(m_file, nullptr, _IONBF, 0);
}

OutputBuffer::OutputBuffer(QByteArray *target, qsizetype capacity)
    : m_target(target)
    , m_buffer(new char[size_t(capacity)])
    , m_capacity(capacity)
{
}

OutputBuffer::~OutputBuffer()
{
    flush();
}

OutputBuffer::OutputBuffer(QIODevice *device, qsizetype capacity)
    : m_device(device)
    , m_buffer(new char[size_t(capacity)])
    , m_capacity(capacity)
{
}

void OutputBuffer::writeSlow(const char *data, qsizetype size)
{
    flushBuffer();
    if (size >= m_capacity) {
        sink(data, size); // a huge cell: straight through, no copy
        return;
    }
    memcpy(m_buffer.get(), data, size_t(size));
    m_used = size;
}

void OutputBuffer::flushBuffer()
{
    if (m_used > 0)
        sink(m_buffer.get(), m_used);
    m_used = 0;
}

void OutputBuffer::sink(const char *data, qsizetype size)
{
    if (m_failed)
        return;
    if (m_target) {
        m_target->append(data, size);
        return;
    }
    if (m_device) {
        if (m_device->write(data, size) != size) {
            m_failed = true;
            m_errorString = m_device->errorString();
        }
        return;
    }
    if (fwrite(data, 1, size_t(size), m_file) != size_t(size)) {
        const int error = errno;
        m_failed = true;
        m_brokenPipe = error == EPIPE;
        m_errorString = QString::fromLocal8Bit(strerror(error));
    }
}

bool OutputBuffer::flush()
{
    flushBuffer();
    if (m_file && !m_failed && fflush(m_file) != 0) {
        const int error = errno;
        m_failed = true;
        m_brokenPipe = error == EPIPE;
        m_errorString = QString::fromLocal8Bit(strerror(error));
    }
    return !m_failed;
}

} // namespace Strata
