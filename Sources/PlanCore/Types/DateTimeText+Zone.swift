/// `TIMESTAMP WITH TIME ZONE` text, as PostgreSQL reads and writes it (`DateStyle` ISO).
extension DateTimeText {
    /// `text` as an instant (microseconds since 1970-01-01 00:00:00 UTC): the written
    /// zone's (`+01`, `Z`, `Europe/Berlin`) or else `zone`'s local time.
    public static func timestampTZ(_ text: String, zone: SQLTimeZone) throws(PlanError) -> Int64 {
        let fields = try read(text, type: "timestamp with time zone")
        let outOfRange = PlanError(.execution, "timestamp out of range: \"\(text)\"")
        let (dayMicros, o1) = fields.days.multipliedReportingOverflow(by: 86_400_000_000)
        let (local, o2) = dayMicros.addingReportingOverflow(fields.micros)
        guard !o1, !o2 else { throw outOfRange }
        do {
            switch fields.zone {
            case .offset(let east)?: return try SQLTimeZone.shift(local, by: -east)  // safe: |east| < 57,600
            case .named(let written)?: return try written.utc(fromLocal: local)
            case nil: return try zone.utc(fromLocal: local)
            }
        } catch {
            throw outOfRange
        }
    }

    /// An instant as PostgreSQL prints a `timestamptz` in `zone`:
    /// `2024-03-10 02:30:00+01`, `2024-01-01 05:30:00.5+05:30`.
    public static func format(utcMicros: Int64, zone: SQLTimeZone) -> String {
        let offset = zone.offset(atUTC: utcMicros)
        let (local, o) = utcMicros.addingReportingOverflow(Int64(offset) * 1_000_000)  // safe: |offset| < 57,600
        guard !o else { return format(micros: utcMicros) + "+00" }
        let text = format(micros: local)
        let zoneText = SQLTimeZone.offsetText(offset)
        if text.hasSuffix(" BC") { return String(text.dropLast(3)) + zoneText + " BC" }  // safe: strings
        return text + zoneText  // safe: strings
    }
}
