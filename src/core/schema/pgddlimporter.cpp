// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/pgddlimporter.h"

#include "schema/pgparsetree.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>


#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using quarry::schema::pg::Json;
using quarry::schema::pg::names;
using quarry::schema::pg::str;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PgDdlImporter)
};

/// libpg_query's fk_del_action / fk_upd_action ("a", "r", "c", "n", "d").
ReferentialAction pgAction(const std::string &code)
{
    return ReferentialActions::fromPgCode(QString::fromStdString(code));
}

class Importer
{
public:
    explicit Importer(const QByteArray &utf8) : source(utf8) {}

    Result<SqlImport> run(const Json &tree)
    {
        for (const Json &raw : tree.value("stmts", Json::array())) {
            source.setStatement(raw);
            const Json &stmt = raw["stmt"];
            if (!stmt.is_object() || stmt.empty())
                continue;
            const std::string kind = stmt.begin().key();
            const Json &node = stmt.begin().value();
            if (kind == "CreateStmt")
                createTable(node);
            else if (kind == "AlterTableStmt")
                alterTable(node);
            else if (kind == "IndexStmt")
                createIndex(node);
            else if (kind == "CreateEnumStmt")
                createEnum(node);
            else if (kind == "CreateDomainStmt")
                createDomain(node);
            else if (kind == "ViewStmt")
                createView(node);
            else if (kind == "CommentStmt")
                comment(node);
            else if (kind == "CreateSchemaStmt")
                createSchema(node);
            else if (kind == "VariableSetStmt" || kind == "SelectStmt" || kind == "AlterOwnerStmt"
                     || kind == "GrantStmt" || kind == "AlterSeqStmt" || kind == "CreateSeqStmt"
                     || kind == "CreateExtensionStmt" || kind == "AlterDomainStmt")
                ; // session settings, ownership, privileges, sequences behind serial columns: not design
            else
                note(Tr::tr("%1 is not part of a design; skipped.").arg(source.title(kind)));
        }
        foldPartitions();
        resolveTypes();
        return SqlImport{std::move(s), notes};
    }

private:
    pg::StatementText source;
    Schema s;
    QStringList notes;
    QHash<QString, ColumnType> domains;
    QHash<QString, QString> partitionParent;   // child table key -> parent name

    static QString nsName(const QString &schemaName) { return schemaName == u"public"_s ? QString() : schemaName; }

    void note(const QString &message) { notes << Tr::tr("line %1: %2").arg(source.line()).arg(message); }

    Table *findTable(const Json &relation)
    {
        return s.table(str(relation, "relname"), nsName(str(relation, "schemaname")));
    }

    void ensureNamespace(const QString &ns)
    {
        if (ns.isEmpty())
            return;
        for (const Namespace &n : s.namespaces) {
            if (n.name == ns)
                return;
        }
        s.namespaces.append(Namespace{ObjectIds::nameSpace(ns), ns, {}, {}});
    }

    ColumnType typeOf(const Json &typeName)
    {
        ColumnType t;
        QStringList parts = names(typeName["names"]);
        if (!parts.isEmpty() && parts.first() == u"pg_catalog"_s)
            parts.removeFirst();
        const QString name = parts.isEmpty() ? QString() : parts.last();
        QList<int> mods;
        for (const Json &m : typeName.value("typmods", Json::array())) {
            if (m.contains("A_Const") && m["A_Const"].contains("ival"))
                mods << m["A_Const"]["ival"].value("ival", 0);
        }
        if (const auto builtin = PgDdlImporter::builtinType(name, mods, typeName.contains("arrayBounds")))
            return *builtin;
        // An enum or a domain (resolved once every statement has been read), or a type the model
        // does not know (tsvector, citext), kept as written.
        t.array = typeName.contains("arrayBounds");
        t.kind = TypeKind::Custom;
        t.custom = parts.join(u'.');
        return t;
    }

