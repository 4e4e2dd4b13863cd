/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01),
/// after Howard Hinnant's `days_from_civil` algorithms. No Foundation, no time zones.
public enum CivilDate {
    /// Days since 1970-01-01 for a year, month (1–12) and day (1–31).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of a day number.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD` exactly; `nil` if malformed or not a real date. The shape a
    /// CSV column's type is guessed from; values are read by ``DateTimeText`` (PostgreSQL's
    /// input rules), through ``TextInput``.
    public static func parse(_ text: String) -> Int? {
        let parts = text.trimmingSpaces().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4,
              let y = Int(parts[0]), y >= 1, let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]` to microseconds since the epoch: the
    /// shape a CSV column's type is guessed from (see ``parse(_:)``).
    public static func parseTimestamp(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces()
        let datePart: Substring
        var timePart: Substring = ""
        if let sep = trimmed.firstIndex(where: { $0 == " " || $0 == "T" }) {
            datePart = trimmed[..<sep]
            timePart = trimmed[trimmed.index(after: sep)...]
        } else {
            datePart = Substring(trimmed)
        }
        guard let days = parse(String(datePart)) else { return nil }
        var micros: Int64 = 0
        if !timePart.isEmpty {
            let hms = timePart.split(separator: ":", omittingEmptySubsequences: false)
            guard hms.count == 2 || hms.count == 3, let h = Int(hms[0]), let mi = Int(hms[1]),
                  (0...23).contains(h), (0...59).contains(mi) else { return nil }
            var secondsMicros: Int64 = 0
            if hms.count == 3 {
                let secParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
                guard let s = Int(secParts[0]), (0...59).contains(s), secParts.count <= 2 else { return nil }
                var frac: Int64 = 0
                if secParts.count == 2 {
                    let digits = String(secParts[1].prefix(6)).padding(toLength: 6, with: "0")
                    guard let f = Int64(digits) else { return nil }
                    frac = f
                }
                secondsMicros = Int64(s) * 1_000_000 + frac
            }
            micros = Int64(h) * 3_600_000_000 + Int64(mi) * 60_000_000 + secondsMicros
        }
        return Int64(days) * 86_400_000_000 + micros
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (by code point:
    /// `"\r\n"` is one `Character` but two spaces).
    public func trimmingSpaces() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let view = unicodeScalars
        guard let start = view.firstIndex(where: { !isSpace($0) }),
              let end = view.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(view[start...end])
    }

    func padding(toLength length: Int, with pad: Character) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}
