import PlanCore

/// The compiled parts of one aggregation: group keys, aggregate arguments and FILTER
/// clauses as physical expressions, and a factory per aggregate.
struct AggregationPlan: @unchecked Sendable {
    let groupExprs: [PhysicalExpr]
    let argExprs: [PhysicalExpr?]
    let filterExprs: [PhysicalExpr?]
    let factories: [AccumulatorFactory]
    let calls: [AggregateCall]
    let operatorName: String
    /// The planner's estimate of the number of groups (sizes the hash tables).
    let expectedGroups: Int

    /// Whether tables of this plan can be merged (every aggregate keeps a typed state);
    /// asked of the accumulators alone, without allocating a table's hash map.
    var isMergeable: Bool { factories.allSatisfy { GroupedAccumulator($0).isMergeable } }

    /// A fresh table for one worker (or for the whole input).
    func makeTable() -> AggregationTable { AggregationTable(self) }
}

/// Groups and accumulator states for the rows one worker has seen, with the position of
/// each group's first row so that merged groups come out in first-seen order whatever
/// the number of workers.
final class AggregationTable {
    let plan: AggregationPlan
    private(set) var encoder: GroupKeyEncoder
    let accumulators: [GroupedAccumulator]
    /// Per group: the morsel and row where it first appeared (morsel << 32 | row).
    private(set) var firstSeen: [Int] = []

    init(_ plan: AggregationPlan) {
        self.plan = plan
        encoder = GroupKeyEncoder(types: plan.groupExprs.map(\.dataType), expectedGroups: plan.expectedGroups)
        accumulators = plan.factories.map(GroupedAccumulator.init)
        if plan.groupExprs.isEmpty {
            encoder.addEmptyGroup()
            firstSeen = [0]
            accumulators.forEach { $0.grow(to: 1) }
        }
    }

    /// Adds a batch of input rows, `morsel` numbering it among the input's batches;
    /// `evaluate` evaluates an expression on it (reporting failures by row).
    func add(_ b: RecordBatch, morsel: Int, evaluate: (PhysicalExpr) throws -> ColumnVector) throws {
        let groupColumns = try plan.groupExprs.map(evaluate)
        let args = try plan.argExprs.map { e in try e.map(evaluate) }
        let filters = try plan.filterExprs.map { e in try e.map(evaluate) }
        let rowGroup: [Int]
        if plan.groupExprs.isEmpty {
            rowGroup = [Int](repeating: 0, count: b.rowCount)
        } else {
            rowGroup = encoder.assign(groupColumns, rowCount: b.rowCount)
            let base = morsel << 32
            for r in 0..<rowGroup.count where rowGroup[r] == firstSeen.count { firstSeen.append(base | r) }
        }
        for (k, acc) in accumulators.enumerated() {
            acc.grow(to: encoder.groupCount)
            do { try acc.update(arg: args[k], keep: filters[k], groups: rowGroup) } catch let e as PlanError {
                throw PlanError(.execution, "\(plan.operatorName): \(e.message) (in \(Expr.aggregate(plan.calls[k])))")
            }
        }
    }

    /// One table holding the groups of all `tables` (whose accumulators must be
    /// mergeable), its groups in the order they first appeared in the input.
    static func merged(_ tables: [AggregationTable], schema: Schema) throws -> (AggregationTable, order: [Int]) {
        guard let first = tables.first else { throw PlanError(.execution, "no aggregation tables to merge") }
        if tables.count == 1 { return (first, Array(0..<first.encoder.groupCount)) }
        // The first table takes in the others' groups (its own are already there, as
        // with one worker), with room made once for all of them (at most their sum).
        let result = first
        let width = first.plan.groupExprs.count
        result.encoder.reserve(additional: tables.dropFirst().reduce(0) { $0 + $1.encoder.groupCount })
        for t in tables.dropFirst() {
            let mapping: [Int]
            if width == 0 {
                mapping = [0]
            } else {
                // The table's group keys, assigned to the result's groups.
                mapping = result.encoder.assign(t.encoder.keyColumns, rowCount: t.encoder.groupCount)
                while result.firstSeen.count < result.encoder.groupCount { result.firstSeen.append(Int.max) }
            }
            for (g, target) in mapping.enumerated() { result.firstSeen[target] = min(result.firstSeen[target], t.firstSeen[g]) }
            for (k, acc) in result.accumulators.enumerated() {
                acc.grow(to: result.encoder.groupCount)
                do { try acc.merge(t.accumulators[k], mapping: mapping) } catch let e as PlanError {
                    throw PlanError(.execution, "\(first.plan.operatorName): \(e.message) (in \(Expr.aggregate(first.plan.calls[k])))")
                }
            }
        }
        let order = (0..<result.encoder.groupCount).sorted { result.firstSeen[$0] < result.firstSeen[$1] }
        return (result, order)
    }
}