    void columnConstraint(Table &table, Column &c, const Json &con)
    {
        const std::string type = con.value("contype", "");
        if (type == "CONSTR_NOTNULL") {
            c.nullable = false;
        } else if (type == "CONSTR_NULL") {
            c.nullable = true;
        } else if (type == "CONSTR_DEFAULT") {
            setDefault(c, con["raw_expr"]);
        } else if (type == "CONSTR_PRIMARY") {
            c.primaryKey = true;
            c.nullable = false;
        } else if (type == "CONSTR_UNIQUE") {
            c.unique = true;
        } else if (type == "CONSTR_CHECK") {
            table.checks.append(CheckConstraint{ObjectIds::check(table.name, QString::number(table.checks.size() + 1)),
                                                str(con, "conname"), source.expression(con["raw_expr"], false), {}});
        } else if (type == "CONSTR_FOREIGN") {
            ForeignKey fk = foreignKey(table, con);
            fk.columns = {c.name};
            if (fk.refColumns.isEmpty())
                fk.refColumns = {u"id"_s}; // resolved against the target's primary key later
            fk.id = ObjectIds::foreignKey(table.name, c.name);
            table.foreignKeys.append(fk);
        } else if (type == "CONSTR_IDENTITY") {
            c.identity = con.value("generated_when", "a") == "a" ? Column::Identity::Always : Column::Identity::ByDefault;
        } else if (type == "CONSTR_GENERATED") {
            c.generatedExpression = source.expression(con["raw_expr"], false);
        }
    }

    void setDefault(Column &c, const Json &expr)
    {
        // nextval('..._seq'::regclass) on an integer is what serial expands to.
        if (expr.contains("FuncCall")) {
            const QStringList fn = names(expr["FuncCall"]["funcname"]);
            if (!fn.isEmpty() && fn.last() == u"nextval"_s
                && (c.type.kind == TypeKind::Integer || c.type.kind == TypeKind::BigInt)) {
                c.type.kind = c.type.kind == TypeKind::Integer ? TypeKind::Serial : TypeKind::BigSerial;
                c.defaultValue = {};
                return;
            }
        }
        // 'text'::type -> the literal 'text'; the column's type gives it its meaning.
        const Json *inner = &expr;
        if (expr.contains("TypeCast"))
            inner = &expr["TypeCast"]["arg"];
        if (inner->contains("A_Const") && (*inner)["A_Const"].contains("sval")) {
            c.defaultValue.kind = ColumnDefault::Kind::Literal;
            c.defaultValue.literal = QString::fromStdString((*inner)["A_Const"]["sval"].value("sval", ""));
            return;
        }
        if (expr.contains("A_Const") && expr["A_Const"].contains("boolval")) {
            c.defaultValue.kind = ColumnDefault::Kind::Literal;
            c.defaultValue.literal = expr["A_Const"]["boolval"].value("boolval", false);
            return;
        }
        c.defaultValue.kind = ColumnDefault::Kind::Expression;
        c.defaultValue.expression = source.expression(expr, true);
    }

    ForeignKey foreignKey(const Table &table, const Json &con)
    {
        ForeignKey fk;
        fk.name = str(con, "conname");
        fk.columns = names(con.value("fk_attrs", Json::array()));
        fk.refTable = str(con["pktable"], "relname");
        fk.refNamespace = nsName(str(con["pktable"], "schemaname"));
        fk.refColumns = names(con.value("pk_attrs", Json::array()));
        fk.onDelete = pgAction(con.value("fk_del_action", "a"));
        fk.onUpdate = pgAction(con.value("fk_upd_action", "a"));
        fk.id = ObjectIds::foreignKey(table.name, fk.name.isEmpty() ? fk.columns.join(u'-') : fk.name);
        return fk;
    }

    void tableConstraint(Table &table, const Json &con)
    {
        const std::string type = con.value("contype", "");
        const QString name = str(con, "conname");
        const QStringList keys = names(con.value("keys", Json::array()));
        if (type == "CONSTR_PRIMARY") {
            // A one-column key becomes the column's shorthand, as a designer would draw it.
            Column *c = keys.size() == 1 ? table.column(keys.first()) : nullptr;
            if (c && name == table.name + u"_pkey"_s) {
                c->primaryKey = true;
                c->nullable = false;
            } else {
                table.primaryKey = KeyConstraint{ObjectIds::primaryKey(table.name), name, keys, {}};
            }
        } else if (type == "CONSTR_UNIQUE") {
            table.uniques.append(KeyConstraint{ObjectIds::unique(table.name, name.isEmpty() ? keys.join(u'-') : name), name, keys, {}});
        } else if (type == "CONSTR_FOREIGN") {
            table.foreignKeys.append(foreignKey(table, con));
        } else if (type == "CONSTR_CHECK") {
            table.checks.append(CheckConstraint{ObjectIds::check(table.name, name.isEmpty() ? QString::number(table.checks.size() + 1) : name),
                                                name, source.expression(con["raw_expr"], false), {}});
        } else {
            note(Tr::tr("a %1 constraint on %2 is not part of the model; skipped.")
                     .arg(QString::fromStdString(type).mid(7).toLower(), table.name));
        }
    }

