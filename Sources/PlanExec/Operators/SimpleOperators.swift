import PlanCore

/// Reads a table through its provider.
public final class ScanExec: PhysicalOperator {
    public let name = "ScanExec"
    public let schema: Schema
    public let metrics = OperatorMetrics()
    public var children: [any PhysicalOperator] { [] }
    let provider: any TableProvider
    let table: String
    let projection: [Int]?
    /// The filters handed to the provider (unqualified), with the class it promised.
    public let filters: [ScanFilter]
    /// Every filter the planner offered, including unsupported ones (for reports).
    public let offered: [ScanFilter]
    let limit: Int?
    public var tableName: String { table }
    public var providerKind: String { provider.kind }

    init(table: String, provider: any TableProvider, projection: [Int]?, filters: [ScanFilter], offered: [ScanFilter],
         limit: Int?, schema: Schema) {
        self.offered = offered
        self.table = table
        self.provider = provider
        self.projection = projection
        self.filters = filters
        self.limit = limit
        self.schema = schema
    }

    public var detail: String {
        var s = "table=\(table) kind=\(provider.kind)"
        if projection != nil { s += " projection=[\(schema.names.joined(separator: ", "))]" }
        if !filters.isEmpty { s += " filters=[\(filters.map { "\($0.expr) (\($0.pushdown.rawValue))" }.joined(separator: ", "))]" }
        if let limit { s += " limit=\(limit)" }
        return s
    }

    /// What the provider read, returned and pruned (filled while the scan runs).
    public let statistics = ScanStatistics()

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let pushed = filters.map(\.expr)
        let stream = try provider.scan(projection: projection, filters: pushed, limit: limit, statistics: statistics)
        let schema = self.schema, statistics = self.statistics, table = self.table
        // Verification: every Exact filter must hold on every row the provider returns.
        let exact = filters.filter { $0.pushdown == .exact }.map(\.expr)
        var verifiers: [(String, PushedFilterEvaluator)] = []
        if context.verifyPushdown.load(ordering: .relaxed), !exact.isEmpty {
            let providerSchema = Schema(schema.fields.map { $0.withQualifier(nil) })
            for f in exact { verifiers.append((f.description, try PushedFilterEvaluator([f], schema: providerSchema))) }
        }
        return ClosureStream {
            guard let b = try stream.next() else { return nil }
            statistics.returned(rows: b.rowCount)
            for (text, v) in verifiers {
                let kept = try v.apply(b).rowCount
                if kept < b.rowCount {
                    context.record(.init(table: table, predicate: text, failingRows: b.rowCount - kept))
                }
            }
            return b.withSchema(schema)
        }
    }
}

/// Keeps rows whose predicate is true.
public final class FilterExec: PhysicalOperator {
    public let name = "FilterExec"
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    let predicate: Expr
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { predicate.description }

    init(_ predicate: Expr, input: any PhysicalOperator) {
        self.predicate = predicate
        self.input = input
    }

    /// The predicate's conjuncts (the residual filter, when this sits on a scan).
    public var predicateConjuncts: [Expr] { predicate.conjuncts }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let compiled = try PhysicalExpr.compile(predicate, schema: input.schema, context: context)
        let stream = try input.run(context)
        var seen = 0
        return ClosureStream { [self] in
            while let b = try stream.next() {
                let mask = try evaluate(compiled, b, rowOffset: seen)
                seen += b.rowCount
                let keep = FilterExec.selection(mask)
                if keep.count == b.rowCount { return b }
                if keep.isEmpty { continue }
                return b.gather(keep)
            }
            return nil
        }
    }

    /// Row indices where a boolean column is true.
    public static func selection(_ mask: ColumnVector) -> [Int] {
        var keep: [Int] = []
        if case .boolean(let values) = mask.values {
            keep.reserveCapacity(values.count)
            if let validity = mask.validity {
                for i in 0..<values.count where values[i] && validity[i] { keep.append(i) }
            } else {
                for i in 0..<values.count where values[i] { keep.append(i) }
            }
        }
        return keep
    }
}

/// Computes one column per expression.
public final class ProjectionExec: PhysicalOperator {
    public let name = "ProjectionExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let input: any PhysicalOperator
    let exprs: [Expr]
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { "exprs=[\(exprs.map(\.description).joined(separator: ", "))]" }

