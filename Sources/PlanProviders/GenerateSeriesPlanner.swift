import PlanCore
import PlanExec
import PlanSQL

/// `generate_series(start, stop [, step])`: the integers from start to stop inclusive (as
/// PostgreSQL and DuckDB), one BIGINT column named `generate_series`. A relation planner:
/// the rows are made when the query is planned and scanned like a memory table (filters on
/// them are Exact).
public struct GenerateSeriesPlanner: RelationPlanner {
    /// One integer a row: `FROM generate_series(1, 3) AS g` has a column `g`.
    public var returnsScalar: Bool { true }

    public let name = "generate_series"
    public let summary = "the integers from start to stop inclusive: generate_series(1, 10 [, step])"
    public let documentation = """
        generate_series(start, stop [, step]) [AS alias]

        One BIGINT column, generate_series, holding start, start + step, … up to stop
        inclusive (step defaults to 1; a negative step counts down; step 0 is an error). At
        most 10,000,000 rows. Filters on it are Exact, as for memory tables.

        Example: SELECT generate_series AS n FROM generate_series(1, 5) WHERE generate_series % 2 = 1;
        """

    /// The most rows one call may produce.
    public static let maxRows: Int64 = 10_000_000

    public init() {}

    public func plan(positional: [RelationArgument], named: [String: RelationArgument], alias: String) throws(PlanError) -> LogicalPlan {
        if let key = named.keys.sorted().first { throw PlanError(.unsupported, "generate_series has no option '\(key)'") }
        guard (2...3).contains(positional.count) else {
            throw PlanError(.arity, "generate_series takes start, stop and an optional step, got \(positional.count) arguments")
        }
        var numbers: [Int64] = []
        for (i, arg) in positional.enumerated() {
            guard case .value(let v) = arg, let n = v.int64Value else {
                throw PlanError(.typeMismatch, "generate_series argument \(i + 1) must be an integer constant")
            }
            numbers.append(n)
        }
        let (start, stop) = (numbers[0], numbers[1])
        let step = numbers.count == 3 ? numbers[2] : 1
        guard step != 0 else { throw PlanError(.invalidPlan, "generate_series step must not be zero") }
        // In 128 bits: stop - start of two 64-bit values cannot overflow there.
        let span = (Int128(stop) - Int128(start)) / Int128(step)
        let count = span >= 0 ? Int(clamping: span + 1) : 0
        guard count <= Self.maxRows else {
            throw PlanError(.invalidPlan, "generate_series would make \(count) rows (at most \(Self.maxRows))")
        }
        let schema = Schema([Field(name: "generate_series", dataType: .int64, nullable: false)])
        // Wrapping is exact here: every value lies between start and stop.
        let values = (0..<Int64(count)).map { start &+ $0 &* step }
        let batches = stride(from: 0, to: values.count, by: RecordBatch.targetSize).map { i in
            RecordBatch(schema: schema, columns: [ColumnVector(.int64, .int64(Array(values[i..<min(values.count, i + RecordBatch.targetSize)])))])
        }
        let table = MemoryTable(schema: schema, batches: batches, tableFunction: name)
        return .tableScan(try TableScan(tableName: alias, sourceSchema: schema, source: table))
    }
}
