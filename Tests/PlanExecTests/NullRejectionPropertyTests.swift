import PlanCore
@testable import PlanExec
import PlanSupport
import PropertyBased
import Testing

/// ``Expr/valueWhenNull(_:)`` decides when an outer join may become inner. Checked against
/// evaluation: a predicate the analysis calls never TRUE for a NULL `a` must not be TRUE
/// on any row where `a` is NULL, whatever `b` holds.
@Suite struct NullRejectionPropertyTests {
    static let schema = Schema([Field(name: "a", dataType: .int64), Field(name: "b", dataType: .int64)])
    static let bValues: [Int64?] = [nil, -1, 0, 1, 5, 10, 100]

    /// Builds random expressions from a list of choices (deterministic for a given list).
    struct Builder {
        var choices: [Int]
        var at = 0
        mutating func pick(_ n: Int) -> Int {
            defer { at += 1 }
            return choices.isEmpty ? 0 : choices[at % choices.count] % n
        }

        mutating func value(_ depth: Int) -> Expr {
            let leaf = depth <= 0
            switch pick(leaf ? 4 : 10) {
            case 0: return col("a")
            case 1: return col("b")
            case 2: return lit([-1, 0, 5, 10][pick(4)])
            case 3: return .literal(.null)
            case 4: return .scalarFunction(.coalesce, [value(depth - 1), value(depth - 1)])
            case 5: return .scalarFunction(.greatest, [value(depth - 1), value(depth - 1)])
            case 6: return .scalarFunction(.least, [value(depth - 1), value(depth - 1)])
            case 7: return .scalarFunction(.nullif, [value(depth - 1), value(depth - 1)])
            case 8: return value(depth - 1) + value(depth - 1)
            default:
                return .caseWhen(CaseWhen(branches: [.init(when: predicate(depth - 1), then: value(depth - 1))],
                                          elseExpr: value(depth - 1)))
            }
        }

        mutating func predicate(_ depth: Int) -> Expr {
            let comparisons: [BinaryOperator] = [.eq, .notEq, .lt, .gtEq]
            if depth <= 0 { return .binary(value(0), comparisons[pick(4)], value(0)) }
            switch pick(12) {
            case 0, 1: return .binary(value(depth - 1), comparisons[pick(4)], value(depth - 1))
            case 2: return .logical(.and, [predicate(depth - 1), predicate(depth - 1)])
            case 3: return .logical(.or, [predicate(depth - 1), predicate(depth - 1), predicate(depth - 1)])
            case 4: return .not(predicate(depth - 1))
            case 5: return .isTest(value(depth - 1), pick(2) == 0 ? .isNull : .isNotNull)
            case 6:
                let tests: [IsTest] = [.isTrue, .isNotTrue, .isFalse, .isNotFalse, .isUnknown, .isNotUnknown]
                return .isTest(predicate(depth - 1), tests[pick(6)])
            case 7: return .binary(predicate(depth - 1), pick(2) == 0 ? .eq : .notEq, lit(pick(2) == 0))
            case 8: return .between(value(depth - 1), low: value(depth - 1), high: value(depth - 1), negated: pick(2) == 0)
            case 9: return .inList(value(depth - 1), [value(depth - 1), value(depth - 1)], negated: pick(2) == 0)
            case 10: return .literal(pick(2) == 0 ? .boolean(false) : .null)
            default:
                return .caseWhen(CaseWhen(branches: [.init(when: predicate(depth - 1), then: predicate(depth - 1))],
                                          elseExpr: predicate(depth - 1)))
            }
        }
    }

    /// Rows with `a` NULL and every value of `b`.
    static var nullRows: RecordBatch {
        var a = ColumnBuilder(.int64, capacity: bValues.count), b = ColumnBuilder(.int64, capacity: bValues.count)
        for v in bValues {
            a.appendNull()
            if let v { b.append(.int64(v)) } else { b.appendNull() }
        }
        return RecordBatch(schema: schema, columns: [a.finish(), b.finish()])
    }

    @Test func neverTrueMeansNoNullRowIsKept() async {
        let rejected = Locked(0), checked = Locked(0)
        await propertyCheck(count: 3000, input: Gen.int(in: 0...1_000_000).array(of: 8...40), Gen.int(in: 1...4)) { choices, depth in
            var builder = Builder(choices: choices)
            let predicate = builder.predicate(depth)
            let value = predicate.valueWhenNull { $0.name == "a" }
            guard let compiled = try? PhysicalExpr.compile(predicate, schema: Self.schema, context: PhysicalPlanner.makeContext()),
                  let result = try? compiled.evaluate(Self.nullRows) else { return }
            checked.withLock { $0 += 1 }
            guard value.isNeverTrue else { return }
            rejected.withLock { $0 += 1 }
            for r in 0..<result.count {
                #expect(result.value(r) != .boolean(true),
                        "\(predicate) is TRUE for a = NULL, b = \(Self.bValues[r].map(String.init) ?? "NULL") but the analysis said \(value)")
            }
        }
        // The analysis must decide something: a check that never says "never TRUE" is vacuous.
        #expect(rejected.withLock { $0 } * 10 > checked.withLock { $0 }, "too few predicates judged NULL-rejecting")
    }

    @Test func theReportedPredicatesKeepPaddedRows() {
        let right = Schema([Field(qualifier: "b", name: "x", dataType: .int64)])
        let keeps: [Expr] = [
            .scalarFunction(.greatest, [col("b.x"), lit(10)]) > lit(5),
            .binary(.isTest(col("b.x"), .isNotNull), .eq, lit(false)),
            .binary((col("b.x") > lit(1)).and(col("b.x") < lit(2)), .eq, lit(false)),
        ]
        for p in keeps { #expect(!p.rejectsNulls(from: right), "\(p)") }
        #expect((col("b.x") + lit(1) > lit(0)).rejectsNulls(from: right))
        #expect(Expr.inList(col("b.x"), [lit(3), .literal(.null)], negated: false).rejectsNulls(from: right))
    }
}
