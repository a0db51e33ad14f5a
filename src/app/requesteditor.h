// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/requestspec.h"

#include <QWidget>

#include <memory>

class QTimer;
namespace Ui { class RequestEditor; }

namespace quarry::app {

class AuthEditor;

/// Edits one request of a collection: method, URL (its query string and the Params tab kept in
/// step, as Postman does), headers, body (JSON checked as it is typed, form, multipart with files,
/// raw text, a binary file), auth (an AuthEditor: every type, what Inherit gives), checks and
/// extracted variables, timeout, redirects, TLS.
/// Every committed change is announced with requestEdited(); the owner turns it into an undoable
/// workspace edit. Typing is coalesced: line edits commit when editing finishes, the body text a
/// moment after typing stops (and its commands merge), so undo never goes character by character.
class RequestEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RequestEditor(QWidget *parent = nullptr);
    ~RequestEditor() override;

    /// The workspace's auth profiles (id, name) a request can sign its tokens with.
    void setAuthProfiles(const QList<std::pair<QString, QString>> &profiles);
    /// The requests (id, name) of the request's collection, for a login flow set on the request.
    void setCollectionRequests(const QList<std::pair<QString, QString>> &requests);
    /// What Inherit resolves to for this request ("login “Ada” from folder “Admin”"), on the Auth tab.
    void setInheritedAuth(const QString &text);
    /// The Auth tab's editor (for tests).
    AuthEditor *authEditor() const;
    /// Shows `request`, keeping the current tab and, where the text is unchanged, the cursor.
    /// Emits nothing.
    void setRequest(const http::RequestSpec &request);
    /// Nothing selected: the editor is empty and disabled.
    void clearRequest();
    const http::RequestSpec &request() const { return m_spec; }
    /// The auth the request ends up with after inheritance, in words ("login “Ada” from collection …").
    void setEffectiveAuth(const QString &text);
    /// Send or Cancel on the button.
    void setSending(bool sending);
    void setSendEnabled(bool enabled);
    /// Commits what is being typed (URL, method, token, body) before a send.
    void commitPending();
    /// The JSON body's verdict as shown under the text ("✓ Valid JSON", "✗ … line 3, column 5").
    QString bodyStatus() const;

    /// The URL as shown: the stored URL with the enabled query parameters appended.
    static QString composeUrl(const QString &url, const QList<http::KeyValue> &params);
    /// Splits a typed URL into the URL without its query and the query's parameters (decoded);
    /// `disabled` rows are kept after them, as the URL cannot show them.
    static std::pair<QString, QList<http::KeyValue>> splitUrl(const QString &text, const QList<http::KeyValue> &previous);

signals:
    /// `field` names what changed ("url", "params", "body.text", ...).
    void requestEdited(const quarry::http::RequestSpec &request, const QString &field);
    void sendClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum AssertionColumn { KindColumn, TargetColumn, OpColumn, ExpectedColumn };
    enum ExtractionColumn { VariableColumn, FromColumn, SourceColumn };
    void savePendingForLater();
    void emitEdited(const QString &field);
    void updateTabTitles();
    void commitUrl();
    void commitMethod();
    void commitBodyText();
    void showBodyMode();
    void updateBodyStatus();
    void updateBinaryStatus();
    void fillAssertions();
    void fillExtractions();
    void addAssertionRow(const http::Assertion &assertion);
    void addExtractionRow(const http::Extraction &extraction);
    void fillOps(int row, const QString &kind, const QString &op);
    void assertionsEdited();
    void showChecksProblem(const QString &text);
    void extractionsEdited();

    std::unique_ptr<Ui::RequestEditor> m_ui;
    http::RequestSpec m_spec;
    QTimer *m_bodyTimer;
    bool m_loading = false;
    bool m_urlDirty = false;
};

} // namespace quarry::app
