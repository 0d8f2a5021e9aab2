// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "results/columninfo.h"

#include <QByteArray>
#include <QDialog>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace Strata {

// Shows one whole cell value: text read-only (JSON pretty-printed when it parses), binary as
// a hex dump with its size and an image preview for PNG/JPEG/GIF, NULL as NULL. Copy puts the
// whole value on the clipboard; Save writes it to a file (raw bytes for binaries). Very large
// values are shown in part, with a note saying so, so the window never freezes.
class STRATA_UI_EXPORT ValueViewer : public QDialog
{
    Q_OBJECT
public:
    // Bytes of a binary shown as hex, and characters of a text shown.
    static constexpr qsizetype HexDumpLimit = 64 * 1024;
    static constexpr qsizetype TextLimit = 256 * 1024;

    using FileChooser = std::function<QString(const QString &suggestedName)>;

    // raw: the value as the server sent it; isNull for NULL.
    ValueViewer(const ColumnInfo &column, const QByteArray &raw, bool isNull,
                QWidget *parent = nullptr);
    ~ValueViewer() override;

    // Replaces the save dialog (tests); returns the chosen path or an empty string.
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }

    bool isNullValue() const { return m_isNull; }
    bool isBinary() const;
    bool hasImage() const { return m_image != nullptr; }
    bool isShownInPart() const { return m_shownInPart; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *infoLabel() const { return m_info; }
    QTabWidget *tabs() const { return m_tabs; }
    // The whole value as the clipboard gets it (hex text for binaries); null for NULL.
    QString valueText() const;
    // The bytes Save writes: raw bytes for binaries, UTF-8 text otherwise.
    QByteArray valueBytes() const;

    // Valid JSON re-indented by four spaces per level, keys and numbers untouched.
    static QString prettyJson(const QString &json);
    // Hex dump lines: offset, 16 bytes in hex, the printable ASCII.
    static QString hexDump(QByteArrayView bytes);

    void copyValue();
    // Asks for a file (the chooser) and writes valueBytes() to it; false on cancel or error,
    // with the error shown in the info line.
    bool saveValue();

private:
    void showText(const QString &text);

    ColumnInfo m_column;
    QByteArray m_raw;
    bool m_isNull;
    bool m_shownInPart = false;
    QLabel *m_info;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_image = nullptr;
    QLabel *m_status;
    QPushButton *m_copy;
    QPushButton *m_save;
    FileChooser m_chooseFile;
};

} // namespace Strata
