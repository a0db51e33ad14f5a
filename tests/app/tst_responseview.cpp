// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "bodyserver.h"
#include "jsontreemodel.h"
#include "responseview.h"

#include "http/client.h"
#include "http/collection.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QFile>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::Literals::StringLiterals;
using quarry::app::ResponseView;
using Mode = quarry::app::ResponseView::BodyMode;
namespace http = quarry::http;

/// The response viewer fed by real exchanges: http::Client against a server on 127.0.0.1.
class TestResponseView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonResponseShowsStatusTimingsSizeAndHeaders();
    void cookiesAreParsed();
    void treeCopiesValueAndPointer();
    void imagesArePreviewed_data();
    void imagesArePreviewed();
    void binaryBodyIsAHexDump();
    void invalidJsonSaysWhere();
    void findCountsAndWalksMatches();
    void ctrlFOpensTheFindBar();
    void saveWritesTheBytesAsReceived();
    void noResponseIsExplained();
    void largeBodyKeepsTheEventLoopTurning();

private:
    /// GETs `path` through http::Client and shows the exchange; waits for the body unless told not to.
    http::Exchange get(const QByteArray &path, const QString &base = {}, bool waitForBody = true);

    BodyServer m_server;
    quint16 m_port = 0;
    std::unique_ptr<http::Client> m_client;
    std::unique_ptr<ResponseView> m_view;
};

static QByteArray imageBytes(const char *format)
{
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(QColor(0x33, 0x66, 0x99));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return buffer.data();
}

void TestResponseView::initTestCase()
{
    const QByteArray users = R"([{"id":1,"email":"ada@example.com","name":"Ada Lovelace","roles":["admin","user"]},
{"id":2,"email":"linus@example.com","name":"Linus","roles":["user"],"manager":{"id":1,"email":"ada@example.com"}}])";
    m_server.setReply("/users", {"200 OK", {{"Content-Type", "application/json"}, {"X-Total-Count", "2"}}, users});
    m_server.setReply("/login",
                      {"204 No Content",
                       {{"Set-Cookie", "session=abc123; Domain=127.0.0.1; Path=/api; HttpOnly; Secure; SameSite=Strict; "
                                       "Expires=Wed, 21 Oct 2037 07:28:00 GMT"},
                        {"Set-Cookie", "theme=dark"}},
                       {}});
    m_server.setReply("/logo.png", {"200 OK", {{"Content-Type", "image/png"}}, imageBytes("PNG")});
    m_server.setReply("/logo.jpg", {"200 OK", {{"Content-Type", "image/jpeg"}}, imageBytes("JPEG")});
    // A 2 × 3 GIF (Qt writes no GIF, so the bytes are spelled out).
    m_server.setReply("/logo.gif", {"200 OK", {{"Content-Type", "image/gif"}},
                                    QByteArray::fromBase64("R0lGODlhAgADAIAAAP8AAP///ywAAAAAAgADAAACAoRfADs=")});
    m_server.setReply("/logo.svg", {"200 OK", {{"Content-Type", "image/svg+xml"}},
                                    R"(<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32">)"
                                    R"(<rect width="64" height="32" fill="#369"/></svg>)"});
    m_server.setReply("/broken.png", {"200 OK", {{"Content-Type", "image/png"}}, "not a png"});
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(char(i));
    m_server.setReply("/blob", {"200 OK", {{"Content-Type", "application/octet-stream"}}, binary});
    m_server.setReply("/bad.json", {"200 OK", {{"Content-Type", "application/json"}}, R"({"a": 1,, "b": 2})"});
    m_port = m_server.start();
    QVERIFY(m_port);
    m_client = std::make_unique<http::Client>();
    m_view = std::make_unique<ResponseView>();
    m_view->resize(900, 600);
    m_view->show();
}

/// With QUARRY_SCREENSHOT_DIR set, saves what the view looks like (for reviewing the layout).
static void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("QUARRY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    widget->grab().save(dir + u'/' + name + u".png"_s);
}

