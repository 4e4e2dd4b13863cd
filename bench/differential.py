#!/usr/bin/env python3
"""Differential testing: random queries through planscope against an oracle (DuckDB, or
PostgreSQL), and planscope against itself by ternary logic partitioning (TLP).

Usage: differential.py N SEED [--oracle duckdb|postgres] [--binary PATH] [--per-setup Q]
                        [--configs w1,w2,w4,none-w1,none-w4] [--time-limit S] [--reduce-max R] [--out DIR]

N queries are generated from SEED over fresh tables every --per-setup queries (NULL-heavy,
duplicate-heavy, a big table in several stored batches so scans span several morsels,
NaN, -0, infinities and decimals at the 64-bit edge). Each table setup runs in one
planscope process per configuration (workers 1, 2, 4; the default rulepack and every
optimizer rule off) with all its queries in one script, and once in DuckDB.

A result is compared with DuckDB's as a list when the query's ORDER BY is total (every
output column), else as a multiset. Numbers agree exactly when both are decimals or
integers, within 1e-9 relative when either side is a float (NaN = NaN, -0 = 0). The
documented PostgreSQL differences (integer division, NULL ordering) are spelled for DuckDB
in diffgen.py; planscope errors that PostgreSQL raises where DuckDB widens (overflow,
out of range) are counted as skipped, as are queries DuckDB rejects.

--oracle postgres compares with the PostgreSQL server .ci/postgres starts (PGHOST), each
table setup in its own schema. The queries are the same (diffgen.py's "pg" dialect differs
only in spelling). Both refusing a query agrees; a planscope error PostgreSQL does not raise
is skipped only when documented (decimals of 38 digits, BIGINT sums; see
docs/postgres-differences.md), a PostgreSQL error planscope does not raise is a mismatch
unless it is a known issue-23 item (labelled `known: issue 23 …`; --tolerate-known then
passes). Decimals of different scales agree when they agree at the smaller scale (decimal
division and avg keep 16 fractional digits, PostgreSQL at least 16 significant ones).

TLP: for a query q and a predicate p, q's rows are the union of q WHERE p, q WHERE NOT p and
q WHERE p IS NULL (HAVING for grouped queries), checked in every configuration.

A mismatch is shrunk by delta debugging (dropping select items, conjuncts, joins, group and
order keys, set-operation sides, and replacing expressions by their parts while it still
mismatches), printed with the seed and both results, and written with its table setup to
--out. Exit status 1 if any query mismatched. The last line is
`differential: N queries, M mismatches, seed S, T s`.
"""
import argparse, copy, decimal, json, math, os, random, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diffgen
from diffgen import Select, SetOp, E, Join

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CONFIGS = {
    "w1": {"execution.workers": "1"},
    "w2": {"execution.workers": "2"},
    "w4": {"execution.workers": "4"},
    "none-w1": {"optimizer.rulepack": "none", "execution.workers": "1"},
    "none-w4": {"optimizer.rulepack": "none", "execution.workers": "4"},
}

# planscope errors that PostgreSQL raises where DuckDB widens, wraps or answers (documented:
# integer overflow is an error, decimals are capped at 38 digits, a bare constant as a
# GROUP BY key is refused as in PostgreSQL).
DOCUMENTED_ERRORS = ("out of range", "overflow", "does not fit", "precision", "non-integer constant")


# ---------------------------------------------------------------- running

def parse_rows(lines):
    """planscope's rows are kept as their JSON lines (a tuple) until they are needed."""
    if isinstance(lines, list):
        return lines
    return [json.loads(l, parse_float=decimal.Decimal, object_pairs_hook=lambda p: [v for _, v in p])
            for l in lines if l]


