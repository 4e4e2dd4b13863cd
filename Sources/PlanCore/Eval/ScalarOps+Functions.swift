import Foundation

extension ScalarOps {
    /// Evaluates a scalar function on values, producing `resultType`.
    public static func function(_ f: ScalarFunction, _ args: [ScalarValue], resultType: DataType) throws(PlanError) -> ScalarValue {
        switch f {
        case .coalesce:
            for a in args where !a.isNull { return try cast(a, to: resultType) }
            return .null
        case .nullif:
            if args[0].isNull { return .null }
            if !args[1].isNull, compare(args[0], args[1]) == 0 { return .null }
            return args[0]
        case .greatest, .least:
            var best: ScalarValue = .null
            for a in args where !a.isNull {
                let v = try cast(a, to: resultType)
                if best.isNull { best = v; continue }
                let c = compare(v, best) ?? 0
                if (f == .greatest && c > 0) || (f == .least && c < 0) { best = v }
            }
            return best
        case .concat:
            return .string(args.filter { !$0.isNull }.map(\.outputText).joined())
        case .concatWs:
            guard !args[0].isNull else { return .null }
            return .string(args.dropFirst().filter { !$0.isNull }.map(\.outputText).joined(separator: args[0].sqlText))
        case .now, .currentDate:
            // Fixed per statement: the physical planner puts the statement's value in its place.
            throw PlanError(.execution, "\(f.rawValue)() has no value outside a statement")
        default: break
        }
        if args.contains(where: \.isNull) { return .null }
        if let value = try zoned(f, args) { return value }
        switch f {
        case .abs:
            switch args[0] {
            case .decimal(let u, let p, let s): return .decimal(abs(u), precision: p, scale: s)  // safe: |u| ≤ 10^38 by its type
            case .float32(let x): return .float32(abs(x))
            case .float64(let x): return .float64(abs(x))
            case .numeric(let n): return .numeric(n.unscaled < 0 ? n.negated() : n)
            default:
                guard let i = args[0].int64Value else { break }
                guard i != .min else { throw overflow(resultType) }
                return try integer(abs(i), as: resultType)
            }
        case .round, .trunc, .floor, .ceil:
            let digits = args.count > 1 ? args[1].int64Value ?? 0 : 0
            switch args[0] {
            case .numeric(let n):
                // PostgreSQL: the result has scale n (never below 0); floor and ceil scale 0.
                if f == .floor || f == .ceil { return .numeric(try n.integral(up: f == .ceil)) }
                let n32 = Int(clamping: digits)
                return .numeric(try n.rounded(to: max(min(n32, 1000), -1000), truncate: f == .trunc))
            case .decimal(let u, _, let s):
                let outScale: Int
                let outP: Int
                if case .decimal(let p, let rs) = resultType { outScale = rs; outP = p } else { outScale = s; outP = 38 }
                let keep = f == .floor || f == .ceil ? 0 : digits
                let r = try roundDecimal(u, scale: s, keep: keep, f, resultType)
                guard let out = DecimalMath.rescale(r, from: s, to: outScale),
                      DecimalMath.fits(out, precision: outP) else { throw overflow(resultType) }
                return .decimal(out, precision: outP, scale: outScale)
            case .float32, .float64:
                let x = args[0].doubleValue ?? 0
                let m = pow(10.0, Double(digits))
                let r: Double
                switch f {
                // PostgreSQL rounds a double half to even (rint), a numeric half away from zero.
                case .round: r = (x * m).rounded(.toNearestOrEven) / m  // safe: doubles
                case .trunc: r = (x * m).rounded(.towardZero) / m
                case .floor: r = x.rounded(.down)
                default: r = x.rounded(.up)
                }
                return resultType == .float32 ? .float32(Float(r)) : .float64(r)
            default:
                guard let i = args[0].int64Value else { break }
                if digits >= 0 || f == .floor || f == .ceil { return try integer(i, as: resultType) }
                // Rounding an integer to 10^k (k ≥ 1) is the decimal rounding at scale 0.
                let r = try roundDecimal(Int128(i), scale: 0, keep: digits, f, resultType)
                guard let v = Int64(exactly: r) else { throw overflow(resultType) }
                return try integer(v, as: resultType)
            }
        case .sqrt: return .float64(try floatSqrt(args[0].doubleValue ?? 0))
        case .exp: return .float64(try floatExp(args[0].doubleValue ?? 0))
        case .ln, .log10: return .float64(try floatLog(args[0].doubleValue ?? 0, natural: f == .ln))
        case .power: return .float64(try floatPower(args[0].doubleValue ?? 0, args[1].doubleValue ?? 0))
        case .sign:
            let x = args[0].doubleValue ?? 0
            return .float64(x > 0 ? 1 : (x < 0 ? -1 : 0))
        case .mod:
            return try arithmetic(.modulo, args[0], args[1], resultType: resultType)
        // Text functions count, cut and compare code points (``Text``), never Swift's
        // `Character`s (grapheme clusters) or canonical equivalence.
        case .upper: return .string(Text.upper(args[0].sqlText))
        case .lower: return .string(Text.lower(args[0].sqlText))
        case .reverse: return .string(Text.string(args[0].sqlText.unicodeScalars.reversed()))
        case .length: return .int32(Int32(clamping: Text.length(args[0].sqlText)))
        case .octetLength: return .int32(Int32(clamping: args[0].sqlText.utf8.count))
        case .initcap: return .string(Text.initcap(args[0].sqlText))
        case .chr:
            // PostgreSQL's chr: a code point of 1...0x10FFFF that is not a surrogate.
            let n = args[0].int64Value ?? 0
            if n == 0 { throw PlanError(.execution, "null character not permitted") }
            guard n > 0, n <= 0x10FFFF else { throw PlanError(.execution, "requested character too large for encoding: \(n)") }
            guard let c = Unicode.Scalar(UInt32(n)) else { throw PlanError(.execution, "requested character not valid for encoding: \(n)") }  // safe: 0 < n ≤ 0x10FFFF
            return .string(String(c))
        case .splitPart:
            return .string(try Text.splitPart(args[0].sqlText, args[1].sqlText, args[2].int64Value ?? 0))
        case .trim, .ltrim, .rtrim:
            let chars = Set((args.count > 1 ? args[1].sqlText : " ").unicodeScalars)
            var s = Substring(args[0].sqlText).unicodeScalars
            if f != .rtrim { s = s.drop(while: { chars.contains($0) }) }
            if f != .ltrim { while let last = s.last, chars.contains(last) { s = s.dropLast() } }
            return .string(String(s))
        case .substr:
            let s = Text.scalars(args[0].sqlText)
            let start = Int(args[1].int64Value ?? 1)
            var end = s.count + 1
            if args.count > 2 {
                let len = Int(args[2].int64Value ?? 0)
                guard len >= 0 else { throw PlanError(.execution, "negative substring length not allowed") }
                let (sum, overflow) = start.addingReportingOverflow(len)
                end = overflow ? Int.max : sum
            }
            let lo = max(start, 1), hi = min(end, s.count + 1)
            return .string(lo < hi ? Text.string(s[(lo - 1)..<(hi - 1)]) : "")  // safe: 1 ≤ lo < hi ≤ count + 1
        case .left, .right:
            let s = Text.scalars(args[0].sqlText)
            let n = Int(args[1].int64Value ?? 0)
            let count = n >= 0 ? min(n, s.count) : max(0, s.count + n)
            return .string(Text.string(f == .left ? s.prefix(count) : s.suffix(count)))
        case .repeatString:
            let n = Int(args[1].int64Value ?? 0)
            guard n <= 1_000_000 else { throw PlanError(.execution, "repeat count \(n) is too large") }
            return .string(String(repeating: args[0].sqlText, count: max(0, n)))
        case .lpad, .rpad:
            let s = Text.scalars(args[0].sqlText)
            let n = Int(args[1].int64Value ?? 0)
            guard n <= 1_000_000 else { throw PlanError(.execution, "pad length \(n) is too large") }
            let fill = Text.scalars(args.count > 2 ? args[2].sqlText : " ")
            if n <= s.count { return .string(Text.string(s.prefix(max(0, n)))) }
            if fill.isEmpty { return .string(Text.string(s)) }
            var pad: [Unicode.Scalar] = []
            while pad.count < n - s.count { pad.append(fill[pad.count % fill.count]) }
            return .string(Text.string(f == .lpad ? pad + s : s + pad))  // safe: arrays
        case .replace:
            return .string(Text.replacing(args[1].sqlText, with: args[2].sqlText, in: args[0].sqlText))
        case .strpos:
            let hay = args[0].sqlText
            guard let at = Text.firstByteOffset(of: args[1].sqlText, in: hay) else { return .int32(0) }
            // 1 + the code points before the match (bytes that do not continue one).
            let before = hay.utf8.prefix(at).reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }  // safe: at most the byte count
            return .int32(Int32(clamping: before + 1))  // safe: before ≤ the byte count
        case .startsWith: return .boolean(Text.hasPrefix(args[0].sqlText, args[1].sqlText))
        case .age:
            guard args.count == 2 else { break }
            return try age(args[0], args[1])
        case .regexpLike:
            let regex = try SQLRegex(pattern: args[1].sqlText, flags: args.count > 2 ? args[2].sqlText : "", function: f)
            return .boolean(regex.matches(args[0].sqlText))
        case .regexpReplace:
            let regex = try SQLRegex(pattern: args[1].sqlText, flags: args.count > 3 ? args[3].sqlText : "", function: f)
            return .string(regex.replacing(in: args[0].sqlText, with: args[2].sqlText))
        case .datePart: return try datePart(args[0].sqlText.lowercased(), args[1])
        case .dateTrunc: return try dateTrunc(args[0].sqlText.lowercased(), args[1])
        case .jsonGet, .jsonGetText: return try jsonMember(args[0].sqlText, args[1], asText: f == .jsonGetText)
        case .spanContains:
            guard let low = compare(args[0], args[2]), let high = compare(args[2], args[1]) else { break }
            return .boolean(low <= 0 && high < 0)
        default: break
        }
        throw PlanError(.execution, "\(f.rawValue) cannot be applied to \(args.map { $0.dataType.sqlName }.joined(separator: ", "))")
    }

    /// `u / 10^scale` rounded (`round`, half away from zero), truncated, floored or
    /// ceiled to `keep` fraction digits (negative: to tens, hundreds, …), still at `scale`.
    /// Any `keep` is accepted: past 38 digits to round away, the result is 0.
    static func roundDecimal(_ u: Int128, scale s: Int, keep: Int64, _ f: ScalarFunction,
                             _ resultType: DataType) throws(PlanError) -> Int128 {
        guard keep < Int64(s) else { return u }  // safe: Int is Int64
        // safe: s ≤ 38 and keep < s, so s - keep does not overflow unless keep is near Int64.min
        let (drop, o) = Int64(s).subtractingReportingOverflow(keep)
        // |u| < 1.8·10^38 < 10^39 / 2: every digit rounds away, and the result is 0
        // (a floor of a negative or a ceiling of a positive value would be ±10^39: too large).
        guard !o, let div = DecimalMath.pow10(Int(drop)) else {
            if (f == .floor && u < 0) || (f == .ceil && u > 0) { throw overflow(resultType) }
            return 0
        }
        var q = u / div  // safe: div ≥ 1
        let rem = u % div  // safe: div ≥ 1
        switch f {
        case .round: q = DecimalMath.divideRounded(u, by: div)
        case .floor: if rem < 0 { q -= 1 }  // safe: |q| ≤ |u|
        case .ceil: if rem > 0 { q += 1 }  // safe: |q| ≤ |u|
        default: break
        }
        let (r, o2) = q.multipliedReportingOverflow(by: div)
        if o2 { throw overflow(resultType) }
        return r
    }

    /// The member `key` (an object key, or an array index when `key` is an integer;
    /// negative from the end) of the JSON text `doc`, as PostgreSQL's `json` operators give
    /// it: `->` its text as written in `doc`, `->>` a string member unquoted and any other
    /// as written; NULL when there is no such member.
    static func jsonMember(_ doc: String, _ key: ScalarValue, asText: Bool) throws(PlanError) -> ScalarValue {
        let found: (value: JSONValue, text: String)?
        do { found = try JSONValue.member(of: doc, key: key) } catch {
            throw PlanError(.execution, "json_get: not valid JSON: \(error)")
        }
        guard let (member, text) = found else { return .null }
        // As PostgreSQL: `->` of a JSON null is the JSON text null, `->>` is SQL NULL.
        if member.isNull { return asText ? .null : .string("null") }
        if asText, case .string(let s) = member { return .string(s) }
        return .string(text)
    }

    static func datePart(_ field: String, _ v: ScalarValue) throws(PlanError) -> ScalarValue {
        if case .interval(let i) = v {
            switch field {
            case "year": return .float64(Double(i.months / 12))
            case "month": return .float64(Double(i.months % 12))
            case "day": return .float64(Double(i.days))
            case "hour": return .float64(Double(i.micros / 3_600_000_000))
            case "minute": return .float64(Double(i.micros / 60_000_000 % 60))
            case "second": return .float64(Double(i.micros % 60_000_000) / 1e6)
            case "millisecond", "milliseconds": return .float64(Double(i.micros % 60_000_000) / 1e3)
            case "microsecond", "microseconds": return .float64(Double(i.micros % 60_000_000))
            case "quarter": return .float64(Double(i.months % 12 / 3 + 1))  // safe: at most 4
            case "decade": return .float64(Double(i.months / 12 / 10))
            case "century": return .float64(Double(i.months / 12 / 100))
            case "millennium": return .float64(Double(i.months / 12 / 1000))
            case "epoch":
                // PostgreSQL's: a year is 365.25 days, a month 30.
                let months = Double(i.months / 12) * 31_557_600 + Double(i.months % 12) * 2_592_000  // safe: doubles
                return .float64(months + Double(i.days) * 86_400 + Double(i.micros) / 1e6)  // safe: doubles
            default: throw PlanError(.execution, "interval field '\(field)' is not supported")
            }
        }
        guard let micros = try checkedTemporalMicros(v) else { throw PlanError(.execution, "date_part needs a date or timestamp") }
        let days = floorDiv(micros, 86_400_000_000)
        let rest = micros - days * 86_400_000_000
        let (y, m, d) = CivilDate.civil(days: Int(days))
        let value: Double
        switch field {
        case "year": value = Double(y)
        case "quarter": value = Double((m - 1) / 3 + 1)
        case "month": value = Double(m)
        case "day": value = Double(d)
        case "hour": value = Double(rest / 3_600_000_000)
        case "minute": value = Double(rest / 60_000_000 % 60)
        case "second": value = Double(rest % 60_000_000) / 1e6
        case "millisecond", "milliseconds": value = Double(rest % 60_000_000) / 1e3
        case "microsecond", "microseconds": value = Double(rest % 60_000_000)
        case "dow": value = Double(((days % 7) + 7 + 4) % 7)
        case "isodow": let w = ((days % 7) + 7 + 4) % 7; value = Double(w == 0 ? 7 : w)
        case "doy": value = Double(Int(days) - CivilDate.days(year: y, month: 1, day: 1) + 1)
        case "week":
            // ISO week number.
            let wd = Int((((days % 7) + 7 + 3) % 7))  // Monday = 0
            let thursday = Int(days) - wd + 3
            let ty = CivilDate.civil(days: thursday).year
            value = Double((thursday - CivilDate.days(year: ty, month: 1, day: 1)) / 7 + 1)
        case "epoch": value = Double(micros) / 1e6
        case "decade": value = Double(Int(floor(Double(y) / 10)))
        case "century": value = Double(y > 0 ? (y + 99) / 100 : -((99 - y) / 100))
        case "millennium": value = Double(y > 0 ? (y + 999) / 1000 : -((999 - y) / 1000))
        default: throw PlanError(.execution, "date field '\(field)' is not supported")
        }
        return .float64(value)
    }

    static func dateTrunc(_ field: String, _ v: ScalarValue) throws(PlanError) -> ScalarValue {
        guard let micros = try checkedTemporalMicros(v) else { throw PlanError(.execution, "date_trunc needs a date or timestamp") }
        let days = floorDiv(micros, 86_400_000_000)
        let rest = micros - days * 86_400_000_000
        let (y, m, _) = CivilDate.civil(days: Int(days))
        let dayMicros: (Int) -> Int64 = { Int64($0) * 86_400_000_000 }
        switch field {
        case "year": return .timestamp(dayMicros(CivilDate.days(year: y, month: 1, day: 1)))
        case "quarter": return .timestamp(dayMicros(CivilDate.days(year: y, month: (m - 1) / 3 * 3 + 1, day: 1)))
        case "month": return .timestamp(dayMicros(CivilDate.days(year: y, month: m, day: 1)))
        case "week":
            let wd = Int(((days % 7) + 7 + 3) % 7)
            return .timestamp(dayMicros(Int(days) - wd))
        case "day": return .timestamp(days * 86_400_000_000)
        case "hour": return .timestamp(days * 86_400_000_000 + rest / 3_600_000_000 * 3_600_000_000)
        case "minute": return .timestamp(days * 86_400_000_000 + rest / 60_000_000 * 60_000_000)
        case "second": return .timestamp(days * 86_400_000_000 + rest / 1_000_000 * 1_000_000)
        default: throw PlanError(.execution, "date_trunc field '\(field)' is not supported")
        }
    }
}
