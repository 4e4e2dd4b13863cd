"""Seeded random tables and queries for bench/differential.py.

Every query is a small tree (Select / SetOp / expression nodes) that renders to three
dialects: "ps" (planscope, PostgreSQL semantics), "duck" (DuckDB) and "pg" (PostgreSQL).
The only rendering differences for DuckDB are the ones docs/sql-semantics.md documents as
PostgreSQL semantics: integer `/` truncates (DuckDB spells it `//`) and ORDER BY puts NULLs
last ascending and first descending (DuckDB is told so explicitly); a sum of two
DECIMAL(18,2) is given DuckDB's wide type. For PostgreSQL only spellings differ: the type
`DOUBLE PRECISION`, and float literals are cast from text (PostgreSQL reads `1.5e0` as
NUMERIC, planscope as DOUBLE). A part that has no "pg" spelling is rendered as "ps".
Everything else must agree.

The tree is kept so that the driver can shrink a failing query (delta debugging): every
list (select items, conjuncts, joins, group keys, order keys) can lose elements and every
expression can be replaced by one of its same-typed children.
"""
import random

INT, DEC, BIG, FLT, TXT, BOOL = "int", "dec", "big", "flt", "txt", "bool"

# ---------------------------------------------------------------- tables

COLUMNS = {
    # big tables span several morsels: each INSERT statement is one stored batch, and
    # a memory table's morsels are its stored batches (cut into batch_size slices when a
    # batch is over four times execution.batch_size).
    "t0": [("id", INT), ("k", INT), ("a", INT), ("d", DEC), ("x", BIG), ("f", FLT), ("s", TXT), ("g", BOOL)],
    "t1": [("id", INT), ("k", INT), ("a", INT), ("d", DEC), ("f", FLT), ("s", TXT)],
    "t2": [("k", INT), ("a", INT), ("d", DEC), ("f", FLT), ("s", TXT)],   # the small side
}
SQLTYPE = {INT: "BIGINT", DEC: "DECIMAL(18,2)", BIG: "DECIMAL(19,0)", FLT: "DOUBLE", TXT: "VARCHAR", BOOL: "BOOLEAN"}


def pg_text(sql):
    """A setup statement or literal in PostgreSQL's spelling: DOUBLE is DOUBLE PRECISION."""
    return sql.replace(" DOUBLE)", " DOUBLE PRECISION)").replace(" DOUBLE,", " DOUBLE PRECISION,")


def flt(text):
    """A float literal's spellings: PostgreSQL reads 1.5e0 as NUMERIC, so it is cast from text."""
    pg = pg_text(text) if text.startswith("CAST(") else f"CAST('{text}' AS DOUBLE PRECISION)"
    return {"ps": text, "duck": text, "pg": pg}


def sqltype(t):
    return {"ps": SQLTYPE[t], "duck": SQLTYPE[t], "pg": "DOUBLE PRECISION" if t == FLT else SQLTYPE[t]}


def typed_null(t):
    return E(t, ["CAST(NULL AS ", sqltype(t), ")"], kind="lit")
STRINGS = ["", "a", "A", "b", "ab", "abc", "b%", "a_c", " a", "zz", "Ab"]
NEAR64 = [9223372036854775807, 9223372036854775806, 9223372036854775808, 9223372036854775809,
          -9223372036854775808, -9223372036854775807, -9223372036854775809, 9999999999999999999,
          -9999999999999999999, 4611686018427387904, 0, 1, -1]
DEC_BIG = ["9999999999999999.99", "-9999999999999999.99", "9223372036854775.80", "9223372036854775.81",
           "-9223372036854775.80", "-9223372036854775.81", "4611686018427387.90"]


