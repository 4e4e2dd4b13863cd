import PlanCore

/// Computes window calls: collects its input, and for each distinct sort (partition keys,
/// then ORDER BY) sorts the rows once, cuts them into partitions and computes every call
/// sharing that sort, partitions spread over the workers. Output: the input's columns and
/// one column per call, in the order of the last sort.
public final class WindowExec: PhysicalOperator {
    public let name = "WindowExec"
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    let calls: [WindowCall]
    public let schema: Schema
    public var children: [any PhysicalOperator] { [input] }

    /// The calls grouped by their partition and order: one sort per group.
    var sorts: [[Int]] {
        var groups: [WindowCall.Spec: [Int]] = [:]
        var order: [WindowCall.Spec] = []
        for (i, c) in calls.enumerated() {
            if groups[c.spec] == nil { order.append(c.spec) }
            groups[c.spec, default: []].append(i)
        }
        return order.map { groups[$0] ?? [] }
    }

    public var detail: String {
        "[\(calls.map { Expr.window($0).description }.joined(separator: ", "))] sorts=\(sorts.count)"
    }

    init(_ calls: [WindowCall], input: any PhysicalOperator, schema: Schema) {
        self.calls = calls
        self.input = input
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let stream = try input.run(context)
        // The rows are held until every call is computed: reserved as they arrive (with
        // their sorted copy), the query stops with the memory limit's error when refused.
        let reservation = MemoryReservation(context.memory, consumer: "Window")
        var batches: [RecordBatch] = []
        while let b = try stream.next() {
            try reservation.grow(2 * b.byteSize)
            batches.append(b)
        }
        let all = RecordBatch.concat(batches, schema: input.schema)
        batches = []
        metrics.notePeak(reservation.size)
        defer { reservation.free() }
        let n = all.rowCount
        var results = [ColumnVector?](repeating: nil, count: calls.count)
        var lastOrder = Array(0..<n)
        var positions: [[Int]] = []  // per sort: the position of each input row in it
        var groupOf = [Int](repeating: 0, count: calls.count)
        for (g, group) in sorts.enumerated() {
            try context.checkCancelled()
            let first = calls[group[0]]
            func eval(_ e: Expr) throws -> ColumnVector {
                try PhysicalExpr.compile(e, schema: input.schema, context: context).evaluate(all)
            }
            let partitionColumns = try first.partitionBy.map(eval)
            let orderColumns = try first.orderBy.map { try eval($0.expr) }
            let order = try SortExec.sortedIndices(columns: partitionColumns + orderColumns, keys: first.sortKeys,
                                                   rowCount: n, workers: context.workers)
            let inputs = try group.map { i throws -> WindowCallInputs in
                let call = calls[i]
                let rangeKeys = call.frame.units == .range && orderColumns.count == 1 ? orderColumns[0] : nil
                return WindowCallInputs(call: call, resultType: schema.fields[input.schema.count + i].dataType,
                                        args: try call.args.map(eval), filter: try call.filter.map(eval),
                                        frame: WindowFrameBounds(frame: call.frame, orderBy: call.orderBy, keys: rangeKeys))
            }
            let partitions = SortKeyComparator(columns: partitionColumns, keys: first.partitionBy.map { SortExpr($0) })
            let peers = first.orderBy.isEmpty ? nil : SortKeyComparator(columns: orderColumns, keys: first.orderBy)
            let bounds = try Self.partitionBounds(order, partitions, hasKeys: !first.partitionBy.isEmpty)
            let values = try Self.compute(inputs, order: order, bounds: bounds, peers: peers, workers: context.workers)
            for (k, i) in group.enumerated() { results[i] = values[k]; groupOf[i] = g }
            if sorts.count > 1 {
                var at = [Int](repeating: 0, count: n)
                for (pos, row) in order.enumerated() { at[row] = pos }
                positions.append(at)
            }
            lastOrder = order
        }
        // Each call's column is in its sort's order; the output is in the last sort's.
        var columns = all.gather(lastOrder).columns
        for (i, column) in results.enumerated() {
            guard let column else { continue }
            if groupOf[i] == sorts.count - 1 {
                columns.append(column)
            } else {
                let at = positions[groupOf[i]]
                columns.append(column.gather(lastOrder.map { at[$0] }))
            }
        }
        let out = RecordBatch(schema: schema, columns: columns, rowCount: n)
        return MemoryStream.slicing(out, every: context.batchSize)
    }

