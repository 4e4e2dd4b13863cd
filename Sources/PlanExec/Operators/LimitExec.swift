import PlanCore

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