    void createTable(const Json &node)
    {
        const Json &rel = node["relation"];
        Table t;
        t.name = str(rel, "relname");
        t.nameSpace = nsName(str(rel, "schemaname"));
        t.id = ObjectIds::table(t.nameSpace, t.name);
        ensureNamespace(t.nameSpace);
        if (node.contains("partbound")) {
            const QStringList parents = [&] {
                QStringList p;
                for (const Json &r : node.value("inhRelations", Json::array()))
                    p << str(r["RangeVar"], "relname");
                return p;
            }();
            partitionParent.insert(t.nameSpace + u'.' + t.name, parents.value(0));
        }
        QList<Json> tableConstraints; // copies: value() above returned a temporary
        for (const Json &el : node.value("tableElts", Json::array())) {
            if (el.contains("ColumnDef")) {
                const Json &cd = el["ColumnDef"];
                Column c;
                c.name = str(cd, "colname");
                c.id = ObjectIds::column(t.name, c.name);
                c.type = typeOf(cd["typeName"]);
                for (const Json &con : cd.value("constraints", Json::array())) {
                    if (con.contains("Constraint"))
                        columnConstraint(t, c, con["Constraint"]);
                }
                t.columns.append(c);
            } else if (el.contains("Constraint")) {
                tableConstraints << el["Constraint"];
            }
        }
        for (const Json &con : std::as_const(tableConstraints))
            tableConstraint(t, con);
        if (node.contains("partspec"))
            note(Tr::tr("%1 is partitioned; the design keeps the parent table only.").arg(t.name));
        s.tables.append(t);
    }

    void alterTable(const Json &node)
    {
        Table *t = findTable(node["relation"]);
        for (const Json &cmdWrap : node.value("cmds", Json::array())) {
            const Json &cmd = cmdWrap["AlterTableCmd"];
            const std::string sub = cmd.value("subtype", "");
            if (sub == "AT_ChangeOwner" || sub == "AT_SetStatistics" || sub == "AT_ReplicaIdentity" || sub == "AT_EnableTrig"
                || sub == "AT_DisableTrig")
                continue;
            if (sub == "AT_AttachPartition") {
                const Json &pc = cmd["def"]["PartitionCmd"];
                partitionParent.insert(nsName(str(pc["name"], "schemaname")) + u'.' + str(pc["name"], "relname"),
                                       str(node["relation"], "relname"));
                continue;
            }
            if (!t) {
                if (node.value("objtype", "") == "OBJECT_TABLE")
                    note(Tr::tr("ALTER TABLE %1: the table is not defined in this file; skipped.")
                             .arg(str(node["relation"], "relname")));
                return;
            }
            if (sub == "AT_AddConstraint") {
                tableConstraint(*t, cmd["def"]["Constraint"]);
            } else if (sub == "AT_ColumnDefault") {
                if (Column *c = t->column(str(cmd, "name")))
                    setDefault(*c, cmd["def"]);
            } else if (sub == "AT_SetNotNull") {
                if (Column *c = t->column(str(cmd, "name")))
                    c->nullable = false;
            } else {
                note(Tr::tr("ALTER TABLE %1 (%2) is not applied to the design.")
                         .arg(t->name, QString::fromStdString(sub).mid(3)));
            }
        }
    }

    void createIndex(const Json &node)
    {
        Table *t = findTable(node["relation"]);
        if (!t) {
            note(Tr::tr("index %1: its table is not defined in this file; skipped.").arg(str(node, "idxname")));
            return;
        }
        Index ix;
        ix.name = str(node, "idxname");
        ix.id = ObjectIds::index(t->name, ix.name);
        ix.unique = node.value("unique", false);
        const QString method = str(node, "accessMethod");
        ix.method = method == u"btree"_s ? QString() : method;
        for (const Json &p : node.value("indexParams", Json::array())) {
            const Json &e = p["IndexElem"];
            IndexElement el;
            if (e.contains("name"))
                el.column = str(e, "name");
            else
                el.expression = source.expression(e["expr"], false);
            el.descending = e.value("ordering", "") == "SORTBY_DESC";
            const std::string nulls = e.value("nulls_ordering", "");
            el.nulls = nulls == "SORTBY_NULLS_FIRST" ? IndexElement::Nulls::First
                : nulls == "SORTBY_NULLS_LAST"       ? IndexElement::Nulls::Last
                                                     : IndexElement::Nulls::Default;
            ix.elements.append(el);
        }
        if (node.contains("whereClause"))
            ix.where = source.expression(node["whereClause"], false);
        t->indexes.append(ix);
    }