    init(_ exprs: [Expr], input: any PhysicalOperator, schema: Schema) {
        self.exprs = exprs
        self.input = input
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let compiled = try exprs.map { (e: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(e, schema: input.schema, context: context)
        }
        let stream = try input.run(context)
        let schema = self.schema
        var seen = 0
        return ClosureStream { [self] in
            guard let b = try stream.next() else { return nil }
            defer { seen += b.rowCount }
            return RecordBatch(schema: schema, columns: try compiled.map { try evaluate($0, b, rowOffset: seen) }, rowCount: b.rowCount)
        }
    }
}

/// Skips then limits rows.
public final class LimitExec: PhysicalOperator {
    public let name = "LimitExec"
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    let skip: Int
    let fetch: Int?
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { "skip=\(skip) fetch=\(fetch.map(String.init) ?? "None")" }

    init(skip: Int, fetch: Int?, input: any PhysicalOperator) {
        self.skip = skip
        self.fetch = fetch
        self.input = input
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        var toSkip = skip
        var remaining = fetch ?? Int.max
        if remaining == 0 { return MemoryStream([]) }
        let stream = try input.run(context)
        return ClosureStream {
            while remaining > 0, var b = try stream.next() {
                if toSkip > 0 {
                    if b.rowCount <= toSkip { toSkip -= b.rowCount; continue }
                    b = b.slice(toSkip..<b.rowCount)
                    toSkip = 0
                }
                if b.rowCount > remaining { b = b.slice(0..<remaining) }
                remaining -= b.rowCount
                return b
            }
            return nil
        }
    }
}

/// Literal rows, or one empty row (`SELECT 1`), or nothing.
public final class ValuesExec: PhysicalOperator {
    public let name = "ValuesExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let rows: [[Expr]]
    let emptyRows: Int
    public var children: [any PhysicalOperator] { [] }
    public var detail: String { rows.isEmpty ? "rows=\(emptyRows)" : "rows=\(rows.count)" }

    init(rows: [[Expr]], schema: Schema) {
        self.rows = rows
        self.schema = schema
        emptyRows = 0
    }

    init(emptyRows: Int, schema: Schema) {
        rows = []
        self.schema = schema
        self.emptyRows = emptyRows
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        if rows.isEmpty {
            if emptyRows == 0 { return MemoryStream([]) }
            return MemoryStream([RecordBatch(schema: schema, columns: schema.fields.map {
                ColumnVector.constant(.null, type: $0.dataType, count: emptyRows)
            }, rowCount: emptyRows)])
        }
        let one = RecordBatch(schema: .empty, columns: [], rowCount: 1)
        var values: [[ScalarValue]] = []
        for row in rows {
            var out: [ScalarValue] = []
            for (i, e) in row.enumerated() {
                let v = try PhysicalExpr.compile(e, schema: .empty, context: context).evaluate(one).value(0)
                out.append(try ScalarOps.cast(v, to: schema.fields[i].dataType))
            }
            values.append(out)
        }
        return MemoryStream([RecordBatch.from(rows: values, schema: schema)])
    }
}

/// Renames the input's columns (SubqueryAlias), or casts them to another schema's types.
public final class RenameExec: PhysicalOperator {
    public let name = "RenameExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let input: any PhysicalOperator
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { "columns=[\(schema.fields.map(\.qualifiedName).joined(separator: ", "))]" }

    init(input: any PhysicalOperator, schema: Schema) {
        self.input = input
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let stream = try input.run(context)
        let schema = self.schema
        return ClosureStream {
            guard let b = try stream.next() else { return nil }
            return try RenameExec.conform(b, to: schema)
        }
    }

    /// `batch` relabelled with `schema`, casting columns whose type differs.
    static func conform(_ b: RecordBatch, to schema: Schema) throws -> RecordBatch {
        var columns = b.columns
        for (i, f) in schema.fields.enumerated() where columns[i].dataType != f.dataType {
            let c = columns[i]
            if let fast = Kernels.cast(c, to: f.dataType) { columns[i] = fast; continue }
            var builder = ColumnBuilder(f.dataType, capacity: c.count)
            for r in 0..<c.count { builder.append(try ScalarOps.cast(c.value(r), to: f.dataType)) }
            columns[i] = builder.finish()
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: b.rowCount)
    }
}
