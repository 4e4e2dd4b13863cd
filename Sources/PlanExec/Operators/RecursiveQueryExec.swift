import PlanCore
import PlanSupport

/// The rows one iteration of a recursive query produced, which the next iteration's
/// ``WorkTableExec`` reads. Shared by a ``RecursiveQueryExec`` and the work table scan in
/// its recursive term (one execution at a time: the operator runs its term to the end
/// before it replaces the rows).
final class WorkTable: Sendable {
    private let batches = Locked<[RecordBatch]>([])

    func replace(with rows: [RecordBatch]) { batches.withLock { $0 = rows } }
    var rows: [RecordBatch] { batches.withLock { $0 } }
}

/// `WITH RECURSIVE`'s work-table iteration: the static term's rows are output and become
/// the work table; the recursive term runs over it, its rows output and made the next
/// work table, until an iteration yields none. With `is_distinct=true` (UNION) a row
/// already output by any iteration is dropped first. More than `execution.max_recursion`
/// iterations that still yield rows stop the query; the statement timeout guards the rest.
public final class RecursiveQueryExec: PhysicalOperator {
    public let name = "RecursiveQueryExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let recursiveName: String
    let isDistinct: Bool
    let staticTerm: any PhysicalOperator
    let recursiveTerm: any PhysicalOperator
    let workTable: WorkTable
    public var children: [any PhysicalOperator] { [staticTerm, recursiveTerm] }
    public var detail: String { "name=\(recursiveName), is_distinct=\(isDistinct)" }

    init(name: String, isDistinct: Bool, staticTerm: any PhysicalOperator, recursiveTerm: any PhysicalOperator,
         workTable: WorkTable, schema: Schema) {
        recursiveName = name
        self.isDistinct = isDistinct
        self.staticTerm = staticTerm
        self.recursiveTerm = recursiveTerm
        self.workTable = workTable
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let schema = self.schema, isDistinct = self.isDistinct, workTable = self.workTable
        let recursiveTerm = self.recursiveTerm, name = recursiveName
        // The rows seen (UNION), the work table read, and the rows the iteration produces.
        let reservation = MemoryReservation(context.memory, consumer: "RecursiveQuery")
        var tableReservation = MemoryReservation(context.memory, consumer: "RecursiveQuery work table")
        var producing = MemoryReservation(context.memory, consumer: "RecursiveQuery work table")
        let rowBytes = schema.count * MemoryLayout<ScalarValue>.stride + 64
        var seen = Set<[ScalarValue]>()
        var stream = try staticTerm.run(context)
        var produced: [RecordBatch] = []
        var iterations = 0
        return ClosureStream {
            while true {
                if let b = try stream.next() {
                    var batch = b.withSchema(schema)
                    if isDistinct {
                        var keep: [Int] = []
                        for i in 0..<batch.rowCount where seen.insert(batch.row(i)).inserted { keep.append(i) }
                        try reservation.grow(keep.count * rowBytes)
                        if keep.count < batch.rowCount { batch = batch.gather(keep) }
                    }
                    if batch.rowCount == 0 { continue }
                    try producing.grow(batch.byteSize)
                    produced.append(batch)
                    return batch
                }
                // An iteration ended: its rows are the next one's work table.
                if produced.isEmpty {
                    workTable.replace(with: [])
                    return nil
                }
                iterations += 1
                if iterations > context.maxRecursion {
                    throw PlanError(.execution, "recursive query '\(name)' still produced rows after \(context.maxRecursion) "
                                    + "iterations (execution.max_recursion)", origin: "RecursiveQueryExec")
                }
                workTable.replace(with: produced)
                tableReservation.free()
                (tableReservation, producing) = (producing, tableReservation)
                produced = []
                stream = try recursiveTerm.run(context)
            }
        }
    }
}

/// The recursive term's read of its own query: the rows the previous iteration produced.
public final class WorkTableExec: PhysicalOperator {
    public let name = "WorkTableExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let tableName: String
    let workTable: WorkTable
    public var children: [any PhysicalOperator] { [] }
    public var detail: String { "name=\(tableName)" }

    init(name: String, workTable: WorkTable, schema: Schema) {
        tableName = name
        self.workTable = workTable
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        var rows = workTable.rows.makeIterator()
        let schema = self.schema
        return ClosureStream { rows.next().map { $0.withSchema(schema) } }
    }
}
