import PlanCore

/// UNION / INTERSECT / EXCEPT [ALL]. Rows compare as wholes; NULLs equal NULLs here.
public final class SetOperationExec: PhysicalOperator {
    public var name: String { "\(kind.rawValue)\(all ? "All" : "")Exec" }
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let kind: SetOperation.Kind
    let all: Bool
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    public var children: [any PhysicalOperator] { [left, right] }
    public var detail: String { "" }

    init(_ kind: SetOperation.Kind, all: Bool, left: any PhysicalOperator, right: any PhysicalOperator, schema: Schema) {
        self.kind = kind
        self.all = all
        self.left = left
        self.right = right
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let schema = self.schema
        if kind == .union && all {
            let l = try left.run(context)
            let r = try right.run(context)
            var leftDone = false
            return ClosureStream {
                if !leftDone {
                    if let b = try l.next() { return try RenameExec.conform(b, to: schema) }
                    leftDone = true
                }
                guard let b = try r.next() else { return nil }
                return try RenameExec.conform(b, to: schema)
            }
        }
        let reservation = MemoryReservation(context.memory, consumer: name)
        let leftRows = try SetOperationExec.rows(left, context, schema, reservation)
        let rightRows = try SetOperationExec.rows(right, context, schema, reservation)
        var out: [[ScalarValue]] = []
        switch kind {
        case .union:
            var seen = Set<[ScalarValue]>()
            for r in leftRows + rightRows where seen.insert(r).inserted { out.append(r) }
        case .intersect:
            var counts: [[ScalarValue]: Int] = [:]
            for r in rightRows { counts[r, default: 0] += 1 }
            var emitted = Set<[ScalarValue]>()
            for r in leftRows {
                guard let c = counts[r], c > 0 else { continue }
                if all { counts[r] = c - 1; out.append(r) } else if emitted.insert(r).inserted { out.append(r) }
            }
        case .except:
            var counts: [[ScalarValue]: Int] = [:]
            for r in rightRows { counts[r, default: 0] += 1 }
            var emitted = Set<[ScalarValue]>()
            for r in leftRows {
                if let c = counts[r], c > 0 {
                    if all { counts[r] = c - 1 }
                    continue
                }
                if all || emitted.insert(r).inserted { out.append(r) }
            }
        }
        return MemoryStream.slicing(RecordBatch.from(rows: out, schema: schema), every: context.batchSize)
    }

    /// Every row of `op`, as values, held under `reservation`.
    static func rows(_ op: any PhysicalOperator, _ context: ExecutionContext, _ schema: Schema,
                     _ reservation: MemoryReservation) throws -> [[ScalarValue]] {
        var rows: [[ScalarValue]] = []
        let stream = try op.run(context)
        while let b = try stream.next() {
            // Each row an array of values, and a hash entry for it.
            try reservation.grow(b.rowCount * (schema.count * MemoryLayout<ScalarValue>.stride + 64) + b.byteSize)
            let conformed = try RenameExec.conform(b, to: schema)
            for i in 0..<conformed.rowCount { rows.append(conformed.row(i)) }
        }
        return rows
    }
}
