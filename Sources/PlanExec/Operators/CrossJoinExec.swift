import PlanCore

/// Every pair of rows (left order, then right order).
public final class CrossJoinExec: PhysicalOperator {
    public let name = "CrossJoinExec"
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    public var children: [any PhysicalOperator] { [left, right] }
    public var detail: String { "" }

    init(left: any PhysicalOperator, right: any PhysicalOperator, schema: Schema) {
        self.left = left
        self.right = right
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let collected = try JoinExec.collectBuild(right, context, consumer: "CrossJoin build")
        let build = collected.rows
        metrics.peakBytes = collected.reservation.size
        let probe = try left.run(context)
        var current: RecordBatch?
        var row = 0
        let schema = self.schema
        let chunk = max(1, context.batchSize / max(1, build.rowCount))
        let reservation = collected.reservation
        return ClosureStream {
            withExtendedLifetime(reservation) {}
            if build.rowCount == 0 { return nil }
            while true {
                guard let lb = current, row < lb.rowCount else {
                    guard let next = try probe.next() else { return nil }
                    current = next
                    row = 0
                    continue
                }
                let end = min(lb.rowCount, row + chunk)
                var li: [Int] = [], ri: [Int] = []
                for l in row..<end {
                    li.append(contentsOf: repeatElement(l, count: build.rowCount))
                    ri.append(contentsOf: 0..<build.rowCount)
                }
                row = end
                try context.checkCancelled()
                return RecordBatch(schema: schema, columns: lb.columns.map { $0.gather(li) } + build.columns.map { $0.gather(ri) }, rowCount: li.count)
            }
        }
    }
}