def planscope(binary, settings, setup, queries, timeout=None):
    """Runs the setup and the queries in one process (each query after a marker row
    `SELECT i AS __m`); returns per query ("rows", [[values]]), ("error", message) or
    ("crash", message). After a crash the remaining queries run in a new process."""
    results = {}
    todo = list(range(len(queries)))
    # a second a query (a debug build on a loaded machine manages ten or more), at least 300 s
    timeout = timeout or max(300, len(queries))
    while todo:
        script = [f"SET {k} = '{v}';" for k, v in settings.items()] + setup
        for i in todo:
            script.append(f"SELECT {i} AS __m;")
            script.append(queries[i] + ";")
        script.append("SELECT -1 AS __m;")
        try:
            proc = subprocess.run([binary, "-X", "-q", "--format", "jsonl", "--continue-on-error"],
                                  input="\n".join(script) + "\n", capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            for i in todo:
                results.setdefault(i, ("error", TIMEOUT))
            break
        errors = [json.loads(l)["error"]["message"] for l in proc.stderr.splitlines() if l.startswith("{\"error\"")]
        sections, current, lines, done = [], None, [], False
        for line in proc.stdout.split("\n"):
            if line.startswith("{\"__m\":"):
                if current is not None:
                    sections.append((current, lines))
                current, lines = json.loads(line)["__m"], []
                if current == -1:
                    done = True
                    break
            elif current is not None:
                lines.append(line)
        # An empty result prints one empty line, a failed statement nothing; stderr has
        # the setup's errors (there must be none) and then the failed queries' in order.
        failed = [c for c, l in sections if not l]
        if len(errors) > len(failed) + (0 if done else 1):
            raise RuntimeError("planscope setup failed: " + errors[0])
        for c, l in sections:
            results[c] = ("error", errors.pop(0) if errors else "error") if not l else ("rows", tuple(x for x in l if x))
        if done:
            break
        if current is None:
            raise RuntimeError("planscope failed before the first query: " + proc.stderr[-500:])
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        results[current] = ("crash", f"exit {proc.returncode}: {tail}")
        todo = [i for i in todo if i not in results]
    return [results.get(i, ("error", "no output")) for i in range(len(queries))]


class DuckDBOracle:
    """An in-memory DuckDB per table setup."""
    name, dialect = "duckdb", "duck"

    def setup(self, setup):
        import duckdb
        con = duckdb.connect()
        for s in setup:
            con.execute(s)
        return con

    def run(self, con, queries):
        out = []
        for q in queries:
            try:
                out.append(("rows", [list(r) for r in con.execute(q).fetchall()]))
            except Exception as e:
                out.append(("error", str(e).splitlines()[0]))
        return out

    def close(self, con):
        con.close()


class PostgresOracle:
    """The server .ci/postgres starts (PGHOST): each table setup in its own schema on its
    own connection, dropped when the setup is done."""
    name, dialect = "postgres", "pg"

    def __init__(self):
        sys.path.insert(0, os.path.join(ROOT, "Tests", "postgres"))
        import pgwire
        self.pgwire, self.n = pgwire, 0

    def setup(self, setup):
        self.n += 1
        schema = f"diff_{os.getpid()}_{self.n}"
        con = self.pgwire.connect()
        con.query(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path = {schema}")
        con.query("\n".join(diffgen.pg_text(s) for s in setup))
        con.schema = schema
        return con

    def run(self, con, queries):
        out = []
        for q in queries:
            try:
                cols, rows = con.query(q)
                out.append(("rows", [[self.pgwire.value(v, cols[i][1]) for i, v in enumerate(r)] for r in rows]))
            except self.pgwire.PGError as e:
                out.append(("error", e.message))
        return out

    def close(self, con):
        try:
            con.query(f"DROP SCHEMA IF EXISTS {con.schema} CASCADE")
        finally:
            con.close()


ORACLE = DuckDBOracle()   # --oracle
TIMEOUT = "planscope did not finish the script in time"


# ---------------------------------------------------------------- comparing

def norm(v):
    """A value as ('null',) / ('num', float, exact) / ('str', s) / ('bool', b)."""
    if v is None:
        return ("null",)
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, str) and v in ("NaN", "Infinity", "-Infinity"):
        return ("num", float(v), None)
    if isinstance(v, int):
        return ("num", float(v), decimal.Decimal(v))
    if isinstance(v, decimal.Decimal):
        return ("num", float(v), v)
    if isinstance(v, float):
        return ("num", v, None)
    return ("str", str(v))


def same(a, b):
    if a[0] != b[0]:
        return False
    if a[0] != "num":
        return a == b
    x, y = a[1], b[1]
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if a[2] is not None and b[2] is not None:
        return a[2] == b[2] or (ORACLE.name == "postgres" and same_rounded(a[2], b[2]))
    if x == y:
        return True
    if TOLERANCE[0] > 1e-9:   # the avg(bigint) check: a few units lost in 1e16-sized sums
        return abs(x - y) <= max(TOLERANCE[0] * max(abs(x), abs(y)), 8.0)
    return abs(x - y) <= TOLERANCE[0] * max(abs(x), abs(y))


TOLERANCE = [1e-9]


def same_rounded(a, b):
    """Two decimals of different scales that agree at the smaller one (half away from zero),
    when they are quotients as the two engines write them: planscope keeps 16 fractional
    digits in decimal division and avg, PostgreSQL at least 16 significant ones (documented
    in docs/sql-semantics.md). So the finer one has 16 or more fractional digits and the
    coarser one 16 or more fractional digits or 16 or more digits in all."""
    fine, coarse = (a, b) if a.as_tuple().exponent < b.as_tuple().exponent else (b, a)
    ef, ec = fine.as_tuple().exponent, coarse.as_tuple().exponent
    if ef == ec or not isinstance(ef, int) or not isinstance(ec, int):
        return False
    if ef > -16 or (ec > -16 and len(coarse.as_tuple().digits) < 16):
        return False
    q = decimal.Decimal(1).scaleb(ec)
    with decimal.localcontext() as c:
        c.prec = 80
        return a.quantize(q, decimal.ROUND_HALF_UP) == b.quantize(q, decimal.ROUND_HALF_UP)


def sort_key(row):
    key = []
    for v in row:
        if v[0] == "num":
            f = v[1]
            key.append((1, "nan" if math.isnan(f) else "%.9e" % (0.0 if f == 0 else f)))
        else:
            key.append((0 if v[0] == "null" else 2, str(v[1:])))
    return key


def row_same(x, y):
    return len(x) == len(y) and all(same(u, v) for u, v in zip(x, y))


def rows_equal(a, b, ordered):
    return norm_rows_equal([[norm(v) for v in r] for r in a], [[norm(v) for v in r] for r in b], ordered)


def norm_rows_equal(a, b, ordered):
    if len(a) != len(b):
        return False
    if ordered:
        return all(row_same(x, y) for x, y in zip(a, b))
    # As multisets: rows grouped by a coarse key (nine digits; only the non-numbers under
    # the loose avg(bigint) tolerance), matched within a group.
    key = sort_key if TOLERANCE[0] <= 1e-9 else (lambda r: [v[0] if v[0] == "num" else v for v in r])
    groups = {}
    for r in a:
        groups.setdefault(repr(key(r)), ([], []))[0].append(r)
    for r in b:
        groups.setdefault(repr(key(r)), ([], []))[1].append(r)
    for xs, ys in groups.values():
        if len(xs) != len(ys):
            return False
        ys = list(ys)
        for x in xs:
            for i, y in enumerate(ys):
                if row_same(x, y):
                    del ys[i]
                    break
            else:
                return False
    return True


def approx(q):
    """Does q output a value DuckDB computes as a double where PostgreSQL keeps a decimal
    (avg of a decimal)? Then ties in DuckDB's order may be distinct values in planscope's:
    "limited" when a LIMIT then picks other rows, else True."""
    if not isinstance(q, (Select, SetOp)) or not any(e.type == "approx" for e, _ in q.items):
        return False
    return "limited" if q.limit is not None else True


# PostgreSQL errors where planscope answers, and what they are (issue 23's list): a label
# counts the query apart from the new mismatches (--tolerate-known)
PG_KNOWN_ERRORS = [
    # documented (sql-semantics.md): PostgreSQL's avg of doubles also sums their squares and
    # fails when that sum overflows; planscope's fails only when the sum does. (Other double
    # overflows are errors in both since issue 23's checked arithmetic.)
    ("value out of range: overflow", "known: documented, avg of doubles (PostgreSQL's sum of squares overflows)"),
    ("value out of range: underflow", "known: issue 23 double underflow is an error"),
]


def pg_verdict(ps, pg, ordered, approximate):
    """'ok', 'skip', 'mismatch' or a 'known: …' label, against PostgreSQL: both refusing
    agrees (the error may differ: PostgreSQL does not fix which of several comes first); a
    planscope error PostgreSQL does not raise is skipped when documented (38-digit decimals,
    BIGINT sums), else a mismatch; a PostgreSQL error planscope does not raise is a known
    issue-23 item or a mismatch."""
    if pg[0] == "error":
        if ps[0] == "error":
            return "ok"
        for text, label in PG_KNOWN_ERRORS:
            if text in pg[1]:
                return label
        return "mismatch"
    if ps[0] == "error":
        return "skip" if any(w in ps[1].lower() for w in DOCUMENTED_ERRORS) else "mismatch"
    rows = parse_rows(ps[1])
    if rows_equal(rows, pg[1], ordered):
        return "ok"
    if ordered and approximate == "limited":
        return "skip"
    return "ok" if ordered and approximate and rows_equal(rows, pg[1], False) else "mismatch"


def verdict(ps, duck, ordered, approximate=False):
    """'ok', 'skip' or 'mismatch' (or a 'known: …' label against PostgreSQL, or 'timeout')."""
    if ps[0] == "crash":
        return "mismatch"
    if ps == ("error", TIMEOUT):
        return "timeout"   # counted apart: a hang, or a machine too busy for the limit
    if ORACLE.name == "postgres":
        return pg_verdict(ps, duck, ordered, approximate)
    if duck[0] == "error":
        return "skip"
    if ps[0] == "error":
        return "skip" if any(w in ps[1].lower() for w in DOCUMENTED_ERRORS) else "mismatch"
    rows = parse_rows(ps[1])
    if rows_equal(rows, duck[1], ordered):
        return "ok"
    if ordered and approximate == "limited":
        return "skip"   # DuckDB's ties (doubles) may have picked other rows
    return "ok" if ordered and approximate and rows_equal(rows, duck[1], False) else "mismatch"


def distinct_rows(rows):
    groups = {}
    for r in ([norm(v) for v in r] for r in rows):
        g = groups.setdefault(repr(sort_key(r)), [])
        if not any(row_same(r, x) for x in g):
            g.append(r)
    return [r for g in groups.values() for r in g]


def tlp_verdict(results, distinct):
    if any(r[0] == "crash" for r in results):
        return "mismatch"
    if any(r[0] == "error" for r in results):
        return "skip"
    if not distinct and sorted(results[0][1]) == sorted(results[1][1] + results[2][1] + results[3][1]):
        return "ok"   # the same JSON lines
    whole = parse_rows(results[0][1])
    parts = parse_rows(results[1][1]) + parse_rows(results[2][1]) + parse_rows(results[3][1])
    if distinct:
        return "ok" if norm_rows_equal(distinct_rows(whole), distinct_rows(parts), False) else "mismatch"
    return "ok" if rows_equal(whole, parts, False) else "mismatch"


# ---------------------------------------------------------------- TLP

class TLP:
    """q and the predicate p it is partitioned by."""

    def __init__(self, q, p):
        self.q, self.p = q, p

    def grouped(self):
        return bool(self.q.group)

    def queries(self):
        q = copy.copy(self.q)
        q.order, q.total, q.limit, q.offset = [], False, None, 0
        out = [q.render("ps")]
        for wrap in (lambda p: p, lambda p: E("bool", ["(NOT ", p, ")"]), lambda p: E("bool", ["(", p, " IS NULL)"])):
            v = copy.copy(q)
            if self.grouped():
                v.having = q.having + [wrap(self.p)]
            else:
                v.where = q.where + [wrap(self.p)]
            out.append(v.render("ps"))
        return out

    def render(self, d):
        return " /* TLP */ ".join(self.queries())


# ---------------------------------------------------------------- reducing

def walk(node, out):
    """Every Select, SetOp and E below node (node first)."""
    out.append(node)
    if isinstance(node, TLP):
        walk(node.q, out); walk(node.p, out)
    elif isinstance(node, SetOp):
        walk(node.left, out); walk(node.right, out)
    elif isinstance(node, Select):
        for e, _ in node.items:
            walk(e, out)
        for it in [node.from_] + [j.item for j in node.joins]:
            if isinstance(it, diffgen.Derived):
                walk(it.query, out)
        for j in node.joins:
            for c in j.on:
                walk(c, out)
        for e in node.where + node.group + node.having:
            walk(e, out)
    elif isinstance(node, E):
        for p in node.parts:
            if isinstance(p, (E, Select, SetOp)):
                walk(p, out)
    return out


def drop_item(s, i):
    alias = s.items[i][1]
    s.items = s.items[:i] + s.items[i + 1:]
    s.order = [o for o in s.order if o[0] != alias]


def candidates(root):
    """One-step reductions of root, biggest first."""
    nodes = walk(root, [])
    edits = []
    for n in nodes:
        if isinstance(n, SetOp):
            edits.append((0, n, "setop-left")); edits.append((0, n, "setop-right"))
            if len(n.left.items) > 1:
                for i in range(len(n.left.items)):
                    edits.append((1, n, ("setop-col", i)))
        if isinstance(n, (Select, SetOp)):
            if n.limit is not None:
                edits.append((3, n, "limit"))
            if n.order:
                edits.append((3, n, "order"))
        if isinstance(n, Select):
            for i in range(len(n.joins)):
                edits.append((0, n, ("join", i)))
                for k in range(1, len(n.joins[i].on)):
                    edits.append((2, n, ("on", i, k)))
                if n.joins[i].kind != "JOIN":
                    edits.append((4, n, ("inner", i)))
            for attr in ("where", "having", "group"):
                for i in range(len(getattr(n, attr))):
                    edits.append((1, n, (attr, i)))
            if len(n.items) > 1:
                for i in range(len(n.items)):
                    edits.append((1, n, ("item", i)))
            if n.distinct:
                edits.append((3, n, "distinct"))
        if isinstance(n, E):
            for i, p in enumerate(n.parts):
                if isinstance(p, E):
                    for c in p.children():
                        if isinstance(c, E) and c.type == p.type:
                            edits.append((5, n, ("replace", i, c)))
                    if p.kind not in ("lit", "col") and not p.agg:
                        edits.append((6, n, ("null", i)))
    # list entries that are expressions themselves (select items, conjuncts)
    for n in nodes:
        if isinstance(n, Select):
            for attr in ("where", "having"):
                for i, e in enumerate(getattr(n, attr)):
                    for c in e.children():
                        if isinstance(c, E) and c.type == "bool":
                            edits.append((5, n, ("lreplace", attr, i, c)))
            for i, (e, a) in enumerate(n.items):
                for c in e.children():
                    if isinstance(c, E) and c.type == e.type:
                        edits.append((5, n, ("ireplace", i, c)))
        if isinstance(n, TLP):
            for c in n.p.children():
                if isinstance(c, E) and c.type == "bool":
                    edits.append((5, n, ("preplace", c)))
    edits.sort(key=lambda e: e[0])
    for _, node, op in edits:
        memo = {}
        new = copy.deepcopy(root, memo)
        m = memo[id(node)]
        try:
            if not apply(m, op, memo):
                continue
        except (IndexError, KeyError):
            continue
        if isinstance(new, (Select, SetOp)) and op in ("setop-left", "setop-right") and m is new:
            new = m.left if op == "setop-left" else m.right
            new.order, new.total, new.limit, new.offset = node.order, node.total, node.limit, node.offset
        yield new


def apply(m, op, memo):
    if op in ("setop-left", "setop-right"):
        if not isinstance(m, SetOp):
            return False
        return True   # handled by the caller at the root; nested set ops do not occur
    if op == "limit":
        m.limit, m.offset = None, 0
        return True
    if op == "order":
        m.order, m.total, m.limit, m.offset = [], False, None, 0
        return True
    if op == "distinct":
        m.distinct = False
        return True
    kind = op[0]
    if kind == "setop-col":
        alias = m.left.items[op[1]][1]
        for side in (m.left, m.right):
            side.items = side.items[:op[1]] + side.items[op[1] + 1:]
        m.order = [o for o in m.order if o[0] != alias]
        return True
    if kind == "join":
        m.joins = m.joins[:op[1]] + m.joins[op[1] + 1:]
        return True
    if kind == "on":
        j = m.joins[op[1]]
        j.on = j.on[:op[2]] + j.on[op[2] + 1:]
        return True
    if kind == "inner":
        m.joins[op[1]].kind = "JOIN"
        return True
    if kind in ("where", "having", "group"):
        lst = getattr(m, kind)
        setattr(m, kind, lst[:op[1]] + lst[op[1] + 1:])
        return True
    if kind == "item":
        drop_item(m, op[1])
        return True
    if kind == "replace":
        p = m.parts[op[1]]
        m.parts[op[1]] = memo[id(op[2])]
        return True
    if kind == "null":
        p = m.parts[op[1]]
        if p.type not in diffgen.SQLTYPE:
            return False
        m.parts[op[1]] = diffgen.typed_null(p.type)
        return True
    if kind == "lreplace":
        getattr(m, op[1])[op[2]] = memo[id(op[3])]
        return True
    if kind == "ireplace":
        e, a = m.items[op[1]]
        m.items[op[1]] = (memo[id(op[2])], a)
        return True
    if kind == "preplace":
        m.p = memo[id(op[1])]
        return True
    return False


class Case:
    """What a mismatch is: a query against DuckDB in one configuration, or a TLP
    partition in one configuration."""

    def __init__(self, ctx, config, root, kind, want="mismatch"):
        self.ctx, self.config, self.root, self.kind, self.want = ctx, config, root, kind, want
        self.label = want if want != "mismatch" else None

    def check(self, roots):
        """Which of roots still mismatch (same kind of failure)."""
        ctx = self.ctx
        if isinstance(roots[0], TLP):
            qs = [q for r in roots for q in r.queries()]
            res = planscope(ctx.binary, CONFIGS[self.config], ctx.setup, qs, timeout=60)
            out = []
            for i, r in enumerate(roots):
                v = tlp_verdict(res[4 * i:4 * i + 4], r.q.distinct)
                out.append(v == "mismatch" and self.same_failure(res[4 * i:4 * i + 4]))
            return out
        ps = planscope(ctx.binary, CONFIGS[self.config], ctx.setup, [r.render("ps") for r in roots], timeout=60)
        dk = ORACLE.run(ctx.duck, [r.render(ORACLE.dialect) for r in roots])
        return [verdict(p, d, r.ordered(), approx(r)) == self.want and self.same_failure([p]) for p, d, r in zip(ps, dk, roots)]

    def same_failure(self, results):
        kinds = {r[0] for r in results}
        if self.kind == "crash":
            return "crash" in kinds
        if self.kind == "error":
            return "error" in kinds and "crash" not in kinds
        return kinds == {"rows"}

    def reduce(self, budget_s):
        start = time.time()
        rounds = 0
        while time.time() - start < budget_s:
            cands = list(candidates(self.root))
            if not cands:
                break
            found = None
            for lo in range(0, len(cands), 150):
                chunk = cands[lo:lo + 150]
                ok = self.check(chunk)
                if any(ok):
                    found = chunk[ok.index(True)]
                    break
                if time.time() - start > budget_s:
                    break
            if found is None:
                break
            self.root = found
            rounds += 1
        return rounds


# ---------------------------------------------------------------- driving

class Context:
    def __init__(self, binary, setup, duck, seed, index, setup_seed, scale):
        self.binary, self.setup, self.duck, self.seed, self.index = binary, setup, duck, seed, index
        self.setup_seed, self.scale = setup_seed, scale
        self._plain = None

    def without_nan(self):
        """The same tables with NaN and -0 replaced (for telling the known NaN-key bug)."""
        if self._plain is None:
            setup, _ = diffgen.make_tables(random.Random(self.setup_seed), scale=self.scale, nan=False)
            self._plain = (setup, ORACLE.setup(setup))
        return self._plain

    def close(self):
        ORACLE.close(self.duck)
        if self._plain is not None:
            ORACLE.close(self._plain[1])


def render_ps(r):
    return " ".join(r.queries()) if isinstance(r, TLP) else r.render("ps")


def has_outer_join(node):
    return any(isinstance(n, Select) and any(j.kind != "JOIN" for j in n.joins) for n in walk(node, []))


def classify(ctx, config, cases):
    """Labels each mismatch 'known: NaN keys' when it goes away on the same tables
    without NaN and -0, 'known: outer join made inner' when the query has an outer join
    and it goes away with every optimizer rule off, else 'new'."""
    labels = ["new"] * len(cases)
    if ORACLE.name == "postgres":   # the DuckDB-era known bugs below are fixed; against PostgreSQL all are new
        return labels
    plain_setup, plain_duck = ctx.without_nan()
    for i, ok in enumerate(check_all(ctx.binary, config, plain_setup, plain_duck, cases, nan_free)):
        if ok:
            labels[i] = "known: NaN/-0 keys"
    # avg of BIGINT summed in double (found.slt.pending): agrees to three digits
    rest = [i for i, l in enumerate(labels) if l == "new" and "avg(" in render_ps(cases[i])]
    if rest:
        TOLERANCE[0] = 1e-3
        try:
            for i, ok in zip(rest, check_all(ctx.binary, config, ctx.setup, ctx.duck, [cases[i] for i in rest])):
                if ok:
                    labels[i] = "found: avg(bigint) summed in double"
        finally:
            TOLERANCE[0] = 1e-9
    if CONFIGS[config].get("optimizer.rulepack") != "none":
        none = dict(CONFIGS[config], **{"optimizer.rulepack": "none"})
        rest = [i for i, l in enumerate(labels) if l == "new" and has_outer_join(cases[i])]
        if rest:
            none = dict(CONFIGS[config], **{"optimizer.rulepack": "none"})
            for i, ok in zip(rest, check_all(ctx.binary, none, ctx.setup, ctx.duck, [cases[i] for i in rest])):
                if ok:
                    labels[i] = "known: outer join made inner"
        # both known bugs in one query: passes without NaN and with every rule off
        rest = [i for i, l in enumerate(labels) if l == "new" and has_outer_join(cases[i])]
        if rest:
            for i, ok in zip(rest, check_all(ctx.binary, none, plain_setup, plain_duck, [cases[i] for i in rest], nan_free)):
                if ok:
                    labels[i] = "known: NaN/-0 keys and outer join made inner"
    return labels


NAN_FREE = {"CAST('NaN' AS DOUBLE)": "1.5e0", "CAST('-0' AS DOUBLE)": "0.0e0", "1e300": "1e30",
            "CAST('NaN' AS DOUBLE PRECISION)": "CAST('1.5e0' AS DOUBLE PRECISION)",
            "CAST('-0' AS DOUBLE PRECISION)": "CAST('0.0e0' AS DOUBLE PRECISION)"}


def nan_free(sql):
    for a, b in NAN_FREE.items():
        sql = sql.replace(a, b)
    return sql


def check_all(binary, settings, setup, duck, roots, text=lambda s: s):
    """True for each root that passes (agrees with DuckDB, or its TLP holds)."""
    if isinstance(settings, str):
        settings = CONFIGS[settings]
    qs, spans = [], []
    for r in roots:
        if isinstance(r, TLP):
            spans.append((len(qs), 4)); qs += [text(q) for q in r.queries()]
        else:
            spans.append((len(qs), 1)); qs.append(text(r.render("ps")))
    res = planscope(binary, settings, setup, qs, timeout=120)
    duck_qs = [text(r.render(ORACLE.dialect)) for r in roots if not isinstance(r, TLP)]
    dres = iter(ORACLE.run(duck, duck_qs))
    out = []
    for r, (a, n) in zip(roots, spans):
        if isinstance(r, TLP):
            out.append(tlp_verdict(res[a:a + n], r.q.distinct) != "mismatch")
        else:
            out.append(verdict(res[a], next(dres), r.ordered(), approx(r)) == "ok")
    return out


def show(result, limit=12):
    if result[0] != "rows":
        return f"{result[0]}: {result[1]}"
    rows = parse_rows(result[1])
    text = "; ".join("(" + ", ".join("NULL" if v is None else str(v) for v in r) + ")" for r in rows[:limit])
    return f"{len(rows)} rows: {text}" + (" …" if len(rows) > limit else "")


def difference(a, b, limit=8):
    """Rows (as multisets) only in a and only in b, keyed as sort_key sees them."""
    from collections import Counter
    key = lambda r: repr(sort_key([norm(v) for v in r]))
    ka, kb = Counter(key(r) for r in a), Counter(key(r) for r in b)
    extra_a, extra_b = ka - kb, kb - ka
    only_a, only_b = [], []
    for rows, extra, out in ((a, extra_a, only_a), (b, extra_b, only_b)):
        for r in rows:
            k = key(r)
            if extra[k] > 0:
                extra[k] -= 1
                out.append(r)
    return show(("rows", only_a), limit), show(("rows", only_b), limit)


def report(case, out_dir, n):
    """Prints the reduced case and writes its setup and query to a file."""
    ctx = case.ctx
    root = case.root
    print(f"--- mismatch {n} ({case.label}): seed {ctx.seed}, table setup {ctx.index}, config {case.config} "
          f"({', '.join(f'{k}={v}' for k, v in CONFIGS[case.config].items())}), {case.kind}")
    if isinstance(root, TLP):
        qs = root.queries()
        res = planscope(ctx.binary, CONFIGS[case.config], ctx.setup, qs)
        print("TLP: the first query's rows must be the other three's together")
        for q, r in zip(qs, res):
            print(f"  {q};\n    -> {show(r)}")
        sql = ";\n".join(qs)
    else:
        sql = root.render("ps")
        p = planscope(ctx.binary, CONFIGS[case.config], ctx.setup, [sql])[0]
        other = root.render(ORACLE.dialect)
        d = ORACLE.run(ctx.duck, [other])[0]
        print(f"  planscope: {sql};")
        if other != sql:
            print(f"  {ORACLE.name + ':':10} {other};")
        print(f"  planscope -> {show(p)}")
        print(f"  {ORACLE.name:9} -> {show(d)}")
        if p[0] == "rows" and d[0] == "rows":
            a, b = difference(parse_rows(p[1]), d[1])
            print(f"  only in planscope: {a}\n  only in {ORACLE.name + ':':9} {b}")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"mismatch-{ctx.seed}-{n}.sql")
    with open(path, "w") as f:
        f.write(f"-- seed {ctx.seed}, table setup {ctx.index}, config {case.config}\n")
        f.write("".join(f"SET {k} = '{v}';\n" for k, v in CONFIGS[case.config].items()))
        f.write("\n".join(ctx.setup) + "\n" + sql + ";\n")
    print(f"  setup and query: {os.path.relpath(path, ROOT)}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("--oracle", choices=["duckdb", "postgres"], default="duckdb",
                    help="postgres: the server .ci/postgres starts (PGHOST names its socket directory)")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "planscope"))
    ap.add_argument("--per-setup", type=int, default=250, help="queries per table setup")
    ap.add_argument("--configs", default="w1,w2,w4,none-w1,none-w4")
    ap.add_argument("--scale", type=float, default=1.0, help="table size factor (t0 has 3-5 batches of 200-1200 rows at 1)")
    ap.add_argument("--tlp", type=float, default=0.3, help="share of queries also checked by TLP")
    ap.add_argument("--nan", choices=["on", "off", "mixed"], default="on",
                    help="off: no NaN, -0 or infinities in tables and literals; mixed: every fourth table setup has them")
    ap.add_argument("--reduce-max", type=int, default=8, help="mismatches to shrink and print in full")
    ap.add_argument("--reduce-seconds", type=float, default=90)
    ap.add_argument("--reduce-known", type=int, default=2, help="of each known kind, how many to shrink and print")
    ap.add_argument("--tolerate-known", action="store_true",
                    help="exit 0 when every mismatch is a known bug or one recorded in Tests/SLT/differential/found.slt.pending, "
                         "or (against PostgreSQL) a known issue-23 item of docs/postgres-differences.md (still counted)")
    ap.add_argument("--time-limit", type=float, default=0, help="stop starting table setups after S seconds")
    ap.add_argument("--only-setups", default="", help="run only these table setups (0-based, comma-separated) of SEED")
    ap.add_argument("--out", default=os.path.join(ROOT, ".build-differential"))
    args = ap.parse_args()
    global ORACLE
    ORACLE = PostgresOracle() if args.oracle == "postgres" else DuckDBOracle()
    configs = args.configs.split(",")
    start = time.time()
    master = random.Random(args.seed)
    done = skipped = tlp_checked = setups = reported = both_refused = 0
    labels_count, skip_reasons = {}, {}
    shown_known = {}
    while done < args.n and not (args.time_limit and time.time() - start > args.time_limit):
        setup_seed = master.randrange(2**31)
        rng = random.Random(setup_seed)
        nan = args.nan == "on" or (args.nan == "mixed" and setups % 4 == 3)
        setup, counts = diffgen.make_tables(rng, scale=args.scale, nan=nan)
        gen = diffgen.Gen(rng, nan=nan)
        count = min(args.per_setup, args.n - done)
        if args.only_setups and str(setups) not in args.only_setups.split(","):
            setups += 1
            done += count
            continue
        roots = [gen.query() for _ in range(count)]
        tlps = []
        for q in roots:
            if isinstance(q, Select) and q.limit is None and rng.random() < args.tlp:
                p = gen.tlp_pred(q)
                if p is not None:
                    tlps.append(TLP(q, p))
        duck = ORACLE.setup(setup)
        ctx = Context(args.binary, setup, duck, args.seed, setups, setup_seed, args.scale)
        dres = ORACLE.run(duck, [q.render(ORACLE.dialect) for q in roots])
        ps_queries = [q.render("ps") for q in roots] + [s for t in tlps for s in t.queries()]
        cases, seen = [], {}
        for cfg in configs:
            pres = planscope(args.binary, CONFIGS[cfg], setup, ps_queries)
            found = []
            for i, q in enumerate(roots):
                # the same output as in an earlier configuration has the same verdict
                key = (i, pres[i][0], pres[i][1] if q.ordered() or pres[i][0] != "rows" else tuple(sorted(pres[i][1])))
                v = seen.get(key) or verdict(pres[i], dres[i], q.ordered(), approx(q))
                seen[key] = v
                if v == "ok" and cfg == configs[0] and pres[i][0] == "error":
                    both_refused += 1
                if v == "skip" and cfg == configs[0]:
                    skipped += 1
                    why = (dres[i][1] if dres[i][0] == "error" else pres[i][1])[:60]
                    skip_reasons[why] = skip_reasons.get(why, 0) + 1
                if v not in ("ok", "skip"):
                    found.append(Case(ctx, cfg, q, pres[i][0], v))
            for j, t in enumerate(tlps):
                part = pres[len(roots) + 4 * j: len(roots) + 4 * j + 4]
                if cfg == configs[0]:
                    tlp_checked += 1
                if tlp_verdict(part, t.q.distinct) == "mismatch":
                    found.append(Case(ctx, cfg, t, "crash" if any(r[0] == "crash" for r in part) else "rows"))
            if found:
                unlabelled = [c for c in found if c.label is None]
                for c, label in zip(unlabelled, classify(ctx, cfg, [c.root for c in unlabelled]) if unlabelled else []):
                    c.label = label
                for c in found:
                    labels_count[c.label] = labels_count.get(c.label, 0) + 1
                cases += found
        # Shrink and print new ones first, then one of each known kind.
        for c in sorted(cases, key=lambda c: c.label != "new"):
            if reported >= args.reduce_max or (c.label != "new" and shown_known.get(c.label, 0) >= args.reduce_known):
                continue
            shown_known[c.label] = shown_known.get(c.label, 0) + 1
            c.reduce(args.reduce_seconds)
            if c.label == "new":   # the shrunk query may show only one of several bugs
                c.label = "new; shrunk: " + classify(ctx, c.config, [c.root])[0]
            reported += 1
            report(c, args.out, reported)
        done += count
        setups += 1
        ctx.close()
        total = sum(labels_count.values())
        print(f"setup {setups}: {done} queries, {total} mismatches {labels_count}, {time.time() - start:.0f} s",
              file=sys.stderr, flush=True)
    elapsed = time.time() - start
    total = sum(labels_count.values())
    print(f"({setups} table setups of {args.per_setup} queries, configs {','.join(configs)}; {tlp_checked} TLP checks "
          f"per config; {both_refused} refused by both; {skipped} skipped: {'documented planscope error' if ORACLE.name == 'postgres' else 'DuckDB error or documented PostgreSQL error'}; mismatches by kind: "
          f"{labels_count or 'none'})")
    if skip_reasons and os.environ.get("DIFFERENTIAL_SKIPS"):
        for why, n in sorted(skip_reasons.items(), key=lambda x: -x[1])[:15]:
            print(f"  skipped {n}: {why}")
    print(f"differential: {done} queries, {total} mismatches, seed {args.seed}, oracle {ORACLE.name}, {elapsed:.0f} s")
    new = labels_count.get("new", 0) + labels_count.get("timeout", 0)
    sys.exit(1 if (new if args.tolerate_known else total) else 0)


if __name__ == "__main__":
    main()
