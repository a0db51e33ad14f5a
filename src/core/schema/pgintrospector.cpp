// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/pgintrospector.h"

#include "db/pgconnection.h"
#include "schema/pgdefinitions.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PgIntrospector)
};


const char *const kRelations =
    "SELECT c.oid, n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class'), "
    "       (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
    "         WHERE i.inhrelid = c.oid AND c.relispartition LIMIT 1), "
    "       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, "
    // What a view reads that must be created before it: other views and the design's routines.
    "       CASE WHEN c.relkind IN ('v', 'm') THEN array_to_json(ARRAY("
    "         SELECT CASE WHEN rn.nspname = 'public' THEN r.relname ELSE rn.nspname || '.' || r.relname END "
    "           FROM pg_rewrite rw JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid "
    "           JOIN pg_class r ON d.refclassid = 'pg_class'::regclass AND r.oid = d.refobjid AND r.oid <> c.oid "
    "                          AND r.relkind IN ('v', 'm') "
    "           JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE rw.ev_class = c.oid "
    "         UNION "
    "         SELECT CASE WHEN pn.nspname = 'public' THEN p.proname ELSE pn.nspname || '.' || p.proname END "
    "           FROM pg_rewrite rw JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid "
    "           JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid "
    "           JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE rw.ev_class = c.oid AND " USER_NAMESPACE("pn")
    "         ORDER BY 1))::text END "
    "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " USER_NAMESPACE("n") " AND " NOT_EXTENSION("pg_class", "c.oid")
    " ORDER BY n.nspname <> 'public', n.nspname, c.relname";

const char *const kColumns =
    "SELECT a.attrelid, a.attname, a.attnotnull, a.attidentity, a.attgenerated, "
    "       et.typname, et.typtype, etn.nspname, bt.typcategory = 'A' AND bt.typelem <> 0, b.tm, "
    "       pg_get_expr(ad.adbin, ad.adrelid), "
    // The sequence the default draws from, and the domain the column is declared with.
    "       (SELECT d.refobjid FROM pg_depend d JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S' "
    "         WHERE d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid LIMIT 1), "
    "       col_description(a.attrelid, a.attnum), CASE WHEN t.typtype = 'd' THEN t.typname END "
    "  FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
    " CROSS JOIN LATERAL (SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AS boid, "
    "                            CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS tm) b "
    "  JOIN pg_type bt ON bt.oid = b.boid "
    "  JOIN pg_type et ON et.oid = CASE WHEN bt.typcategory = 'A' AND bt.typelem <> 0 THEN bt.typelem ELSE bt.oid END "
    "  JOIN pg_namespace etn ON etn.oid = et.typnamespace "
    "  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
    " WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped "
    " ORDER BY a.attrelid, a.attnum";

const char *const kConstraints =
    "SELECT co.conrelid, co.conname, co.contype, "
    "       array_to_json(ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o) "
    "         JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.o))::text, "
    "       fn.nspname, fc.relname, "
    "       array_to_json(ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o) "
    "         JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.o))::text, "
    "       co.confdeltype, co.confupdtype, pg_get_constraintdef(co.oid, true) "
    "  FROM pg_constraint co LEFT JOIN pg_class fc ON fc.oid = co.confrelid "
    "  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
    " WHERE co.conrelid = ANY($1::oid[]) AND co.contype IN ('p', 'u', 'f', 'c', 'x') "
    " ORDER BY co.conrelid, co.contype, co.conname";

const char *const kIndexes =
    "SELECT i.indrelid, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid, true), "
    "       array_to_json(ARRAY(SELECT json_build_array(i.indkey[k - 1], "
    "                                  CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) "
    "                                       ELSE (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid "
    "                                              AND a.attnum = i.indkey[k - 1]) END, "
    "                                  i.indoption[k - 1]) "
    "                            FROM generate_series(1, i.indnkeyatts) k ORDER BY k))::text, "
    "       obj_description(i.indexrelid, 'pg_class') "
    "  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
    " WHERE i.indrelid = ANY($1::oid[]) "
    "   AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid "
    "                     AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')) "
    " ORDER BY i.indrelid, ic.relname";