    /// Where each partition starts in `order`, and one past the last row.
    static func partitionBounds(_ order: [Int], _ keys: SortKeyComparator, hasKeys: Bool) throws -> [Int] {
        var bounds = [0]
        if hasKeys {
            var failure: PlanError?
            for i in order.indices.dropFirst() where keys.order(order[i - 1], order[i], failure: &failure) != 0 { bounds.append(i) }
            if let failure { throw failure }
        }
        if order.isEmpty { return [0] }
        bounds.append(order.count)
        return bounds
    }

    /// Every call of one sort over every partition: the partitions cut into one run of
    /// about equal rows per worker, each run computed on its own thread (the calling
    /// thread runs the first, and any run no worker has started yet). One column a call,
    /// its values in `order`.
    static func compute(_ inputs: [WindowCallInputs], order: [Int], bounds: [Int], peers: SortKeyComparator?,
                        workers: Int) throws -> [ColumnVector] {
        let n = order.count
        var cuts = [0]
        if workers > 1, n >= 4096 {
            let target = max(1, n / workers)
            for b in bounds.indices.dropFirst().dropLast() where bounds[b] - bounds[cuts[cuts.count - 1]] >= target { cuts.append(b) }
        }
        cuts.append(bounds.count - 1)
        func run(_ c: Int) throws -> [ColumnVector] {
            let first = bounds[cuts[c]], rows = bounds[cuts[c + 1]] - first
            // Where a new peer group starts, for the run's positions in one pass (nothing is
            // copied per partition: a million small partitions made copies of the
            // comparator and the call inputs a third of the time).
            var failure: PlanError?
            var breaks = [Bool](repeating: true, count: rows)
            if let peers {
                var p = cuts[c]
                for j in (first + 1)..<max(first + 1, first + rows) {
                    while bounds[p + 1] <= j { p += 1 }
                    if j > bounds[p] { breaks[j - first] = peers.order(order[j - 1], order[j], failure: &failure) != 0 }
                }
                if let failure { throw failure }
            }
            var kernels = inputs.map { WindowKernel($0, capacity: rows) }
            let fast = inputs.indices.filter { kernels[$0] != nil }, general = inputs.indices.filter { kernels[$0] == nil }
            var out = inputs.indices.map { kernels[$0] == nil ? ColumnBuilder(inputs[$0].resultType, capacity: rows) : nil }
            for p in cuts[c]..<cuts[c + 1] {
                let partition = WindowPartition(rows: order[bounds[p]..<bounds[p + 1]],
                                                newGroup: breaks[(bounds[p] - first)..<(bounds[p + 1] - first)], ordered: peers != nil)
                for k in fast { try kernels[k]?.append(partition) }
                for k in general {
                    for v in try WindowFunctionEvaluator.evaluate(inputs[k], partition) { out[k]?.append(v) }
                }
            }
            return inputs.indices.map { k in kernels[k]?.finish() ?? out[k]?.finish() ?? ColumnVector.constant(.null, type: inputs[k].resultType, count: rows) }
        }
        let runs = cuts.count - 1
        let helpers = (1..<max(1, runs)).map { c in ExecutionRuntime.shared.start { try run(c) } }
        var parts = [try run(0)]
        for h in helpers { parts.append(try h.wait()) }
        return inputs.indices.map { k in ColumnVector.concat(parts.map { $0[k] }, type: inputs[k].resultType) }
    }
}
