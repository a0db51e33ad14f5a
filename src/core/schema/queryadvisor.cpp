// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/queryadvisor.h"

#include "schema/dialect.h"
#include "schema/dialectregistry.h"
#include "schema/sqliteexpert.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

#include <nlohmann/json.hpp>
#include <pg_query.h>
#include <pqxx/pqxx>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using Json = nlohmann::json;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(QueryAdvisor)
};

QString tableKey(const QString &nameSpace, const QString &table)
{
    return nameSpace.isEmpty() || nameSpace == u"public"_s ? table : nameSpace + u'.' + table;
}

QString str(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

void appendUnique(QStringList &list, const QString &value)
{
    if (!value.isEmpty() && !list.contains(value))
        list << value;
}

} // namespace

// ---- IndexCandidate, QueryAdvice -------------------------------------------------------------

QString IndexCandidate::toString() const
{
    QStringList cols;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QString c = columns.at(i);
        if (i < collations.size() && !collations.at(i).isEmpty() && collations.at(i).compare(u"BINARY"_s, Qt::CaseInsensitive))
            c += u" COLLATE "_s + collations.at(i);
        if (i < descending.size() && descending.at(i))
            c += u" DESC"_s;
        cols << c;
    }
    return tableKey(nameSpace, table) + u'(' + cols.join(u", "_s) + u')';
}

QString IndexCandidate::indexName(int maxLength) const
{
    QString name = table + u'_' + columns.join(u'_') + u"_idx"_s;
    if (maxLength > 0 && name.size() > maxLength) {
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
        name = name.left(maxLength - 9) + u'_' + hash;
    }
    return name;
}

QString IndexCandidate::createStatement(const Dialect &dialect) const
{
    Table t;
    t.name = table;
    t.nameSpace = nameSpace == u"public"_s ? QString() : nameSpace;
    Index ix;
    const int maxLength = dialect.features().maxIdentifierLength;
    ix.name = indexName(maxLength > 0 ? maxLength : 63);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        IndexElement e;
        const QString coll = i < collations.size() ? collations.at(i) : QString();
        if (!coll.isEmpty() && coll.compare(u"BINARY"_s, Qt::CaseInsensitive))
            e.expression = dialect.quoteIdentifier(columns.at(i)) + u" COLLATE "_s + coll;
        else
            e.column = columns.at(i);
        e.descending = i < descending.size() && descending.at(i);
        ix.elements << e;
    }
    return dialect.createIndexStatement(t, ix);
}

std::optional<double> QueryAdvice::savingPercent() const
{
    if (!costBefore || !costAfter || *costBefore <= 0)
        return std::nullopt;
    return std::max(0.0, (*costBefore - *costAfter) / *costBefore * 100.0);
}

QString QueryAdvice::statusName(Status status)
{
    switch (status) {
    case Status::Suggested: return u"suggested"_s;
    case Status::NoGain: return u"no-gain"_s;
    case Status::NoCandidates: return u"no-candidates"_s;
    case Status::Skipped: return u"skipped"_s;
    case Status::Failed: return u"failed"_s;
    }
    return {};
}

int WorkloadAdvice::suggestionCount() const
{
    return int(std::count_if(queries.cbegin(), queries.cend(),
                             [](const QueryAdvice &q) { return q.status == QueryAdvice::Status::Suggested; }));
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
        const QString key = tableKey(str(rv, "schemaname"), rel);
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
    const QByteArray utf8 = query.sql.toUtf8();
    PgQueryParseResult parsed = pg_query_parse(utf8.constData());
    if (parsed.error) {
        // cursorpos counts characters from 1; 0 means "no position".
        const QList<uint> codePoints = query.sql.toUcs4();
        const qsizetype pos = std::clamp<qsizetype>(parsed.error->cursorpos - 1, 0, codePoints.size());
        qsizetype charOffset = 0;
        for (qsizetype i = 0; i < pos; ++i)
            charOffset += codePoints.at(i) > 0xFFFF ? 2 : 1;
        Error error{Error::Kind::InvalidInput, QString::fromUtf8(parsed.error->message), query.locate(charOffset)};
        pg_query_free_parse_result(parsed);
        return error;
    }
    Json tree;
    try {
        tree = Json::parse(parsed.parse_tree);
    } catch (const Json::exception &e) {
        pg_query_free_parse_result(parsed);
        return Error{Error::Kind::Internal, Tr::tr("libpg_query returned a parse tree that is not JSON: %1")
                                                .arg(QString::fromUtf8(e.what())), {}};
    }
    pg_query_free_parse_result(parsed);

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
        out.insert(tableKey(t.nameSpace, t.name), c);
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
        out.insert(tableKey(t.nameSpace, t.name), list);
    }
    return out;
}

