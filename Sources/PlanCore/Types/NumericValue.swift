import Foundation

/// A value of PostgreSQL's unconstrained `NUMERIC` (`NUMERIC` or `DECIMAL` written
/// without a precision): an exact decimal that carries its own scale (`1.5` and `1.50`
/// are equal and print as written), or NaN.
///
/// Limits (documented in sql-semantics.md): at most ``maxDigits`` digits and a scale of
/// at most ``maxScale``; a result past them is `numeric field overflow`, never rounded.
/// PostgreSQL's numeric has no such small limit.
///
/// Result scales are PostgreSQL's: `+ - %` the larger operand scale, `*` their sum, `/`
/// `select_div_scale` (at least 16 significant digits), rounded half away from zero.
public struct NumericValue: Sendable {
    /// The digits, `value = unscaled / 10^scale` (0 for NaN).
    public let unscaled: Int128
    /// Digits after the point (``nanScale`` for NaN).
    public let scale: Int

    /// The most digits a value has (its packed form keeps 7 bits for the scale).
    public static let maxDigits = 36
    /// The largest scale.
    public static let maxScale = 126
    static let nanScale = 127

    public static let nan = NumericValue(checked: 0, scale: nanScale)
    public static let zero = NumericValue(checked: 0, scale: 0)

    public var isNaN: Bool { scale == Self.nanScale }

    /// A value within the limits (the caller has checked them).
    init(checked unscaled: Int128, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// `unscaled / 10^scale`, or nil past ``maxDigits`` digits or outside scales 0...``maxScale``.
    public init?(unscaled: Int128, scale: Int) {
        guard scale >= 0, scale <= Self.maxScale, DecimalMath.fits(unscaled, precision: Self.maxDigits) else { return nil }
        self.init(checked: unscaled, scale: scale)
    }

    static let overflowMessage = "numeric field overflow: an unconstrained NUMERIC holds at most \(maxDigits) digits at a scale of at most \(maxScale)"

    /// ``init(unscaled:scale:)`` or the overflow error.
    public static func make(_ unscaled: Int128, scale: Int) throws(PlanError) -> NumericValue {
        guard let n = NumericValue(unscaled: unscaled, scale: scale) else { throw PlanError(.execution, overflowMessage) }
        return n
    }

    // MARK: - Packed form

    /// The value in one `Int128` (a column of NUMERIC keeps these in a decimal buffer):
    /// `unscaled · 128 + scale`; NaN has scale 127.
    public var packed: Int128 { unscaled << 7 | Int128(truncatingIfNeeded: scale) }  // safe: |unscaled| < 10^36, so · 128 < 2^127

    public init(packed: Int128) {
        self.init(checked: packed >> 7, scale: Int(truncatingIfNeeded: packed & 127))
    }

    // MARK: - Text

    /// PostgreSQL's output: the digits at the value's own scale (`1.50`, `0.00000001`), `NaN`.
    public var text: String { isNaN ? "NaN" : DecimalMath.format(unscaled, scale: scale) }

    public var doubleValue: Double {
        if isNaN { return .nan }
        return Double(text) ?? 0
    }

    /// PostgreSQL's `numeric_in`: surrounding spaces, a sign, digits with at most one point,
    /// an exponent (`1e-20`, `1.5E3`), or `NaN` in any case. The scale is the digits after
    /// the point less the exponent (`1.5e3` is `1500`, `1e-20` has scale 20). Nil when the
    /// text is not a number; the overflow error when it is one past the limits.
    public static func parse(_ text: String) throws(PlanError) -> NumericValue? {
        let t = text.trimmingSpaces()
        if t.lowercased() == "nan" { return .nan }
        var chars = Substring(t)
        var negative = false
        if chars.first == "-" || chars.first == "+" { negative = chars.first == "-"; chars = chars.dropFirst() }
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let digits = chars[chars.index(after: e)...]
            guard let x = Int(digits), !digits.hasPrefix("+-"), x.magnitude <= 1000 else { return nil }  // safe: a failable parse of text
            exponent = x
            chars = chars[..<e]
        }
        let whole = chars.prefix(while: { $0 != "." })
        let fraction = chars.dropFirst(whole.count).dropFirst()
        guard !(whole.isEmpty && fraction.isEmpty), chars.filter({ $0 == "." }).count <= 1,
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        var digits = Substring(whole + fraction).drop(while: { $0 == "0" })  // safe: strings
        var scale = fraction.count - exponent  // safe: |exponent| ≤ 1000
        if scale < 0 {
            // `1.5e3`: the exponent moves the point past the digits; zeros fill in.
            digits += String(repeating: "0", count: digits.isEmpty ? 0 : -scale)  // safe: scale < 0
            scale = 0
        }
        if digits.isEmpty { return try make(0, scale: min(scale, maxScale)) }
        guard digits.count <= maxDigits, let magnitude = Int128(digits) else { throw PlanError(.execution, overflowMessage) }  // safe: a failable parse of at most 36 digits
        return try make(negative ? -magnitude : magnitude, scale: scale)  // safe: magnitude < 10^36
    }

