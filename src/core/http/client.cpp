// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/client.h"

#include "http/executor.h"
#include "http/transport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Client)
};
} // namespace

struct Client::Private {
    QThread thread;
    QObject *worker = nullptr;             // lives on `thread`
    std::shared_ptr<Transport> transport;  // created, used and destroyed on `thread`
    QMutex mutex;
    QHash<quint64, std::shared_ptr<CancelFlag>> pending;
    quint64 nextId = 1;
};

Client::Client(QObject *parent) : QObject(parent), d(std::make_unique<Private>()), m_tokens(std::make_shared<TokenStore>())
{
    qRegisterMetaType<quarry::http::Exchange>();
    d->thread.setObjectName(u"quarry-http-client"_s);
    d->worker = new QObject;   // deleted in ~Client after the thread finished
    d->worker->moveToThread(&d->thread);
    d->thread.start();
}

Client::~Client()
{
    {
        QMutexLocker lock(&d->mutex);
        for (const auto &flag : std::as_const(d->pending))
            flag->cancel();
    }
    QMetaObject::invokeMethod(d->worker, [p = d.get()] { p->transport.reset(); }, Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
    delete d->worker;   // its thread has finished: safe to delete here
}

quint64 Client::send(const Collection &collection, const QString &requestId, const VariableScope &scope)
{
    auto flag = std::make_shared<CancelFlag>();
    quint64 id;
    {
        QMutexLocker lock(&d->mutex);
        id = d->nextId++;
        d->pending.insert(id, flag);
    }
    QMetaObject::invokeMethod(d->worker, [this, id, flag, collection, requestId, scope, profiles = m_authProfiles] {
        Exchange ex;
        ex.requestId = requestId;
        const RequestSpec *request = collection.findRequest(requestId);
        if (flag->isCancelled()) {
            ex.error = Error{Error::Kind::Network, Tr::tr("The request was cancelled."), requestId};
        } else if (!request) {
            ex.error = Error{Error::Kind::NotFound, Tr::tr("There is no request \"%1\" in the collection.").arg(requestId),
                             collection.name};
        } else {
            if (!d->transport)
                d->transport = std::make_shared<Transport>();
            Executor::Context context;
            context.collection = &collection;
            context.scope = scope;
            context.tokens = m_tokens;
            context.cancel = flag;
            context.transport = d->transport;
            context.authProfiles = profiles;
            // Throttled: a 100 MB body would otherwise queue thousands of events to the GUI thread.
            QElapsedTimer sinceLast;
            sinceLast.start();
            d->transport->onProgress = [this, id, &sinceLast](qint64 received, qint64 total) {
                const bool done = total >= 0 && received >= total;
                if (received < 65536 || (!done && sinceLast.elapsed() < 50))
                    return;
                sinceLast.restart();
                QMetaObject::invokeMethod(this, [this, id, received, total] { emit progress(id, received, total); },
                                          Qt::QueuedConnection);
            };
            Executor executor(std::move(context));
            ex = executor.execute(*request);
            d->transport->onProgress = nullptr;
        }
        {
            QMutexLocker lock(&d->mutex);
            d->pending.remove(id);
        }
        QMetaObject::invokeMethod(this, [this, id, ex] { emit finished(id, ex); }, Qt::QueuedConnection);
    });
    return id;
}

void Client::setAuthProfiles(const QJsonArray &profiles)
{
    m_authProfiles = profiles;
}

void Client::cancel(quint64 id)
{
    QMutexLocker lock(&d->mutex);
    if (const auto flag = d->pending.value(id))
        flag->cancel();
}

} // namespace quarry::http
