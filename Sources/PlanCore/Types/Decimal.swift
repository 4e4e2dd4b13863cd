/// Helpers for exact decimals stored as a scaled `Int128` (value = unscaled / 10^scale).
public enum DecimalMath {
    /// 10^n for n in 0...38.
    public static func pow10(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }

    /// The largest unscaled magnitude a precision allows (10^p - 1).
    public static func maxUnscaled(precision: Int) -> Int128 { pow10(precision) - 1 }

    /// Parses `-12.345` into an unscaled value at `scale`, rounding half away from zero.
    /// Returns `nil` on malformed text or overflow of `precision`.
    public static func parse(_ text: String, precision: Int, scale: Int) -> Int128? {
        var s = Substring(text.trimmingSpaces())
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        let pieces = s.split(separator: ".", omittingEmptySubsequences: false)
        guard !s.isEmpty, pieces.count <= 2 else { return nil }
        let whole = pieces[0], frac = pieces.count == 2 ? pieces[1] : ""
        guard !(whole.isEmpty && frac.isEmpty),
              whole.allSatisfy(\.isASCIIDigit), frac.allSatisfy(\.isASCIIDigit) else { return nil }
        var value: Int128 = 0
        let limit = maxUnscaled(precision: precision)
        for d in whole {
            guard let digit = d.wholeNumberValue else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(digit))
            if o1 || o2 { return nil }
            value = a
        }
        let fracDigits = Array(frac)
        for i in 0..<scale {
            let digit = i < fracDigits.count ? (fracDigits[i].wholeNumberValue ?? 0) : 0
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(digit))
            if o1 || o2 { return nil }
            value = a
        }
        if fracDigits.count > scale, let next = fracDigits[scale].wholeNumberValue, next >= 5 {
            value += 1
        }
        guard value <= limit else { return nil }
        return negative ? -value : value
    }

    /// The decimal text of an unscaled value (`12345`, scale 2 → `123.45`).
    public static func format(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        let digits = String(negative ? -unscaled : unscaled)
        guard scale > 0 else { return (negative ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    /// Number of digits in the integer part of `text` plus its fraction digits: the
    /// smallest DECIMAL(p, s) that holds a literal exactly.
    public static func literalShape(_ text: String) -> (precision: Int, scale: Int) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = pieces[0].drop(while: { $0 == "0" }).count
        let scale = pieces.count == 2 ? pieces[1].count : 0
        return (max(1, whole + scale), scale)
    }

    /// Rescales an unscaled value from one scale to another (rounding half away from zero).
    public static func rescale(_ value: Int128, from: Int, to: Int) -> Int128? {
        if to == from { return value }
        if to > from {
            let (r, o) = value.multipliedReportingOverflow(by: pow10(to - from))
            return o ? nil : r
        }
        let divisor = pow10(from - to)
        var q = value / divisor
        let r = value % divisor
        if abs(r) * 2 >= divisor { q += value < 0 ? -1 : 1 }
        return q
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
