/// Dates and timestamps as PostgreSQL reads and writes them (its `DateStyle` `ISO, MDY`):
/// the one reader behind `CAST('…' AS DATE/TIMESTAMP)`, `DATE '…'` literals and CSV
/// fields (through ``TextInput``), and the one writer behind every display.
///
/// Input: a date `Y-M-D` (also with `/` or `.`; a year of three or more digits), `M-D-Y`
/// (a first field of one or two digits; a two-digit year is 1970–2069), `YYYYMMDD` or
/// `YYMMDD`; then optionally a time `H:M[:S[.f]]` after a space or `T` (hour 24 only as
/// `24:00:00`, the next midnight; second 60 carries into the next minute; fractions
/// rounded to microseconds, half to even as PostgreSQL's `rint`), a time zone (`+02`,
/// `-05:30`, `Z`, `UTC`, `Europe/Berlin`: a timestamp without time zone drops it, a
/// `TIMESTAMPTZ` reads the time in it; ``DateTimeText/timestampTZ(_:zone:)``), and
/// `BC` or `AD`. `epoch` is 1970-01-01. Output: `YYYY-MM-DD[ HH:MM:SS[.f]][ BC]`, the
/// fraction without trailing zeros, years before 1 written as PostgreSQL writes them
/// (astronomical year 0 is `0001 BC`).
///
/// Not supported, each a clear error: `infinity`/`-infinity` (planscope's dates and
/// timestamps have no infinities) and the clock words `now`, `today`, `tomorrow`,
/// `yesterday` (queries have no clock); month names.
public enum DateTimeText {
    /// `text` as a day number (days since 1970-01-01); a time in the text is checked and
    /// dropped, as PostgreSQL's `date` input does.
    public static func date(_ text: String) throws(PlanError) -> Int32 {
        let fields = try read(text, type: "date")
        guard fields.days >= ScalarOps.minDay, fields.days <= ScalarOps.maxDay, let days = Int32(exactly: fields.days) else {
            throw PlanError(.execution, "date out of range: \"\(text)\"")
        }
        return days
    }

    /// `text` as microseconds since 1970-01-01 00:00:00.
    public static func timestamp(_ text: String) throws(PlanError) -> Int64 {
        let fields = try read(text, type: "timestamp")
        let outOfRange = PlanError(.execution, "timestamp out of range: \"\(text)\"")
        let (dayMicros, o1) = fields.days.multipliedReportingOverflow(by: 86_400_000_000)
        let (micros, o2) = dayMicros.addingReportingOverflow(fields.micros)
        guard !o1, !o2, micros >= ScalarOps.minTimestamp else { throw outOfRange }
        return micros
    }

    /// A day number as PostgreSQL prints a date: `2024-01-02`, `0044-03-15 BC`.
    public static func format(days: Int) -> String {
        let (y, m, d) = CivilDate.civil(days: days)
        let (year, bc) = y > 0 ? (y, false) : (1 - y, true)  // safe: |y| < 2^29
        return "\(CivilDate.pad(year, 4))-\(CivilDate.pad(m, 2))-\(CivilDate.pad(d, 2))" + (bc ? " BC" : "")
    }

    /// Microseconds since the epoch as PostgreSQL prints a timestamp:
    /// `2024-01-02 10:00:00.5`, `0044-03-15 12:00:00 BC`.
    public static func format(micros: Int64) -> String {
        let days = ScalarOps.floorDiv(micros, 86_400_000_000)
        var rest = micros % 86_400_000_000
        if rest < 0 { rest += 86_400_000_000 }  // safe: -one day < rest < 0
        let date = format(days: Int(days))  // safe: |days| < 1.1·10^8
        let (day, era) = date.hasSuffix(" BC") ? (String(date.dropLast(3)), " BC") : (date, "")
        return day + " " + time(micros: rest) + era  // safe: strings
    }

    /// A time of day or an interval's time part, `HH:MM:SS[.f]`, of a non-negative count
    /// of microseconds (hours may pass 24 in an interval).
    static func time(micros: UInt64) -> String {
        let h = micros / 3_600_000_000, mi = micros / 60_000_000 % 60, s = micros / 1_000_000 % 60
        let f = micros % 1_000_000
        // safe: h < 2^33, mi, s < 60 and f < 10^6 all fit Int
        return "\(CivilDate.pad(Int(h), 2)):\(CivilDate.pad(Int(mi), 2)):\(CivilDate.pad(Int(s), 2))" + fraction(Int(f))  // safe: see above
    }

