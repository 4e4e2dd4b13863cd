import Foundation

/// Double-precision results as PostgreSQL checks them (`check_float8_val` and the checks
/// of `float8pl`, `float8mul`, `float8div`, `dpow`, `dexp`): a finite computation that
/// ends at ±Infinity is an overflow, one that ends at 0 from non-zero inputs an underflow,
/// and a function outside its domain an error. Infinity and NaN in give Infinity and NaN
/// out, with no error.
extension ScalarOps {
    public static let floatOverflow = PlanError(.execution, "value out of range: overflow")
    public static let floatUnderflow = PlanError(.execution, "value out of range: underflow")

    /// `r`, or the overflow (underflow) error when it is infinite (zero) and that was not
    /// allowed by the inputs.
    @inline(__always)
    public static func checkedFloat(_ r: Double, infinityAllowed: Bool, zeroAllowed: Bool) throws(PlanError) -> Double {
        if r.isInfinite && !infinityAllowed { throw floatOverflow }
        if r == 0 && !zeroAllowed { throw floatUnderflow }
        return r
    }

    /// `x op y` on doubles (`+ - * /`), checked as PostgreSQL's `float8` operators. NaN
    /// divided by zero is NaN, any other number divided by zero an error.
    public static func floatArithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) throws(PlanError) -> Double {
        switch op {
        case .plus: return try checkedFloat(x + y, infinityAllowed: x.isInfinite || y.isInfinite, zeroAllowed: true)  // safe: doubles
        case .minus: return try checkedFloat(x - y, infinityAllowed: x.isInfinite || y.isInfinite, zeroAllowed: true)  // safe: doubles
        case .multiply:
            return try checkedFloat(x * y, infinityAllowed: x.isInfinite || y.isInfinite, zeroAllowed: x == 0 || y == 0)  // safe: doubles
        case .divide:
            if y == 0 && !x.isNaN { throw divisionByZero }
            return try checkedFloat(x / y, infinityAllowed: x.isInfinite, zeroAllowed: x == 0 || y.isInfinite)  // safe: doubles
        default:
            throw PlanError(.execution, "bad arithmetic operator")
        }
    }

    /// `sum` and `avg` adding one more double to a running sum (PostgreSQL's `float8pl`).
    @inline(__always)
    public static func floatSum(_ sum: Double, _ x: Double) throws(PlanError) -> Double {
        let r = sum + x  // safe: doubles, overflow checked below
        if r.isInfinite && sum.isFinite && x.isFinite { throw floatOverflow }
        return r
    }

    /// `power(x, y)` (PostgreSQL's `dpow`).
    static func floatPower(_ x: Double, _ y: Double) throws(PlanError) -> Double {
        // NaN ^ 0 = 1 and 1 ^ NaN = 1; any other NaN input gives NaN (POSIX).
        if x.isNaN { return y == 0 ? 1 : .nan }
        if y.isNaN { return x == 1 ? 1 : .nan }
        if x == 0 && y < 0 { throw PlanError(.execution, "zero raised to a negative power is undefined") }
        if x < 0 && y.rounded(.down) != y {
            throw PlanError(.execution, "a negative number raised to a non-integer power yields a complex result")
        }
        let r = Foundation.pow(x, y)
        let finite = x.isFinite && y.isFinite
        return try checkedFloat(r, infinityAllowed: !finite, zeroAllowed: x == 0 || !finite)
    }

    /// `exp(x)` (PostgreSQL's `dexp`).
    static func floatExp(_ x: Double) throws(PlanError) -> Double {
        if x.isNaN { return x }
        if x.isInfinite { return x > 0 ? x : 0 }
        return try checkedFloat(Foundation.exp(x), infinityAllowed: false, zeroAllowed: false)
    }

    /// `ln(x)` and `log(x)` (base 10): zero and negative numbers are errors; NaN is NaN.
    static func floatLog(_ x: Double, natural: Bool) throws(PlanError) -> Double {
        if x == 0 { throw PlanError(.execution, "cannot take logarithm of zero") }
        if x < 0 { throw PlanError(.execution, "cannot take logarithm of a negative number") }
        return natural ? Foundation.log(x) : Foundation.log10(x)
    }

    /// `sqrt(x)`: a negative number is an error; NaN is NaN.
    static func floatSqrt(_ x: Double) throws(PlanError) -> Double {
        if x < 0 { throw PlanError(.execution, "cannot take square root of a negative number") }
        return x.squareRoot()
    }
}
