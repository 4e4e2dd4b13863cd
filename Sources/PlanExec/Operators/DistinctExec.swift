import PlanCore

/// Removes duplicate rows, keeping first occurrences in order.
public final class DistinctExec: PhysicalOperator {
    public let name = "DistinctExec"
    public let metrics = OperatorMetrics()
    let input: any PhysicalOperator
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    public var detail: String { "" }

    init(input: any PhysicalOperator) { self.input = input }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let stream = try input.run(context)
        var seen = Set<[ScalarValue]>()
        let reservation = MemoryReservation(context.memory, consumer: "Distinct")
        let rowBytes = schema.count * MemoryLayout<ScalarValue>.stride + 64
        return ClosureStream {
            while let b = try stream.next() {
                var keep: [Int] = []
                for i in 0..<b.rowCount where seen.insert(b.row(i)).inserted { keep.append(i) }
                // The rows seen so far are kept: each an array of values and a hash entry.
                try reservation.grow(keep.count * rowBytes + (keep.isEmpty ? 0 : b.byteSize * keep.count / b.rowCount))
                if keep.isEmpty { continue }
                return keep.count == b.rowCount ? b : b.gather(keep)
            }
            return nil
        }
    }
}