// ---- PostgreSQL verification with HypoPG -------------------------------------------------------

namespace {

QString displayUrl(const QString &url)
{
    QUrl u(url, QUrl::StrictMode);
    if (u.isValid() && !u.scheme().isEmpty()) {
        u.setPassword({});
        return u.toString();
    }
    return url.section(u"password="_s, 0, 0).trimmed();
}

QString joinedType(const Json &plan)
{
    QString type = str(plan, "Node Type");
    const QString join = str(plan, "Join Type");
    if (!join.isEmpty() && join != u"Inner"_s) {
        if (type.endsWith(u" Join"_s))
            type = type.chopped(5) + u' ' + join + u" Join"_s;
        else if (type == u"Nested Loop"_s)
            type += u' ' + join + u" Join"_s;
    }
    return type;
}

// PostgreSQL's text format, without the numbers: "Index Scan using rental_pkey on rental r".
void planLines(const Json &plan, int depth, QStringList &out, QSet<QString> &indexes)
{
    const QString type = joinedType(plan);
    QString text = type;
    const QString index = str(plan, "Index Name");
    const QString rel = str(plan, "Relation Name");
    const QString alias = str(plan, "Alias");
    if (!index.isEmpty()) {
        indexes.insert(index);
        text += (type == u"Bitmap Index Scan"_s ? u" on "_s : u" using "_s) + index;
    }
    if (!rel.isEmpty()) {
        text += u" on "_s + rel;
        if (!alias.isEmpty() && alias != rel)
            text += u' ' + alias;
    }
    out << QString(depth * 2, u' ') + text;
    for (const Json &child : plan.value("Plans", Json::array()))
        planLines(child, depth + 1, out, indexes);
}

struct Explained {
    double cost = 0;
    QStringList lines;
    QSet<QString> indexes;
};

class PgSession
{
public:
    PgSession(pqxx::work &tx) : tx(tx) {}

    // EXPLAIN (FORMAT JSON) in a savepoint; a statement with $n parameters is prepared and
    // explained with the generic plan (PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN)).
    Result<Explained> explain(const QString &sql, int parameters)
    {
        try {
            pqxx::subtransaction sub(tx, "quarry_explain");
            std::string json;
            if (parameters > 0) {
                const std::string name = "quarry_advise_" + std::to_string(++prepared);
                sub.exec("PREPARE " + name + " AS " + sql.toStdString());
                std::string args;
                for (int i = 0; i < parameters; ++i)
                    args += i ? ", NULL" : "NULL";
                json = sub.exec("EXPLAIN (FORMAT JSON) EXECUTE " + name + "(" + args + ")")[0][0].c_str();
                sub.exec("DEALLOCATE " + name);
            } else {
                json = sub.exec("EXPLAIN (FORMAT JSON) " + sql.toStdString())[0][0].c_str();
            }
            sub.commit();
            const Json doc = Json::parse(json);
            const Json &plan = doc.at(0).at("Plan");
            Explained e;
            e.cost = plan.value("Total Cost", 0.0);
            planLines(plan, 0, e.lines, e.indexes);
            return e;
        } catch (const pqxx::sql_error &ex) {
            return Error{Error::Kind::Database, QString::fromUtf8(ex.what()).trimmed().section(u'\n', 0, 0), {}};
        } catch (const std::exception &ex) {
            return Error{Error::Kind::Database, QString::fromUtf8(ex.what()).trimmed(), {}};
        }
    }