const char *const kEnums =
    "SELECT n.nspname, t.typname, "
    "       array_to_json(ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text, "
    "       obj_description(t.oid, 'pg_type') "
    "  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    " WHERE t.typtype = 'e' AND " USER_NAMESPACE("n") " AND " NOT_EXTENSION("pg_type", "t.oid")
    " ORDER BY n.nspname <> 'public', n.nspname, t.typname";

const char *const kNamespaces =
    "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n "
    " WHERE " USER_NAMESPACE("n") " AND n.nspname <> 'public' AND " NOT_EXTENSION("pg_namespace", "n.oid")
    " ORDER BY n.nspname";

QString nsName(const QString &schemaName) { return PgDefinitions::nameSpace(schemaName); }

QStringList jsonNames(const QVariant &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toString().toUtf8()).array())
        out << v.toString();
    return out;
}

bool isTrue(const QVariant &v) { return v.toBool(); }

// A default as PgDdlImporter reads it: 'text'::type is the literal, true/false a boolean literal,
// anything else an expression as PostgreSQL deparses it.
ColumnDefault defaultOf(const QString &text)
{
    ColumnDefault d;
    if (text.isEmpty())
        return d;
    static const QRegularExpression quoted(u"^'((?:[^']|'')*)'(?:::[\\w .\"]+(?:\\([0-9, ]+\\))?(?:\\[\\])*)?$"_s);
    if (const auto m = quoted.match(text); m.hasMatch()) {
        d.kind = ColumnDefault::Kind::Literal;
        d.literal = m.captured(1).replace(u"''"_s, u"'"_s);
        return d;
    }
    if (text == u"true"_s || text == u"false"_s) {
        d.kind = ColumnDefault::Kind::Literal;
        d.literal = text == u"true"_s;
        return d;
    }
    d.kind = ColumnDefault::Kind::Expression;
    d.expression = text;
    return d;
}

// "(a * b)" -> "a * b" when the first parenthesis closes at the end (not "(a) + (b)"); quotes
// are skipped so a ")" inside a string literal does not count.
QString withoutOuterParens(QString text)
{
    text = text.trimmed();
    while (text.startsWith(u'(') && text.endsWith(u')')) {
        int depth = 0;
        bool quoted = false;
        qsizetype close = -1;
        for (qsizetype i = 0; i < text.size() && close < 0; ++i) {
            const QChar c = text.at(i);
            if (c == u'\'')
                quoted = !quoted;
            else if (!quoted && c == u'(')
                ++depth;
            else if (!quoted && c == u')' && --depth == 0)
                close = i;
        }
        if (close != text.size() - 1)
            break;
        text = text.mid(1, text.size() - 2).trimmed();
    }
    return text;
}

struct Relation {
    QString oid, nameSpace, name, kind, comment, parent, viewSql, viewDependencies;
};

} // namespace

