// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/runner.h"

#include "http/executor.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMutex>
#include <QThread>

#include <algorithm>
#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Runner)
};
} // namespace

Runner::Runner(Collection collection, QList<Environment> environments, RunOptions options)
    : m_collection(std::move(collection)), m_environments(std::move(environments)), m_options(std::move(options)),
      m_tokens(std::make_shared<TokenStore>())
{
}

Result<RunReport> Runner::run(const std::function<void(const Exchange &)> &progress, std::shared_ptr<CancelFlag> cancel)
{
    VariableScope scope;
    const Environment *environment = nullptr;
    if (!m_options.environment.isEmpty()) {
        environment = Environment::find(m_environments, m_options.environment);
        if (!environment) {
            QStringList names;
            for (const Environment &e : std::as_const(m_environments))
                names.append(e.name);
            return Error{Error::Kind::NotFound,
                         Tr::tr("There is no environment \"%1\" (there are: %2).")
                             .arg(m_options.environment, names.isEmpty() ? Tr::tr("none") : names.join(u", "_s)),
                         u"--env"_s};
        }
    }
    scope.setEnvironment(environment);
    scope.setGlobals(Environment::globals(m_environments));
    scope.setCollectionVariables(m_collection.variables);
    for (const auto &[name, value] : m_options.variables)
        scope.setOverride(name, value);

    QList<const RequestSpec *> requests = m_collection.requests();
    if (!m_options.folder.isEmpty()) {
        const CollectionItem *folder = m_collection.find(m_options.folder);
        if (!folder) {
            for (const CollectionItem &item : std::as_const(m_collection.items)) {
                if (item.type == CollectionItem::Type::Folder && item.folderName == m_options.folder)
                    folder = &item;
            }
        }
        if (!folder || folder->type != CollectionItem::Type::Folder)
            return Error{Error::Kind::NotFound, Tr::tr("There is no folder \"%1\" in the collection.").arg(m_options.folder),
                         u"--folder"_s};
        requests = m_collection.requestsUnder(folder->folderId);
    }

    if (!cancel)
        cancel = std::make_shared<CancelFlag>();
    RunReport report;
    report.collectionName = m_collection.name;
    report.environmentName = environment ? environment->name : QString();
    report.concurrency = std::max(1, m_options.concurrency);
    report.startedAt = QDateTime::currentDateTimeUtc();
    const int loginsBefore = m_tokens->logins();
    const int refreshesBefore = m_tokens->refreshes();

    const int iterations = std::max(1, m_options.iterations);
    std::atomic<int> nextIteration{0};
    QMutex resultsMutex;
    QList<Exchange> results;
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer deadline = m_options.durationMs > 0 ? QDeadlineTimer(m_options.durationMs)
                                                             : QDeadlineTimer(QDeadlineTimer::Forever);

    auto work = [&] {
        Executor::Context context;
        context.collection = &m_collection;
        context.scope = scope;
        context.tokens = m_tokens;
        context.cancel = cancel;
        context.defaultTimeoutMs = m_options.defaultTimeoutMs;
        context.authProfiles = m_options.authProfiles;
        context.iterations = iterations;
        Executor executor(std::move(context));
        for (;;) {
            const int iteration = nextIteration.fetch_add(1);
            const bool more = m_options.durationMs > 0 ? !deadline.hasExpired() : iteration < iterations;
            if (!more || cancel->isCancelled())
                return;
            for (qsizetype i = 0; i < requests.size(); ++i) {
                if (cancel->isCancelled())
                    return;
                Exchange ex = executor.execute(*requests.at(i), iteration);
                const std::optional<QString> next = ex.nextRequest;
                {
                    QMutexLocker lock(&resultsMutex);
                    if (progress)
                        progress(ex);
                    results.append(std::move(ex));
                }
                if (!next)
                    continue;
                // postman.setNextRequest: jump to that request (by name, else id); null or an
                // unknown name ends the iteration, as in newman.
                const auto found = std::find_if(requests.cbegin(), requests.cend(), [&](const RequestSpec *r) {
                    return !next->isEmpty() && (r->name == *next || r->id == *next);
                });
                if (found == requests.cend())
                    break;
                i = (found - requests.cbegin()) - 1;
            }
        }
    };

    const int workers = m_options.durationMs > 0 ? report.concurrency : std::min(report.concurrency, iterations);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < workers; ++i) {
        threads.emplace_back(QThread::create(work));
        threads.back()->start();
    }
    for (auto &t : threads)
        t->wait();

    report.durationMs = clock.nsecsElapsed() / 1e6;
    report.cancelled = cancel->isCancelled();
    int maxIteration = -1;   // the iterations that sent something (a cancelled or timed run stops early)
    for (const Exchange &e : std::as_const(results))
        maxIteration = std::max(maxIteration, e.iteration);
    report.iterations = maxIteration + 1;
    report.logins = m_tokens->logins() - loginsBefore;
    report.refreshes = m_tokens->refreshes() - refreshesBefore;
    // Workers interleave iterations; one worker sends an iteration's requests, so within an
    // iteration the order they were sent in (collection order unless a script chose the next) is kept.
    std::stable_sort(results.begin(), results.end(),
                     [&](const Exchange &a, const Exchange &b) { return a.iteration < b.iteration; });
    report.exchanges = std::move(results);
    return report;
}

} // namespace quarry::http