    /// A `double precision` as PostgreSQL converts it (`float8_numeric`): its 15
    /// significant digits (`0.1` is `0.1`); NaN is NaN, an infinity an error.
    public static func from(_ d: Double) throws(PlanError) -> NumericValue {
        if d.isNaN { return .nan }
        guard d.isFinite else { throw PlanError(.execution, "cannot convert infinity to numeric") }
        let text = String(format: "%.15g", d)  // C's %.15g, as float8_numeric
        guard let n = try parse(text) else { throw PlanError(.execution, overflowMessage) }
        return n
    }

    // MARK: - Comparison

    /// Trailing fraction zeros dropped: the one form equal values share.
    var normalized: NumericValue {
        var u = unscaled, s = scale
        while s > 0, s != Self.nanScale, u % 10 == 0 { u /= 10; s -= 1 }
        return NumericValue(checked: u, scale: s)
    }

    /// The exponent of the leading digit of a non-zero value (`123.4` → 2, `0.05` → -2).
    var leadingExponent: Int {
        String(unscaled.magnitude).count - 1 - scale  // safe: both below 200
    }

    /// Orders two values as PostgreSQL does: NaN above every number and equal to NaN.
    public static func compare(_ a: NumericValue, _ b: NumericValue) -> Int {
        if a.isNaN || b.isNaN { return a.isNaN == b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
        let sa = a.unscaled.signum(), sb = b.unscaled.signum()
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let ea = a.leadingExponent, eb = b.leadingExponent
        if ea != eb { return (ea < eb) == (sa > 0) ? -1 : 1 }
        // Same leading exponent: aligned at the larger scale both have as many digits as
        // the one that has it, so neither overflows.
        let s = max(a.scale, b.scale)
        let x = DecimalMath.rescale(a.unscaled, from: a.scale, to: s) ?? a.unscaled
        let y = DecimalMath.rescale(b.unscaled, from: b.scale, to: s) ?? b.unscaled
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}

extension NumericValue: Hashable {
    /// Equal by value: `1.5 = 1.50`, NaN = NaN.
    public static func == (a: NumericValue, b: NumericValue) -> Bool { compare(a, b) == 0 }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.unscaled)
        hasher.combine(n.scale)
    }
}

extension NumericValue {
    // MARK: - Arithmetic

    /// `a op b` with PostgreSQL's result scales; NaN in, NaN out.
    public static func arithmetic(_ op: BinaryOperator, _ a: NumericValue, _ b: NumericValue) throws(PlanError) -> NumericValue {
        if a.isNaN || b.isNaN { return .nan }
        switch op {
        case .plus, .minus, .modulo:
            let s = max(a.scale, b.scale)
            guard let x = DecimalMath.rescale(a.unscaled, from: a.scale, to: s),
                  let y = DecimalMath.rescale(b.unscaled, from: b.scale, to: s) else { throw PlanError(.execution, overflowMessage) }
            if op == .modulo {
                if y == 0 { throw ScalarOps.divisionByZero }
                return try make(y == -1 ? 0 : x % y, scale: s)  // safe: y ≠ 0, -1
            }
            let (r, o) = op == .plus ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
            if o { throw PlanError(.execution, overflowMessage) }
            return try make(r, scale: s)
        case .multiply:
            let (r, o) = a.unscaled.multipliedReportingOverflow(by: b.unscaled)
            if o { throw PlanError(.execution, overflowMessage) }
            return try make(r, scale: a.scale + b.scale)  // safe: scales ≤ 126
        case .divide:
            if b.unscaled == 0 { throw ScalarOps.divisionByZero }
            let rscale = min(divisionScale(a, b), maxScale)
            // x/10^xs ÷ y/10^ys at rscale, with one more digit to round half away from zero.
            let shift = rscale - a.scale + b.scale + 1  // safe: scales ≤ 126
            guard var q = DecimalMath.divide(a.unscaled, b.unscaled, shift: shift) else { throw PlanError(.execution, overflowMessage) }
            let last = q % 10
            q /= 10
            if last >= 5 || last <= -5 { q += last > 0 ? 1 : -1 }  // safe: |q| < Int128.max / 10
            return try make(q, scale: rscale)
        default:
            throw PlanError(.execution, "operator \(op.rawValue) cannot be applied to numeric")
        }
    }