Result<SqlImport> PgIntrospector::read(db::PgConnection &connection, const QString &location)
{
    const auto failed = [&](const Error &e, const QString &step) {
        return Error{e.kind, Tr::tr("Cannot read the %1: %2").arg(step, e.message),
                     location.isEmpty() ? e.where : location};
    };
    // Every later statement runs in its own transaction; all of them are read-only.
    if (auto ro = connection.query(u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s); !ro)
        return failed(ro.error(), Tr::tr("database"));

    SqlImport out;
    Schema &s = out.schema;

    auto namespaces = connection.query(QString::fromLatin1(kNamespaces), {kSystemSchemas});
    if (!namespaces)
        return failed(namespaces.error(), Tr::tr("schemas"));
    for (const QVariantList &r : namespaces.value().rows)
        s.namespaces.append(Namespace{ObjectIds::nameSpace(r.at(0).toString()), r.at(0).toString(), r.at(1).toString(), {}});

    auto enums = connection.query(QString::fromLatin1(kEnums), {kSystemSchemas});
    if (!enums)
        return failed(enums.error(), Tr::tr("enums"));
    for (const QVariantList &r : enums.value().rows) {
        EnumType e;
        e.name = r.at(1).toString();
        e.nameSpace = nsName(r.at(0).toString());
        e.id = ObjectIds::enumType({}, e.name);
        e.values = jsonNames(r.at(2));
        e.comment = r.at(3).toString();
        s.enums.append(e);
    }

    auto domains = PgDefinitions::domains(connection);
    if (!domains)
        return failed(domains.error(), Tr::tr("domains"));
    s.domains = domains.value();
    auto sequences = PgDefinitions::sequences(connection);
    if (!sequences)
        return failed(sequences.error(), Tr::tr("sequences"));
    QHash<QString, Sequence> sequenceByOid;
    for (const auto &[oid, sequence] : sequences.value())
        sequenceByOid.insert(oid, sequence);
    QSet<QString> serialSequences; // oids of the sequences a serial column stands for

    auto relations = connection.query(QString::fromLatin1(kRelations), {kSystemSchemas});
    if (!relations)
        return failed(relations.error(), Tr::tr("tables"));
    QHash<QString, Relation> byOid;
    QHash<QString, qsizetype> tableAt;   // oid -> index in s.tables
    QHash<QString, qsizetype> viewAt;    // a materialized view's oid -> index in s.views
    QStringList indexedOids;             // materialized views, whose indexes are read with the tables'
    QStringList oids;
    QStringList partitions;
    for (const QVariantList &r : relations.value().rows) {
        Relation rel{r.at(0).toString(), nsName(r.at(1).toString()), r.at(2).toString(), r.at(3).toString(),
                     r.at(4).toString(), r.at(5).toString(), r.at(6).toString(), r.at(7).toString()};
        byOid.insert(rel.oid, rel);
        if (rel.kind == u"v"_s || rel.kind == u"m"_s) {
            View v;
            v.name = rel.name;
            v.nameSpace = rel.nameSpace;
            v.id = ObjectIds::view(v.name);
            v.sql = rel.viewSql.trimmed();
            if (v.sql.endsWith(u';'))
                v.sql.chop(1);
            v.materialized = rel.kind == u"m"_s;
            v.dependsOn = jsonNames(rel.viewDependencies);
            v.comment = rel.comment;
            if (v.materialized) {
                viewAt.insert(rel.oid, s.views.size());
                indexedOids << rel.oid;
            }
            s.views.append(v);
            continue;
        }
        oids << rel.oid;
        if (!rel.parent.isEmpty()) {
            partitions << rel.name;
            continue;
        }
        Table t;
        t.name = rel.name;
        t.nameSpace = rel.nameSpace;
        t.id = ObjectIds::table(t.nameSpace, t.name);
        t.comment = rel.comment;
        tableAt.insert(rel.oid, s.tables.size());
        s.tables.append(t);
    }
    const QString oidArray = u'{' + oids.join(u',') + u'}';

    auto columns = connection.query(QString::fromLatin1(kColumns), {oidArray});
    if (!columns)
        return failed(columns.error(), Tr::tr("columns"));
    for (const QVariantList &r : columns.value().rows) {
        const auto at = tableAt.constFind(r.at(0).toString());
        if (at == tableAt.constEnd())
            continue; // a partition's columns are its parent's
        Table &t = s.tables[at.value()];
        Column c;
        c.name = r.at(1).toString();
        c.id = ObjectIds::column(t.name, c.name);
        c.nullable = !isTrue(r.at(2));
        c.type = PgDefinitions::columnType(r.at(5).toString(), r.at(6).toString(), r.at(7).toString(), isTrue(r.at(8)),
                                           r.at(9).toInt());
        c.type.domain = r.at(13).toString();
        const QString identity = r.at(3).toString();
        c.identity = identity == u"a"_s ? Column::Identity::Always
            : identity == u"d"_s        ? Column::Identity::ByDefault
                                        : Column::Identity::None;
        const QString def = r.at(10).toString();
        if (r.at(4).toString() == u"s"_s) {
            c.generatedExpression = withoutOuterParens(def);
        } else if (const QString seq = r.at(11).toString();
                   def.startsWith(u"nextval("_s) && c.type.domain.isEmpty() && !c.type.array && sequenceByOid.contains(seq)
                   && sequenceByOid.value(seq).ownedByTable == (t.nameSpace.isEmpty() ? t.name : t.nameSpace + u'.' + t.name)
                   && PgDefinitions::isSerialSequence(sequenceByOid.value(seq), t.name, c.name, c.type.kind)) {
            // Exactly what serial expands to: the column owns a sequence named and set up as
            // serial makes it. Any other nextval() default (pagila's sequences are not owned)
            // stays an expression over a sequence of the design.
            c.type.kind = c.type.kind == TypeKind::Integer ? TypeKind::Serial : TypeKind::BigSerial;
            serialSequences.insert(seq);
        } else if (c.identity == Column::Identity::None) {
            c.defaultValue = defaultOf(def);
        }
        c.comment = r.at(12).toString();
        t.columns.append(c);
    }

    for (const auto &[oid, sequence] : sequences.value()) {
        if (!serialSequences.contains(oid))
            s.sequences.append(sequence);
    }

    auto constraints = connection.query(QString::fromLatin1(kConstraints), {oidArray});
    if (!constraints)
        return failed(constraints.error(), Tr::tr("constraints"));
    QList<std::pair<QString, ForeignKey>> partitionKeys;   // parent oid-less: parent name, key
    for (const QVariantList &r : constraints.value().rows) {
        const QString relOid = r.at(0).toString();
        const QString name = r.at(1).toString();
        const QString type = r.at(2).toString();
        const QStringList keys = jsonNames(r.at(3));
        const auto at = tableAt.constFind(relOid);
        if (at == tableAt.constEnd()) {
            // A partition: its foreign keys are the parent's (as PgDdlImporter folds them).
            if (type == u"f"_s) {
                ForeignKey fk;
                fk.columns = keys;
                fk.refNamespace = nsName(r.at(4).toString());
                fk.refTable = r.at(5).toString();
                fk.refColumns = jsonNames(r.at(6));
                fk.onDelete = ReferentialActions::fromPgCode(r.at(7).toString());
                fk.onUpdate = ReferentialActions::fromPgCode(r.at(8).toString());
                const Relation rel = byOid.value(relOid);
                partitionKeys.append({rel.nameSpace + u'.' + rel.parent, fk});
            }
            continue;
        }
        Table &t = s.tables[at.value()];
        if (type == u"p"_s) {
            Column *c = keys.size() == 1 ? t.column(keys.first()) : nullptr;
            if (c && name == t.name + u"_pkey"_s) {
                c->primaryKey = true;
                c->nullable = false;
            } else {
                t.primaryKey = KeyConstraint{ObjectIds::primaryKey(t.name), name, keys, {}};
            }
        } else if (type == u"u"_s) {
            t.uniques.append(KeyConstraint{ObjectIds::unique(t.name, name), name, keys, {}});
        } else if (type == u"f"_s) {
            ForeignKey fk;
            fk.name = name;
            fk.columns = keys;
            fk.refNamespace = nsName(r.at(4).toString());
            fk.refTable = r.at(5).toString();
            fk.refColumns = jsonNames(r.at(6));
            fk.onDelete = ReferentialActions::fromPgCode(r.at(7).toString());
            fk.onUpdate = ReferentialActions::fromPgCode(r.at(8).toString());
            fk.id = ObjectIds::foreignKey(t.name, name);
            t.foreignKeys.append(fk);
        } else if (type == u"x"_s) {
            t.exclusions.append(ExclusionConstraint{ObjectIds::exclusion(t.name, name), name, r.at(9).toString(), {}});
        } else if (type == u"c"_s) {
            // pg_get_constraintdef: "CHECK (expr)" perhaps followed by " NOT VALID".
            QString expr = r.at(9).toString();
            static const QRegularExpression check(u"^CHECK \\((.*)\\)( NOT VALID)?$"_s,
                                                  QRegularExpression::DotMatchesEverythingOption);
            if (const auto m = check.match(expr); m.hasMatch())
                expr = m.captured(1);
            t.checks.append(CheckConstraint{ObjectIds::check(t.name, name), name, expr, {}});
        }
    }
    for (const auto &[parentKey, fk] : std::as_const(partitionKeys)) {
        Table *p = s.table(parentKey.section(u'.', 1), parentKey.section(u'.', 0, 0));
        if (!p)
            continue;
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

    auto indexes = connection.query(QString::fromLatin1(kIndexes), {u'{' + (oids + indexedOids).join(u',') + u'}'});
    if (!indexes)
        return failed(indexes.error(), Tr::tr("indexes"));
    for (const QVariantList &r : indexes.value().rows) {
        const auto at = tableAt.constFind(r.at(0).toString());
        const auto view = viewAt.constFind(r.at(0).toString());
        if (at == tableAt.constEnd() && view == viewAt.constEnd())
            continue; // a partition's own index: storage, not design
        QList<Index> &target = at != tableAt.constEnd() ? s.tables[at.value()].indexes : s.views[view.value()].indexes;
        const QString owner = at != tableAt.constEnd() ? s.tables.at(at.value()).name : s.views.at(view.value()).name;
        Index ix;
        ix.name = r.at(1).toString();
        ix.id = ObjectIds::index(owner, ix.name);
        ix.unique = isTrue(r.at(2));
        const QString method = r.at(3).toString();
        ix.method = method == u"btree"_s ? QString() : method;
        ix.where = r.at(4).toString();
        for (const QJsonValue &v : QJsonDocument::fromJson(r.at(5).toString().toUtf8()).array()) {
            const QJsonArray key = v.toArray();
            IndexElement el;
            if (key.at(0).toInt() == 0)
                el.expression = key.at(1).toString();
            else
                el.column = key.at(1).toString();
            // indoption: bit 0 DESC, bit 1 NULLS FIRST; NULLS LAST is ASC's default, FIRST DESC's.
            const int option = key.at(2).toInt();
            el.descending = option & 1;
            const bool nullsFirst = option & 2;
            if (nullsFirst != el.descending)
                el.nulls = nullsFirst ? IndexElement::Nulls::First : IndexElement::Nulls::Last;
            ix.elements.append(el);
        }
        ix.comment = r.at(6).toString();
        target.append(ix);
    }

    QHash<QString, QString> tableNames;
    for (auto it = tableAt.constBegin(); it != tableAt.constEnd(); ++it)
        tableNames.insert(it.key(), s.tables.at(it.value()).name);
    auto triggers = PgDefinitions::triggers(connection, oidArray, tableNames);
    if (!triggers)
        return failed(triggers.error(), Tr::tr("triggers"));
    for (auto it = triggers.value().constBegin(); it != triggers.value().constEnd(); ++it) {
        if (const auto at = tableAt.constFind(it.key()); at != tableAt.constEnd())
            s.tables[at.value()].triggers = it.value();
    }
    auto routines = PgDefinitions::routines(connection);
    if (!routines)
        return failed(routines.error(), Tr::tr("functions"));
    s.routines = routines.value();

    if (!partitions.isEmpty())
        out.notes << Tr::tr("partitions %1 are folded into their parent tables.").arg(partitions.join(u", "_s));
    return out;
}

} // namespace quarry::schema
