/// A PostgreSQL-style interval: months, days and microseconds kept apart, because a month
/// has no fixed number of days and a day (across DST) no fixed number of seconds.
public struct Interval: Hashable, Sendable, Codable, BitwiseCopyable {
    public var months: Int32
    public var days: Int32
    public var micros: Int64

    public init(months: Int32 = 0, days: Int32 = 0, micros: Int64 = 0) {
        self.months = months
        self.days = days
        self.micros = micros
    }

    /// Units accepted after an interval literal (`INTERVAL '3' MONTH`) or inside its text.
    public enum Unit: String, CaseIterable, Sendable {
        case year, month, week, day, hour, minute, second

        public init?(word: String) {
            var w = word.lowercased()
            if w.hasSuffix("s") { w.removeLast() }
            if let unit = Unit(rawValue: w) { self = unit; return }
            switch w {
            case "yr", "y": self = .year
            case "mon": self = .month
            case "d": self = .day
            case "h", "hr": self = .hour
            case "min", "m": self = .minute
            case "sec", "s": self = .second
            default: return nil
            }
        }
    }

    /// `amount` of `unit` (amount may be fractional for seconds only; other fractions
    /// spill into the next smaller unit as PostgreSQL does for days and hours); nil when
    /// a field would not fit (`interval out of range`).
    public static func of(_ amount: Double, _ unit: Unit) -> Interval? {
        guard amount.isFinite, abs(amount) < 1e12 else { return nil }  // safe: Double
        func months(_ m: Double) -> Int32? { Int32(checking: m) }
        func days(_ d: Double) -> Int32? { Int32(checking: d) }
        func micros(_ u: Double) -> Int64? { Int64(checking: u.rounded()) }
        // Every product below is a Double (|amount| < 1e12), so none can trap; the
        // conversions to the fields are the checked ones.
        switch unit {
        case .year:
            return months(amount * 12).map { Interval(months: $0) }  // safe: Double
        case .month:
            let whole = amount.rounded(.towardZero)
            guard let m = months(whole), let d = days((amount - whole) * 30) else { return nil }  // safe: Double
            return Interval(months: m, days: d)
        case .week:
            return days(amount * 7).map { Interval(days: $0) }  // safe: Double
        case .day:
            let whole = amount.rounded(.towardZero)
            guard let d = days(whole), let u = micros((amount - whole) * 86_400_000_000) else { return nil }  // safe: Double
            return Interval(days: d, micros: u)
        case .hour: return micros(amount * 3_600_000_000).map { Interval(micros: $0) }  // safe: Double
        case .minute: return micros(amount * 60_000_000).map { Interval(micros: $0) }  // safe: Double
        case .second: return micros(amount * 1_000_000).map { Interval(micros: $0) }  // safe: Double
        }
    }

    /// Parses interval text such as `'3 months'`, `'1 year 2 days'`, `'90'` with a
    /// trailing-unit qualifier, or `'01:30:00'`. Nil when the text is malformed; a part
    /// or a sum that does not fit the fields is `interval out of range`.
    public static func parse(_ text: String, unit: Unit?) throws(PlanError) -> Interval? {
        let words = text.trimmingSpaces().split(whereSeparator: { $0 == " " }).map(String.init)
        guard !words.isEmpty else { return nil }
        var result = Interval()
        var i = 0
        while i < words.count {
            let word = words[i]
            if word.contains(":") {
                // `-01:30:00` is minus an hour and a half: the sign belongs to the whole time.
                let negative = word.hasPrefix("-")
                let unsigned = negative || word.hasPrefix("+") ? word.dropFirst() : Substring(word)
                let parts = unsigned.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
                guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
                let values = parts.compactMap { $0 }
                let magnitude = values[0] * 3600 + values[1] * 60 + (values.count == 3 ? values[2] : 0)  // safe: Double
                let seconds = negative ? -magnitude : magnitude  // safe: Double
                guard let micros = Int64(checking: (seconds * 1_000_000).rounded()) else { throw outOfRange }  // safe: Double
                result = try result.adding(Interval(micros: micros))
                i += 1
                continue
            }
            guard let amount = Double(word) else { return nil }
            let thisUnit: Unit
            if i + 1 < words.count, let u = Unit(word: words[i + 1]) {
                thisUnit = u
                i += 2
            } else if let unit, i + 1 == words.count {
                thisUnit = unit
                i += 1
            } else if i + 1 == words.count {
                thisUnit = .second
                i += 1
            } else {
                return nil
            }
            guard let part = Interval.of(amount, thisUnit) else { throw outOfRange }
            result = try result.adding(part)
        }
        return result
    }

}

extension Interval: CustomStringConvertible {
    /// PostgreSQL's output style `postgres` (its default): `1 year 2 mons 3 days 04:05:06`,
    /// `-1 days`, `00:00:00` for zero; a field is plural unless it is 1, a positive field
    /// after a negative one carries a `+` (`-1 days +02:00:00`), the seconds' fraction has
    /// no trailing zeros.
    public var description: String {
        var out = ""
        var isZero = true, isBefore = false
        func field(_ value: Int32, _ unit: String) {
            guard value != 0 else { return }
            out += (isZero ? "" : " ") + (isBefore && value > 0 ? "+" : "") + "\(value) \(unit)" + (value != 1 ? "s" : "")  // safe: strings
            isBefore = value < 0
            isZero = false
        }
        field(months / 12, "year")
        field(months % 12, "mon")
        field(days, "day")
        if isZero || micros != 0 {
            out += (isZero ? "" : " ") + (micros < 0 ? "-" : isBefore ? "+" : "") + DateTimeText.time(micros: micros)  // safe: strings
        }
        return out
    }
}
