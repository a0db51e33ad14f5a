// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// A raw HTTP/1.1 client over QTcpSocket for the mock server's tests: it writes exactly the bytes
// it is given (malformed ones too) and parses what comes back without being forgiving.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QTcpSocket>

#include <optional>

struct RawResponse {
    QByteArray statusLine;
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

class RawClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 3000)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return m_socket.waitForConnected(timeoutMs);
    }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(3000);
    }
    /// Reads until one complete response is buffered; nullopt on timeout or close before that.
    std::optional<RawResponse> readResponse(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            if (auto r = parse())
                return r;
            if (deadline.hasExpired())
                return std::nullopt;
            if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0) {
                if (auto r = parse())
                    return r;
                return std::nullopt;
            }
            if (m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
                m_buffer += m_socket.readAll();
            else if (m_socket.state() != QAbstractSocket::ConnectedState)
                m_buffer += m_socket.readAll();
        }
    }
    /// True when the server closes the connection within the time.
    bool waitForClose(int timeoutMs = 3000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return true;
            if (m_socket.waitForReadyRead(50))
                m_buffer += m_socket.readAll();
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return true;
        }
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }
    QByteArray buffered() const { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    std::optional<RawResponse> parse()
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        RawResponse r;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        r.statusLine = lines.first().trimmed();
        r.status = r.statusLine.split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        qsizetype length = 0;
        if (!r.header("content-length").isEmpty())
            length = r.header("content-length").toLongLong();
        if (r.status == 100 || r.status == 204 || r.status == 304 || m_headRequest)
            length = 0;
        if (m_buffer.size() < end + 4 + length)
            return std::nullopt;
        r.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return r;
    }

public:
    bool m_headRequest = false;

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};
