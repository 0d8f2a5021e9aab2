// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/result.h"

#include <QString>

namespace Strata {

// Reading and writing the .sql files of query tabs: UTF-8 only, a size limit the editor
// handles comfortably, and atomic writes (QSaveFile) so a crash never leaves half a file.
class STRATA_UI_EXPORT SqlFile
{
public:
    static constexpr qint64 MaxBytes = 32 * 1024 * 1024;

    // The file's text; one clear error (Error::Code::Io or InvalidArgument) for a file that
    // cannot be read, is larger than MaxBytes, holds NUL bytes or is not valid UTF-8.
    static Result<QString> read(const QString &path);
    static Result<void> write(const QString &path, const QString &text);
    // The same checks for text that did not come from a file (standard input).
    static Result<QString> decode(const QByteArray &data, const QString &source);
};

} // namespace Strata
