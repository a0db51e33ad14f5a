// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/queryadvisor.h"

#include "schema/pgparsetree.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using quarry::schema::pg::Json;
using quarry::schema::pg::str;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(QueryAdvisor)
};

void appendUnique(QStringList &list, const QString &value)
{
    if (!value.isEmpty() && !list.contains(value))
        list << value;
}
} // namespace

QString PgCandidateGenerator::tableKey(const QString &nameSpace, const QString &table)
{
    return nameSpace.isEmpty() || nameSpace == u"public"_s ? table : nameSpace + u'.' + table;
}

// ---- candidate generation from the parse tree ------------------------------------------------

namespace {

struct Scope {
    const Scope *outer = nullptr;
    QHash<QString, QString> aliases;   // alias or table name -> table key
    QStringList tables;                // table keys, in FROM order
};

struct TableUse {
    QStringList eq, range, order, join;
};

class CandidateWalker
{
public:
    explicit CandidateWalker(const TableColumns &columns) : cols(columns) {}

    QHash<QString, TableUse> uses;
    QStringList tableOrder;

    void statement(const Json &stmt, const Scope *outer)
    {
        if (!stmt.is_object() || stmt.empty())
            return;
        const std::string kind = stmt.begin().key();
        const Json &node = stmt.begin().value();
        if (kind == "SelectStmt")
            select(node, outer);
        else if (kind == "UpdateStmt" || kind == "DeleteStmt") {
            Scope s;
            s.outer = outer;
            rangeVar(node.value("relation", Json::object()), s);
            for (const Json &f : node.value(kind == "UpdateStmt" ? "fromClause" : "usingClause", Json::array()))
                fromItem(f, s);
            with(node, &s);
            predicates(node.value("whereClause", Json()), s);
        } else if (kind == "InsertStmt") {
            with(node, outer);
            statement(node.value("selectStmt", Json()), outer);
        } else if (kind == "ExplainStmt") {
            statement(node.value("query", Json()), outer);
        }
    }

private:
    const TableColumns &cols;
    QSet<QString> cteNames;

    void with(const Json &node, const Scope *outer)
    {
        const Json &w = node.value("withClause", Json());
        if (!w.is_object())
            return;
        for (const Json &cte : w.value("ctes", Json::array())) {
            const Json &c = cte.value("CommonTableExpr", Json::object());
            cteNames.insert(str(c, "ctename"));
            statement(c.value("ctequery", Json()), outer);
        }
    }

    void select(const Json &node, const Scope *outer)
    {
        with(node, outer);
        if (str(node, "op") != u"SETOP_NONE"_s && node.contains("larg")) {
            select(node["larg"], outer);
            select(node.value("rarg", Json::object()), outer);
            return;
        }
        Scope s;
        s.outer = outer;
        for (const Json &f : node.value("fromClause", Json::array()))
            fromItem(f, s);
        predicates(node.value("whereClause", Json()), s);
        predicates(node.value("havingClause", Json()), s);
        for (const Json &t : node.value("targetList", Json::array()))
            subqueries(t, s);
        // ORDER BY helps an index only when all its columns belong to one table.
        QString orderTable;
        QStringList orderCols;
        bool usable = true;
        for (const Json &sb : node.value("sortClause", Json::array())) {
            const Json &by = sb.value("SortBy", Json::object());
            const auto col = columnRef(by.value("node", Json()), s);
            if (!col || (!orderTable.isEmpty() && col->first != orderTable)) {
                usable = false;
                break;
            }
            orderTable = col->first;
            orderCols << col->second;
        }
        if (usable && !orderTable.isEmpty()) {
            for (const QString &c : std::as_const(orderCols))
                appendUnique(use(orderTable).order, c);
        }
    }

    void fromItem(const Json &item, Scope &s)
    {
        if (item.contains("RangeVar")) {
            rangeVar(item["RangeVar"], s);
        } else if (item.contains("JoinExpr")) {
            const Json &j = item["JoinExpr"];
            fromItem(j.value("larg", Json::object()), s);
            fromItem(j.value("rarg", Json::object()), s);
            predicates(j.value("quals", Json()), s);
        } else if (item.contains("RangeSubselect")) {
            statement(item["RangeSubselect"].value("subquery", Json()), &s);
        }
    }