http::Exchange TestResponseView::get(const QByteArray &path, const QString &base, bool waitForBody)
{
    const QString url = (base.isEmpty() ? u"http://127.0.0.1:%1"_s.arg(m_port) : base) + QString::fromLatin1(path);
    const auto collection = http::Collection::fromJson(QJsonObject{
        {u"id"_s, u"c"_s}, {u"name"_s, u"Viewer"_s},
        {u"items"_s, QJsonArray{QJsonObject{{u"type"_s, u"request"_s}, {u"id"_s, u"r"_s}, {u"name"_s, u"Get"_s},
                                            {u"method"_s, u"GET"_s}, {u"url"_s, url},
                                            {u"assertions"_s, QJsonArray{QJsonObject{{u"kind"_s, u"status"_s},
                                                                                     {u"op"_s, u"equals"_s},
                                                                                     {u"value"_s, 200}}}}}}}});
    if (!collection)
        qFatal("bad collection: %s", qPrintable(collection.error().message));
    QSignalSpy finished(m_client.get(), &http::Client::finished);
    m_client->send(collection.value(), u"r"_s, {});
    if (!finished.wait(60'000))
        return {};
    const auto exchange = finished.first().at(1).value<http::Exchange>();
    QSignalSpy ready(m_view.get(), &ResponseView::bodyReady);
    m_view->showExchange(exchange);
    if (waitForBody && !m_view->isBodyReady())
        ready.wait(60'000);
    return exchange;
}

void TestResponseView::jsonResponseShowsStatusTimingsSizeAndHeaders()
{
    const auto exchange = get("/users");
    QVERIFY(exchange.response);
    QCOMPARE(m_view->statusText(), u"200 OK"_s);
    QCOMPARE(m_view->meaningText(), exchange.response->meaning());
    QVERIFY(!m_view->meaningText().isEmpty());
    QVERIFY2(m_view->timeText().contains(u"waiting"_s), qPrintable(m_view->timeText()));
    QVERIFY2(m_view->timeToolTip().contains(u"not reported separately by Qt"_s), qPrintable(m_view->timeToolTip()));
    QVERIFY(m_view->sizeText().startsWith(u"Size "_s));
    QVERIFY(m_view->headerRows().contains(u"X-Total-Count: 2"_s));
    QCOMPARE(m_view->checkResults().size(), 1);
    QVERIFY2(m_view->checkResults().first().contains(u"✓ passed"_s), qPrintable(m_view->checkResults().join(u'\n')));
    QCOMPARE(m_view->authText(), u"No authentication was attached."_s);

    QCOMPARE(m_view->bodyMode(), Mode::Pretty);
    QVERIFY(m_view->shownText().contains(u"\n        \"email\": \"ada@example.com\""_s));
    QVERIFY(m_view->isModeAvailable(Mode::Tree));
    QVERIFY(!m_view->isModeAvailable(Mode::Preview));
    m_view->setBodyMode(Mode::Raw);
    QCOMPARE(m_view->shownText(), QString::fromUtf8(exchange.response->body));
    m_view->setBodyMode(Mode::Preview);   // not available: stays
    QCOMPARE(m_view->bodyMode(), Mode::Raw);
    m_view->setBodyMode(Mode::Tree);
    QCOMPARE(m_view->bodyMode(), Mode::Tree);
    auto *model = m_view->treeModel();
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(m_view->treeView()->isExpanded(model->index(0, 0)));
    QCOMPARE(model->rowCount(model->index(0, 0)), 2);
}

void TestResponseView::cookiesAreParsed()
{
    get("/login");
    QCOMPARE(m_view->statusText(), u"204 No Content"_s);
    const QList<QStringList> rows = m_view->cookieRows();
    QCOMPARE(rows.size(), 2);
    // name, value, domain, path, expires, HttpOnly, Secure, SameSite
    QCOMPARE(rows[0].mid(0, 4), (QStringList{u"session"_s, u"abc123"_s, u"127.0.0.1"_s, u"/api"_s}));
    QVERIFY2(rows[0][4].contains(u"2037"_s), qPrintable(rows[0][4]));
    QCOMPARE(rows[0].mid(5), (QStringList{u"yes"_s, u"yes"_s, u"Strict"_s}));
    QCOMPARE(rows[1].mid(0, 2), (QStringList{u"theme"_s, u"dark"_s}));
    QCOMPARE(rows[1][4], u"session"_s);
    QCOMPARE(rows[1].mid(5, 2), (QStringList{u"no"_s, u"no"_s}));
    QVERIFY(!m_view->isModeAvailable(Mode::Pretty));   // 204: no body
    QVERIFY2(m_view->checkResults().first().contains(u"✗"_s), qPrintable(m_view->checkResults().join(u'\n')));
}

void TestResponseView::treeCopiesValueAndPointer()
{
    get("/users");
    m_view->setBodyMode(Mode::Tree);
    m_view->collapseAll();
    m_view->expandAll();
    auto *model = m_view->treeModel();
    const QModelIndex email = model->indexOfPointer(u"/1/manager/email"_s);
    QVERIFY(email.isValid());
    QVERIFY(m_view->treeView()->isExpanded(email.parent()));
    m_view->treeView()->setCurrentIndex(email);
    QCOMPARE(m_view->copyPointer(), u"/1/manager/email"_s);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"/1/manager/email"_s);
    QCOMPARE(m_view->copyValue(), u"ada@example.com"_s);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"ada@example.com"_s);
    m_view->treeView()->setCurrentIndex(model->indexOfPointer(u"/0/roles"_s));
    QCOMPARE(m_view->copyValue(), u"[\"admin\",\"user\"]"_s);
    screenshot(m_view.get(), u"responseview-tree"_s);
    m_view->collapseAll();
    QVERIFY(!m_view->treeView()->isExpanded(model->index(0, 0)));
}

void TestResponseView::imagesArePreviewed_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("format");
    QTest::newRow("png") << QByteArray("/logo.png") << QSize(40, 30) << u"PNG"_s;
    QTest::newRow("jpeg") << QByteArray("/logo.jpg") << QSize(40, 30) << u"JPEG"_s;
    QTest::newRow("gif") << QByteArray("/logo.gif") << QSize(2, 3) << u"GIF"_s;
    QTest::newRow("svg") << QByteArray("/logo.svg") << QSize(64, 32) << u"SVG"_s;
}