def value(rng, t, col, n_rows, nulls):
    if rng.random() < nulls:
        return "NULL"
    if col == "id":
        return str(rng.randrange(n_rows))
    if col == "k":
        return str(rng.randrange(12))
    if t == INT:
        return str(rng.randint(-30, 30))
    if t == DEC:
        if rng.random() < 0.15:
            return rng.choice(DEC_BIG)
        return "%d.%02d" % (rng.randint(-999, 999), rng.randrange(100))
    if t == BIG:
        if rng.random() < 0.6:
            return str(rng.choice(NEAR64))
        return str(rng.randint(-10**6, 10**6))
    if t == FLT:
        r = rng.random()
        if r < 0.08:
            return "CAST('NaN' AS DOUBLE)"
        if r < 0.14:
            return "CAST('-0' AS DOUBLE)"
        if r < 0.18:
            return rng.choice(["CAST('Infinity' AS DOUBLE)", "CAST('-Infinity' AS DOUBLE)"])
        return "%re0" % (rng.randint(-32, 32) / 4)
    if t == TXT:
        return "'" + rng.choice(STRINGS) + "'"
    if t == BOOL:
        return rng.choice(["true", "false"])
    raise ValueError(t)


def make_tables(rng, scale=1.0, nan=True):
    """CREATE and INSERT statements (the same text for both engines) and row counts.
    t0 has 3 to 5 batches of up to ~1200 rows, t1 2 to 3, t2 0 to 8 rows."""
    stmts, counts = [], {}
    for name, cols in COLUMNS.items():
        stmts.append(f"CREATE TABLE {name} (" + ", ".join(f"{c} {SQLTYPE[t]}" for c, t in cols) + ");")
        if name == "t2":
            batches = [rng.randint(0, 8)]
        else:
            nb = rng.randint(3, 5) if name == "t0" else rng.randint(2, 3)
            batches = [max(1, int(rng.randint(200, 1200) * scale)) for _ in range(nb)]
        total = sum(batches)
        nulls = rng.choice([0.05, 0.2, 0.4])
        for size in batches:
            if size == 0:
                continue
            rows = []
            for _ in range(size):
                vals = [value(rng, t, c, total, nulls if c != "id" else 0.02) for c, t in cols]
                if not nan:   # the same rows with NaN and -0 replaced
                    vals = [{"CAST('NaN' AS DOUBLE)": "1.5e0", "CAST('-0' AS DOUBLE)": "0.0e0",
                             "CAST('Infinity' AS DOUBLE)": "8.5e0", "CAST('-Infinity' AS DOUBLE)": "-8.5e0"}.get(v, v)
                            for v in vals]
                rows.append("(" + ", ".join(vals) + ")")
            stmts.append(f"INSERT INTO {name} VALUES " + ", ".join(rows) + ";")
        counts[name] = total
    return stmts, counts


# ---------------------------------------------------------------- expressions

class E:
    """An expression: `parts` are strings, child expressions, or {dialect: string}."""
    __slots__ = ("parts", "type", "agg", "kind")

    def __init__(self, type_, parts, agg=False, kind=""):
        self.parts, self.type, self.agg, self.kind = parts, type_, agg, kind

    def render(self, d):
        out = []
        for p in self.parts:
            if isinstance(p, str):
                out.append(p)
            elif isinstance(p, dict):
                out.append(p.get(d, p["ps"]))
            else:
                out.append(p.render(d))
        return "".join(out)

    def children(self):
        return [p for p in self.parts if isinstance(p, (E, Query))]

    def replaced(self, old, new):
        return E(self.type, [new if p is old else p for p in self.parts], self.agg, self.kind)


def lit(t, text):
    return E(t, [text], kind="lit")


def col(alias, name, t):
    return E(t, [f"{alias}.{name}"], kind="col")


def has_agg(e):
    if isinstance(e, E):
        return e.agg or any(has_agg(c) for c in e.children() if isinstance(c, E))
    return False


class Scope:
    """Columns visible to an expression: this query's tables and, for correlation, the
    enclosing query's."""

    def __init__(self, tables, outer=None):
        self.tables = tables          # [(alias, table name)]
        self.outer = outer

    def columns(self, t=None, outer=False):
        out = []
        for alias, name in self.tables:
            for c, ct in COLUMNS[name]:
                if t is None or ct == t:
                    out.append(col(alias, c, ct))
        if outer and self.outer:
            out += self.outer.columns(t)
        return out


