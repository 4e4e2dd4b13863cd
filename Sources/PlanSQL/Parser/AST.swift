import PlanCore

/// An identifier as written. Column names keep their case (`value`) and are referred to
/// through ``reference`` (an unquoted name matches any case, a quoted one exactly);
/// catalog names (tables, views, functions, settings) fold unquoted ones to lower case
/// (``normalized``).
public struct Ident: Hashable, Sendable {
    public var value: String
    public var quoted: Bool
    public var span: SourceSpan

    /// The catalog name this identifier denotes.
    public var normalized: String { quoted ? value : value.lowercased() }
    /// The identifier as a reference to a column (or a relation's qualifier).
    public var reference: NameReference { NameReference(value, exact: quoted) }
}

/// A dotted name such as `schema.table` or `t.col`.
public struct ObjectName: Hashable, Sendable {
    public var parts: [Ident]
    public var span: SourceSpan { parts.dropFirst().reduce(parts.first?.span ?? .none) { $0.merged(with: $1.span) } }
    public var normalized: String { parts.map(\.normalized).joined(separator: ".") }
    public var last: Ident? { parts.last }
}

/// A parsed SQL type name (`DECIMAL(15,2)`), resolved by the binder.
public struct TypeName: Hashable, Sendable {
    public var name: String
    public var arguments: [Int]
    public var span: SourceSpan
}

/// A SQL expression before binding.
public struct SQLExpr: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case identifier([Ident])
        case number(String)
        case string(String)
        case blob([UInt8])
        case boolean(Bool)
        case null
        /// `DATE '…'`, `TIMESTAMP '…'` and other `type 'text'` literals.
        case typedString(TypeName, String)
        /// `INTERVAL '3' MONTH` / `INTERVAL '3 months'`.
        case interval(String, Interval.Unit?)
        case unary(String, SQLExpr)
        case binary(SQLExpr, BinaryOperator, SQLExpr)
        /// `a AND b AND …` as written (no parentheses between them): one flat node.
        case logical(LogicalOperator, [SQLExpr])
        /// `a -> b`, `a ->> b`: an operator with no built-in meaning, planned by an
        /// expression planner.
        case customOperator(SQLExpr, String, SQLExpr)
        case isTest(SQLExpr, IsTest)
        /// `x [NOT] BETWEEN [SYMMETRIC | ASYMMETRIC] low AND high`.
        case between(SQLExpr, SQLExpr, SQLExpr, negated: Bool, symmetric: Bool)
        case like(SQLExpr, SQLExpr, negated: Bool, caseInsensitive: Bool, escape: SQLExpr?)
        case inList(SQLExpr, [SQLExpr], negated: Bool)
        case inSubquery(SQLExpr, Query, negated: Bool)
        case exists(Query, negated: Bool)
        case subquery(Query)
        case caseWhen(operand: SQLExpr?, branches: [(SQLExpr, SQLExpr)], elseExpr: SQLExpr?)
        case cast(SQLExpr, TypeName)
        case function(FunctionCall)
        case extract(field: String, SQLExpr)
        case nested(SQLExpr)
        /// `*` or `t.*` where only a function argument allows it (`count(*)`).
        case wildcard

        public static func == (a: Kind, b: Kind) -> Bool { String(describing: a) == String(describing: b) }
        public func hash(into hasher: inout Hasher) { hasher.combine(String(describing: self)) }
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// `name([DISTINCT] args [ORDER BY …]) [WITHIN GROUP (ORDER BY …)] [IGNORE NULLS]
/// [FILTER (WHERE …)] [OVER window]`.
public struct FunctionCall: Hashable, Sendable {
    public var name: ObjectName
    public var args: [SQLExpr]
    public var distinct: Bool
    public var filter: SQLExpr?
    /// `ORDER BY` inside the parentheses (an aggregate's input order).
    public var orderBy: [OrderItem] = []
    /// `WITHIN GROUP (ORDER BY …)` (an ordered-set aggregate's value and order).
    public var withinGroup: [OrderItem]? = nil
    /// `IGNORE NULLS` (DuckDB's extension for the value window functions).
    public var ignoreNulls = false
    /// `OVER (…)` or `OVER name`: a window call.
    public var over: WindowSpec? = nil
}

