// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// MockServer's side of the design: what a configure() brings to each served database, and the
// notes it leaves in the request log.
#include "mock/mockserver.h"

#include "mock/requestlog.h"
#include "mock/resourcestore.h"
#include "mock/storedesign.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MockServer)
};
} // namespace

void MockServer::postNotice(const QString &text)
{
    if (!m_logging.load(std::memory_order_relaxed))
        return;
    LogEntry e;
    e.id = m_nextId.fetch_add(1);
    e.time = QDateTime::currentDateTimeUtc();
    e.notice = text;
    m_log->post(std::move(e));
}

Result<void> MockServer::applyDesign(const QString &url, ResourceStore &store, const MockConfig &config, bool reused)
{
    const bool owned = url.startsWith(u"sqlite:"_s);
    const bool mayCreate = owned || m_createTables || config.createTables.contains(url);
    const std::shared_ptr<const schema::Schema> previous = reused ? m_appliedDesigns.value(url) : nullptr;
    // A PostgreSQL database is asked for the tables its routes serve, Quarry's file for the design.
    const QStringList served = owned ? QStringList() : config.tablesServedFrom(url);
    auto change = applyDesignChange(store, config.design, previous.get(), mayCreate, served);
    if (!change) {
        postNotice(Tr::tr("The design did not reach the served database: %1").arg(change.error().message));
        return change.error();
    }
    m_appliedDesigns.insert(url, change.value().served);
    if (previous) {
        for (const QString &line : std::as_const(change.value().applied))
            postNotice(Tr::tr("Design change applied: %1 (%2)").arg(line, store.displayName()));
    }
    // A rename that is not applied stays one until it is undone: said once, not at every edit.
    QStringList &said = m_notApplied[url];
    for (const QString &line : std::as_const(change.value().notApplied)) {
        if (!said.contains(line))
            postNotice(Tr::tr("Not applied: %1 (%2)").arg(line, store.displayName()));
    }
    said = change.value().notApplied;
    const QStringList missing = change.value().missing;
    if (missing != m_missing.value(url)) {
        if (!missing.isEmpty())
            postNotice(Tr::tr("%1 lacks the design's %2. Quarry creates them in a PostgreSQL database only when you "
                              "agree: set \"createTables\": true on the database entry or run quarry serve "
                              "--create-tables.")
                           .arg(store.displayName(), missing.join(u", "_s)));
        m_missing.insert(url, missing);
    }
    return {};
}

} // namespace quarry::mock
