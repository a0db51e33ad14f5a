// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// ResponseView's text navigation: the window of a large body that the editor shows, its bar
// (parts, Show all), and find over the whole text with the matches in the window highlighted.
// Rendering, modes, the tree and saving are in responseview.cpp.
#include "responseview.h"
#include "ui_responseview.h"

#include "responsebody.h"

#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

namespace {

constexpr int kMaxMatches = 100000;
constexpr int kMaxHighlightedMatches = 2000;
constexpr qsizetype kLongLine = 4096;   // average characters per line that make a "long line" text

} // namespace

void ResponseView::showWindow(qsizetype start, qsizetype minEnd)
{
    const QString &text = currentText();
    const qsizetype size = text.size();
    qsizetype end = size;
    if (m_showAll && size <= showAllLimit()) {
        start = 0;
    } else if (size > m_windowChars) {
        start = std::clamp<qsizetype>(start, 0, size);
        if (start > 0)   // begin on a line
            start = text.lastIndexOf(u'\n', start - 1) + 1;
        // QPlainTextEdit lays a line out in one piece: a window of minified JSON (one huge line)
        // gets a smaller budget so that showing it stays well under the 100 ms a user notices.
        qsizetype budget = m_windowChars;
        const QStringView probe = QStringView(text).sliced(start, std::min(size - start, m_windowChars));
        if (probe.count(u'\n') < probe.size() / kLongLine)
            budget = std::min(budget, LongLineWindow);
        end = std::min(size, std::max(start + budget, minEnd));
        if (end < size) {   // end after a line, unless the line is absurdly long (minified JSON)
            const qsizetype newline = text.indexOf(u'\n', end);
            if (newline >= 0 && newline - end < 64 * 1024)
                end = newline + 1;
        }
    } else {
        start = 0;
    }
    m_windowStart = start;
    m_windowEnd = end;
    m_ui->textView->setPlainText(QStringView(text).sliced(start, end - start).toString());
    updateWindowBar();
    highlightMatchesInWindow();
}

void ResponseView::updateWindowBar()
{
    const QString &text = currentText();
    const bool partial = m_windowEnd - m_windowStart < text.size();
    m_ui->windowBar->setVisible(partial);
    if (!partial)
        return;
    const QLocale locale;
    const QStringView view(text);
    const qsizetype firstLine = view.first(m_windowStart).count(u'\n') + 1;
    const qsizetype lastLine = firstLine + view.sliced(m_windowStart, m_windowEnd - m_windowStart).count(u'\n') - 1;
    const qsizetype lines = m_mode == BodyMode::Raw ? m_body->rawLines : m_body->prettyLines;
    m_ui->windowLabel->setText(tr("Lines %1–%2 of %3")
                                   .arg(locale.toString(firstLine), locale.toString(std::max(firstLine, lastLine)),
                                        locale.toString(lines)));
    m_ui->windowLabel->setToolTip(tr("A large body is shown in parts so that Quarry stays responsive; the find bar "
                                     "searches all of it, and Save… writes all of it."));
    m_ui->previousPartButton->setEnabled(m_windowStart > 0);
    m_ui->nextPartButton->setEnabled(m_windowEnd < text.size());
    const bool canShowAll = text.size() <= showAllLimit();
    m_ui->showAllButton->setEnabled(canShowAll);
    m_ui->showAllButton->setToolTip(canShowAll ? tr("Show the whole text at once (%1 characters)").arg(locale.toString(text.size()))
                                               : tr("%1 characters are too many for one text view; use the parts, "
                                                    "the find bar, the Tree or Save….")
                                                     .arg(locale.toString(text.size())));
}

void ResponseView::showNextPart()
{
    if (m_windowEnd < currentText().size())
        showWindow(m_windowEnd);
}

void ResponseView::showPreviousPart()
{
    if (m_windowStart > 0)
        showWindow(std::max<qsizetype>(0, m_windowStart - m_windowChars));
}

void ResponseView::showAll()
{
    if (currentText().size() > showAllLimit())
        return;
    m_showAll = true;
    showWindow(0);
}

QString ResponseView::shownText() const
{
    return m_ui->textView->toPlainText();
}

QString ResponseView::fullText() const
{
    return currentText();
}

// --- find ------------------------------------------------------------------------------------