    static func time(micros: Int64) -> String { time(micros: micros.magnitude) }

    /// `.f` for a count of microseconds below a second, trailing zeros dropped; empty for 0.
    static func fraction(_ micros: Int) -> String {
        guard micros != 0 else { return "" }
        var digits = CivilDate.pad(micros, 6)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    // MARK: - Reading

    /// What a date/time text says: the day and the time of day (which may be one whole
    /// day, for `24:00:00`).
    struct Fields {
        var days: Int64
        var micros: Int64
        /// The zone written after the time, if any (a timestamp without time zone drops it).
        var zone: WrittenZone? = nil
    }

    /// A time zone written in a date/time text: an ISO offset (seconds east) or a name.
    enum WrittenZone {
        case offset(Int)
        case named(SQLTimeZone)
    }

    /// ``writtenZone(_:)`` with an out-of-range offset's error naming `text`.
    static func zoneToken(_ token: String, text: String) throws(PlanError) -> WrittenZone? {
        do { return try writtenZone(token) } catch {
            throw PlanError(.execution, "time zone displacement out of range: \"\(text)\"")
        }
    }

    /// A token that is a time zone: `z`, `utc`, `gmt`, `+02`, `-05:30`, `+0530` (east, as
    /// ISO 8601 writes them) or an IANA name (`europe/berlin`).
    static func writtenZone(_ token: String) throws(PlanError) -> WrittenZone? {
        if token == "z" || token == "utc" || token == "gmt" || token == "zulu" { return .offset(0) }
        if let first = token.first, first == "+" || first == "-" {
            if let east = SQLTimeZone.isoOffset(Substring(token), signRequired: true) { return .offset(east) }
            // An offset's shape past ±15:59:59, as PostgreSQL words it.
            guard token.dropFirst().allSatisfy({ $0.isASCIIDigit || $0 == ":" }), token.count > 1 else { return nil }
            throw PlanError(.execution, "time zone displacement out of range")
        }
        guard token.contains("/"), let name = SQLTimeZone.identifiers[token], let zone = SQLTimeZone(name) else { return nil }
        return .named(zone)
    }

    static func read(_ text: String, type: String) throws(PlanError) -> Fields {
        let invalid = PlanError(.execution, "invalid input syntax for type \(type): \"\(text)\"")
        let outOfRange = PlanError(.execution, "date/time field value out of range: \"\(text)\"")
        let lower = text.trimmingSpaces().lowercased()
        switch lower {
        case "epoch": return Fields(days: 0, micros: 0)
        case "infinity", "+infinity", "-infinity":
            throw PlanError(.unsupported, "\(type) value \"\(text.trimmingSpaces())\" is not supported: planscope's dates and timestamps have no infinities")
        case "now", "today", "tomorrow", "yesterday", "allballs":
            throw PlanError(.unsupported, "\(type) value \"\(text.trimmingSpaces())\" is not supported: queries have no clock; write the date")
        default: break
        }
        var tokens = lower.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // `2024-01-02T10:00` : the T between a date and a time.
        if let first = tokens.first, let t = first.firstIndex(of: "t"), first[first.index(after: t)...].contains(":") {
            tokens.replaceSubrange(0...0, with: [String(first[..<t]), String(first[first.index(after: t)...])])
        }
        var bc = false
        if let last = tokens.last, last == "bc" || last == "ad" {
            bc = last == "bc"
            tokens.removeLast()
        }
        var date: (year: Int, month: Int, day: Int)?
        var time: Int64?
        var zone: WrittenZone?
        for var token in tokens {
            if let z = try zoneToken(token, text: text) {
                guard zone == nil else { throw invalid }
                zone = z
                continue
            }
            if token.contains("/"), token.first?.isLetter == true {
                throw PlanError(.execution, "time zone \"\(token)\" not recognized")
            }
            if token.contains(":") {
                guard time == nil, date != nil else { throw invalid }
                // A zone written straight after the time: `10:00:00+02`, `10:00:00z`.
                if let z = token.firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "z" }) {
                    guard zone == nil, let written = try zoneToken(String(token[z...]), text: text) else { throw invalid }
                    zone = written
                    token = String(token[..<z])
                }
                time = try readTime(token, invalid: invalid, outOfRange: outOfRange)
            } else if date == nil {
                date = try readDate(token, invalid: invalid, outOfRange: outOfRange)
            } else if time == nil, token.allSatisfy(\.isASCIIDigit), token.count == 6 || token.count == 4 {
                // `20240102 103000`: a time of digits after the date.
                let d = token.map { Int($0.asciiValue ?? 48) - 48 }  // safe: ASCII digits
                let h = d[0] * 10 + d[1], mi = d[2] * 10 + d[3]  // safe: digits
                let s = token.count == 6 ? d[4] * 10 + d[5] : 0  // safe: digits
                time = try timeOfDay(h, mi, s, 0, outOfRange: outOfRange)
            } else {
                throw invalid
            }
        }
        guard let (written, month, day) = date else { throw invalid }
        var year = written
        if bc {
            guard year >= 1 else { throw outOfRange }
            year = 1 - year  // safe: 1 ≤ year ≤ 10^7 (checked in readDate)
        }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { throw outOfRange }
        return Fields(days: Int64(CivilDate.days(year: year, month: month, day: day)), micros: time ?? 0, zone: zone)  // safe: widening Int (64 bits) to Int64
    }

    static func readDate(_ token: String, invalid: PlanError, outOfRange: PlanError) throws(PlanError) -> (Int, Int, Int) {
        func number(_ s: Substring) throws(PlanError) -> Int {
            guard !s.isEmpty, s.count <= 8, s.allSatisfy(\.isASCIIDigit), let n = Int(s) else { throw invalid }  // safe: parsing text, at most 8 digits
            return n
        }
        // Two-digit years: 1970–2069, as PostgreSQL.
        func year(_ s: Substring) throws(PlanError) -> Int {
            let n = try number(s)
            if s.count <= 2 { return n < 70 ? n + 2000 : n + 1900 }  // safe: n < 100
            return n
        }
        let parts = token.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        let result: (Int, Int, Int)
        if parts.count == 3 {
            if parts[0].count >= 3 {
                result = (try year(parts[0]), try number(parts[1]), try number(parts[2]))
            } else {
                result = (try year(parts[2]), try number(parts[0]), try number(parts[1]))
            }
        } else if parts.count == 1, token.allSatisfy(\.isASCIIDigit), token.count == 8 || token.count == 6 {
            let y = token.prefix(token.count - 4), md = token.suffix(4)  // safe: count is 6 or 8
            result = (try year(y), try number(md.prefix(2)), try number(md.suffix(2)))
        } else {
            throw invalid
        }
        // A year is never 0 (1 BC comes before 1 AD); PostgreSQL's last date is in 5874897.
        guard result.0 >= 1, result.0 <= 10_000_000 else { throw outOfRange }
        return result
    }

    static func readTime(_ token: String, invalid: PlanError, outOfRange: PlanError) throws(PlanError) -> Int64 {
        let clock = Substring(token)
        let hms = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3 else { throw invalid }
        func number(_ s: Substring) throws(PlanError) -> Int {
            guard !s.isEmpty, s.count <= 2, s.allSatisfy(\.isASCIIDigit), let n = Int(s) else { throw invalid }  // safe: parsing text, at most 2 digits
            return n
        }
        let h = try number(hms[0]), mi = try number(hms[1])
        var s = 0, f: Int64 = 0
        if hms.count == 3 {
            let secParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
            guard secParts.count <= 2 else { throw invalid }
            s = try number(secParts[0])
            if secParts.count == 2 {
                let digits = secParts[1]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let x = Double("0." + digits) else { throw invalid }
                // As PostgreSQL: rint of the fraction in microseconds (half to even).
                f = Int64((x * 1_000_000).rounded(.toNearestOrEven))  // safe: Double below 10^6 + 1
            }
        }
        return try timeOfDay(h, mi, s, f, outOfRange: outOfRange)
    }

    /// Microseconds of a time of day; `24:00:00` is one whole day, second 60 the next minute.
    static func timeOfDay(_ h: Int, _ mi: Int, _ s: Int, _ f: Int64, outOfRange: PlanError) throws(PlanError) -> Int64 {
        guard h <= 24, mi <= 59, s <= 60, !(s == 60 && f > 0), !(h == 24 && (mi > 0 || s > 0 || f > 0)) else { throw outOfRange }
        // safe: h ≤ 24, mi < 60, s ≤ 60, f ≤ 10^6: far inside Int64
        return Int64(h) * 3_600_000_000 + Int64(mi) * 60_000_000 + Int64(s) * 1_000_000 + f  // safe: see above
    }
}