    /// PostgreSQL's `select_div_scale`: 16 significant digits from the quotient's
    /// estimated weight (in base-10000 digits, as PostgreSQL stores numerics), and no
    /// fewer fraction digits than either operand has.
    static func divisionScale(_ a: NumericValue, _ b: NumericValue) -> Int {
        let (w1, d1) = a.base10000Lead, (w2, d2) = b.base10000Lead
        var qweight = w1 - w2  // safe: weights are small
        if d1 <= d2 { qweight -= 1 }
        return max(16 - qweight * 4, a.scale, b.scale, 0)  // safe: weights are small
    }

    /// The weight and value of the first non-zero base-10000 digit (0, 0 for zero): the
    /// groups of four decimal digits PostgreSQL stores, aligned at the decimal point.
    var base10000Lead: (weight: Int, digit: Int) {
        if unscaled == 0 { return (0, 0) }
        let e = leadingExponent
        let weight = e >= 0 ? e / 4 : -((-e + 3) / 4)  // safe: small; floor(e / 4)
        // digit = floor(|value| / 10000^weight) = |unscaled| / 10^(scale + 4·weight).
        let k = scale + 4 * weight  // safe: small
        let m = unscaled.magnitude
        let digit: UInt128
        if k >= 0 { digit = m / UInt128(DecimalMath.pow10(scale: k)) }  // safe: pow10 > 0; k ≤ digits of m
        else { digit = m * UInt128(DecimalMath.pow10(scale: -k)) }  // safe: -k ≤ 3 and the result < 10^4
        return (weight, Int(truncatingIfNeeded: digit))
    }

    public func negated() -> NumericValue {
        isNaN ? self : NumericValue(checked: -unscaled, scale: scale)  // safe: |unscaled| < 10^36
    }

    /// The value at `scale` digits (rounded half away from zero, or truncated), as
    /// `round(x, n)` and `trunc(x, n)` for `n = scale ≥ 0`; a negative `n` rounds to
    /// tens, hundreds… and keeps scale 0.
    public func rounded(to n: Int, truncate: Bool = false) throws(PlanError) -> NumericValue {
        if isNaN { return self }
        let target = max(n, 0)
        if n >= scale {
            guard let padded = DecimalMath.rescale(unscaled, from: scale, to: target) else { throw PlanError(.execution, Self.overflowMessage) }
            return try Self.make(padded, scale: target)
        }
        let drop = scale - n  // safe: n < scale ≤ 126
        guard let div = DecimalMath.pow10(drop) else { return NumericValue(checked: 0, scale: target) }
        var q = truncate ? unscaled / div : DecimalMath.divideRounded(unscaled, by: div)  // safe: div > 0
        if n < 0 {
            guard let back = DecimalMath.pow10(-n) else { return NumericValue(checked: 0, scale: 0) }  // safe: n < 0
            let (r, o) = q.multipliedReportingOverflow(by: back)
            if o { throw PlanError(.execution, Self.overflowMessage) }
            q = r
        }
        return try Self.make(q, scale: target)
    }

    /// `floor` (`up` false) or `ceil` (`up` true) at scale 0.
    public func integral(up: Bool) throws(PlanError) -> NumericValue {
        if isNaN || scale == 0 { return self }
        guard let div = DecimalMath.pow10(scale) else { return NumericValue(checked: 0, scale: 0) }
        var q = unscaled / div  // safe: div > 0
        let exact = q * div == unscaled  // safe: |q · div| ≤ |unscaled|
        if !exact && up && unscaled > 0 { q += 1 }  // safe: |q| < 10^36
        if !exact && !up && unscaled < 0 { q -= 1 }  // safe: |q| < 10^36
        return try Self.make(q, scale: 0)
    }
}
