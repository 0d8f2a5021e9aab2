// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogfilterindex.h"

namespace Strata {

CatalogFilterIndex::Folder CatalogFilterIndex::folderOf(Table::Kind kind)
{
    switch (kind) {
    case Table::Kind::Table:
        return Tables;
    case Table::Kind::View:
        return Views;
    case Table::Kind::MaterializedView:
        return MaterializedViews;
    }
    return Tables;
}

void CatalogFilterIndex::build(const Catalog &catalog)
{
    m_schemas.clear();
    m_schemas.resize(size_t(catalog.schemas.size()));
    m_objectCount = 0;
    for (qsizetype s = 0; s < catalog.schemas.size(); ++s) {
        const Schema &schema = catalog.schemas.at(s);
        SchemaIndex &index = m_schemas[size_t(s)];
        for (qsizetype t = 0; t < schema.tables.size(); ++t) {
            const Table &table = schema.tables.at(t);
            FolderIndex &folder = index.folders[folderOf(table.kind)];
            folder.all.push_back(int(t));
            folder.lowerNames.push_back(table.name.toLower());
            QString columns;
            columns.reserve(table.columns.size() * 12);
            for (const Column &column : table.columns) {
                columns += QLatin1Char('\n');
                columns += column.name;
            }
            folder.lowerColumns.push_back(columns.toLower());
        }
        for (qsizetype i = 0; i < schema.sequences.size(); ++i) {
            index.folders[Sequences].all.push_back(int(i));
            index.folders[Sequences].lowerNames.push_back(schema.sequences.at(i).name.toLower());
            index.folders[Sequences].lowerColumns.emplace_back();
        }
        for (qsizetype i = 0; i < schema.routines.size(); ++i) {
            index.folders[Routines].all.push_back(int(i));
            index.folders[Routines].lowerNames.push_back(schema.routines.at(i).name.toLower());
            index.folders[Routines].lowerColumns.emplace_back();
        }
        for (const FolderIndex &folder : index.folders)
            m_objectCount += int(folder.all.size());
    }
    apply(false);
}

bool CatalogFilterIndex::setFilter(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == m_filter)
        return false;
    // A longer filter that contains the previous one can only remove objects: scan the
    // currently visible ones instead of everything.
    const bool narrowing = !m_filter.isEmpty() && lower.contains(m_filter);
    m_filter = lower;
    apply(narrowing);
    return true;
}

void CatalogFilterIndex::apply(bool narrowing)
{
    for (SchemaIndex &schema : m_schemas) {
        schema.visibleCount = 0;
        for (FolderIndex &folder : schema.folders) {
            if (m_filter.isEmpty()) {
                folder.visible = folder.all;
                folder.nameMatches.assign(folder.all.size(), 1);
                schema.visibleCount += int(folder.visible.size());
                continue;
            }
            // Positions into `all` of the candidates: everything, or what matched before.
            std::vector<int> candidates;
            if (narrowing) {
                candidates.reserve(folder.visible.size());
                size_t cursor = 0;
                for (int member : folder.visible) {
                    while (folder.all[cursor] != member)
                        ++cursor;
                    candidates.push_back(int(cursor));
                }
            }
            const size_t count = narrowing ? candidates.size() : folder.all.size();
            std::vector<int> visible;
            std::vector<char> nameMatches;
            for (size_t c = 0; c < count; ++c) {
                const size_t i = narrowing ? size_t(candidates[c]) : c;
                const bool byName = folder.lowerNames[i].contains(m_filter);
                if (byName || folder.lowerColumns[i].contains(m_filter)) {
                    visible.push_back(folder.all[i]);
                    nameMatches.push_back(byName ? 1 : 0);
                }
            }
            folder.visible = std::move(visible);
            folder.nameMatches = std::move(nameMatches);
            schema.visibleCount += int(folder.visible.size());
        }
    }
}

} // namespace Strata