void TestResponseView::imagesArePreviewed()
{
    QFETCH(QByteArray, path);
    QFETCH(QSize, size);
    QFETCH(QString, format);
    get(path);
    QCOMPARE(m_view->bodyMode(), Mode::Preview);
    QCOMPARE(m_view->imageSize(), size);
    QVERIFY2(m_view->imageInfo().contains(u"%1 × %2 px"_s.arg(size.width()).arg(size.height())),
             qPrintable(m_view->imageInfo()));
    QVERIFY2(m_view->imageInfo().startsWith(format), qPrintable(m_view->imageInfo()));
    screenshot(m_view.get(), u"responseview-image-"_s + QString::fromLatin1(QTest::currentDataTag()));
    if (format == u"SVG"_s) {   // text: Raw shows the markup
        m_view->setBodyMode(Mode::Raw);
        QVERIFY(m_view->shownText().startsWith(u"<svg"_s));
    }
}

void TestResponseView::binaryBodyIsAHexDump()
{
    get("/blob");
    QCOMPARE(m_view->bodyMode(), Mode::Raw);
    QVERIFY(!m_view->isModeAvailable(Mode::Pretty));
    const QStringList lines = m_view->shownText().split(u'\n');
    QCOMPARE(lines.at(0), u"00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................"_s);
    QCOMPARE(lines.at(4), u"00000040  40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f  @ABCDEFGHIJKLMNO"_s);
    QCOMPARE(lines.size(), 16 + 1);

    get("/broken.png");   // an image type that does not decode: said, and the bytes stay readable
    QCOMPARE(m_view->imageSize(), QSize());
    QVERIFY2(m_view->imageInfo().contains(u"cannot be decoded"_s), qPrintable(m_view->imageInfo()));
    m_view->setBodyMode(Mode::Raw);
    QCOMPARE(m_view->shownText(), u"not a png"_s);
}

