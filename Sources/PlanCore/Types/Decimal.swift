/// Helpers for exact decimals stored as a scaled `Int128` (value = unscaled / 10^scale).
public enum DecimalMath {
    /// 10^n for n in 0...38; nil past 38 (10^39 does not fit `Int128`) or below 0.
    /// Callers whose `n` is a checked scale or precision (0...38) say so where they unwrap.
    public static func pow10(_ n: Int) -> Int128? {
        n >= 0 && n < powers.count ? powers[n] : nil
    }

    /// 10^n for a scale or precision a checked ``DataType`` holds (0...38); outside that
    /// range (which no checked type reaches) 10^38, so a caller never traps.
    package static func pow10(scale n: Int) -> Int128 {
        pow10(n) ?? powers[38]
    }

    /// 10^0 … 10^38, computed once (parsing a decimal field asks for its limit every time).
    static let powers: [Int128] = {
        var out: [Int128] = [1]
        for _ in 1...38 { out.append((out.last ?? 1) * 10) }  // safe: 10^38 < Int128.max
        return out
    }()

    /// The largest unscaled magnitude a precision allows (10^p - 1).
    /// (Precision is at most 38 wherever a type is checked; past it this saturates rather
    /// than trap.)
    public static func maxUnscaled(precision: Int) -> Int128 {
        guard let limit = pow10(precision) else { return precision < 0 ? 0 : Int128.max }
        return limit - 1  // safe: 10^p ≥ 1
    }

    /// Whether an unscaled value has at most `precision` digits (compared by magnitude:
    /// `abs(Int128.min)` would trap).
    public static func fits(_ unscaled: Int128, precision: Int) -> Bool {
        unscaled.magnitude <= maxUnscaled(precision: precision).magnitude
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
        if roundUp {
            let (v, o) = value.addingReportingOverflow(1)
            if o { return nil }
            value = v
        }
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
        guard let factor = pow10(scale - frac) else { return value == 0 ? 0 : nil }  // safe: frac < scale
        let (scaled, overflow) = Int128(value).multipliedReportingOverflow(by: factor)
        return overflow ? nil : scaled
    }

    /// The decimal text of an unscaled value (`12345`, scale 2 → `123.45`).
    public static func format(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        let digits = String(unscaled.magnitude)
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

    /// Rescales an unscaled value from one scale to another (rounding half away from zero);
    /// nil when the result does not fit `Int128`. Any scale difference is accepted: a
    /// value shifted down by more than 38 digits rounds to 0.
    public static func rescale(_ value: Int128, from: Int, to: Int) -> Int128? {
        if to == from { return value }
        let (shift, o) = to.subtractingReportingOverflow(from)
        if o { return value == 0 ? 0 : nil }
        if shift > 0 {
            guard let factor = pow10(shift) else { return value == 0 ? 0 : nil }
            let (r, o) = value.multipliedReportingOverflow(by: factor)
            return o ? nil : r
        }
        // |value| < 1.8·10^38 < 10^39 / 2: shifted down by more than 38 digits it rounds to 0.
        guard shift != Int.min, let divisor = pow10(-shift) else { return 0 }  // safe: -shift after the Int.min check
        return divideRounded(value, by: divisor)
    }

    /// `x · 10^shift / y` truncated toward zero, for `y ≠ 0` and any `shift`; nil when the
    /// quotient does not fit `Int128`. The product is never formed when it would not fit:
    /// the quotient is then built digit by digit (long division on magnitudes).
    public static func divide(_ x: Int128, _ y: Int128, shift: Int) -> Int128? {
        guard y != 0 else { return nil }
        let negative = (x < 0) != (y < 0)
        let xm = x.magnitude, ym = y.magnitude
        var q: UInt128
        if shift < 0 {
            // x / (y · 10^-shift): a divisor past UInt128 exceeds any |x|, so the quotient is 0.
            guard shift != Int.min, let f = pow10(-shift) else { return 0 }  // safe: -shift after the Int.min check
            let (d, o) = ym.multipliedReportingOverflow(by: f.magnitude)
            if o { return 0 }
            q = xm / d  // safe: d ≥ 1
        } else if let f = pow10(shift), case let (n, o) = xm.multipliedReportingOverflow(by: f.magnitude), !o {
            q = n / ym  // safe: ym ≥ 1
        } else {
            q = xm / ym  // safe: ym ≥ 1
            var r = xm % ym  // safe: ym ≥ 1
            for _ in 0..<shift {
                // The next digit: 10·r / ym, with r < ym ≤ 2^127, so r + r·k stays below 2^128.
                var digit: UInt128 = 0, acc: UInt128 = 0
                for _ in 0..<10 {
                    acc += r  // safe: acc < ym and r < ym ≤ 2^127
                    if acc >= ym { acc -= ym; digit += 1 }  // safe: acc ≥ ym; digit ≤ 9
                }
                r = acc
                let (t, o1) = q.multipliedReportingOverflow(by: 10)
                let (u, o2) = t.addingReportingOverflow(digit)
                if o1 || o2 { return nil }
                q = u
                if q > UInt128(Int128.max) { return nil }
            }
        }
        guard q <= UInt128(Int128.max) else { return nil }
        let v = Int128(q)  // safe: checked above
        return negative ? -v : v  // safe: v ≥ 0
    }

    /// `value / divisor` rounded half away from zero, for `divisor > 0`; never traps
    /// (the remainder is compared with what is left of the divisor, not doubled).
    static func divideRounded(_ value: Int128, by divisor: Int128) -> Int128 {
        let q = value / divisor  // safe: divisor > 0, so neither zero nor -1
        let r = (value % divisor).magnitude  // safe: divisor > 0
        guard r >= divisor.magnitude - r else { return q }  // safe: r < |divisor|
        return value < 0 ? q - 1 : q + 1  // safe: |q| ≤ |value| / 2 when |divisor| ≥ 2; q = value (divisor 1) has r = 0
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
