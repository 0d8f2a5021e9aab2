// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::SqlFile)
};
} // namespace

Result<QString> SqlFile::decode(const QByteArray &data, const QString &source)
{
    if (data.size() > MaxBytes) {
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("%1 is too large to edit (%2 MB; the limit is %3 MB).")
                         .arg(source)
                         .arg(double(data.size()) / (1024 * 1024), 0, 'f', 1)
                         .arg(MaxBytes / (1024 * 1024)));
    }
    if (data.contains('\0')) {
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("%1 is a binary file, not SQL text.").arg(source));
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(data);
    if (decoder.hasError()) {
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("%1 is not UTF-8 text; convert it to UTF-8 first.").arg(source));
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

Result<QString> SqlFile::read(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (info.isDir()) {
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("%1 is a folder, not a SQL file.").arg(shown));
    }
    // Checked before reading so that a huge file is never loaded at all.
    if (info.exists() && info.size() > MaxBytes)
        return decode(QByteArray(MaxBytes + 1, ' '), shown);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(Error::Code::Io, Tr::tr("Cannot open %1.").arg(shown), file.errorString());
    }
    const QByteArray data = file.read(MaxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return Error(Error::Code::Io, Tr::tr("Cannot read %1.").arg(shown), file.errorString());
    return decode(data, shown);
}

Result<void> SqlFile::write(const QString &path, const QString &text)
{
    QSaveFile file(path);
    const QByteArray data = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        return Error(Error::Code::Io,
                     Tr::tr("Cannot save %1.").arg(QDir::toNativeSeparators(path)),
                     file.errorString());
    }
    return {};
}

} // namespace Strata