    void rangeVar(const Json &rv, Scope &s)
    {
        if (rv.contains("RangeVar"))
            return rangeVar(rv["RangeVar"], s);
        const QString rel = str(rv, "relname");
        if (rel.isEmpty())
            return;
        const QString key = PgCandidateGenerator::tableKey(str(rv, "schemaname"), rel);
        if (str(rv, "schemaname").isEmpty() && cteNames.contains(rel))
            return;
        if (!cols.isEmpty() && !cols.contains(key))
            return; // a view, a CTE or an unknown table: nothing to index
        const QString alias = rv.contains("alias") ? str(rv["alias"], "aliasname") : QString();
        s.aliases.insert(alias.isEmpty() ? rel : alias, key);
        if (alias.isEmpty() && !str(rv, "schemaname").isEmpty())
            s.aliases.insert(str(rv, "schemaname") + u'.' + rel, key);
        s.tables << key;
    }

    // (table key, column) for a plain column reference visible from `s`.
    std::optional<std::pair<QString, QString>> columnRef(const Json &node, const Scope &s) const
    {
        if (!node.is_object() || !node.contains("ColumnRef"))
            return std::nullopt;
        QStringList parts;
        for (const Json &f : node["ColumnRef"].value("fields", Json::array())) {
            if (!f.contains("String"))
                return std::nullopt; // t.*
            parts << str(f["String"], "sval");
        }
        if (parts.isEmpty())
            return std::nullopt;
        const QString column = parts.takeLast();
        for (const Scope *sc = &s; sc; sc = sc->outer) {
            if (!parts.isEmpty()) {
                const QString key = sc->aliases.value(parts.join(u'.'));
                if (!key.isEmpty())
                    return std::make_pair(key, column);
                continue;
            }
            QStringList owners;
            for (const QString &t : sc->tables) {
                if (cols.value(t).contains(column))
                    owners << t;
            }
            if (owners.size() == 1)
                return std::make_pair(owners.first(), column);
            if (owners.isEmpty() && cols.isEmpty() && sc->tables.size() == 1)
                return std::make_pair(sc->tables.first(), column);
            if (owners.size() > 1)
                return std::nullopt; // ambiguous: PostgreSQL would refuse it too
        }
        return std::nullopt;
    }

    bool isScopeTable(const QString &key, const Scope &s) const { return s.tables.contains(key); }

    // True when the expression reads no column of table `key` in scope `s` (a constant, a
    // parameter, an outer row's column): then "col OP expr" can drive an index on `key`.
    bool independentOf(const Json &expr, const QString &key, const Scope &s) const
    {
        if (expr.is_object()) {
            if (expr.contains("ColumnRef")) {
                const auto c = columnRef(expr, s);
                return !c || c->first != key;
            }
            if (expr.contains("SubLink"))
                return true;
            for (auto it = expr.begin(); it != expr.end(); ++it) {
                if (it->is_structured() && !independentOf(*it, key, s))
                    return false;
            }
        } else if (expr.is_array()) {
            for (const Json &e : expr) {
                if (!independentOf(e, key, s))
                    return false;
            }
        }
        return true;
    }

    TableUse &use(const QString &key)
    {
        if (!uses.contains(key))
            tableOrder << key;
        return uses[key];
    }

