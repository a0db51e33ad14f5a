// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/exchange.h"

#include <QList>
#include <QStringList>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

namespace Ui { class ResponseView; }
class QTreeView;

namespace quarry::app {

class JsonHighlighter;
class JsonTreeModel;
class ResponseDetails;
struct RenderedBody;

/// Shows one exchange's response: status with its meaning for learners (coloured by class), the
/// time Qt lets us observe (waiting for headers, download), size, and tabs Body (Pretty / Tree /
/// Raw / Preview, with a find bar), Headers, Cookies, Auth and Checks.
///
/// Bodies over asyncThreshold() are parsed and formatted on a worker thread; bodyReady() follows.
/// Text views show a window of about windowChars() characters at a time (previous/next part,
/// "Show all" up to showAllLimit()), because a QPlainTextEdit holding 100 MB would stall the GUI.
///
/// Use: showExchange() when a response came, setInProgress()/setProgress() while one arrives,
/// clear() for none. The accessors below exist for tests and for the page that embeds the view.
class ResponseView : public QWidget
{
    Q_OBJECT
public:
    enum class BodyMode { Pretty, Tree, Raw, Preview };
    Q_ENUM(BodyMode)

    explicit ResponseView(QWidget *parent = nullptr);
    ~ResponseView() override;

    void showExchange(const http::Exchange &exchange);
    void clear();
    /// "Sending…" with a busy bar; setProgress() turns it into "received N of M".
    void setInProgress(bool inProgress);
    void setProgress(qint64 received, qint64 total);
    /// Appends a tab of the embedding page's own after Checks (e.g. the page's "Sent" view).
    void addTab(QWidget *page, const QString &title);

    /// Bodies at least this big are rendered off the GUI thread (default 256 KiB).
    void setAsyncThreshold(qsizetype bytes) { m_asyncThreshold = bytes; }
    qsizetype asyncThreshold() const { return m_asyncThreshold; }
    /// Characters a text view shows at once (default 256,000); "Show all" lifts it up to showAllLimit().
    void setWindowChars(qsizetype chars) { m_windowChars = std::max<qsizetype>(1024, chars); }
    qsizetype windowChars() const { return m_windowChars; }
    static constexpr qsizetype showAllLimit() { return 16 * 1000 * 1000; }

    BodyMode bodyMode() const { return m_mode; }
    /// Ignored for a mode the body has not (Tree without JSON, Preview without an image).
    void setBodyMode(BodyMode mode);
    bool isModeAvailable(BodyMode mode) const;
    /// False between showExchange() of a large body and bodyReady().
    bool isBodyReady() const { return m_bodyReady; }

    QString statusText() const;    ///< "200 OK", or "No response"
    QString meaningText() const;
    QString timeText() const;
    QString timeToolTip() const;   ///< the phases, and what Qt does not report
    QString sizeText() const;
    QString shownText() const;     ///< what the text view holds now (one window)
    QString fullText() const;      ///< the whole Pretty or Raw text of the current mode
    /// First character of the window in fullText(), and the window's length.
    qsizetype windowStart() const { return m_windowStart; }
    qsizetype windowLength() const { return m_windowEnd - m_windowStart; }
    void showNextPart();
    void showPreviousPart();
    void showAll();

    QStringList headerRows() const;   ///< "Name: value"
    QList<QStringList> cookieRows() const;   ///< the Cookies table, one list of column texts per row
    QString authText() const;
    QStringList checkResults() const;   ///< "description: ✓ passed" / "description: ✗ message"
    QSize imageSize() const;
    QString imageInfo() const;

    JsonTreeModel *treeModel() const { return m_treeModel; }
    QTreeView *treeView() const;
    /// Expands the tree breadth-first, at most `maxNodes` rows (a huge document stays usable).
    void expandAll(int maxNodes = 5000);
    void collapseAll();
    /// The current tree node's value / JSON pointer, also put on the clipboard by the buttons.
    QString copyValue();
    QString copyPointer();

    /// Opens the find bar on `text`; returns the number of matches in the whole body text.
    int find(const QString &text, bool caseSensitive = false);
    void findNext();
    void findPrevious();
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_currentMatch; }   ///< 0-based; -1 when none
    QString matchCountText() const;
    QString selectedText() const;   ///< the text view's selection (the current match after a find)
    bool isFindBarVisible() const;

    /// Writes the body's bytes as received (what Save… does); an error message, or empty on success.
    QString saveBodyTo(const QString &path) const;

signals:
    /// The body has been rendered (immediately for small bodies).
    void bodyReady();

private:
    void startBody(const http::Response &response);
    /// `complete` false: the JSON is parsed (Tree, Raw) and Pretty is still being formatted.
    void applyBody(std::shared_ptr<const RenderedBody> body, bool complete);
    void updateModeButtons();
    void showMode();
    void showWindow(qsizetype start, qsizetype minEnd = -1);
    void updateWindowBar();
    void runFind();
    void goToMatch(int index);
    void highlightMatchesInWindow();
    void saveBody();
    const QString &currentText() const;

    std::unique_ptr<Ui::ResponseView> m_ui;
    std::unique_ptr<ResponseDetails> m_details;   // the status row and the tabs other than Body
    JsonTreeModel *m_treeModel;
    JsonHighlighter *m_highlighter = nullptr;
    QThreadPool m_pool;   // one worker; waited for in the destructor
    std::atomic<quint64> m_generation{0};   // read by the render worker to skip stale work
    std::shared_ptr<const RenderedBody> m_body;
    QByteArray m_bodyBytes;
    QString m_bodyName;
    bool m_bodyReady = true;
    bool m_showAll = false;
    BodyMode m_mode = BodyMode::Pretty;
    std::optional<BodyMode> m_preferredMode;   // the last mode the user clicked, if any
    bool m_clickedDuringLoad = false;
    bool m_partShown = false;   // the first part of a two-part render is on screen
    qsizetype m_asyncThreshold = 256 * 1024;
    static constexpr qsizetype LongLineWindow = 64 * 1024;   // the window for text of long lines
    qsizetype m_windowChars = 256 * 1000;   // QPlainTextEdit takes ~40 ms per 256k characters of JSON
    qsizetype m_windowStart = 0;
    qsizetype m_windowEnd = 0;
    QList<qsizetype> m_matches;
    bool m_matchesCapped = false;
    int m_currentMatch = -1;
    QString m_findText;
    Qt::CaseSensitivity m_findCase = Qt::CaseInsensitive;
};

} // namespace quarry::app
