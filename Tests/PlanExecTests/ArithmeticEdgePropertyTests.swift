import PlanCore
import PlanEngine
@testable import PlanExec
import PropertyBased
import Testing

/// No arithmetic trap reachable from SQL: every arithmetic function driven with values at
/// the edges (Int32/Int64 limits, the first and last dates, the largest intervals,
/// decimals of scales 0–38 at their precision's limit) answers a value or a `PlanError`.
/// A trap ends the test process, so a crash here fails the whole run; each test also
/// checks the answer's range, so a wrapped (wrong) value fails it too.
@Suite struct ArithmeticEdgePropertyTests {
    static let integers: [Int64] = [.min, .min + 1, -9_223_372_036_854_775_000, Int64(Int32.min) - 1, Int64(Int32.min), -86_400_000_000,
                                    -2_440_589, -1000, -1, 0, 1, 2, 10, 1000, 2_145_042_905, Int64(Int32.max), Int64(Int32.max) + 1,
                                    86_400_000_000, 9_223_372_036_854_775_000, .max - 1, .max]
    static let days: [Int32] = [.min, -2_440_588, -719_528, -1, 0, 19_723, 106_751_991, 2_000_000_000, 2_145_042_905, .max]
    static let timestamps: [Int64] = [.min, ScalarOps.minTimestamp, -1, 0, 1_704_067_200_000_000, .max - 86_400_000_000, .max]
    static let intervals: [Interval] = [
        Interval(), Interval(months: 1), Interval(days: 1), Interval(micros: 1),
        Interval(months: .max), Interval(months: .min), Interval(days: .max), Interval(days: .min),
        Interval(micros: .max), Interval(micros: .min), Interval(months: .max, days: .max, micros: .max),
        Interval(months: .min, days: .min, micros: .min), Interval(months: 119_999_988),
    ]
    static let factors: [Double] = [0, 1e-300, 0.5, -1, 2, 12, 30, 3e9, -3e9, 1e15, 1e300, .infinity, .nan]

    /// Decimals at a scale 0...38 with an unscaled value near the precision's limit.
    static func decimal(_ pick: Int, scale: Int, precision: Int) -> ScalarValue {
        let limit = DecimalMath.maxUnscaled(precision: precision)
        let choices: [Int128] = [0, 1, -1, limit, -limit, limit / 2, 5, -5, 10, 99_999]
        let v = choices[pick % choices.count]
        return .decimal(DecimalMath.fits(v, precision: precision) ? v : limit, precision: precision, scale: scale)
    }

    static func integer(_ v: Int64, _ kind: Int) -> ScalarValue {
        switch kind % 3 {
        case 0: Int16(exactly: v).map(ScalarValue.int16) ?? .int64(v)
        case 1: Int32(exactly: v).map(ScalarValue.int32) ?? .int64(v)
        default: .int64(v)
        }
    }

    /// `a op b` as the evaluator runs it; a result is checked against its type's range.
    static func run(_ op: BinaryOperator, _ a: ScalarValue, _ b: ScalarValue) {
        guard let type = try? Expr.binaryType(a.dataType, op, b.dataType) else { return }
        guard let value = try? ScalarOps.binary(op, a, b, resultType: type) else { return }
        expectInRange(value, "\(a) \(op.rawValue) \(b)")
    }

