import Foundation
import PlanSupport

/// A time zone as PostgreSQL reads one in `SET TIME ZONE`, `AT TIME ZONE` and the
/// session's `execution.time_zone`: an IANA name (case-insensitive, spelled back as the
/// zone database spells it: `europe/berlin` is `Europe/Berlin`), read through
/// Foundation's `TimeZone`, or a POSIX-style fixed offset.
///
/// POSIX offsets count hours *west* of Greenwich, as PostgreSQL reads them: the zone
/// `'+02:00'` (or `'UTC+2'`) is two hours behind UTC, and `SET TIME ZONE 2` (a number,
/// hours *east*) is written `<+02>-02`. Offsets inside a timestamp's text
/// (`'2024-03-10 02:30:00+01'`) are ISO 8601's, east of Greenwich.
///
/// Local times a daylight-saving change skips (a gap) take the offset in force before the
/// change, and local times it repeats (an overlap) the offset after it, as PostgreSQL.
public struct SQLTimeZone: Hashable, Sendable, CustomStringConvertible {
    enum Rule: Hashable, Sendable {
        /// Seconds east of UTC.
        case fixed(Int)
        case named(TimeZone)
    }

    /// The name as `SHOW` prints it.
    public let name: String
    let rule: Rule

    public static let utc = SQLTimeZone(name: "UTC", rule: .fixed(0))

    init(name: String, rule: Rule) {
        self.name = name
        self.rule = rule
    }

    public var description: String { name }

    /// Whether this is UTC (offset 0 at every instant).
    public var isUTC: Bool { rule == .fixed(0) }

    /// The zone `text` names, or nil when it names none.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 100 else { return nil }
        let lower = trimmed.lowercased()
        if ["utc", "z", "zulu", "gmt", "etc/utc", "uct", "universal"].contains(lower) {
            self = .utc
            return
        }
        if let identifier = Self.identifiers[lower], let zone = TimeZone(identifier: identifier) {
            self.init(name: identifier, rule: .named(zone))
            return
        }

