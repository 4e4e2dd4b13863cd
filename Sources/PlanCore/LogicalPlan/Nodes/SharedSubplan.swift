/// A subplan the query uses in more than one place (a CTE referenced twice, as TPC-H Q15's
/// `revenue`), computed once per query and its rows shared by every use. Each use is a
/// `SharedSubplan` node with the same `id` over the same input, so the plan stays a tree
/// and every use shows what it reads: `SharedSubplan: id=1`. The optimizer rule
/// `share_repeated_subplans` puts them in; the physical plan computes the first use to
/// run and replays its rows for the others.
///
/// An extension node: filters and limits above it stay there, and its input keeps every
/// column (narrowing one use would make the uses differ); estimates, distinct counts and
/// zones are its input's.
public struct SharedSubplan: UserDefinedLogicalNode, Hashable {
    /// Which shared subplan: uses with the same id are computed once.
    public let id: Int
    public let input: LogicalPlan

    public init(id: Int, input: LogicalPlan) {
        self.id = id
        self.input = input
    }

    public var name: String { "SharedSubplan" }
    public var detail: String { "id=\(id)" }
    public var inputs: [LogicalPlan] { [input] }
    public var schema: Schema { input.schema }
    public var expressions: [Expr] { [] }
    public var estimateSource: LogicalPlan? { input }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.count == 1, let first = inputs.first else {
            throw PlanError(.invalidPlan, "SharedSubplan rebuilt with \(inputs.count) inputs, expected 1")
        }
        return SharedSubplan(id: id, input: first)
    }

    /// Filters stay above: a filter pushed into one use would make the uses differ.
    public func offer(_ filter: Expr) -> FilterOffer? { nil }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool {
        guard let o = other as? SharedSubplan else { return false }
        return self == o
    }
}
