// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "catalog/catalog.h"

#include <array>
#include <vector>

namespace Strata {

// Lower-case names of one catalog, computed once, so that narrowing 100,000 objects to a
// filter string is a linear scan of flat strings instead of a walk over the model.
class STRATA_UI_EXPORT CatalogFilterIndex
{
public:
    enum Folder { Tables, Views, MaterializedViews, Sequences, Routines, FolderCount };

    // Members of one folder of one schema: positions in Schema::tables, ::sequences or ::routines.
    struct FolderIndex
    {
        std::vector<int> all;
        std::vector<int> visible;
        std::vector<QString> lowerNames;    // parallel to all
        std::vector<QString> lowerColumns;  // parallel to all: "\ncol1\ncol2" (tables only)
        std::vector<char> nameMatches;      // parallel to visible: the object's own name matched
    };
    struct SchemaIndex
    {
        std::array<FolderIndex, FolderCount> folders;
        int visibleCount = 0;
    };

    void build(const Catalog &catalog);
    // Case-insensitive substring filter over object and column names. Returns true when the
    // visible sets changed.
    bool setFilter(const QString &text);
    QString filter() const { return m_filter; }

    const SchemaIndex &schema(int i) const { return m_schemas[size_t(i)]; }
    int schemaCount() const { return int(m_schemas.size()); }
    int objectCount() const { return m_objectCount; }

    static Folder folderOf(Table::Kind kind);

private:
    void apply(bool narrowing);

    std::vector<SchemaIndex> m_schemas;
    QString m_filter;
    int m_objectCount = 0;
};

} // namespace Strata