    void subqueries(const Json &j, const Scope &s)
    {
        if (j.is_object()) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (it.key() == "SubLink" && it->is_object()) {
                    statement(it->value("subselect", Json()), &s);
                    subqueries(it->value("testexpr", Json()), s);
                } else if (it->is_structured()) {
                    subqueries(*it, s);
                }
            }
        } else if (j.is_array()) {
            for (const Json &e : j)
                subqueries(e, s);
        }
    }

    void predicates(const Json &expr, const Scope &s)
    {
        if (!expr.is_object() || expr.empty())
            return;
        subqueries(expr, s);
        if (expr.contains("BoolExpr")) {
            const Json &b = expr["BoolExpr"];
            if (str(b, "boolop") == u"AND_EXPR"_s) {
                for (const Json &a : b.value("args", Json::array()))
                    predicates(a, s);
            }
            return; // OR / NOT: no single index serves them (a BitmapOr is out of scope)
        }
        if (expr.contains("NullTest")) {
            const Json &n = expr["NullTest"];
            const auto c = columnRef(n.value("arg", Json()), s);
            if (c && isScopeTable(c->first, s) && str(n, "nulltesttype") == u"IS_NULL"_s)
                appendUnique(use(c->first).eq, c->second);
            return;
        }
        if (!expr.contains("A_Expr"))
            return;
        const Json &a = expr["A_Expr"];
        const QString kind = str(a, "kind");
        QString op;
        for (const Json &n : a.value("name", Json::array())) {
            if (n.contains("String"))
                op = str(n["String"], "sval");
        }
        const Json lexpr = a.value("lexpr", Json());
        const Json rexpr = a.value("rexpr", Json());
        const auto l = columnRef(lexpr, s);
        const auto r = columnRef(rexpr, s);
        if (kind == u"AEXPR_OP"_s && l && r && l->first != r->first) {
            const bool lHere = isScopeTable(l->first, s);
            const bool rHere = isScopeTable(r->first, s);
            if (op == u"="_s && lHere && rHere) {
                appendUnique(use(l->first).join, l->second);
                appendUnique(use(r->first).join, r->second);
                return;
            }
            // A correlated subquery: the outer column is a constant for this scope.
        }
        auto classify = [&](const std::optional<std::pair<QString, QString>> &col, const Json &other, bool flipped) {
            if (!col || !isScopeTable(col->first, s) || !independentOf(other, col->first, s))
                return;
            TableUse &u = use(col->first);
            if (kind == u"AEXPR_IN"_s || (kind == u"AEXPR_OP"_s && op == u"="_s)) {
                if (!flipped || kind == u"AEXPR_OP"_s)
                    appendUnique(u.eq, col->second);
            } else if ((kind == u"AEXPR_OP"_s && (op == u"<"_s || op == u">"_s || op == u"<="_s || op == u">="_s))
                       || (kind == u"AEXPR_BETWEEN"_s && !flipped)) {
                appendUnique(u.range, col->second);
            }
        };
        classify(l, rexpr, false);
        if (kind == u"AEXPR_OP"_s)
            classify(r, lexpr, true);
    }
};

bool coveredBy(const QStringList &cand, const QList<ExistingIndexInfo> &indexes, QString *name)
{
    for (const ExistingIndexInfo &ix : indexes) {
        if (ix.columns.size() >= cand.size() && ix.columns.mid(0, cand.size()) == cand) {
            if (name)
                *name = ix.name;
            return true;
        }
    }
    return false;
}

} // namespace

