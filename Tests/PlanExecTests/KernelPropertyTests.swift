import PlanCore
import PlanSupport
@testable import PlanExec
import PropertyBased
import Testing

/// Every vectorized kernel must give what ``ScalarOps`` gives row by row: the same
/// values, the same NULLs, and an error exactly when some non-NULL row overflows.
@Suite struct KernelPropertyTests {
    /// Raw values: mostly small (so equal values and zero occur), some at the edges of
    /// Int64 (so overflow occurs), some NULL.
    static let edges: [Int64] = [.max, .min, .max / 2, .min / 2, -1, 0, 1, 3_037_000_500]
    static let raw = zip(Gen.int(in: 0...99), Gen.int64())
        .map { (pick: Int, x: Int64) -> Int64 in
            switch pick {
            case ..<60: x % 21
            case ..<85: x % 3_000_000_000
            default: edges[Int(x.magnitude % UInt64(edges.count))]
            }
        }
        .optional(valueRate: 0.85).array(of: 1...48)

    /// The column types kernels have fast paths for, and how a raw value becomes one.
    static let types: [(DataType, @Sendable (Int64) -> ScalarValue)] = [
        (.int64, { .int64($0) }),
        (.int32, { .int32(Int32(truncatingIfNeeded: $0)) }),
        (.float64, { .float64(Double($0) / 8) }),
        // Doubles at the edges of their range, so sums and products overflow and underflow.
        (.float64, { .float64($0 == .max || $0 == .min ? Double($0.signum()) * 1e308 : ($0 == 3_037_000_500 ? 1e-200 : Double($0) / 8)) }),
        (.decimal(precision: 15, scale: 2), { .decimal(Int128($0 % 1_000_000_000_000_000), precision: 15, scale: 2) }),
        (.decimal(precision: 38, scale: 2), { .decimal(Int128($0) * 1_000_000_000_000_000, precision: 38, scale: 2) }),
        (.date, { .date(Int32(truncatingIfNeeded: $0 % 100_000)) }),
        (.text, { .string(String($0 % 50)) }),
    ]

    static let operators: [BinaryOperator] = [.eq, .notEq, .lt, .ltEq, .gt, .gtEq, .plus, .minus, .multiply, .divide, .modulo]

    static func column(_ values: [Int64?], _ type: DataType, _ make: (Int64) -> ScalarValue) -> ColumnVector {
        var b = ColumnBuilder(type, capacity: values.count)
        for v in values {
            if let v { b.append(make(v)) } else { b.appendNull() }
        }
        return b.finish()
    }

    /// What one comparison of a kernel with ScalarOps did.
    enum Outcome { case compared, kernelDoesNotApply, typesDoNotCombine }

