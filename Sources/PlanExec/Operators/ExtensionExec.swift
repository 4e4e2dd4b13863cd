import PlanCore

/// A user-defined logical node the physical planner can run: it lowers itself to
/// built-in logical operators over its own inputs.
public protocol ExecutableLogicalNode: UserDefinedLogicalNode {
    /// The node as built-in operators over ``UserDefinedLogicalNode/inputs``, producing
    /// ``UserDefinedLogicalNode/schema``.
    func lowered() throws(PlanError) -> LogicalPlan
}

/// Runs a user-defined node (`IntervalAlignExec` …) in the same physical plan as the
/// rest of the query: its lowered operators are its children, and its inputs' operators
/// sit inside them.
public final class ExtensionExec: PhysicalOperator {
    public let name: String
    public let detail: String
    public let metrics = OperatorMetrics()
    public let schema: Schema
    let inner: any PhysicalOperator
    /// The operators of the node's own inputs (inside `inner`), for rows read.
    public let inputs: [any PhysicalOperator]
    /// Filters offered to the node and its answers.
    public let offered: [ScanFilter]
    public var children: [any PhysicalOperator] { [inner] }

    init(name: String, detail: String, inner: any PhysicalOperator, inputs: [any PhysicalOperator],
         offered: [ScanFilter], schema: Schema) {
        self.name = name
        self.detail = detail
        self.inner = inner
        self.inputs = inputs
        self.offered = offered
        self.schema = schema
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let stream = try inner.run(context)
        let schema = self.schema
        return ClosureStream { try stream.next().map { $0.withSchema(schema) } }
    }
}
