// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/scripts.h"

#include <QWidget>

#include <memory>

class QsciScintilla;
class QTimer;
namespace Ui { class ScriptsEditor; }

namespace quarry::app {

/// The pre-request and test scripts of a request, folder or collection: two JavaScript editors
/// (QScintilla, with completion of the pm.* API and of the libraries scripts require). Typing
/// is coalesced like the request body's: scriptsEdited() comes a moment after typing stops, or
/// at once from commitPending().
class ScriptsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ScriptsEditor(QWidget *parent = nullptr);
    ~ScriptsEditor() override;

    /// Shows the scripts; emits nothing. Text that is unchanged keeps its cursor.
    void setScripts(const http::Scripts &scripts);
    http::Scripts scripts() const;
    /// Emits scriptsEdited() now if an edit is waiting.
    void commitPending();
    /// The editors (for tests).
    QsciScintilla *preRequestEditor() const { return m_preRequest; }
    QsciScintilla *testEditor() const { return m_test; }
    /// "Scripts" with the number of scripts that have text, for a tab title.
    static QString title(const http::Scripts &scripts);

signals:
    void scriptsEdited(const quarry::http::Scripts &scripts);

private:
    QsciScintilla *makeEditor(QWidget *page);
    void updateTitles();

    std::unique_ptr<Ui::ScriptsEditor> m_ui;
    QsciScintilla *m_preRequest;
    QsciScintilla *m_test;
    QTimer *m_timer;
    http::Scripts m_shown;
    bool m_loading = false;
};

} // namespace quarry::app