    /// Compares one operator on two columns against ScalarOps (issues recorded for every
    /// difference); says whether a comparison took place, so a test can require that it did.
    @discardableResult
    static func agree(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector, viaExpressions: Bool) -> Outcome {
        guard let resultType = try? Expr.binaryType(l.dataType, op, r.dataType) else { return .typesDoNotCombine }
        var expected: [Result<ScalarValue, PlanError>] = []
        for i in 0..<l.count {
            do { expected.append(.success(try ScalarOps.binary(op, l.value(i), r.value(i), resultType: resultType))) }
            catch { expected.append(.failure(error)) }
        }
        let actual: ColumnVector?
        var failure: Error?
        do {
            if viaExpressions {
                let schema = Schema([Field(name: "l", dataType: l.dataType), Field(name: "r", dataType: r.dataType)])
                let expr = try PhysicalExpr.compile(.binary(.column(Column(name: "l")), op, .column(Column(name: "r"))),
                                                    schema: schema, context: PhysicalPlanner.makeContext())
                actual = try expr.evaluate(RecordBatch(schema: schema, columns: [l, r]))
            } else {
                actual = try Kernels.binary(op, l, r, resultType: resultType)
            }
        } catch {
            failure = error
            actual = nil
        }
        let context = "\(l.dataType) \(op.rawValue) \(r.dataType)"
        if failure != nil {
            #expect(expected.contains { if case .failure = $0 { true } else { false } },
                    "\(context): the kernel failed (\(failure.map { "\($0)" } ?? "")) but every row succeeds row by row")
            return .compared
        }
        guard let actual else { return .kernelDoesNotApply }  // the row-by-row path runs
        #expect(!expected.contains { if case .failure = $0 { true } else { false } }, "\(context): row by row fails, the kernel does not")
        for i in 0..<l.count {
            guard case .success(let want) = expected[i] else { continue }
            let got = actual.value(i)
            let same = got == want || (ScalarOps.compare(got, want) == 0 && got.dataType == want.dataType)
            #expect(same, "\(context) row \(i): \(l.value(i)) \(op.rawValue) \(r.value(i)) = \(got), ScalarOps says \(want)")
        }
        return .compared
    }

    @Test func kernelsAgreeWithScalarOpsOnSameTypes() async {
        let compared = Locked(Set<String>())
        await propertyCheck(count: 150, input: Self.raw, Self.raw) { left, right in
            let n = min(left.count, right.count)
            for (type, make) in Self.types {
                let l = Self.column(Array(left.prefix(n)), type, make), r = Self.column(Array(right.prefix(n)), type, make)
                for op in Self.operators where Self.agree(op, l, r, viaExpressions: false) == .compared {
                    compared.withLock { _ = $0.insert("\(type) \(op.rawValue)") }
                }
            }
        }
        // The kernels these cases exist for were run and compared (not skipped as not applying).
        let comparisons: [BinaryOperator] = [.eq, .notEq, .lt, .ltEq, .gt, .gtEq]
        var required = Set(Self.types.flatMap { t in comparisons.map { "\(t.0) \($0.rawValue)" } })
        for type in [DataType.int64, .float64] { for op in [BinaryOperator.plus, .minus, .multiply] { required.insert("\(type) \(op.rawValue)") } }
        let missing = required.subtracting(compared.withLock { $0 }).sorted()
        #expect(missing.isEmpty, "no kernel ran for: \(missing.joined(separator: ", "))")
    }

    @Test func expressionsAgreeWithScalarOpsOnMixedTypes() async {
        let numeric = Self.types.filter { $0.0.isNumeric }
        let compared = Locked(Set<String>())
        await propertyCheck(count: 60, input: Self.raw, Self.raw) { left, right in
            let n = min(left.count, right.count)
            for (lt, lm) in numeric {
                for (rt, rm) in numeric {
                    let l = Self.column(Array(left.prefix(n)), lt, lm), r = Self.column(Array(right.prefix(n)), rt, rm)
                    for op in Self.operators where Self.agree(op, l, r, viaExpressions: true) == .compared {
                        compared.withLock { _ = $0.insert("\(lt) \(op.rawValue) \(rt)") }
                    }
                }
            }
        }
        // Every pair of numeric types is compared and added (numbers of any two types combine).
        let required = Set(numeric.flatMap { l in numeric.flatMap { r in ["=", "+"].map { "\(l.0) \($0) \(r.0)" } } })
        let missing = required.subtracting(compared.withLock { $0 }).sorted()
        #expect(missing.isEmpty, "never compared: \(missing.joined(separator: ", "))")
    }

    @Test func nullsAndOverflowAreSeen() throws {
        // A fixed case: overflow in a NULL row is no error; in a real row it is.
        let l = Self.column([Int64.max, 1], .int64) { .int64($0) }
        let r = Self.column([nil, 1], .int64) { .int64($0) }
        let sum = try #require(try Kernels.binary(.plus, l, r, resultType: .int64))
        #expect(sum.value(0) == .null && sum.value(1) == .int64(2))
        let r2 = Self.column([1, 1], .int64) { .int64($0) }
        #expect(throws: PlanError.self) { try Kernels.binary(.plus, l, r2, resultType: .int64) }
    }

    @Test func doublesOverflowAndUnderflowAsPostgres() throws {
        func column(_ values: [Double?]) -> ColumnVector {
            var b = ColumnBuilder(.float64, capacity: values.count)
            for v in values { if let v { b.append(.float64(v)) } else { b.appendNull() } }
            return b.finish()
        }
        func message(_ op: BinaryOperator, _ l: [Double?], _ r: [Double?]) -> String {
            do { _ = try Kernels.binary(op, column(l), column(r), resultType: .float64); return "ok" } catch { return error.message }
        }
        #expect(message(.multiply, [1e308, 2], [10, 3]) == "value out of range: overflow")
        #expect(message(.plus, [1e308, 1], [1e308, 1]) == "value out of range: overflow")
        #expect(message(.multiply, [1e-200, 1], [1e-200, 1]) == "value out of range: underflow")
        // NULL rows, infinite inputs and zero operands are no error.
        #expect(message(.multiply, [1e308, 2], [nil, 3]) == "ok")
        #expect(message(.plus, [.infinity, 0], [1, 0]) == "ok")
        #expect(message(.multiply, [0, 1e-200], [1e-200, 0]) == "ok")
    }
}
