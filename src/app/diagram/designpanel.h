// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"
#include "schema/schema.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui { class DesignPanel; }

namespace quarry::app {

/// The diagram's side panel: edits the selected table (name, schema, comment, columns with name,
/// type, NOT NULL, primary key, unique, default) or the selected foreign key (constraint name,
/// ON DELETE/UPDATE). It never changes the model itself: each edit goes to the applier as a
/// function over the Schema, which the owner runs and pushes as one undoable step.
class DesignPanel : public QWidget
{
    Q_OBJECT
public:
    using Edit = std::function<Result<void>(schema::Schema &)>;
    /// text: the undo step's name; mergeKey: consecutive edits with the same key merge.
    using Applier = std::function<void(const QString &text, const Edit &edit, const QString &mergeKey)>;

    explicit DesignPanel(QWidget *parent = nullptr);
    ~DesignPanel() override;

    void setApplier(Applier applier) { m_apply = std::move(applier); }
    void showTable(const schema::Schema &schema, const QString &tableId);
    void showForeignKey(const schema::Schema &schema, const QString &tableId, const QString &foreignKeyId);
    /// No single table or relation is selected (`selected` items are).
    void showNothing(int selected = 0);
    /// Re-reads what is shown from `schema` (after an edit or undo); shows nothing if it is gone.
    void refresh(const schema::Schema &schema);
    void showError(const QString &message);
    /// Makes the column's row current in the columns table; `edit` opens its name for typing.
    void selectColumn(const QString &columnId, bool edit = false);
    QString currentColumnId() const;

    QString tableId() const { return m_tableId; }
    QString foreignKeyId() const { return m_foreignKeyId; }

signals:
    void addColumnRequested(const QString &tableId);

private:
    void apply(const QString &text, const Edit &edit, const QString &mergeKey = {});
    void columnEdited(int row, int column);

    std::unique_ptr<Ui::DesignPanel> m_ui;
    Applier m_apply;
    QString m_tableId;
    QString m_foreignKeyId;
    bool m_filling = false;
};

} // namespace quarry::app