    void createEnum(const Json &node)
    {
        const QStringList n = names(node["typeName"]);
        EnumType e;
        e.name = n.value(n.size() - 1);
        e.nameSpace = n.size() > 1 ? nsName(n.first()) : QString();
        e.id = ObjectIds::enumType({}, e.name);
        e.values = names(node["vals"]);
        ensureNamespace(e.nameSpace);
        s.enums.append(e);
    }

    void createDomain(const Json &node)
    {
        const QStringList n = names(node["domainname"]);
        domains.insert(n.join(u'.'), typeOf(node["typeName"]));
        if (n.size() > 1 && n.first() == u"public"_s)
            domains.insert(n.last(), typeOf(node["typeName"]));
        note(Tr::tr("domain %1 is replaced by its base type; its constraints are not kept.").arg(n.last()));
    }

    void createView(const Json &node)
    {
        const Json &rel = node["view"];
        View v;
        v.name = str(rel, "relname");
        v.nameSpace = nsName(str(rel, "schemaname"));
        v.id = ObjectIds::view(v.name);
        // The query as written: everything after the first AS that follows the view's name.
        static const QRegularExpression as(u"\\bAS\\s"_s, QRegularExpression::CaseInsensitiveOption);
        const QString text = source.rest(rel.value("location", -1));
        const auto m = as.match(text);
        if (!m.hasMatch()) {
            note(Tr::tr("view %1: its query could not be found; skipped.").arg(v.name));
            return;
        }
        v.sql = text.mid(m.capturedEnd()).trimmed();
        ensureNamespace(v.nameSpace);
        s.views.append(v);
    }

    void comment(const Json &node)
    {
        const std::string type = node.value("objtype", "");
        const QString text = str(node, "comment");
        QStringList path;
        if (node["object"].contains("List"))
            path = names(node["object"]["List"]["items"]);
        else
            path = names(node["object"]);
        auto table = [&](qsizetype nameAt) -> Table * {
            const QString name = path.value(nameAt);
            const QString ns = nameAt > 0 ? nsName(path.value(nameAt - 1)) : QString();
            return s.table(name, ns);
        };
        if (type == "OBJECT_TABLE") {
            if (Table *t = table(path.size() - 1))
                t->comment = text;
        } else if (type == "OBJECT_COLUMN") {
            if (Table *t = table(path.size() - 2)) {
                if (Column *c = t->column(path.last()))
                    c->comment = text;
            }
        } else if (type == "OBJECT_VIEW") {
            for (View &v : s.views) {
                if (v.name == path.last())
                    v.comment = text;
            }
        } else if (type == "OBJECT_SCHEMA") {
            for (Namespace &n : s.namespaces) {
                if (n.name == str(node, "object"))
                    n.comment = text;
            }
        } else if (type == "OBJECT_TYPE") {
            for (EnumType &e : s.enums) {
                if (e.name == path.last())
                    e.comment = text;
            }
        }
    }

    void createSchema(const Json &node)
    {
        ensureNamespace(nsName(str(node, "schemaname")));
    }

    // Partitions attached to a parent are storage, not design: the parent stands for them.
    void foldPartitions()
    {
        if (partitionParent.isEmpty())
            return;
        QStringList folded;
        for (qsizetype i = s.tables.size() - 1; i >= 0; --i) {
            const Table &t = s.tables.at(i);
            const QString parent = partitionParent.value(t.nameSpace + u'.' + t.name);
            if (parent.isEmpty())
                continue;
            folded.prepend(t.name);
            // A foreign key that every partition carries is the parent's foreign key.
            if (Table *p = s.table(parent, t.nameSpace)) {
                for (const ForeignKey &fk : t.foreignKeys) {
                    const bool known = std::any_of(p->foreignKeys.cbegin(), p->foreignKeys.cend(), [&](const ForeignKey &e) {
                        return e.columns == fk.columns && e.refTable == fk.refTable && e.refNamespace == fk.refNamespace;
                    });
                    if (known)
                        continue;
                    ForeignKey moved = fk;
                    moved.name = p->name + u'_' + fk.columns.join(u'_') + u"_fkey"_s;
                    moved.id = ObjectIds::foreignKey(p->name, moved.name);
                    p->foreignKeys.append(moved);
                }
            }
            s.tables.removeAt(i);
        }
        if (!folded.isEmpty())
            notes << Tr::tr("partitions %1 are folded into their parent tables.").arg(folded.join(u", "_s));
    }

