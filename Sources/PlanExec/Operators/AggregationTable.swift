import PlanCore

/// The compiled parts of one aggregation: group keys, aggregate arguments and FILTER
/// clauses as physical expressions, and a factory per aggregate.
struct AggregationPlan: Sendable {
    let groupExprs: [PhysicalExpr]
    let argExprs: [PhysicalExpr?]
    let filterExprs: [PhysicalExpr?]
    /// Each aggregate's ORDER BY keys (empty where its result does not depend on order,
    /// and for ordered-set aggregates, whose key is their argument).
    let orderExprs: [[PhysicalExpr]]
    let factories: [AccumulatorFactory]
    let calls: [AggregateCall]
    let operatorName: String
    /// The planner's estimate of the number of groups (sizes the hash tables).
    let expectedGroups: Int

    /// Whether tables of this plan can be merged (every aggregate keeps a typed state);
    /// asked of the accumulators alone, without allocating a table's hash map.
    var isMergeable: Bool { factories.allSatisfy { GroupedAccumulator($0).isMergeable } }

    /// A fresh table for one worker (or for the whole input), holding its memory from
    /// `budget` (nil: unaccounted).
    func makeTable(_ budget: AggregationBudget? = nil) -> AggregationTable { AggregationTable(self, budget: budget) }

    /// Bytes a table holds per group beyond its key values: a hash slot (tables stay at
    /// most half full), the first-seen position, and each aggregate's state.
    var bytesPerGroup: Int {
        32 + 8 + groupExprs.count * 8 + factories.reduce(0) { $0 + (GroupedAccumulator($1).isMergeable ? 17 : 64) }
    }
}

/// Groups and accumulator states for the rows one worker has seen, with the position of
/// each group's first row so that merged groups come out in first-seen order whatever
/// the number of workers.
///
/// With a budget, the table reserves the memory its groups take; once the pool refuses,
/// it keeps aggregating the groups it has and writes the rows of any other group to an
/// ``AggregationSpill`` (as PostgreSQL's hash aggregation does), so no accumulator state
/// ever has to be written out and every aggregate, ordered ones included, can spill.
final class AggregationTable {
    let plan: AggregationPlan
    private(set) var encoder: GroupKeyEncoder
    let accumulators: [GroupedAccumulator]
    /// Per group: the morsel and row where it first appeared (morsel << 32 | row).
    private(set) var firstSeen: [Int] = []
    let budget: AggregationBudget?
    /// Where rows of groups not in the table go, once memory ran out.
    private(set) var spill: AggregationSpill?
    /// Whether any accumulator's state grows with its rows (a DISTINCT aggregate's).
    private let growsWithRows: Bool

    init(_ plan: AggregationPlan, budget: AggregationBudget? = nil) {
        self.plan = plan
        self.budget = budget
        encoder = GroupKeyEncoder(types: plan.groupExprs.map(\.dataType), expectedGroups: plan.expectedGroups)
        accumulators = plan.factories.map(GroupedAccumulator.init)
        growsWithRows = plan.factories.contains(where: \.growsWithRows)
        if plan.groupExprs.isEmpty {
            encoder.addEmptyGroup()
            firstSeen = [0]
            accumulators.forEach { $0.grow(to: 1) }
        }
    }

    /// Adds a batch of input rows, `morsel` numbering it among the input's batches;
    /// `evaluate` evaluates an expression on it (reporting failures by row).
    func add(_ b: RecordBatch, morsel: Int, evaluate: (PhysicalExpr) throws -> ColumnVector) throws {
        let input = AggregationInput(groups: try plan.groupExprs.map(evaluate), args: try plan.argExprs.map { e in try e.map(evaluate) },
                                     filters: try plan.filterExprs.map { e in try e.map(evaluate) },
                                     orders: try plan.orderExprs.map { keys in try keys.map(evaluate) }, rowCount: b.rowCount,
                                     positions: .morsel(morsel))
        try add(input)
    }

    /// Adds evaluated rows: those of groups the table has (or may still make) go to the
    /// accumulators, the others, once it spills, to the spill's partitions.
    func add(_ input: AggregationInput) throws {
        var input = input
        let before = encoder.groupCount
        var rowGroup: [Int]
        if plan.groupExprs.isEmpty {
            rowGroup = [Int](repeating: 0, count: input.rowCount)
        } else {
            rowGroup = encoder.assign(input.groups, rowCount: input.rowCount, allowNew: spill == nil)
            let explicit: Bool
            if case .explicit = input.positions { explicit = true } else { explicit = false }
            for r in 0..<rowGroup.count {
                let g = rowGroup[r]
                if g == firstSeen.count { firstSeen.append(input.position(r)) } else if explicit, g >= 0 {
                    firstSeen[g] = min(firstSeen[g], input.position(r))
                }
            }
            if let spill, rowGroup.contains(where: { $0 < 0 }) {
                try spill.write(input, rows: rowGroup.indices.filter { rowGroup[$0] < 0 })
                let kept = rowGroup.indices.filter { rowGroup[$0] >= 0 }
                input = input.gathered(kept)
                rowGroup = kept.map { rowGroup[$0] }
            }
        }
        for (k, acc) in accumulators.enumerated() {
            acc.grow(to: encoder.groupCount)
            do {
                try acc.update(arg: input.args[k], keep: input.filters[k], groups: rowGroup, orderKeys: input.orders[k], position: input.position)
            } catch let e as PlanError {
                throw PlanError(.execution, "\(plan.operatorName): \(e.message) (in \(Expr.aggregate(plan.calls[k])))")
            }
        }
        try account(input, newGroups: encoder.groupCount - before)
    }

    /// Reserves what the batch added; when the pool refuses, the table starts spilling
    /// (or, when it cannot, the query stops with the limit's error).
    private func account(_ input: AggregationInput, newGroups: Int) throws {
        guard let budget else { return }
        var bytes = newGroups * plan.bytesPerGroup
        if newGroups > 0, input.rowCount > 0 {
            for column in input.groups where column.dataType.isString {
                bytes += newGroups * column.byteSize / input.rowCount
            }
        }
        if growsWithRows { bytes += accumulators.reduce(0) { $0 + $1.takeGrowth() } }
        guard !budget.reservation.tryGrow(bytes) else { return }
        if spill != nil, newGroups == 0 {
            // Spilling already: only the DISTINCT sets of groups held grew, and those
            // cannot be written out; they stay counted (weak spot: the pool can pass
            // its limit by them).
            budget.reservation.forceGrow(bytes)
            return
        }
        guard spill == nil, !plan.groupExprs.isEmpty, budget.level < AggregationSpill.maxLevel else {
            throw budget.reservation.exceeded(bytes)
        }
        budget.reservation.forceGrow(bytes)
        spill = AggregationSpill(plan: plan, level: budget.level, directory: budget.directory)
    }

    /// Makes the table spill from now on: a merged table the rows other workers spilled
    /// may belong to (those of its groups are aggregated, the rest written to `level`).
    func startSpilling(level: Int, directory: String) {
        spill = AggregationSpill(plan: plan, level: level, directory: directory)
    }

    /// The groups in first-seen order.
    var firstSeenOrder: [Int] { (0..<encoder.groupCount).sorted { firstSeen[$0] < firstSeen[$1] } }

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
