import PlanCore

/// `span_contains(start, end, point)` — `start <= point < end` — planned as the two
/// comparisons it means, so the optimizer can push them into a scan (and a zone map can
/// skip files) instead of evaluating one opaque call above it. Without this planner the
/// built-in function of the same name evaluates it row by row.
public struct SpanPlanner: ExpressionPlanner {
    public init() {}
    public let name = "span"
    public let version = "1"
    public let summary = "span_contains(start, end, point) as start <= point AND point < end (pushable)"
    public let functions = ["span_contains"]
    public let example = "SELECT count(*) FROM generate_series(1, 100) AS g(x) WHERE span_contains(10, 20, x)"

    public func plan(function name: String, _ arguments: [Expr]) throws(PlanError) -> Expr {
        guard arguments.count == 3 else {
            throw PlanError(.arity, "function span_contains takes 3 arguments (start, end, point), got \(arguments.count)")
        }
        let (start, end, point) = (arguments[0], arguments[1], arguments[2])
        return Expr.binary(point, .gtEq, start).and(.binary(point, .lt, end))
    }
}
