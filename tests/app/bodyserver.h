// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// A tiny HTTP/1.1 server on 127.0.0.1 for the response viewer's tests and benchmark: each path
// answers with fixed bytes, from a thread of its own, so that the GUI thread under test is free.

#include <QByteArray>
#include <QEventLoop>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <memory>

class BodyServer
{
public:
    struct Reply {
        QByteArray status = "200 OK";
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };

    ~BodyServer() { stop(); }

    void setReply(const QByteArray &path, const Reply &reply)
    {
        QMutexLocker lock(&m_mutex);
        m_replies.insert(path, reply);
    }

    /// Starts listening; returns the port (0 on failure).
    quint16 start()
    {
        QSemaphore ready;
        m_thread.reset(QThread::create([this, &ready] {
            QTcpServer server;
            QEventLoop loop;
            m_loop = &loop;
            if (server.listen(QHostAddress::LocalHost, 0))
                m_port = server.serverPort();
            QObject::connect(&server, &QTcpServer::newConnection, &loop, [this, &server] {
                while (QTcpSocket *socket = server.nextPendingConnection())
                    serve(socket);
            });
            ready.release();
            if (m_port)
                loop.exec();
            m_loop = nullptr;
        }));
        m_thread->start();
        ready.acquire();
        return m_port;
    }

    void stop()
    {
        if (!m_thread)
            return;
        if (QEventLoop *loop = m_loop.load())
            QMetaObject::invokeMethod(loop, &QEventLoop::quit, Qt::QueuedConnection);
        m_thread->wait();
        m_thread.reset();
    }

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            for (qsizetype end = buffer->indexOf("\r\n\r\n"); end >= 0; end = buffer->indexOf("\r\n\r\n")) {
                const QByteArray head = buffer->left(end);
                buffer->remove(0, end + 4);   // the tests send no request bodies
                const QByteArray path = head.split(' ').value(1);
                Reply reply;
                {
                    QMutexLocker lock(&m_mutex);
                    reply = m_replies.value(path, Reply{"404 Not Found", {}, "no such path"});
                }
                QByteArray out = "HTTP/1.1 " + reply.status + "\r\n";
                for (const auto &[name, value] : reply.headers)
                    out += name + ": " + value + "\r\n";
                out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
                socket->write(out);
                socket->write(reply.body);
            }
        });
    }

    std::unique_ptr<QThread> m_thread;
    std::atomic<QEventLoop *> m_loop{nullptr};
    std::atomic<quint16> m_port{0};
    QMutex m_mutex;
    QHash<QByteArray, Reply> m_replies;
};
