// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/resourcestore.h"

#include "schema/dialectregistry.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QDateTime>

namespace quarry::mock {

const ColumnInfo *TableInfo::column(const QString &name) const
{
    for (const ColumnInfo &c : columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ResourceStore)
};
} // namespace

ResourceStore::~ResourceStore() = default;

Result<void> ResourceStore::loadDialect()
{
    m_dialect = schema::DialectRegistry::instance().dialect(dialectId());
    if (!m_dialect)
        return Error{Error::Kind::Internal,
                     Tr::tr("The %1 dialect plugin is not loaded, so %2 cannot be served (see quarry --list-plugins).")
                         .arg(dialectId(), displayName()),
                     displayName()};
    return {};
}

QString ResourceStore::quote(const QString &identifier) const
{
    return m_dialect->quoteIdentifier(identifier);
}

std::optional<TableInfo> ResourceStore::table(const QString &name) const
{
    std::lock_guard lock(m_tablesMutex);
    const auto it = m_tables.constFind(name);
    if (it == m_tables.constEnd())
        return std::nullopt;
    return *it;
}

QStringList ResourceStore::tableNames() const
{
    std::lock_guard lock(m_tablesMutex);
    return m_tables.keys();
}

void ResourceStore::setDesign(std::shared_ptr<const schema::Schema> design)
{
    std::lock_guard lock(m_tablesMutex);
    m_design = std::move(design);
}

QDateTime ResourceStore::removedSince(const QString &table) const
{
    std::lock_guard lock(m_tablesMutex);
    return m_removedAt.value(table, m_openedAt);
}

void ResourceStore::noteRemoved(const QString &table)
{
    std::lock_guard lock(m_tablesMutex);
    m_removedAt.insert(table, QDateTime::currentDateTimeUtc());
}

void ResourceStore::refreshIfStale()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 last = m_lastRefreshMs.load();
    if (now - last < 1000 || !m_lastRefreshMs.compare_exchange_strong(last, now))
        return;
    (void)refresh();
}

void ResourceStore::setTables(QHash<QString, TableInfo> tables)
{
    std::lock_guard lock(m_tablesMutex);
    if (m_design) {
        for (auto it = tables.begin(); it != tables.end(); ++it) {
            const schema::Table *designed = m_design->table(it.key());
            if (!designed)
                continue;
            for (ColumnInfo &c : it.value().columns) {
                const schema::Column *dc = designed->column(c.name);
                if (!dc)
                    continue;
                c.json = dc->type.isJson() || dc->type.array;
                if (c.json || dc->type.kind == schema::TypeKind::Custom)
                    continue;
                if (dc->type.isInteger())
                    c.affinity = ColumnInfo::Affinity::Integer;
                else if (dc->type.kind == schema::TypeKind::Decimal)
                    c.affinity = ColumnInfo::Affinity::Numeric;
                else if (dc->type.kind == schema::TypeKind::Real || dc->type.kind == schema::TypeKind::Double)
                    c.affinity = ColumnInfo::Affinity::Real;
                else if (dc->type.kind == schema::TypeKind::Boolean)
                    c.affinity = ColumnInfo::Affinity::Boolean;
                else if (dc->type.kind == schema::TypeKind::Binary)
                    c.affinity = ColumnInfo::Affinity::Blob;
                else   // text, dates and times, uuid, enums: SQLite would give DATE or TIMESTAMP numeric affinity
                    c.affinity = ColumnInfo::Affinity::Text;
            }
        }
    }
    m_tables = std::move(tables);
}

} // namespace quarry::mock