/// A window as written: `[base] [PARTITION BY …] [ORDER BY …] [frame]`, or `OVER name`
/// (only `base`).
public struct WindowSpec: Hashable, Sendable {
    /// A named window (WINDOW clause) this one starts from.
    public var base: Ident?
    public var partitionBy: [SQLExpr]
    public var orderBy: [OrderItem]
    public var frame: FrameClause?
    public var span: SourceSpan

    /// The expressions written in the window: PARTITION BY, ORDER BY, frame offsets.
    public var expressions: [SQLExpr] {
        var out = partitionBy + orderBy.map(\.expr)
        for bound in [frame?.start, frame?.end] {
            switch bound {
            case .preceding(let e), .following(let e): out.append(e)
            default: break
            }
        }
        return out
    }
}

/// `ROWS | RANGE | GROUPS [BETWEEN] start [AND end] [EXCLUDE …]` as written.
public struct FrameClause: Hashable, Sendable {
    public enum Bound: Hashable, Sendable {
        case unboundedPreceding, preceding(SQLExpr), currentRow, following(SQLExpr), unboundedFollowing
    }
    public var units: WindowFrame.Units
    public var start: Bound
    public var end: Bound
    public var exclusion: WindowFrame.Exclusion
    public var span: SourceSpan
}

/// `WINDOW name AS (spec)` in a SELECT.
public struct NamedWindow: Hashable, Sendable {
    public var name: Ident
    public var spec: WindowSpec
}

/// An argument of a table function: positional or `name => value`.
public struct FunctionArgument: Hashable, Sendable {
    public var name: Ident?
    public var value: SQLExpr
}

/// One item of a SELECT list.
public enum SelectItem: Hashable, Sendable {
    case wildcard(qualifier: ObjectName?, span: SourceSpan)
    case expr(SQLExpr, alias: Ident?)
}

/// Join kinds as written.
public enum JoinOperator: Hashable, Sendable {
    case inner, left, right, full, cross
}

/// How a join's rows are matched.
public enum JoinConstraint: Hashable, Sendable {
    case on(SQLExpr)
    case using([Ident])
    case natural
    case none
}

/// A FROM item.
public indirect enum TableRef: Hashable, Sendable {
    case table(ObjectName, alias: TableAlias?)
    case derived(Query, alias: TableAlias?, span: SourceSpan)
    /// `name(args) [AS alias]`: a table function, planned through a relation planner.
    /// Arguments may be named (`match => 'overlaps'`).
    case function(ObjectName, args: [FunctionArgument], alias: TableAlias?)
    case join(TableRef, TableRef, JoinOperator, JoinConstraint, span: SourceSpan)
}

/// `AS alias (c1, c2)`.
public struct TableAlias: Hashable, Sendable {
    public var name: Ident
    public var columns: [Ident]
}

/// A SELECT block.
public struct Select: Hashable, Sendable {
    public var distinct: Bool
    public var items: [SelectItem]
    public var from: [TableRef]
    public var whereClause: SQLExpr?
    public var groupBy: [SQLExpr]
    public var having: SQLExpr?
    public var span: SourceSpan
    /// `WINDOW w AS (…), …`.
    public var windows: [NamedWindow] = []
    /// `QUALIFY condition`: a filter over the window calls' results.
    public var qualify: SQLExpr? = nil
    /// `DISTINCT ON (exprs)` (then `distinct` is false): the first row of each group.
    public var distinctOn: [SQLExpr]? = nil
    /// GROUP BY as written when it holds ROLLUP, CUBE, GROUPING SETS or `()` (nil for a
    /// plain list); ``groupBy`` then holds every expression in it, for walkers.
    public var grouping: [GroupingElement]? = nil
}

/// One element of a GROUP BY that has grouping sets.
public indirect enum GroupingElement: Hashable, Sendable {
    /// `a`: one key.
    case expr(SQLExpr)
    /// `(a, b)` or `()`: keys grouped together (one set, or one part of ROLLUP/CUBE).
    case list([SQLExpr], span: SourceSpan)
    case rollup([GroupingElement], span: SourceSpan)
    case cube([GroupingElement], span: SourceSpan)
    case groupingSets([GroupingElement], span: SourceSpan)

    /// Every expression in it, in order.
    public var expressions: [SQLExpr] {
        switch self {
        case .expr(let e): [e]
        case .list(let es, _): es
        case .rollup(let parts, _), .cube(let parts, _), .groupingSets(let parts, _): parts.flatMap(\.expressions)
        }
    }
}