    // Domains become their base type and custom types that name an enum become enum columns.
    void resolveTypes()
    {
        for (Table &t : s.tables) {
            for (Column &c : t.columns) {
                if (c.type.kind != TypeKind::Custom)
                    continue;
                const QString name = c.type.custom;
                const QString bare = name.section(u'.', -1);
                const bool array = c.type.array;
                if (domains.contains(name)) {
                    c.type = domains.value(name);
                    c.type.array = c.type.array || array;
                } else if (s.enumType(bare, name.contains(u'.') ? nsName(name.section(u'.', 0, 0)) : QString())) {
                    c.type = ColumnType{};
                    c.type.kind = TypeKind::Enum;
                    c.type.enumName = bare;
                    c.type.array = array;
                }
                // Now a serial, perhaps: nextval() defaults are read before domains are resolved.
            }
            // A foreign key written without columns (REFERENCES t) means t's primary key.
            for (ForeignKey &fk : t.foreignKeys) {
                if (fk.refColumns == QStringList{u"id"_s}) {
                    if (const Table *target = s.table(fk.refTable, fk.refNamespace)) {
                        const QStringList pk = target->primaryKeyColumns();
                        if (!pk.isEmpty())
                            fk.refColumns = pk;
                    }
                }
            }
        }
    }
};

} // namespace

std::optional<ColumnType> PgDdlImporter::builtinType(const QString &name, const QList<int> &mods, bool array)
{
    // PostgreSQL's internal names of the types the model knows; their kinds come from ColumnType's
    // alias table. Any other name (a user type called "string", the one-byte "char") is not built in.
    static const QSet<QString> builtin = {
        u"int2"_s, u"int4"_s, u"int8"_s, u"serial"_s, u"serial4"_s, u"bigserial"_s, u"serial8"_s, u"numeric"_s,
        u"float4"_s, u"float8"_s, u"bool"_s, u"bpchar"_s, u"varchar"_s, u"text"_s, u"date"_s, u"time"_s,
        u"timestamp"_s, u"timestamptz"_s, u"interval"_s, u"uuid"_s, u"json"_s, u"jsonb"_s, u"bytea"_s};
    ColumnType t;
    if (!builtin.contains(name) || !ColumnType::kindFromName(name, &t.kind))
        return std::nullopt;
    t.array = array;
    if ((t.kind == TypeKind::Char || t.kind == TypeKind::Varchar) && !mods.isEmpty())
        t.length = mods.first();
    if (t.kind == TypeKind::Decimal && !mods.isEmpty()) {
        t.precision = mods.first();
        t.scale = mods.size() > 1 ? mods.at(1) : 0;
    }
    if ((t.kind == TypeKind::Time || t.kind == TypeKind::Timestamp || t.kind == TypeKind::TimestampTz) && !mods.isEmpty())
        t.precision = mods.first();
    return t;
}

Result<SqlImport> PgDdlImporter::import(const QString &sql)
{
    pg::SyntaxError syntax;
    auto tree = pg::parse(sql, &syntax);
    if (!tree) {
        if (tree.error().kind != Error::Kind::InvalidInput)
            return tree.error();
        const QList<uint> codePoints = sql.toUcs4();
        int line = 1;
        int column = 1;
        for (qsizetype i = 0; i < syntax.codePoint; ++i) {
            if (codePoints.at(i) == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return Error{Error::Kind::InvalidInput, syntax.message, Tr::tr("line %1, column %2").arg(line).arg(column)};
    }
    try {
        return Importer(sql.toUtf8()).run(tree.value());
    } catch (const Json::exception &e) {
        // A parse tree of a shape this importer does not expect (a newer libpg_query).
        return Error{Error::Kind::Internal, Tr::tr("Unexpected parse tree: %1").arg(QString::fromUtf8(e.what())), {}};
    }
}

} // namespace quarry::schema
