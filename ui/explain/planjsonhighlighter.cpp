// SPDX-License-Identifier: GPL-3.0-or-later
#include "planjsonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace Strata {

void PlanJsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*")"));
    static const QRegularExpression number(QStringLiteral(R"((?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"));
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    QTextCharFormat keyFormat;
    keyFormat.setForeground(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa0));
    QTextCharFormat stringFormat;
    stringFormat.setForeground(dark ? QColor(0xa8, 0xd8, 0x8a) : QColor(0x2e, 0x7d, 0x32));
    QTextCharFormat numberFormat;
    numberFormat.setForeground(dark ? QColor(0xf0, 0xb0, 0x70) : QColor(0xb0, 0x50, 0x00));

    for (auto it = number.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), numberFormat);
    }
    for (auto it = string.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const int end = int(m.capturedEnd());
        int next = end;
        while (next < text.size() && text.at(next).isSpace())
            ++next;
        const bool key = next < text.size() && text.at(next) == QLatin1Char(':');
        setFormat(int(m.capturedStart()), int(m.capturedLength()), key ? keyFormat : stringFormat);
    }
}

} // namespace Strata