/// The body of a query: a SELECT, a set operation, VALUES or a parenthesized query.
public indirect enum SetExpr: Hashable, Sendable {
    case select(Select)
    case setOperation(SetOperation.Kind, all: Bool, SetExpr, SetExpr, span: SourceSpan)
    case values([[SQLExpr]], span: SourceSpan)
    case query(Query)
}

/// One ORDER BY key.
public struct OrderItem: Hashable, Sendable {
    public var expr: SQLExpr
    public var ascending: Bool
    public var nullsFirst: Bool?
}

/// `name [(cols)] AS (query)` in a WITH clause.
public struct CommonTableExpr: Hashable, Sendable {
    public var alias: TableAlias
    public var query: Query
}

/// A full query: WITH, body, ORDER BY, LIMIT, OFFSET.
public struct Query: Hashable, Sendable {
    public var with: [CommonTableExpr]
    public var body: SetExpr
    public var orderBy: [OrderItem]
    public var limit: SQLExpr?
    public var offset: SQLExpr?
    public var span: SourceSpan
    /// `FETCH FIRST n ROWS WITH TIES`.
    public var withTies = false
    /// `WITH RECURSIVE`: every WITH query sees every name of the list, its own included.
    public var recursive = false
}

/// One column of CREATE TABLE.
public struct ColumnDef: Hashable, Sendable {
    public var name: Ident
    public var type: TypeName
    public var notNull: Bool
    /// `UNIQUE` or `PRIMARY KEY` on the column.
    public var unique = false
    public var primaryKey = false
}

/// A table constraint of CREATE TABLE: `PRIMARY KEY (a, b)` or `UNIQUE (a)`.
public struct KeyConstraint: Hashable, Sendable {
    public var columns: [Ident]
    public var primary: Bool
    public var span: SourceSpan
}

/// A parsed statement and the text it came from.
public indirect enum Statement: Hashable, Sendable {
    case query(Query)
    case createTable(name: ObjectName, columns: [ColumnDef], keys: [KeyConstraint], ifNotExists: Bool, asQuery: Query?)
    case createIndex(name: Ident, table: ObjectName, columns: [Ident], unique: Bool, ifNotExists: Bool)
    case dropIndex(name: Ident, ifExists: Bool)
    case createView(name: ObjectName, columns: [Ident], query: Query, orReplace: Bool, sql: String)
    case createExternalTable(name: ObjectName, columns: [ColumnDef], format: Ident, location: String,
                             options: [(String, String)], partitionedBy: [Ident], ifNotExists: Bool)
    case insert(table: ObjectName, columns: [Ident], source: Query, onConflict: OnConflict?)
    case delete(table: ObjectName, whereClause: SQLExpr?)
    case update(table: ObjectName, assignments: [(Ident, SQLExpr)], whereClause: SQLExpr?)
    case drop(isView: Bool, name: ObjectName, ifExists: Bool)
    /// `format`: `FORMAT …` as written (TEXT read as indent); nil: the session's.
    case explain(verbose: Bool, analyze: Bool, format: Explain.Format?, Statement)
    /// `SET name = value`, with where each was written (errors point at the one at fault).
    case set(name: String, value: String, nameSpan: SourceSpan, valueSpan: SourceSpan)
    /// `RESET name`, `RESET ALL` (name nil) or `SET name TO DEFAULT` (`command` SET: the
    /// tag PostgreSQL gives each), with where the name was written.
    case reset(name: String?, nameSpan: SourceSpan, command: String)
    /// `COPY …`: the table (or query) and direction, the file, options as written.
    case copy(table: ObjectName?, query: Query?, to: Bool, path: String, options: [(Ident, SQLExpr?)], span: SourceSpan)
    case show(name: String?)

    public static func == (a: Statement, b: Statement) -> Bool { String(describing: a) == String(describing: b) }
    public func hash(into hasher: inout Hasher) { hasher.combine(String(describing: self)) }
}

/// A statement with the slice of source it was parsed from.
public struct ParsedStatement: Sendable {
    public var statement: Statement
    public var sql: String
    public var span: SourceSpan
}

/// `ON CONFLICT [(columns)] DO NOTHING` after INSERT's rows.
public struct OnConflict: Hashable, Sendable {
    /// The key whose conflicts are skipped; empty: any UNIQUE or PRIMARY KEY.
    public var target: [Ident]
    public var span: SourceSpan
}