    // A hypothetical index, the plan with it, and HypoPG's state reset afterwards.
    Result<std::pair<QString, Explained>> explainWith(const IndexCandidate &c, const QString &sql, int parameters)
    {
        QString hypoName;
        try {
            pqxx::subtransaction sub(tx, "quarry_hypo");
            QStringList cols;
            for (const QString &col : c.columns)
                cols << QString::fromStdString(sub.quote_name(col.toStdString()));
            const std::string rel = (c.nameSpace.isEmpty() ? std::string() : sub.quote_name(c.nameSpace.toStdString()) + ".")
                + sub.quote_name(c.table.toStdString());
            const std::string ddl = "CREATE INDEX ON " + rel + " (" + cols.join(u", "_s).toStdString() + ")";
            const pqxx::result r = sub.exec_params("SELECT indexname FROM hypopg_create_index($1)", ddl);
            hypoName = QString::fromUtf8(r[0][0].c_str());
            sub.commit();
        } catch (const pqxx::sql_error &ex) {
            return Error{Error::Kind::Database, QString::fromUtf8(ex.what()).trimmed().section(u'\n', 0, 0), {}};
        }
        auto e = explain(sql, parameters);
        try {
            tx.exec("SELECT hypopg_reset()");
        } catch (const std::exception &ex) {
            return Error{Error::Kind::Database, QString::fromUtf8(ex.what()).trimmed(), {}};
        }
        if (!e)
            return e.error();
        return std::make_pair(hypoName, std::move(e).value());
    }

private:
    pqxx::work &tx;
    int prepared = 0;
};

QString formatCost(double cost)
{
    return QString::number(cost, 'f', 2);
}

} // namespace