void TestResponseView::invalidJsonSaysWhere()
{
    get("/bad.json");
    QVERIFY(!m_view->isModeAvailable(Mode::Tree));
    QCOMPARE(m_view->bodyMode(), Mode::Pretty);
    QCOMPARE(m_view->shownText(), u"{\"a\": 1,, \"b\": 2}"_s);   // shown as received
}

void TestResponseView::findCountsAndWalksMatches()
{
    get("/users");
    m_view->setBodyMode(Mode::Pretty);
    QCOMPARE(m_view->find(u"EXAMPLE.COM"_s, false), 3);
    QCOMPARE(m_view->currentMatch(), 0);
    QCOMPARE(m_view->matchCountText(), u"1 of 3"_s);
    screenshot(m_view.get(), u"responseview-find"_s);
    QCOMPARE(m_view->selectedText(), u"example.com"_s);
    m_view->findNext();
    m_view->findNext();
    QCOMPARE(m_view->matchCountText(), u"3 of 3"_s);
    m_view->findNext();   // wraps
    QCOMPARE(m_view->currentMatch(), 0);
    m_view->findPrevious();
    QCOMPARE(m_view->currentMatch(), 2);
    QCOMPARE(m_view->find(u"EXAMPLE.COM"_s, true), 0);
    QCOMPARE(m_view->matchCountText(), u"No matches"_s);
    QCOMPARE(m_view->find(u"\"email\""_s, true), 3);
    m_view->setBodyMode(Mode::Raw);   // the find bar follows the mode's text
    QCOMPARE(m_view->matchCount(), 3);
    QCOMPARE(m_view->selectedText(), u"\"email\""_s);
}

void TestResponseView::ctrlFOpensTheFindBar()
{
    get("/users");
    m_view->setBodyMode(Mode::Pretty);
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_view->treeView()->setFocus();   // any child will do: the shortcut belongs to the whole view
    QTest::keySequence(QApplication::focusWidget(), QKeySequence::Find);
    QVERIFY(m_view->isFindBarVisible());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), u"Lovelace"_s);
    QCOMPARE(m_view->matchCount(), 1);
    QCOMPARE(m_view->selectedText(), u"Lovelace"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!m_view->isFindBarVisible());
    m_view->treeView()->setFocus();
    QTest::keySequence(QApplication::focusWidget(), QKeySequence::Find);
    QVERIFY(m_view->isFindBarVisible());
}

void TestResponseView::saveWritesTheBytesAsReceived()
{
    const auto exchange = get("/blob");
    QTemporaryDir dir;
    const QString path = dir.filePath(u"blob.bin"_s);
    QCOMPARE(m_view->saveBodyTo(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), exchange.response->body);
    const QString error = m_view->saveBodyTo(dir.filePath(u"missing/blob.bin"_s));
    QVERIFY2(error.contains(u"missing/blob.bin"_s), qPrintable(error));
}

void TestResponseView::noResponseIsExplained()
{
    const auto exchange = get("/users", u"http://127.0.0.1:9"_s);   // discard port: nothing listens
    QVERIFY(!exchange.response);
    QCOMPARE(m_view->statusText(), u"No response"_s);
    QVERIFY2(m_view->meaningText().contains(u"refused"_s), qPrintable(m_view->meaningText()));
    QVERIFY(!m_view->isModeAvailable(Mode::Raw));
}