    static func expectInRange(_ value: ScalarValue, _ what: String) {
        switch value {
        case .decimal(let u, let p, _):
            #expect(DecimalMath.fits(u, precision: p), "\(what) = \(u) does not fit DECIMAL(\(p))")
        case .numeric(let n):
            #expect(n.isNaN || (DecimalMath.fits(n.unscaled, precision: NumericValue.maxDigits) && n.scale <= NumericValue.maxScale),
                    "\(what) = \(n.text) is past NUMERIC's limits")
        case .date(let d):
            #expect(Int64(d) >= ScalarOps.minDay && Int64(d) <= ScalarOps.maxDay, "\(what) = day \(d) is outside PostgreSQL's dates")
        case .timestamp(let t):
            #expect(t >= ScalarOps.minTimestamp, "\(what) = \(t) is before 4714 BC")
        default: break
        }
    }

    static let arithmetic: [BinaryOperator] = [.plus, .minus, .multiply, .divide, .modulo]

    @Test func integerAndDateArithmeticNeverTraps() {
        for x in Self.integers {
            for y in Self.integers {
                for op in Self.arithmetic {
                    Self.run(op, .int64(x), .int64(y))
                    Self.run(op, Self.integer(x, 1), Self.integer(y, 0))
                }
            }
            for d in Self.days {
                Self.run(.plus, .date(d), .int64(x))
                Self.run(.plus, .int64(x), .date(d))
                Self.run(.minus, .date(d), .int64(x))
                Self.run(.minus, .date(d), Self.integer(x, 1))
            }
        }
        for x in Self.days {
            for y in Self.days { Self.run(.minus, .date(x), .date(y)) }
            for t in Self.timestamps {
                Self.run(.minus, .date(x), .timestamp(t))
                Self.run(.minus, .timestamp(t), .date(x))
                _ = ScalarOps.compare(.date(x), .timestamp(t))
            }
            _ = try? ScalarOps.cast(.date(x), to: .timestamp)
            _ = try? ScalarOps.function(.datePart, [.string("year"), .date(x)], resultType: .float64)
            _ = try? ScalarOps.function(.dateTrunc, [.string("month"), .date(x)], resultType: .timestamp)
        }
    }

    @Test func temporalAndIntervalArithmeticNeverTraps() {
        for i in Self.intervals {
            for d in Self.days {
                for op in [BinaryOperator.plus, .minus] { Self.run(op, .date(d), .interval(i)) }
                Self.run(.plus, .interval(i), .date(d))
            }
            for t in Self.timestamps {
                for op in [BinaryOperator.plus, .minus] { Self.run(op, .timestamp(t), .interval(i)) }
                for t2 in Self.timestamps { Self.run(.minus, .timestamp(t), .timestamp(t2)) }
            }
            for j in Self.intervals {
                Self.run(.plus, .interval(i), .interval(j))
                Self.run(.minus, .interval(i), .interval(j))
                _ = ScalarOps.compare(.interval(i), .interval(j))
            }
            for f in Self.factors {
                Self.run(.multiply, .interval(i), .float64(f))
                Self.run(.divide, .interval(i), .float64(f))
            }
            for n in Self.integers {
                Self.run(.multiply, .interval(i), .int64(n))
                Self.run(.multiply, .int64(n), .interval(i))
                Self.run(.divide, .interval(i), .int64(n))
            }
            _ = try? ScalarOps.negate(.interval(i))
            _ = i.description
            _ = try? ScalarOps.function(.datePart, [.string("epoch"), .interval(i)], resultType: .float64)
        }
        for text in ["2147483647 days", "2147483648 days", "-2147483648 days", "178956971 years", "999999999999 hours",
                     "1e300 seconds", "nan days", "inf:00", "2147483647 days 2147483647 days", "106751991 days 24:00:00"] {
            _ = try? Interval.parse(text, unit: nil)
            _ = try? TextInput.parse(text, as: .interval)
        }
    }

    @Test func decimalArithmeticNeverTraps() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000), Gen.int(in: 0...38), Gen.int(in: 0...38),
                            Gen.int(in: 1...38), Gen.int(in: 1...38)) { pick, s1, s2, p1, p2 in
            let a = Self.decimal(pick, scale: min(s1, p1), precision: p1)
            let b = Self.decimal(pick / 7, scale: min(s2, p2), precision: p2)
            for op in Self.arithmetic {
                Self.run(op, a, b)
                Self.run(op, a, Self.integer(Self.integers[pick % Self.integers.count], pick))
                Self.run(op, Self.integer(Self.integers[pick % Self.integers.count], pick), b)
            }
            for digits in [Int64.min, -1000, -77, -39, -38, -20, -1, 0, 1, 38, 39, 1000, .max] {
                for f in [ScalarFunction.round, .trunc, .floor, .ceil] {
                    for arg in [a, Self.integer(Self.integers[pick % Self.integers.count], pick)] {
                        guard let type = try? f.returnType([arg.dataType, .int64]).get(),
                              let v = try? ScalarOps.function(f, [arg, .int64(digits)], resultType: type) else { continue }
                        Self.expectInRange(v, "\(f.rawValue)(\(arg), \(digits))")
                    }
                }
            }
            for target in [DataType.decimal(precision: p2, scale: min(s2, p2)), .int16, .int32, .int64, .float64, .text] {
                if let v = try? ScalarOps.cast(a, to: target) { Self.expectInRange(v, "CAST(\(a) AS \(target.sqlName))") }
            }
            _ = ScalarOps.compare(a, b)
            _ = try? ScalarOps.negate(a)
            _ = a.sqlText
        }
    }

    @Test func decimalHelpersAnswerForAnyScale() {
        let values: [Int128] = [.min, .min + 1, -DecimalMath.maxUnscaled(precision: 38), -1, 0, 1, 5, 10, DecimalMath.maxUnscaled(precision: 38), .max]
        let shifts = [Int.min, -1000, -77, -39, -38, -1, 0, 1, 38, 39, 77, 1000, Int.max]
        for v in values {
            for from in shifts {
                for to in shifts { _ = DecimalMath.rescale(v, from: from, to: to) }
            }
            for y in values {
                for shift in shifts where shift <= 1000 { _ = DecimalMath.divide(v, y, shift: shift) }
            }
            _ = DecimalMath.format(v, scale: 10)
        }
        for n in shifts { _ = DecimalMath.pow10(n); _ = DecimalMath.maxUnscaled(precision: n) }
        // Exact where the quotient fits: 1 / 10^-19 at scale 18 is 10^37, and long division agrees.
        #expect(DecimalMath.divide(1, 1, shift: 37) == DecimalMath.pow10(37))
        #expect(DecimalMath.divide(DecimalMath.maxUnscaled(precision: 38), 10_000_000_000, shift: 40) == nil)
        #expect(DecimalMath.divide(7, 3, shift: 50) == nil)
        #expect(DecimalMath.divide(10_000_000_000_000_000_000, 1_000_000_000_000_000_000_000, shift: 39) == DecimalMath.pow10(37))
        #expect(DecimalMath.rescale(DecimalMath.maxUnscaled(precision: 38), from: 38, to: 0) == 1)
    }

    /// Unconstrained NUMERIC values at the edges: 36 digits, scales 0…126, NaN.
    static let numerics: [NumericValue] = {
        let big = DecimalMath.maxUnscaled(precision: NumericValue.maxDigits)
        var out: [NumericValue] = [.nan, .zero]
        for u in [1, -1, 5, -5, big, -big, big / 2] as [Int128] {
            for s in [0, 1, 18, 38, 39, 100, NumericValue.maxScale] {
                if let n = NumericValue(unscaled: u, scale: s) { out.append(n) }
            }
        }
        return out
    }()

    @Test func numericArithmeticNeverTraps() {
        for a in Self.numerics {
            for b in Self.numerics {
                for op in Self.arithmetic {
                    Self.run(op, .numeric(a), .numeric(b))
                }
                _ = ScalarOps.compare(.numeric(a), .numeric(b))
                #expect((a == b) == (NumericValue.compare(a, b) == 0))
            }
            for x in Self.integers {
                Self.run(.multiply, .numeric(a), .int64(x))
                Self.run(.divide, .int64(x), .numeric(a))
                _ = ScalarOps.compare(.numeric(a), .int64(x))
            }
            #expect(NumericValue(packed: a.packed).text == a.text, "packed \(a.text)")
            for digits in [Int64.min, -1000, -127, -39, -1, 0, 1, 39, 126, 127, 1000, .max] {
                for f in [ScalarFunction.round, .trunc, .floor, .ceil, .abs] {
                    let args: [ScalarValue] = f == .abs ? [.numeric(a)] : [.numeric(a), .int64(digits)]
                    if let v = try? ScalarOps.function(f, args, resultType: .numeric) { Self.expectInRange(v, "\(f.rawValue)(\(a.text), \(digits))") }
                }
            }
            for target in [DataType.decimal(precision: 38, scale: 0), .decimal(precision: 5, scale: 2), .int16, .int32, .int64, .float64, .text] {
                _ = try? ScalarOps.cast(.numeric(a), to: target)
            }
            _ = try? ScalarOps.negate(.numeric(a))
        }
        for text in ["1e1000", "1e-1000", "1e1001", String(repeating: "9", count: 37), "-0", "NaN", " 1.5e3 ", "1e+-3", ".", "e5",
                     "0." + String(repeating: "0", count: 200) + "1", "1" + String(repeating: "0", count: 200)] {
            _ = try? TextInput.parse(text, as: .numeric)
        }
        for d in [0, -0.0, 1e-300, .leastNonzeroMagnitude, 1e300, .greatestFiniteMagnitude, .infinity, .nan] as [Double] {
            _ = try? ScalarOps.cast(.float64(d), to: .numeric)
        }
    }

    @Test func limitAndOffsetAtTheirLimitsAreNoError() throws {
        let s = Session()
        _ = try s.execute("CREATE TABLE r (k INTEGER)")
        _ = try s.execute("INSERT INTO r VALUES (3), (1), (2)")
        let counts = ["0", "1", "2", "1000", "2147483647", "4294967296", "9223372036854775000", "9223372036854775806", "9223372036854775807"]
        for limit in counts {
            for offset in counts {
                for sql in ["SELECT 1 LIMIT \(limit) OFFSET \(offset)",
                            "SELECT k FROM r ORDER BY k LIMIT \(limit) OFFSET \(offset)",
                            "SELECT k FROM (SELECT k FROM r LIMIT \(limit) OFFSET \(offset)) t LIMIT \(limit) OFFSET \(offset)",
                            "SELECT k FROM (SELECT k FROM r ORDER BY k LIMIT \(limit) OFFSET \(offset)) t ORDER BY k LIMIT \(limit) OFFSET \(offset)"] {
                    let rows = try s.query(sql).rowCount
                    let l = Int(limit) ?? 0, o = Int(offset) ?? 0
                    let single = max(0, min(l, (sql.hasPrefix("SELECT 1") ? 1 : 3) - min(o, 3)))
                    if !sql.contains("(SELECT") { #expect(rows == single, "\(sql)") } else { #expect(rows <= single, "\(sql)") }
                }
            }
        }
    }
}