Result<PgCandidateGenerator::Output> PgCandidateGenerator::generate(const WorkloadQuery &query,
                                                                   const TableColumns &columns,
                                                                   const IndexColumns &existing)
{
    pg::SyntaxError syntax;
    auto parsed = pg::parse(query.sql, &syntax);
    if (!parsed) {
        if (parsed.error().kind != Error::Kind::InvalidInput)
            return parsed.error();
        const QList<uint> codePoints = query.sql.toUcs4();
        qsizetype charOffset = 0;   // in UTF-16 code units, as QString counts
        for (qsizetype i = 0; i < syntax.codePoint; ++i)
            charOffset += codePoints.at(i) > 0xFFFF ? 2 : 1;
        return Error{Error::Kind::InvalidInput, syntax.message, query.locate(charOffset)};
    }
    const Json &tree = parsed.value();

    Output out;
    try {
        const Json &stmts = tree.value("stmts", Json::array());
        if (stmts.size() != 1)
            return Error{Error::Kind::InvalidInput, Tr::tr("Expected one statement, found %1.").arg(stmts.size()),
                         query.locate(0)};
        const Json &stmt = stmts.at(0).value("stmt", Json::object());
        out.statementKind = stmt.empty() ? QString() : QString::fromStdString(stmt.begin().key());
        CandidateWalker walker(columns);
        walker.statement(stmt, nullptr);
        out.parameterCount = 0;
        {
            // ParamRef numbers anywhere in the tree.
            std::function<void(const Json &)> scan = [&](const Json &j) {
                if (j.is_object()) {
                    for (auto it = j.begin(); it != j.end(); ++it) {
                        if (it.key() == "ParamRef" && it->is_object())
                            out.parameterCount = std::max(out.parameterCount, it->value("number", 0));
                        else if (it->is_structured())
                            scan(*it);
                    }
                } else if (j.is_array()) {
                    for (const Json &e : j)
                        scan(e);
                }
            };
            scan(stmt);
        }

        for (const QString &key : std::as_const(walker.tableOrder)) {
            const TableUse &u = walker.uses.value(key);
            QList<QStringList> lists;
            auto add = [&](QStringList c) {
                c.removeDuplicates();
                if (!c.isEmpty() && c.size() <= 3 && !lists.contains(c))
                    lists << c;
            };
            const QStringList eq = u.eq.mid(0, 3);
            add(eq);
            if (eq.size() > 1) {
                for (const QString &c : eq)
                    add({c});
            }
            for (const QString &r : u.range.mid(0, 2)) {
                add(eq + QStringList{r});
                add({r});
            }
            if (!u.order.isEmpty()) {
                add(eq + u.order);
                add(u.order);
            }
            for (const QString &j : u.join) {
                add({j});
                if (!eq.isEmpty())
                    add(QStringList{j} + eq);
            }
            const QString ns = key.contains(u'.') ? key.section(u'.', 0, 0) : QString();
            const QString table = key.contains(u'.') ? key.section(u'.', 1) : key;
            for (const QStringList &c : std::as_const(lists)) {
                QString by;
                if (coveredBy(c, existing.value(key), &by)) {
                    out.covered << Tr::tr("%1 is covered by the existing index %2")
                                       .arg(IndexCandidate{ns, table, c, {}, {}}.toString(), by);
                    continue;
                }
                out.candidates << IndexCandidate{ns, table, c, {}, {}};
            }
        }
    } catch (const Json::exception &e) {
        return Error{Error::Kind::Internal, Tr::tr("Unexpected parse tree: %1").arg(QString::fromUtf8(e.what())), {}};
    }
    return out;
}

TableColumns PgCandidateGenerator::columnsOf(const Schema &design)
{
    TableColumns out;
    for (const Table &t : design.tables) {
        QStringList c;
        for (const Column &col : t.columns)
            c << col.name;
        out.insert(PgCandidateGenerator::tableKey(t.nameSpace, t.name), c);
    }
    return out;
}

IndexColumns PgCandidateGenerator::indexesOf(const Schema &design)
{
    IndexColumns out;
    for (const Table &t : design.tables) {
        QList<ExistingIndexInfo> list;
        if (!t.primaryKeyColumns().isEmpty())
            list << ExistingIndexInfo{t.name + u"_pkey"_s, t.primaryKeyColumns()};
        for (const QStringList &u : t.uniqueKeys())
            list << ExistingIndexInfo{Tr::tr("unique (%1)").arg(u.join(u", "_s)), u};
        for (const Index &ix : t.indexes) {
            if (!ix.where.isEmpty() || ix.effectiveMethod() != u"btree"_s)
                continue;
            QStringList c;
            for (const IndexElement &e : ix.elements) {
                if (!e.expression.isEmpty())
                    break;
                c << e.column;
            }
            if (!c.isEmpty())
                list << ExistingIndexInfo{ix.name, c};
        }
        out.insert(PgCandidateGenerator::tableKey(t.nameSpace, t.name), list);
    }
    return out;
}

} // namespace quarry::schema