void TestResponseView::largeBodyKeepsTheEventLoopTurning()
{
    // ~100 MB of JSON: an array of user objects, with one marker near the end.
    QByteArray big;
    big.reserve(101 * 1024 * 1024);
    big.append('[');
    int i = 0;
    while (big.size() < 100 * 1024 * 1024) {
        big.append(R"({"id":)" + QByteArray::number(i) + R"(,"email":"user-)" + QByteArray::number(i)
                   + R"(@example.com","roles":["user"],"score":)" + QByteArray::number(i % 97) + ".5},");
        ++i;
    }
    big.append(R"({"id":-1,"email":"needle@example.com"}])");
    m_server.setReply("/big.json", {"200 OK", {{"Content-Type", "application/json"}}, big});
    const qsizetype bodySize = big.size();
    big.clear();

    // The GUI thread's timer ticks every 50 ms from sending until the view is filled.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worstGap = 0;
    QTimer ticker;
    ticker.setInterval(50);
    connect(&ticker, &QTimer::timeout, this, [&] {
        worstGap = std::max(worstGap, clock.elapsed() - last);
        last = clock.elapsed();
    });
    QSignalSpy progress(m_client.get(), &http::Client::progress);
    connect(m_client.get(), &http::Client::progress, m_view.get(), &ResponseView::setProgress);
    m_view->setInProgress(true);
    ticker.start();
    const auto exchange = get("/big.json", {}, false);
    const qint64 received = clock.elapsed();
    // While it is formatted off the GUI thread, the start of the raw body is already readable.
    QVERIFY(!m_view->isBodyReady());
    QVERIFY2(m_view->shownText().startsWith(u"[{\"id\":0,"_s), qPrintable(m_view->shownText().left(80)));
    QSignalSpy ready(m_view.get(), &ResponseView::bodyReady);
    // The tree comes first, as soon as the JSON is parsed; Pretty follows when it is indented.
    QTRY_VERIFY_WITH_TIMEOUT(m_view->isModeAvailable(Mode::Tree), 120'000);
    QVERIFY(!m_view->isBodyReady());
    QVERIFY(!m_view->isModeAvailable(Mode::Pretty));
    QCOMPARE(m_view->bodyMode(), Mode::Tree);
    const qint64 treeShown = clock.elapsed();
    QVERIFY(ready.wait(120'000));
    const qint64 loaded = clock.elapsed();
    ticker.stop();
    disconnect(m_client.get(), &http::Client::progress, m_view.get(), nullptr);

    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->body.size(), bodySize);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).toLongLong(), bodySize);
    qInfo("100 MB JSON: received in %lld ms, tree after %lld ms, Pretty after %lld ms; longest pause of the GUI "
          "thread %lld ms; %lld progress reports", received, treeShown, loaded, worstGap, qint64(progress.size()));
    QVERIFY2(loaded > 500, "the load was too quick to say anything about responsiveness");
    QVERIFY2(worstGap < 500, qPrintable(u"the GUI thread stalled for %1 ms"_s.arg(worstGap)));

    // The view holds one window of the text, and the find bar reaches past it.
    QCOMPARE(m_view->bodyMode(), Mode::Pretty);
    QVERIFY(m_view->fullText().size() > 100 * 1000 * 1000);
    QVERIFY(m_view->windowLength() < m_view->windowChars() + 64 * 1024);
    QCOMPARE(m_view->windowStart(), 0);
    QCOMPARE(m_view->find(u"needle@"_s, true), 1);
    QVERIFY(m_view->windowStart() > 0);
    QCOMPARE(m_view->selectedText(), u"needle@"_s);
    screenshot(m_view.get(), u"responseview-large"_s);
    m_view->showPreviousPart();
    QVERIFY(!m_view->shownText().contains(u"needle@"_s));
    // The tree opens the 1,000,000-element root without building every row.
    m_view->setBodyMode(Mode::Tree);
    auto *model = m_view->treeModel();
    QVERIFY(model->rowCount(model->index(0, 0)) <= model->batchSize());
    QVERIFY(model->createdNodes() < 10000);
}

QTEST_MAIN(TestResponseView)
#include "tst_responseview.moc"
