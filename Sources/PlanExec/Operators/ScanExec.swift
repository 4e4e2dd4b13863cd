import PlanCore
import PlanSupport

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
         limit: Int?, schema: Schema, pruning: ScanPruning = ScanPruning()) {
        statistics = ScanStatistics(pruning: pruning)
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
        let runtime = runtimeFilterDescriptions
        if !runtime.isEmpty { s += " runtime_filters=[\(runtime.joined(separator: ", "))]" }
        if let limit { s += " limit=\(limit)" }
        return s
    }

    /// A join's build keys this scan filters its rows with while the query runs (see
    /// ``RuntimeFilter``), with the column of this scan's schema they apply to.
    struct RuntimeTarget: Sendable {
        let filter: RuntimeFilter
        let column: Int
    }
    private let runtimeTargets = Locked<[RuntimeTarget]>([])
    var runtimeFilters: [RuntimeTarget] { runtimeTargets.withLock { $0 } }
    /// Each runtime filter on this scan, as EXPLAIN shows it.
    public var runtimeFilterDescriptions: [String] { runtimeFilters.map(\.filter.description) }

    /// Makes the scan filter column `column` with `filter` (the physical planner, when it
    /// plans the join above).
    func add(_ filter: RuntimeFilter, column: Int) {
        runtimeTargets.withLock { $0.append(RuntimeTarget(filter: filter, column: column)) }
    }

    /// What the provider read, returned and pruned (filled while the scan runs).
    public let statistics: ScanStatistics

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let stream = try provider.scan(projection: projection, filters: filters.map(\.expr), limit: limit, statistics: statistics)
        let accept = try acceptor(context)
        // Provider batches larger than the batch size are handed on in slices.
        let slices = SlicedStream(stream, rows: context.batchSize)
        return ClosureStream {
            guard let b = try slices.next() else { return nil }
            return try accept(b)
        }
    }

    /// Without a limit, a provider that can cut its scan into morsels is read by every
    /// worker at once.
    public func morsels(_ context: ExecutionContext) throws -> Morsels? {
        guard limit == nil, let splittable = provider as? any MorselScanning,
              let parts = try splittable.morselScan(projection: projection, filters: filters.map(\.expr),
                                                    rows: context.batchSize, statistics: statistics)
        else { return nil }
        let accept = try acceptor(context)
        return parts.then(metrics) { b, _ in try accept(b) }
    }

    /// What happens to each batch the provider returns: counted, checked against the
    /// Exact filters when `pushdown.verify` is on, and labelled with the scan's schema.
    private func acceptor(_ context: ExecutionContext) throws -> @Sendable (RecordBatch) throws -> RecordBatch {
        let schema = self.schema, statistics = self.statistics, table = self.table
        // Verification: every Exact filter must hold on every row the provider returns.
        let exact = filters.filter { $0.pushdown == .exact }.map(\.expr)
        var verifiers: [(String, PushedFilterEvaluator)] = []
        if context.verifyPushdown, !exact.isEmpty {
            let providerSchema = Schema(schema.fields.map { $0.withQualifier(nil) })
            for f in exact { verifiers.append((f.description, try PushedFilterEvaluator([f], schema: providerSchema))) }
        }
        let checks = verifiers
        let runtime = runtimeFilters
        return { provided in
            var b = provided
            statistics.returned(rows: b.rowCount)
            for (text, v) in checks {
                let kept = try v.apply(b).rowCount
                if kept < b.rowCount {
                    context.record(.init(table: table, predicate: text, failingRows: b.rowCount - kept))
                }
            }
            // Rows no build key can match are dropped here, before the operators above.
            for target in runtime where b.rowCount > 0 {
                guard case .kept(let keep) = target.filter.check(b.columns[target.column]) else { continue }
                statistics.units(total: b.rowCount, pruned: b.rowCount - keep.count, kind: "rows", verb: "kept")
                statistics.pruned(b.rowCount - keep.count, kind: "rows", by: "runtime filter")
                if keep.count < b.rowCount { b = b.gather(keep) }
            }
            return b.withSchema(schema)
        }
    }
}