int ResponseView::find(const QString &text, bool caseSensitive)
{
    m_ui->findBar->show();
    const QSignalBlocker blockCase(m_ui->matchCaseCheck);
    m_ui->matchCaseCheck->setChecked(caseSensitive);
    const QSignalBlocker blockEdit(m_ui->findEdit);
    m_ui->findEdit->setText(text);
    runFind();
    return matchCount();
}

void ResponseView::runFind()
{
    m_findText = m_ui->findEdit->text();
    m_findCase = m_ui->matchCaseCheck->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    m_matches.clear();
    m_matchesCapped = false;
    m_currentMatch = -1;
    if (m_findText.isEmpty() || (m_mode != BodyMode::Pretty && m_mode != BodyMode::Raw)) {
        m_ui->matchCountLabel->clear();
        highlightMatchesInWindow();
        return;
    }
    const QString &text = currentText();
    for (qsizetype at = text.indexOf(m_findText, 0, m_findCase); at >= 0;
         at = text.indexOf(m_findText, at + m_findText.size(), m_findCase)) {
        if (m_matches.size() == kMaxMatches) {
            m_matchesCapped = true;
            break;
        }
        m_matches.append(at);
    }
    if (m_matches.isEmpty()) {
        m_ui->matchCountLabel->setText(u"<span style=\"color:#c92a2a\">%1</span>"_s.arg(tr("No matches")));
        highlightMatchesInWindow();
        return;
    }
    // Start at the first match in (or after) what is on screen, like an editor's find.
    const auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), m_windowStart);
    goToMatch(it == m_matches.cend() ? 0 : int(it - m_matches.cbegin()));
}

void ResponseView::findNext()
{
    if (m_matches.isEmpty()) {
        if (!m_ui->findEdit->text().isEmpty())
            runFind();
        return;
    }
    goToMatch((m_currentMatch + 1) % int(m_matches.size()));
}

void ResponseView::findPrevious()
{
    if (m_matches.isEmpty())
        return;
    goToMatch((m_currentMatch - 1 + int(m_matches.size())) % int(m_matches.size()));
}

void ResponseView::goToMatch(int index)
{
    m_currentMatch = index;
    const qsizetype at = m_matches.at(index);
    const qsizetype length = m_findText.size();
    if (at < m_windowStart || at + length > m_windowEnd)
        showWindow(at - m_windowChars / 4, at + length);
    QTextCursor cursor(m_ui->textView->document());
    cursor.setPosition(int(at - m_windowStart));
    cursor.setPosition(int(at - m_windowStart + length), QTextCursor::KeepAnchor);
    m_ui->textView->setTextCursor(cursor);
    m_ui->textView->centerCursor();
    m_ui->matchCountLabel->setText(matchCountText());
    highlightMatchesInWindow();
}

QString ResponseView::matchCountText() const
{
    if (m_matches.isEmpty())
        return m_findText.isEmpty() ? QString() : tr("No matches");
    const QLocale locale;
    return tr("%1 of %2%3").arg(locale.toString(m_currentMatch + 1), locale.toString(m_matches.size()),
                                m_matchesCapped ? u"+"_s : QString());
}

bool ResponseView::isFindBarVisible() const
{
    return m_ui->findBar->isVisible();
}

QString ResponseView::selectedText() const
{
    return m_ui->textView->textCursor().selectedText();
}

void ResponseView::highlightMatchesInWindow()
{
    QList<QTextEdit::ExtraSelection> selections;
    const auto first = std::lower_bound(m_matches.cbegin(), m_matches.cend(), m_windowStart);
    QTextCharFormat format;
    format.setBackground(QColor(0xff, 0xe0, 0x66));
    for (auto it = first; it != m_matches.cend() && *it + m_findText.size() <= m_windowEnd
                          && selections.size() < kMaxHighlightedMatches;
         ++it) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(m_ui->textView->document());
        s.cursor.setPosition(int(*it - m_windowStart));
        s.cursor.setPosition(int(*it - m_windowStart + m_findText.size()), QTextCursor::KeepAnchor);
        s.format = format;
        selections.append(s);
    }
    m_ui->textView->setExtraSelections(selections);
}

// --- tree --------------------------------------------------------------------------------------

} // namespace quarry::app
