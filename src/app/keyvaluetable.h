// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/requestspec.h"

#include <QWidget>

#include <memory>

namespace Ui { class KeyValueTable; }

namespace quarry::app {

/// A table of name/value rows with an enabled checkbox (on the name cell), Add and Remove; in
/// multipart mode a row can be a file (Choose File… sets the value to the file's path). Query
/// parameters, headers and form bodies all use it. rowsEdited() follows every committed cell
/// edit, not keystrokes, so each is one undo step.
class KeyValueTable : public QWidget
{
    Q_OBJECT
public:
    explicit KeyValueTable(QWidget *parent = nullptr);
    ~KeyValueTable() override;

    /// Multipart: a third column says whether the row is text or a file.
    void setFileRows(bool enabled);
    void setHint(const QString &text);
    /// Shows `rows`; emits nothing.
    void setRows(const QList<http::KeyValue> &rows);
    QList<http::KeyValue> rows() const;
    /// Adds a row (for tests and for "Add"); emits rowsEdited().
    void addRow(const http::KeyValue &row);
    void removeRow(int row);
    /// Makes `row` a file row holding `path`; emits rowsEdited().
    void setFile(int row, const QString &path);
    /// Sets one cell as the user would (column 0 name, 1 value); emits rowsEdited().
    void setCell(int row, int column, const QString &text);
    void setRowEnabled(int row, bool enabled);

signals:
    void rowsEdited();

private:
    void appendRow(const http::KeyValue &row);
    void chooseFile();

    std::unique_ptr<Ui::KeyValueTable> m_ui;
    bool m_fileRows = false;
    bool m_loading = false;
};

} // namespace quarry::app
