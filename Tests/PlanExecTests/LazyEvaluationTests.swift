import PlanCore
@testable import PlanExec
import Testing

/// COALESCE, CASE, AND and OR evaluate a later argument only on the rows that reach it,
/// so an error there is raised only for such a row, and names it.
@Suite struct LazyEvaluationTests {
    static let schema = Schema([Field(name: "k", dataType: .int64), Field(name: "x", dataType: .int64)])

    static func evaluate(_ expr: Expr, k: [Int64?], x: [Int64?]) throws -> [ScalarValue] {
        func column(_ values: [Int64?]) -> ColumnVector {
            var b = ColumnBuilder(.int64, capacity: values.count)
            for v in values { if let v { b.append(.int64(v)) } else { b.appendNull() } }
            return b.finish()
        }
        let compiled = try PhysicalExpr.compile(expr, schema: schema, context: PhysicalPlanner.makeContext())
        let out = try compiled.evaluate(RecordBatch(schema: schema, columns: [column(k), column(x)]))
        return (0..<out.count).map(out.value)
    }

    static let k = Expr.column(Column(name: "k")), x = Expr.column(Column(name: "x"))
    static func reciprocal(_ e: Expr) -> Expr { .binary(.literal(.int64(10)), .divide, e) }

    @Test func coalesceEvaluatesLaterArgumentsOnlyWhereEarlierOnesAreNull() throws {
        let e = Expr.scalarFunction(.coalesce, [Self.k, Self.reciprocal(Self.x)])
        // x is 0 only where k is not NULL: 10 / x is never evaluated there.
        #expect(try Self.evaluate(e, k: [1, nil, 3], x: [0, 2, 0]) == [.int64(1), .int64(5), .int64(3)])
        // A row that reaches the division by zero fails, and the error names that row.
        do {
            _ = try Self.evaluate(e, k: [1, 2, nil], x: [5, 5, 0])
            Issue.record("no error")
        } catch let f as RowFailure {
            #expect(f.row == 2 && f.error.message == "division by zero")
        }
        // A constant first argument: the rest is never reached.
        let constant = Expr.scalarFunction(.coalesce, [.literal(.int64(7)), Self.reciprocal(.literal(.int64(0)))])
        #expect(try Self.evaluate(constant, k: [1, 2], x: [0, 0]) == [.int64(7), .int64(7)])
    }

    @Test func caseAndOrRaiseOnlyForRowsThatReachTheFailingPart() throws {
        let guarded = Expr.caseWhen(CaseWhen(branches: [.init(when: .binary(Self.x, .notEq, .literal(.int64(0))), then: Self.reciprocal(Self.x))],
                                             elseExpr: .literal(.int64(0))))
        #expect(try Self.evaluate(guarded, k: [1, 2, 3], x: [2, 0, 5]) == [.int64(5), .int64(0), .int64(2)])
        let or = Expr.binary(Self.x, .eq, .literal(.int64(0))).or(.binary(Self.reciprocal(Self.x), .gt, .literal(.int64(1))))
        #expect(try Self.evaluate(or, k: [1, 2, 3], x: [2, 0, 20]) == [.boolean(true), .boolean(true), .boolean(false)])
        do {
            _ = try Self.evaluate(.caseWhen(CaseWhen(branches: [.init(when: .binary(Self.k, .gt, .literal(.int64(1))), then: Self.reciprocal(Self.x))])),
                                  k: [1, 2, 3], x: [0, 1, 0])
            Issue.record("no error")
        } catch let f as RowFailure {
            #expect(f.row == 2)
        }
    }
}