Result<WorkloadAdvice> PgQueryAdvisor::advise(const QString &url, const Workload &workload,
                                              const Dialect &indexDialect, const AdvisorOptions &options)
{
    WorkloadAdvice out;
    out.engine = u"postgres"_s;
    out.database = displayUrl(url);
    const auto cancelled = [&] { return options.cancelled && options.cancelled(); };
    const Error cancelError{Error::Kind::Internal, Tr::tr("Cancelled."), {}};

    std::unique_ptr<pqxx::connection> conn;
    try {
        std::string connect = url.toStdString();
        if (!url.contains(u"connect_timeout"_s))
            connect += url.contains(u"://"_s) ? (url.contains(u'?') ? "&connect_timeout=5" : "?connect_timeout=5")
                                             : " connect_timeout=5";
        conn = std::make_unique<pqxx::connection>(connect);
    } catch (const std::exception &e) {
        return Error{Error::Kind::Network,
                     Tr::tr("Cannot connect to %1: %2").arg(out.database, QString::fromUtf8(e.what()).trimmed()),
                     out.database};
    }

    try {
        // Everything below is rolled back: the extension (when this run creates it), the
        // hypothetical indexes (which live in this backend's memory anyway) and the settings.
        pqxx::work tx(*conn, "quarry_advise");
        tx.exec("SET LOCAL lock_timeout = '5s'");
        const int version = conn->server_version();
        const pqxx::result installed = tx.exec("SELECT extversion FROM pg_extension WHERE extname = 'hypopg'");
        try {
            pqxx::subtransaction sub(tx, "quarry_hypopg");
            sub.exec("CREATE EXTENSION IF NOT EXISTS hypopg");
            sub.commit();
        } catch (const pqxx::sql_error &e) {
            return Error{Error::Kind::Database,
                         Tr::tr("HypoPG is not available on %1 (%2). Quarry checks candidate indexes with HypoPG's "
                                "hypothetical indexes: install the extension's package on the database server "
                                "(Debian: postgresql-%3-hypopg) and make sure this user may CREATE EXTENSION; "
                                "Quarry creates it only inside a transaction it rolls back.")
                             .arg(out.database, QString::fromUtf8(e.what()).trimmed().section(u'\n', 0, 0))
                             .arg(version / 10000),
                         out.database};
        }
        const pqxx::result hv = tx.exec("SELECT extversion FROM pg_extension WHERE extname = 'hypopg'");
        out.notes << Tr::tr("PostgreSQL %1.%2, HypoPG %3 (%4); everything ran in one transaction that was rolled back.")
                         .arg(version / 10000)
                         .arg(version % 10000)
                         .arg(QString::fromUtf8(hv.empty() ? "?" : hv[0][0].c_str()),
                              installed.empty() ? Tr::tr("created for this run only") : Tr::tr("installed"));
        tx.exec("SELECT hypopg_reset()");
        // Queries with $n parameters are explained through PREPARE with their generic plan.
        tx.exec("SET LOCAL plan_cache_mode = force_generic_plan");

        TableColumns columns;
        for (const auto &row : tx.exec(
                 "SELECT n.nspname, c.relname, a.attname FROM pg_attribute a "
                 "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped "
                 "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                 "ORDER BY n.nspname, c.relname, a.attnum")) {
            columns[tableKey(QString::fromUtf8(row[0].c_str()), QString::fromUtf8(row[1].c_str()))]
                << QString::fromUtf8(row[2].c_str());
        }
        IndexColumns indexes;
        for (const auto &row : tx.exec(
                 "SELECT n.nspname, c.relname, ic.relname, "
                 "  array_to_string(ARRAY(SELECT coalesce(a.attname, '') FROM unnest(i.indkey::int2[]) "
                 "    WITH ORDINALITY k(attnum, ord) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid "
                 "    AND a.attnum = k.attnum ORDER BY k.ord), ',') "
                 "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam "
                 "WHERE i.indpred IS NULL AND am.amname = 'btree' "
                 "AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            QStringList cols;
            for (const QString &c : QString::fromUtf8(row[3].c_str()).split(u','))
                if (c.isEmpty())
                    break;
                else
                    cols << c;
            if (!cols.isEmpty())
                indexes[tableKey(QString::fromUtf8(row[0].c_str()), QString::fromUtf8(row[1].c_str()))]
                    << ExistingIndexInfo{QString::fromUtf8(row[2].c_str()), cols};
        }

        PgSession session(tx);
        int done = 0;
        for (const WorkloadQuery &q : workload.queries) {
            if (cancelled())
                return cancelError;
            QueryAdvice a;
            a.query = q;
            auto gen = PgCandidateGenerator::generate(q, columns, indexes);
            if (!gen) {
                a.status = QueryAdvice::Status::Failed;
                a.message = gen.error().message;
                a.where = gen.error().where;
            } else if (!QStringList{u"SelectStmt"_s, u"InsertStmt"_s, u"UpdateStmt"_s, u"DeleteStmt"_s}.contains(
                           gen.value().statementKind)) {
                a.status = QueryAdvice::Status::Skipped;
                a.message = Tr::tr("Not a query (%1); only SELECT, INSERT, UPDATE and DELETE are explained.")
                                .arg(gen.value().statementKind);
            } else {
                const auto &g = gen.value();
                a.candidates = g.candidates;
                auto before = session.explain(q.sql, g.parameterCount);
                if (!before) {
                    a.status = QueryAdvice::Status::Failed;
                    a.message = before.error().message;
                    a.where = q.locate(0);
                } else {
                    a.planBefore = before.value().lines;
                    a.costBefore = before.value().cost;
                    std::optional<Explained> best;
                    IndexCandidate bestCandidate;
                    QStringList failures;
                    for (const IndexCandidate &c : g.candidates) {
                        if (cancelled())
                            return cancelError;
                        auto with = session.explainWith(c, q.sql, g.parameterCount);
                        if (!with) {
                            failures << Tr::tr("%1: %2").arg(c.toString(), with.error().message);
                            continue;
                        }
                        const auto &[hypo, e] = with.value();
                        if (!e.indexes.contains(hypo))
                            continue; // the planner ignores it
                        if (!best || e.cost < best->cost) {
                            best = e;
                            bestCandidate = c;
                        }
                    }
                    const QString params = g.parameterCount > 0
                        ? Tr::tr(" Generic plan: $1..$%1 planned without values (PREPARE with plan_cache_mode = "
                                 "force_generic_plan).").arg(g.parameterCount)
                        : QString();
                    if (g.candidates.isEmpty()) {
                        a.status = QueryAdvice::Status::NoCandidates;
                        a.message = g.covered.isEmpty()
                            ? Tr::tr("No candidate index: no column is compared with a value, joined or sorted on.")
                            : Tr::tr("No new candidate: %1.").arg(g.covered.join(u"; "_s));
                    } else if (!best) {
                        a.status = QueryAdvice::Status::NoGain;
                        a.message = Tr::tr("The planner uses none of the %n candidate index(es).", nullptr,
                                           int(g.candidates.size()));
                    } else {
                        a.planAfter = best->lines;
                        a.costAfter = best->cost;
                        const double saving = *a.savingPercent();
                        if (best->cost <= *a.costBefore * options.maxCostRatio) {
                            a.status = QueryAdvice::Status::Suggested;
                            a.suggestions << bestCandidate;
                            a.createStatements << bestCandidate.createStatement(indexDialect);
                            a.gain = Tr::tr("%1% less cost").arg(saving, 0, 'f', 0);
                            a.message = Tr::tr("Cost %1 -> %2 with %3: %4% less.")
                                            .arg(formatCost(*a.costBefore), formatCost(best->cost),
                                                 bestCandidate.toString())
                                            .arg(saving, 0, 'f', 0);
                        } else {
                            a.status = QueryAdvice::Status::NoGain;
                            a.gain = Tr::tr("%1% only").arg(saving, 0, 'f', 0);
                            a.message = Tr::tr("The best candidate, %1, lowers the cost only from %2 to %3 (%4% less); "
                                               "an index is suggested when it at least halves it.")
                                            .arg(bestCandidate.toString(), formatCost(*a.costBefore),
                                                 formatCost(best->cost))
                                            .arg(saving, 0, 'f', 0);
                        }
                    }
                    a.note = params.trimmed();
                    if (!failures.isEmpty())
                        a.message += u' ' + Tr::tr("HypoPG refused: %1.").arg(failures.join(u"; "_s));
                }
            }
            out.queries << a;
            if (options.progress)
                options.progress(++done, int(workload.queries.size()));
        }
        tx.abort();
    } catch (const pqxx::broken_connection &) {
        return Error{Error::Kind::Network, Tr::tr("Lost the connection to %1.").arg(out.database), out.database};
    } catch (const std::exception &e) {
        return Error{Error::Kind::Database, QString::fromUtf8(e.what()).trimmed(), out.database};
    }
    return out;
}

QList<AdvisorDatabase> advisorDatabases(const QJsonArray &databasesSection)
{
    QList<AdvisorDatabase> out;
    for (const QJsonValue &v : databasesSection) {
        const QJsonObject o = v.toObject();
        const QString url = o.value(u"url"_s).toString();
        if (!url.isEmpty())
            out << AdvisorDatabase{o.value(u"name"_s).toString(url), url};
    }
    return out;
}

Result<WorkloadAdvice> adviseWorkload(const QString &url, const QString &baseDir, const Schema &design,
                                      const Workload &workload, const AdvisorOptions &options)
{
    auto dialect = [](const QString &id) -> Result<const Dialect *> {
        if (const Dialect *d = DialectRegistry::instance().dialect(id))
            return d;
        return Error{Error::Kind::NotFound, Tr::tr("The %1 dialect plugin is not loaded (see quarry --list-plugins).").arg(id), {}};
    };
    const QString u = url.trimmed();
    if (u.startsWith(u"postgresql://"_s) || u.startsWith(u"postgres://"_s) || u.contains(u"host="_s)
        || u.contains(u"dbname="_s)) {
        auto pg = dialect(u"postgres"_s);
        if (!pg)
            return pg.error();
        return PgQueryAdvisor::advise(u, workload, *pg.value(), options);
    }
    auto sqlite = dialect(u"sqlite"_s);
    if (!sqlite)
        return sqlite.error();
    if (u.isEmpty()) {
        auto ddl = sqlite.value()->createStatements(design);
        if (!ddl)
            return ddl.error();
        return SqliteExpert::adviseDdl(ddl.value(), workload, *sqlite.value(), options);
    }
    if (u.startsWith(u"sqlite:"_s)) {
        QString path = u.mid(7);
        if (path.startsWith(u"//"_s))
            path = path.mid(2);
        if (QDir::isRelativePath(path) && !baseDir.isEmpty())
            path = QDir(baseDir).filePath(path);
        return SqliteExpert::adviseFile(path, workload, *sqlite.value(), options);
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("Not a database URL Quarry knows; use sqlite:path/to/file.db or postgresql://user@host:port/db."),
                 url};
}

} // namespace quarry::schema