        guard let west = Self.posixOffset(trimmed) else { return nil }
        self.init(name: trimmed, rule: .fixed(-west))  // safe: |west| ≤ 15·3600 + 59·60 + 59
    }

    /// The zone `hours` east of UTC (`SET TIME ZONE 2`), named as PostgreSQL shows it
    /// (`<+02>-02`); nil past ±15 hours.
    public init?(hoursEast hours: Double) {
        guard hours.isFinite, abs(hours) <= 15 else { return nil }  // safe: Double
        let seconds = Int((hours * 3600).rounded())  // safe: |hours| ≤ 15
        let label = Self.offsetText(seconds)
        let posix = Self.offsetText(-seconds)  // safe: |seconds| ≤ 54,000
        self.init(name: "<\(label)>\(posix)", rule: .fixed(seconds))
    }

    /// The zone `seconds` east of UTC (`SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE`).
    public init?(secondsEast seconds: Int) {
        guard seconds.magnitude <= 15 * 3600 + 59 * 60 + 59 else { return nil }  // safe: constants
        self.init(name: "<\(Self.offsetText(seconds))>\(Self.offsetText(-seconds))", rule: .fixed(seconds))  // safe: bounded
    }

    /// IANA identifiers by their lower-case form: Foundation's list and the zone
    /// database's files (Foundation's list lacks some, `Asia/Kolkata`).
    static let identifiers: [String: String] = {
        var out: [String: String] = [:]
        let root = "/usr/share/zoneinfo"
        if let files = FileManager.default.enumerator(atPath: root) {
            for case let path as String in files where !path.hasPrefix("posix") && !path.hasPrefix("right")
                && path.first?.isUppercase == true && !path.contains(".") {
                out[path.lowercased()] = path
            }
        }
        for id in TimeZone.knownTimeZoneIdentifiers { out[id.lowercased()] = id }
        return out
    }()

    /// A POSIX offset's seconds *west* of UTC: `+02`, `-05:30`, `+0530`, `UTC+2`,
    /// `<+02>-02`; nil for anything else.
    static func posixOffset(_ text: String) -> Int? {
        var rest = Substring(text)
        if rest.hasPrefix("<") {
            guard let close = rest.firstIndex(of: ">") else { return nil }
            rest = rest[rest.index(after: close)...]
        } else {
            let letters = rest.prefix { $0.isLetter }
            if !letters.isEmpty {
                guard letters.count >= 3, letters.count <= 6 else { return nil }
                rest = rest.dropFirst(letters.count)
            }
        }
        return isoOffset(rest, signRequired: false)
    }

    /// `[+|-]hh[:mm[:ss]]` or `[+|-]hhmm` as seconds (east for ISO text, west for POSIX:
    /// the caller says which); nil when malformed or past 15:59:59.
    public static func isoOffset(_ text: Substring, signRequired: Bool) -> Int? {
        var rest = text
        var sign = 1
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        } else if signRequired {
            return nil
        }
        var parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, parts[0].count == 4 { parts = [String(parts[0].prefix(2)), String(parts[0].suffix(2))] }
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        let numbers = parts.compactMap { Int($0) }  // safe: parsing at most two digits
        let h = numbers[0], m = numbers.count > 1 ? numbers[1] : 0, s = numbers.count > 2 ? numbers[2] : 0
        guard h <= 15, m <= 59, s <= 59 else { return nil }
        return sign * (h * 3600 + m * 60 + s)  // safe: below 16 hours
    }

    /// An offset as PostgreSQL's ISO output writes it: `+01`, `-05`, `+05:30`, `+00:53:28`.
    public static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let m = seconds.magnitude
        let h = Int(m / 3600), mi = Int(m / 60 % 60), s = Int(m % 60)  // safe: offsets are below a day
        var out = sign + CivilDate.pad(h, 2)  // safe: strings
        if mi != 0 || s != 0 { out += ":" + CivilDate.pad(mi, 2) }
        if s != 0 { out += ":" + CivilDate.pad(s, 2) }
        return out
    }

    // MARK: - Offsets

    /// Seconds east of UTC in force at the instant `utcMicros`.
    public func offset(atUTC utcMicros: Int64) -> Int {
        switch rule {
        case .fixed(let s): return s
        case .named(let zone):
            let seconds = Double(ScalarOps.floorDiv(utcMicros, 1_000_000))
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
        }
    }

    /// The UTC instant of the local wall-clock time `localMicros` in this zone (a gap
    /// takes the offset before the change, an overlap the offset after it).
    public func utc(fromLocal localMicros: Int64) throws(PlanError) -> Int64 {
        if case .fixed(let s) = rule { return try Self.shift(localMicros, by: -s) }  // safe: |s| < 57,600
        let day: Int64 = 86_400_000_000
        let (before, after) = (offset(atUTC: localMicros &- day), offset(atUTC: localMicros &+ day))  // safe: wrapping only at the Int64 ends, where offsets do not change
        let early = try Self.shift(localMicros, by: -after)  // safe: |after| < 57,600
        let late = try Self.shift(localMicros, by: -before)  // safe: |before| < 57,600
        if before == after { return late }
        let earlyValid = offset(atUTC: early) == after
        let lateValid = offset(atUTC: late) == before
        switch (lateValid, earlyValid) {
        case (true, true): return before > after ? early : late  // overlap: the offset after the change
        case (true, false): return late
        case (false, true): return early
        case (false, false): return late  // gap: the offset before the change
        }
    }

    /// The local wall-clock time of the UTC instant `utcMicros`.
    public func local(fromUTC utcMicros: Int64) throws(PlanError) -> Int64 {
        try Self.shift(utcMicros, by: offset(atUTC: utcMicros))
    }

    static func shift(_ micros: Int64, by seconds: Int) throws(PlanError) -> Int64 {
        let (r, o) = micros.addingReportingOverflow(Int64(seconds) * 1_000_000)  // safe: |seconds| < 57,600
        guard !o, r >= ScalarOps.minTimestamp else { throw ScalarOps.timestampOutOfRange }
        return r
    }
}

extension SQLTimeZone {
    /// Zones read by name, kept for the process (a column's rows name few zones, and
    /// reading one is a look-up in the zone database).
    static let cache = Locked<[String: SQLTimeZone]>([:])

    /// The zone a function's argument names, or PostgreSQL's error
    /// `time zone "Mars/Olympus" not recognized`.
    public static func named(_ text: String) throws(PlanError) -> SQLTimeZone {
        if let known = cache.withLock({ $0[text] }) { return known }
        guard let zone = SQLTimeZone(text) else {
            throw PlanError(.execution, "time zone \"\(text)\" not recognized")
        }
        cache.withLock { if $0.count < 1000 { $0[text] = zone } }
        return zone
    }
}