class Gen:
    def __init__(self, rng, nan=True):
        self.rng = rng
        self.nan = nan
        self.nan_keys = True
        self.alias_n = 0

    def alias(self, base):
        self.alias_n += 1
        return f"{base}{self.alias_n}"

    def chance(self, p):
        return self.rng.random() < p

    # expressions of a type ------------------------------------------------
    def expr(self, t, scope, depth=0, outer=False):
        r = self.rng
        cols = scope.columns(t, outer=outer)
        if depth >= 2 or self.chance(0.35):
            if cols and self.chance(0.85):
                return r.choice(cols)
            return self.literal(t)
        f = getattr(self, "expr_" + t)
        return f(scope, depth + 1, outer)

    def literal(self, t):
        r = self.rng
        if self.chance(0.06):   # typed: an untyped NULL in abs(NULL) is DOUBLE in PostgreSQL, not in DuckDB
            return typed_null(t)
        if t == INT:
            return lit(t, str(r.randint(-5, 20)))
        if t == DEC:
            return lit(t, r.choice(["0.50", "1.25", "-3.10", "100.00", "9999999999999999.99", "0.01"]))
        if t == BIG:
            return lit(t, "CAST(%d AS DECIMAL(19,0))" % r.choice(NEAR64))
        if t == FLT:
            return E(t, [flt(r.choice(["0.0e0", "1.5e0", "-2.25e0", "CAST('NaN' AS DOUBLE)" if self.nan else "2.5e0",
                                        "CAST('-0' AS DOUBLE)" if self.nan else "-0.5e0", "1e300" if self.nan else "1e30"]))],
                     kind="lit")
        if t == TXT:
            return lit(t, "'" + r.choice(STRINGS) + "'")
        return lit(t, r.choice(["true", "false"]))

    def case(self, t, scope, depth, outer):
        arms = [E(t, [" WHEN ", self.pred(scope, depth, outer), " THEN ", self.expr(t, scope, depth, outer)])
                for _ in range(self.rng.randint(1, 2))]
        tail = [" ELSE ", self.expr(t, scope, depth, outer)] if self.chance(0.6) else []
        return E(t, ["CASE"] + arms + tail + [" END"])

    def expr_int(self, s, d, o):
        r = self.rng
        c = r.randrange(11)
        x = lambda: self.expr(INT, s, d, o)
        if c == 0:
            return E(INT, ["(", x(), " + ", x(), ")"])
        if c == 1:
            return E(INT, ["(", x(), " - ", x(), ")"])
        if c == 2:
            return E(INT, ["(", x(), " * ", x(), ")"])
        if c == 3:   # integer division truncates toward zero in both (DuckDB's //)
            return E(INT, ["(", x(), {"ps": " / ", "duck": " // "}, "nullif(", x(), ", 0))"])
        if c == 4:
            return E(INT, ["(", x(), " % nullif(", x(), ", 0))"])
        if c == 5:
            return E(INT, [r.choice(["greatest(", "least("]), x(), ", ", x(), ")"])
        if c == 6:
            return E(INT, ["coalesce(", x(), ", ", x(), ")"])
        if c == 7:
            return self.case(INT, s, d, o)
        if c == 8:   # decimal -> integer rounds half away from zero in both
            return E(INT, ["CAST(", self.expr(DEC, s, d, o), " AS BIGINT)"])
        if c == 9:
            return E(INT, ["length(", self.expr(TXT, s, d, o), ")"])
        return E(INT, ["abs(", x(), ")"])

    def expr_dec(self, s, d, o):
        r = self.rng
        c = r.randrange(7)
        x = lambda: self.expr(DEC, s, d, o)
        # DuckDB keeps DECIMAL(18) for a sum of two DECIMAL(18,2) and overflows; PostgreSQL
        # widens, so DuckDB is given the wide type
        wide = {"ps": "", "duck": "CAST("}, {"ps": "", "duck": " AS DECIMAL(38,2))"}
        if c == 0:
            return E(DEC, ["(", wide[0], x(), wide[1], " + ", x(), ")"])
        if c == 1:
            return E(DEC, ["(", wide[0], x(), wide[1], " - ", x(), ")"])
        if c == 2:
            return E(DEC, ["CAST(", self.expr(INT, s, d, o), " AS DECIMAL(18,2))"])
        if c == 3:
            return E(DEC, ["coalesce(", x(), ", ", x(), ")"])
        if c == 4:
            return self.case(DEC, s, d, o)
        if c == 5:
            return E(DEC, ["abs(", x(), ")"])
        return E(DEC, ["round(", x(), ", 1)"])

    def expr_big(self, s, d, o):
        c = self.rng.randrange(4)
        x = lambda: self.expr(BIG, s, d, o)
        if c == 0:
            return E(BIG, ["(", x(), " + ", self.expr(INT, s, d, o), ")"])
        if c == 1:
            return E(BIG, ["(-", x(), ")"])
        if c == 2:
            return E(BIG, ["coalesce(", x(), ", ", x(), ")"])
        return self.case(BIG, s, d, o)

    def expr_flt(self, s, d, o):
        c = self.rng.randrange(6)
        x = lambda: self.expr(FLT, s, d, o)
        if c == 0:
            return E(FLT, ["(", x(), " + ", x(), ")"])
        if c == 1:
            return E(FLT, ["(", x(), " * ", x(), ")"])
        if c == 2:
            return E(FLT, ["CAST(", self.expr(INT, s, d, o), " AS ", sqltype(FLT), ")"])
        if c == 3:
            return E(FLT, ["coalesce(", x(), ", ", x(), ")"])
        if c == 4:
            return E(FLT, [self.rng.choice(["greatest(", "least("]), x(), ", ", x(), ")"])
        return self.case(FLT, s, d, o)

    def expr_txt(self, s, d, o):
        c = self.rng.randrange(6)
        x = lambda: self.expr(TXT, s, d, o)
        if c == 0:
            return E(TXT, ["(", x(), " || ", x(), ")"])
        if c == 1:
            return E(TXT, [self.rng.choice(["upper(", "lower("]), x(), ")"])
        if c == 2:
            return E(TXT, ["substr(", x(), ", ", str(self.rng.randint(1, 3)), ", ", str(self.rng.randint(0, 2)), ")"])
        if c == 3:
            return E(TXT, ["CAST(", self.expr(self.rng.choice([INT, DEC, BIG]), s, d, o), " AS VARCHAR)"])
        if c == 4:
            return E(TXT, ["coalesce(", x(), ", ", x(), ")"])
        return self.case(TXT, s, d, o)

    def expr_bool(self, s, d, o):
        return self.pred(s, d, o)

    # predicates ---------------------------------------------------------
    def pred(self, s, d=0, o=False, subq=True):
        r = self.rng
        if d >= 3:
            return self.compare(s, d, o)
        c = r.randrange(20)
        if c < 6:
            return self.compare(s, d, o)
        if c == 6:
            return E(BOOL, ["(", self.pred(s, d + 1, o, subq), " AND ", self.pred(s, d + 1, o, subq), ")"])
        if c == 7:
            return E(BOOL, ["(", self.pred(s, d + 1, o, subq), " OR ", self.pred(s, d + 1, o, subq), ")"])
        if c == 8:
            return E(BOOL, ["(NOT ", self.pred(s, d + 1, o, subq), ")"])
        if c == 9:
            t = r.choice([INT, DEC, FLT, TXT, BIG, BOOL])
            return E(BOOL, ["(", self.expr(t, s, d + 1, o), r.choice([" IS NULL)", " IS NOT NULL)"])])
        if c == 10:
            t = r.choice([INT, DEC, TXT, FLT])
            items = [self.literal(t) for _ in range(r.randint(1, 4))]
            parts = ["(", self.expr(t, s, d + 1, o), r.choice([" IN (", " NOT IN ("])]
            for i, it in enumerate(items):
                parts += ([", "] if i else []) + [it]
            return E(BOOL, parts + ["))"])
        if c == 11:
            t = r.choice([INT, DEC, FLT])
            return E(BOOL, ["(", self.expr(t, s, d + 1, o), r.choice([" BETWEEN ", " NOT BETWEEN "]),
                            self.literal(t), " AND ", self.literal(t), ")"])
        if c == 12:
            return E(BOOL, ["(", self.expr(TXT, s, d + 1, o), r.choice([" LIKE ", " NOT LIKE "]),
                            lit(TXT, r.choice(["'a%'", "'%b%'", "'_'", "''", "'%'", "'A_'"])), ")"])
        if c in (13, 16):   # not null-rejecting, mostly on the last joined (nullable) table
            t = r.choice([INT, FLT])
            last = Scope(s.tables[-1:]).columns(t)
            e = r.choice(last) if last and self.chance(0.7) else self.expr(t, s, d + 1, o)
            return E(BOOL, ["(", r.choice(["greatest(", "least(", "coalesce("]), e, ", ",
                            self.literal(t), ")", r.choice([" > ", " < ", " = "]), self.literal(t), ")"])
        if c == 14:
            return E(BOOL, ["(", self.pred(s, d + 1, o, subq), r.choice([" IS TRUE)", " IS NOT TRUE)", " IS FALSE)", " IS NOT FALSE)", " IS UNKNOWN)"])])
        if c == 15 and s.columns(BOOL):
            return r.choice(s.columns(BOOL))
        if subq and c >= 15:
            return self.subquery_pred(s, d + 1)
        return self.compare(s, d, o)

    def compare(self, s, d, o):
        t = self.rng.choice([INT, INT, DEC, FLT, TXT, BIG])
        return E(BOOL, ["(", self.expr(t, s, d + 1, o), self.rng.choice([" = ", " <> ", " < ", " <= ", " > ", " >= "]),
                        self.expr(t, s, d + 1, o), ")"])

    def subquery_pred(self, s, d):
        """EXISTS / IN / NOT IN / scalar comparison, correlated or not, over a table
        that holds NULLs."""
        r = self.rng
        t = r.choice([INT, INT, TXT, DEC, FLT])
        inner_table = r.choice(["t1", "t2", "t2"])
        ia = self.alias("s")
        inner = Scope([(ia, inner_table)], outer=s)
        icols = inner.columns(t)
        conj = []
        if self.chance(0.6):   # correlated
            ot = r.choice([INT, TXT, DEC])
            oc, ic = s.columns(ot), inner.columns(ot)
            if oc and ic:
                conj.append(E(BOOL, ["(", r.choice(ic), r.choice([" = ", " = ", " < ", " <> "]), r.choice(oc), ")"]))
        if self.chance(0.4):
            conj.append(self.pred(inner, 2, False, subq=False))
        c = r.randrange(4)
        if c == 0:
            q = Select([(lit(INT, "1"), "c0")], Table(inner_table, ia), [], conj)
            return E(BOOL, ["(", r.choice(["EXISTS (", "NOT EXISTS ("]), q, "))"])
        if c in (1, 2):
            q = Select([(r.choice(icols) if icols else self.literal(t), "c0")], Table(inner_table, ia), [], conj)
            return E(BOOL, ["(", self.expr(t, s, d, False), r.choice([" IN (", " NOT IN (", " NOT IN ("]), q, "))"])
        agg = r.choice(["max(", "min(", "count(", "sum("]) if t in (INT, DEC) else r.choice(["max(", "min("])
        at = INT if agg == "count(" else t
        q = Select([(E(at, [agg, r.choice(icols) if icols else self.literal(t), ")"], agg=True), "c0")],
                   Table(inner_table, ia), [], conj)
        return E(BOOL, ["(", self.expr(at, s, d, False), r.choice([" = ", " < ", " >= ", " <> "]), "(", q, "))"])

    def aggregate(self, s):
        r = self.rng
        t = r.choice([INT, INT, DEC, BIG, FLT, TXT])
        arg = self.expr(t, s, 1)
        fn = r.choice(["count", "count", "sum", "min", "max", "avg"] if t in (INT, DEC, BIG, FLT) else ["count", "min", "max"])
        rt = INT if fn == "count" else (FLT if fn == "avg" and t in (INT, FLT) else (DEC if fn == "avg" else t))
        if fn == "avg" and t in (DEC, BIG):
            rt = "approx"   # PostgreSQL's decimal avg against DuckDB's double: compared within 1e-9
        distinct = "DISTINCT " if self.chance(0.35) else ""
        parts = [fn + "(" + distinct, arg, ")"]
        if fn == "count" and not distinct and self.chance(0.3):
            parts = ["count(*)"]
        if self.chance(0.35):
            parts += [" FILTER (WHERE ", self.pred(s, 1, subq=False), ")"]
        if fn == "avg" and t == INT:   # avg of integers is DOUBLE (documented); PostgreSQL's is NUMERIC
            parts = [{"ps": "", "pg": "CAST("}] + parts + [{"ps": "", "pg": " AS DOUBLE PRECISION)"}]
        return E(rt, parts, agg=True, kind="agg")

    # queries --------------------------------------------------------------
    def from_clause(self, outer=None):
        """A base table with up to two joins: outer joins with the small table, inner or
        outer joins between the big tables on id (so results stay small)."""
        r = self.rng
        base = r.choice(["t0", "t0", "t1"])
        a0 = self.alias(base[:2])
        tables = [(a0, base)]
        joins = []
        for _ in range(r.choice([0, 1, 1, 2])):
            other = r.choice(["t2", "t2", "t1" if base == "t0" else "t0"])
            ao = self.alias(other[:2])
            prev_alias, prev_name = r.choice([t for t in tables if other == "t2" or t[1] != "t2"])
            kind = r.choice(["LEFT JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "JOIN"])
            scope = Scope(tables + [(ao, other)])
            on = []
            if other == "t2":
                keys = ["k", "a", "s"] if prev_name != "t2" else ["k"]
                key = r.choice(keys)
                if self.nan_keys and self.chance(0.15):
                    key = "f"
                on.append(E(BOOL, [f"({prev_alias}.{key} = {ao}.{key})"]))
            else:
                on.append(E(BOOL, [f"({prev_alias}.id = {ao}.id)"]))
            if self.chance(0.4):
                on.append(self.pred(scope, 1, subq=False))
            joins.append(Join(kind, Table(other, ao), on))
            tables.append((ao, other))
        return Table(base, a0), joins, Scope(tables)

    def select_items(self, scope, n=None):
        r = self.rng
        items = []
        for i in range(n or r.randint(1, 4)):
            t = r.choice([INT, INT, DEC, BIG, FLT, TXT, BOOL])
            if t == BOOL:
                e = self.pred(scope, 1)
            else:
                e = self.expr(t, scope, 0)
                if self.chance(0.1):   # correlated scalar subquery in the select list
                    e = self.scalar_subquery(scope)
            items.append((e, f"c{i}"))
        return items

    def scalar_subquery(self, s):
        r = self.rng
        ia = self.alias("s")
        inner_table = r.choice(["t1", "t2"])
        inner = Scope([(ia, inner_table)], outer=s)
        t = r.choice([INT, DEC, TXT])
        conj = []
        oc, ic = s.columns(INT), inner.columns(INT)
        if oc and ic and self.chance(0.8):
            conj.append(E(BOOL, ["(", r.choice(ic), " = ", r.choice(oc), ")"]))
        fn = r.choice(["max(", "min(", "count("])
        at = INT if fn == "count(" else t
        q = Select([(E(at, [fn, r.choice(inner.columns(t)), ")"], agg=True), "c0")], Table(inner_table, ia), [], conj)
        return E(at, ["(", q, ")"])

    def plain(self):
        fr, joins, scope = self.from_clause()
        items = self.select_items(scope)
        where = [self.pred(scope) for _ in range(self.rng.choice([0, 1, 1, 2, 3]))]
        q = Select(items, fr, joins, where, distinct=self.chance(0.2))
        self.order(q)
        return q

    def grouped(self):
        r = self.rng
        fr, joins, scope = self.from_clause()
        keys = []
        for i in range(r.choice([0, 1, 1, 2])):
            t = r.choice([INT, INT, TXT, DEC, BIG, BOOL, FLT if self.nan_keys else INT])
            keys.append(r.choice(scope.columns(t)) if self.chance(0.7) and scope.columns(t) else self.expr(t, scope, 1))
        items = [(k, f"c{i}") for i, k in enumerate(keys)]
        for _ in range(r.randint(1, 3)):
            items.append((self.aggregate(scope), f"c{len(items)}"))
        where = [self.pred(scope) for _ in range(r.choice([0, 1, 2]))]
        having = []
        if keys and self.chance(0.3):
            having.append(self.having_pred(items))
        q = Select(items, fr, joins, where, group=keys, having=having)
        self.order(q)
        return q

    def having_pred(self, items):
        r = self.rng
        e, _ = r.choice(items)
        if e.type in (INT, DEC, FLT, BIG):
            return E(BOOL, ["(", e, r.choice([" > ", " <= ", " = ", " <> "]), self.literal(e.type), ")"])
        if e.type == BOOL:
            return e
        return E(BOOL, ["(", e, " IS NULL)"])

    def agg_join(self):
        """Aggregates with DISTINCT and FILTER on both sides, joined on their keys."""
        r = self.rng
        sides = []
        for name in ("t0", r.choice(["t1", "t2"])):
            a = self.alias(name[:2])
            scope = Scope([(a, name)])
            key = r.choice(["k", "a", "s"] if not self.nan_keys or self.chance(0.85) else ["f"])
            kt = dict(COLUMNS[name])[key]
            items = [(col(a, key, kt), "key")]
            for i in range(r.randint(1, 2)):
                items.append((self.aggregate(scope), f"m{i}"))
            where = [self.pred(scope, subq=False)] if self.chance(0.3) else []
            sides.append((Select(items, Table(name, a), [], where, group=[col(a, key, kt)]), key))
        if sides[0][1] != sides[1][1]:
            sides[1] = (sides[1][0], sides[0][1])
            q1 = sides[1][0]
            a = q1.from_.alias
            name = q1.from_.name
            kt = dict(COLUMNS[name])[sides[0][1]]
            q1.items[0] = (col(a, sides[0][1], kt), "key")
            q1.group = [col(a, sides[0][1], kt)]
        ka, kb = self.alias("l"), self.alias("r")
        kind = r.choice(["JOIN", "LEFT JOIN", "FULL JOIN", "RIGHT JOIN"])
        left, right = sides[0][0], sides[1][0]
        items = [(E(left.items[0][0].type, [f"{ka}.key"]), "c0"), (E(right.items[0][0].type, [f"{kb}.key"]), "c1")]
        for alias, side in ((ka, left), (kb, right)):
            for e, name in side.items[1:]:
                items.append((E(e.type, [f"{alias}.{name}"]), f"c{len(items)}"))
        q = Select(items, Derived(left, ka), [Join(kind, Derived(right, kb), [E(BOOL, [f"({ka}.key = {kb}.key)"])])], [])
        self.order(q)
        return q

    def setop(self):
        r = self.rng
        n = r.randint(1, 3)
        types = [r.choice([INT, TXT, DEC, FLT if self.nan_keys else INT, BOOL]) for _ in range(n)]
        sides = []
        for _ in range(2):
            fr, joins, scope = self.from_clause()
            joins = joins[:1]
            scope = Scope([(fr.alias, fr.name)] + [(j.item.alias, j.item.name) for j in joins])
            items = []
            for i, t in enumerate(types):
                e = self.pred(scope, 1) if t == BOOL else self.expr(t, scope, 1)
                items.append((e, f"c{i}"))
            where = [self.pred(scope) for _ in range(r.choice([0, 1, 1]))]
            sides.append(Select(items, fr, joins, where))
        op = r.choice(["UNION", "UNION ALL", "INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL"])
        q = SetOp(sides[0], op, sides[1])
        self.order(q)
        return q

    def order(self, q):
        """Total (every output column) and maybe a LIMIT, or partial, or none."""
        r = self.rng
        aliases = [a for _, a in q.items]
        c = r.random()
        if c < 0.35:
            keys = aliases[:]
            r.shuffle(keys)
            q.order = [(k, r.choice(["", " DESC"]), r.choice(["", "", " NULLS FIRST", " NULLS LAST"])) for k in keys]
            q.total = True
            if self.chance(0.7):
                q.limit = r.randint(0, 12)
                q.offset = r.choice([0, 0, r.randint(1, 5)])
        elif c < 0.5:
            q.order = [(r.choice(aliases), r.choice(["", " DESC"]), "")]
            q.total = False

    def query(self):
        r = self.rng.random()
        if r < 0.3:
            return self.plain()
        if r < 0.6:
            return self.grouped()
        if r < 0.75:
            return self.agg_join()
        return self.setop()

    def tlp_pred(self, q):
        """A predicate to partition q by: over its tables (WHERE) or, for a grouped
        query, over its group keys and aggregates (HAVING)."""
        if isinstance(q, Select) and (q.group or any(has_agg(e) for e, _ in q.items)):
            if not q.group:
                return None
            return self.having_pred(q.items)
        if isinstance(q, Select):
            tables = [(q.from_.alias, q.from_.name)] if isinstance(q.from_, Table) else []
            tables += [(j.item.alias, j.item.name) for j in q.joins if isinstance(j.item, Table)]
            if not tables:
                return None
            return self.pred(Scope(tables))
        return None


# ---------------------------------------------------------------- query trees

class Table:
    def __init__(self, name, alias):
        self.name, self.alias = name, alias

    def render(self, d):
        return f"{self.name} {self.alias}"


class Derived:
    def __init__(self, query, alias):
        self.query, self.alias, self.name = query, alias, None

    def render(self, d):
        return f"({self.query.render(d)}) {self.alias}"


class Join:
    def __init__(self, kind, item, on):
        self.kind, self.item, self.on = kind, item, on

    def render(self, d):
        on = " AND ".join(c.render(d) for c in self.on) or "true"
        return f" {self.kind} {self.item.render(d)} ON {on}"


class Query:
    order, total, limit, offset = (), False, None, 0

    def tail(self, d):
        out = ""
        if self.order:
            keys = []
            for k, desc, nulls in self.order:
                if d == "duck" and not nulls:   # PostgreSQL's default NULL placement, spelled out
                    nulls = " NULLS FIRST" if desc else " NULLS LAST"
                keys.append(k + desc + nulls)
            out += " ORDER BY " + ", ".join(keys)
        if self.limit is not None:
            out += f" LIMIT {self.limit}"
            if self.offset:
                out += f" OFFSET {self.offset}"
        return out

    def ordered(self):
        """Rows come in a determined order (compare as lists)."""
        return bool(self.order) and self.total


class Select(Query):
    def __init__(self, items, from_, joins, where, group=None, having=None, distinct=False):
        self.items, self.from_, self.joins, self.where = items, from_, joins, where
        self.group, self.having, self.distinct = group or [], having or [], distinct
        self.order, self.total, self.limit, self.offset = [], False, None, 0

    def render(self, d):
        s = "SELECT " + ("DISTINCT " if self.distinct else "")
        s += ", ".join(f"{e.render(d)} AS {a}" for e, a in self.items)
        s += " FROM " + self.from_.render(d) + "".join(j.render(d) for j in self.joins)
        if self.where:
            s += " WHERE " + " AND ".join(c.render(d) for c in self.where)
        if self.group:
            s += " GROUP BY " + ", ".join(g.render(d) for g in self.group)
        if self.having:
            s += " HAVING " + " AND ".join(c.render(d) for c in self.having)
        return s + self.tail(d)

    @property
    def type(self):
        return self.items[0][0].type


class SetOp(Query):
    def __init__(self, left, op, right):
        self.left, self.op, self.right = left, op, right
        self.order, self.total, self.limit, self.offset = [], False, None, 0

    @property
    def items(self):
        return self.left.items

    def render(self, d):
        return f"{self.left.render(d)} {self.op} {self.right.render(d)}" + self.tail(d)
