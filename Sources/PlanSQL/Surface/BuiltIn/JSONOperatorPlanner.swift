import PlanCore

/// `doc -> key` and `doc ->> key` over JSON held as text (PostgreSQL's operators): the
/// member of an object by key or of an array by index, as JSON text (`->`) or as plain
/// text (`->>`). Planned as `json_get` / `json_get_text` calls.
public struct JSONOperatorPlanner: ExpressionPlanner {
    public init() {}
    public let name = "json"
    public let version = "1"
    public let summary = "doc -> key (JSON text) and doc ->> key (text) over JSON stored as text"
    public let operators = ["->", "->>"]
    public let example = #"SELECT '{"a": {"b": [10, 20]}}' -> 'a' -> 'b' ->> 1"#

    public func plan(operator op: String, _ left: Expr, _ right: Expr) throws(PlanError) -> Expr {
        .scalarFunction(op == "->>" ? .jsonGetText : .jsonGet, [left, right])
    }
}

/// `JSON` and `JSONB` column types: JSON documents kept as text, for the `->`/`->>`
/// operators of the `json` expression planner.
public struct JSONTypePlanner: TypePlanner {
    public init() {}
    public let name = "json"
    public let version = "1"
    public let summary = "JSON and JSONB types: documents stored as text"
    public let typeNames = ["JSON", "JSONB"]
    public let example = #"SELECT CAST('{"k": 1}' AS JSON) ->> 'k'"#

    public func plan(_ type: TypeName) throws(PlanError) -> DataType {
        guard type.arguments.isEmpty else {
            throw PlanError(.typeMismatch, "type \(type.name) does not take arguments", at: type.span)
        }
        return .text
    }
}
