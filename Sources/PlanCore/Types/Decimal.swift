/// Helpers for exact decimals stored as a scaled `Int128` (value = unscaled / 10^scale).
public enum DecimalMath {
    /// 10^n for n in 0...38.
    public static func pow10(_ n: Int) -> Int128 {
        if n >= 0 && n < powers.count { return powers[n] }
        var result: Int128 = 1
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }

    /// 10^0 … 10^38, computed once (parsing a decimal field asks for its limit every time).
    static let powers: [Int128] = {
        var out: [Int128] = [1]
        for _ in 1...38 { out.append((out.last ?? 1) * 10) }
        return out
    }()

    /// The largest unscaled magnitude a precision allows (10^p - 1).
    /// (Precision is at most 38 wherever a type is checked; past it this saturates rather
    /// than trap.)
    public static func maxUnscaled(precision: Int) -> Int128 {
        precision > DataType.maxDecimalPrecision ? Int128.max : pow10(precision) - 1
    }

    /// Parses `-12.345` into an unscaled value at `scale`, rounding half away from zero.
    /// Returns `nil` on malformed text or overflow of `precision`.
    public static func parse(_ text: String, precision: Int, scale: Int) -> Int128? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, precision: precision, scale: scale) }
    }

    /// ``parse(_:precision:scale:)`` over UTF-8 bytes (a CSV field as read): surrounding
    /// spaces, tabs and line breaks ignored, an optional sign, digits with at most one
    /// point, the digit after the scale rounding half away from zero. One pass, no String.
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>, precision: Int, scale: Int) -> Int128? {
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        var i = 0, n = b.count
        while i < n, isSpace(b[i]) { i += 1 }
        while n > i, isSpace(b[n - 1]) { n -= 1 }
        var negative = false
        if i < n, b[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if i < n, b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < n else { return nil }
        // Up to 18 digits (most fields) accumulate in 64 bits, which cannot overflow.
        if n - i <= 19, let v = parseShort(b, from: i, to: n, scale: scale) {
            guard v <= maxUnscaled(precision: precision) else { return nil }
            return negative ? -v : v
        }
        var value: Int128 = 0
        func push(_ digit: UInt8) -> Bool {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(digit))
            value = a
            return !(o1 || o2)
        }
        var wholeDigits = 0
        while i < n, b[i] != UInt8(ascii: ".") {
            let d = b[i] &- 48
            guard d < 10, push(d) else { return nil }
            wholeDigits += 1
            i += 1
        }
        var fracDigits = 0
        var roundUp = false
        if i < n {
            i += 1  // the point
            while i < n {
                let d = b[i] &- 48
                guard d < 10 else { return nil }
                if fracDigits < scale {
                    guard push(d) else { return nil }
                } else if fracDigits == scale {
                    roundUp = d >= 5
                }
                fracDigits += 1
                i += 1
            }
        }
        guard wholeDigits > 0 || fracDigits > 0 else { return nil }
        for _ in min(fracDigits, scale)..<max(scale, 0) { guard push(0) else { return nil } }
        if roundUp { value += 1 }
        guard value <= maxUnscaled(precision: precision) else { return nil }
        return negative ? -value : value
    }

    /// Digits with at most one point in `b[i..<n]` (at most 18 digits), scaled to
    /// `scale`; nil when there is anything else (the general parser then decides).
    private static func parseShort(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to n: Int, scale: Int) -> Int128? {
        var value: UInt64 = 0
        var i = start, whole = 0, frac = 0
        while i < n {
            let d = b[i] &- 48
            if d >= 10 { break }
            value = value &* 10 &+ UInt64(d)
            whole += 1
            i += 1
        }
        if i < n {
            guard b[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            while i < n {
                let d = b[i] &- 48
                // More fraction digits than the scale means rounding: the general parser's.
                guard d < 10, frac < scale else { return nil }
                value = value &* 10 &+ UInt64(d)
                frac += 1
                i += 1
            }
        }
        guard whole + frac > 0 else { return nil }
        guard frac < scale else { return Int128(value) }
        let (scaled, overflow) = Int128(value).multipliedReportingOverflow(by: pow10(scale - frac))
        return overflow ? nil : scaled
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
