// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"

namespace Strata::Test {

// A table whose every name is markup, to prove the UI never interprets server text as HTML.
inline Table hostileTable()
{
    Table table;
    table.schema = QStringLiteral("main");
    table.name = QStringLiteral("<b>bold</b>");
    Column id;
    id.name = QStringLiteral("<img src=x>");
    id.type = QStringLiteral("integer");
    id.nullable = false;
    Column note;
    note.name = QStringLiteral("note");
    note.type = QStringLiteral("text");
    note.defaultValue = QStringLiteral("'<i>x</i>'");
    note.comment = QStringLiteral("<a href='http://example.com'>link</a>");
    table.columns = {id, note};
    table.primaryKeyName = QStringLiteral("<u>pk</u>");
    table.primaryKey = {id.name};
    table.checkConstraints = {CheckConstraint{QStringLiteral("<s>chk</s>"), QStringLiteral("note <> '<br>'")}};
    Index index;
    index.name = QStringLiteral("<h1>idx</h1>");
    index.columns = {note.name};
    index.method = QStringLiteral("btree");
    table.indexes = {index};
    ForeignKey fk;
    fk.name = QStringLiteral("<em>fk</em>");
    fk.columns = {note.name};
    fk.refTable = QStringLiteral("<table>");
    fk.refColumns = {QStringLiteral("<td>")};
    table.foreignKeys = {fk};
    Trigger trigger;
    trigger.name = QStringLiteral("<script>t</script>");
    trigger.timing = QStringLiteral("AFTER");
    trigger.events = {QStringLiteral("INSERT")};
    table.triggers = {trigger};
    table.comment = QStringLiteral("<marquee>comment</marquee>");
    return table;
}

} // namespace Strata::Test
