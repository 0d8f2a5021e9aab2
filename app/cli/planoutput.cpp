// SPDX-License-Identifier: GPL-3.0-or-later
#include "planoutput.h"

#include "console.h"
#include "exitcode.h"

#include "explain/planjsonwriter.h"
#include "explain/plansvgwriter.h"
#include "explain/plantextwriter.h"
#include "export/outputbuffer.h"

namespace Strata::Cli::PlanOutput {

namespace {

struct Format
{
    const char *name;
    void (*write)(OutputBuffer &, const PlanDocument &);
};

void writeJson(OutputBuffer &out, const PlanDocument &document)
{
    PlanJsonWriter::write(out, document);
    out.put('\n');
}

void writeSvg(OutputBuffer &out, const PlanDocument &document)
{
    out.write(PlanSvgWriter::write(document));
}

// The formats by name; the first one is the default.
const Format Formats[] = {
    {"text", &PlanTextWriter::write},
    {"json", &writeJson},
    {"svg", &writeSvg},
};

} // namespace

Writer writerFor(const QString &format)
{
    for (const Format &entry : Formats) {
        if (format == QLatin1String(entry.name))
            return entry.write;
    }
    return {};
}

QStringList formats()
{
    QStringList names;
    for (const Format &entry : Formats)
        names.append(QLatin1String(entry.name));
    return names;
}

QString defaultFormat()
{
    return formats().constFirst();
}

QString unknownFormatMessage(const QString &format)
{
    QStringList names = formats();
    const QString last = names.takeLast();
    const QString expected =
        names.isEmpty() ? last : names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
    return QStringLiteral("unknown --format '%1' (expected %2)").arg(format, expected);
}

int print(const PlanDocument &document, const QString &format)
{
    const Writer write = writerFor(format);
    OutputBuffer out(stdout, 1024 * 1024);
    write(out, document);
    if (!out.flush()) {
        if (!out.brokenPipe())
            Console::error(QStringLiteral("cannot write the output: %1").arg(out.errorString()));
        return ExitFailed;
    }
    return ExitSuccess;
}

} // namespace Strata::Cli::PlanOutput
