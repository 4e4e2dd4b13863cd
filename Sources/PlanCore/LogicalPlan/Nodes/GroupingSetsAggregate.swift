/// `GROUP BY GROUPING SETS (…)`, `ROLLUP (…)`, `CUBE (…)` and mixed forms: the aggregates
/// computed once per grouping set, a key outside the set NULL in that set's rows. Output:
/// every key (nullable), every aggregate, then `__grouping_id`, the set's bitmask — bit
/// `n-1-i` set when key `i` is not in it (PostgreSQL's and DuckDB's `GROUPING()` order:
/// the first key is the most significant bit) — which `GROUPING(…)` reads.
///
/// Shown as DataFusion shows it: `Aggregate: groupBy=[[ROLLUP (t.a, t.b)]], aggr=[[…]]`.
/// An extension node: filters stay above it (a filter on a key must not remove the rows a
/// rolled-up set aggregates), and projections below keep the columns it reads.
public struct GroupingSetsAggregate: UserDefinedLogicalNode, Hashable {
    /// How the GROUP BY was written, for display.
    public enum Form: String, Hashable, Sendable { case rollup = "ROLLUP", cube = "CUBE", groupingSets = "GROUPING SETS" }

    public let keys: [Expr]
    /// Per grouping set, the indices of its keys (ascending); sets may repeat, as written.
    public let sets: [[Int]]
    public let aggregates: [Expr]
    public let input: LogicalPlan
    public let form: Form
    public let schema: Schema

    /// The most keys: `__grouping_id` has a bit for each.
    public static let maxKeys = 62

    /// The name of the grouping-set bitmask column.
    public static let groupingIdName = "__grouping_id"

    public init(keys: [Expr], sets: [[Int]], aggregates: [Expr], input: LogicalPlan, form: Form) throws(PlanError) {
        guard !sets.isEmpty else { throw PlanError(.invalidPlan, "GROUPING SETS needs at least one grouping set") }
        guard keys.count <= Self.maxKeys else {
            throw PlanError(.unsupported, "grouping sets over more than \(Self.maxKeys) keys are not supported")
        }
        for set in sets where set.contains(where: { !keys.indices.contains($0) }) {
            throw PlanError(.invalidPlan, "grouping set refers to key \(set) of \(keys.count)")
        }
        for a in aggregates {
            guard case .aggregate = a.unaliased else { throw PlanError(.invalidPlan, "aggregate expression expected, got \(a)") }
        }
        self.keys = keys
        self.sets = sets
        self.aggregates = aggregates
        self.input = input
        self.form = form
        var fields: [Field] = []
        for k in keys {
            var f = try k.outputField(in: input.schema)
            f.nullable = true
            fields.append(f)
        }
        for a in aggregates { fields.append(try a.outputField(in: input.schema)) }
        fields.append(Field(name: Self.groupingIdName, dataType: .int64, nullable: false))
        schema = Schema(fields).withDistinctNames()
    }

    /// The bitmask of a set: bit `n-1-i` set when key `i` is not in it.
    public func groupingId(of set: [Int]) -> Int64 {
        var id: Int64 = 0
        for i in keys.indices where !set.contains(i) { id |= 1 << Int64(keys.count - 1 - i) }
        return id
    }

    /// The `__grouping_id` column of the output.
    public var groupingIdColumn: Column { schema.fields[schema.count - 1].column }

    public var name: String { "GroupingSetsAggregate" }

    /// `ROLLUP (a, b)`, `CUBE (a, b)` or `GROUPING SETS ((a, b), (a), ())`.
    public var groupByText: String {
        func list(_ indices: [Int]) -> String { indices.map { keys[$0].description }.joined(separator: ", ") }
        switch form {
        case .rollup, .cube: return "\(form.rawValue) (\(list(Array(keys.indices))))"
        case .groupingSets: return "GROUPING SETS (" + sets.map { "(\(list($0)))" }.joined(separator: ", ") + ")"
        }
    }

    public var detail: String {
        "groupBy=[[\(groupByText)]], aggr=[[\(aggregates.map(\.description).joined(separator: ", "))]]"
    }
    public var line: String { "Aggregate: \(detail)" }
    public var inputs: [LogicalPlan] { [input] }
    public var expressions: [Expr] { keys + aggregates }

    public func withInputs(_ inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        guard inputs.count == 1 else {
            throw PlanError(.invalidPlan, "GroupingSetsAggregate rebuilt with \(inputs.count) inputs, expected 1")
        }
        return try GroupingSetsAggregate(keys: keys, sets: sets, aggregates: aggregates, input: inputs[0], form: form)
    }

    /// Filters stay above: a rolled-up set's rows aggregate rows a key filter would remove.
    public func offer(_ filter: Expr) -> FilterOffer? { nil }

    /// The input needs only the columns the keys and aggregates read.
    public func narrowed(to required: Set<Column>) -> NarrowedNode? {
        guard !expressions.contains(where: \.containsSubquery) else { return nil }
        return NarrowedNode(node: self, inputColumns: [Set(expressions.flatMap(\.columnRefs))])
    }

    public func isEqual(to other: any UserDefinedLogicalNode) -> Bool {
        guard let o = other as? GroupingSetsAggregate else { return false }
        return self == o
    }

    public func planTree(children: [PlanTree]) -> PlanTree? {
        PlanTree(line: line, kind: "Aggregate", properties: ["group_by": groupByText], children: children)
    }
}
