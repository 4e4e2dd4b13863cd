import PlanCore
import Testing

/// Time zones and `TIMESTAMPTZ` text as PostgreSQL reads and writes them (every expected
/// value checked against PostgreSQL 15).
@Suite struct TimeZoneTests {
    func zone(_ name: String) -> SQLTimeZone {
        SQLTimeZone(name) ?? .utc
    }
    /// `text` read in `session` and shown in `shown`.
    func tz(_ text: String, in session: String = "UTC", shownIn shown: String? = nil) -> String? {
        (try? DateTimeText.timestampTZ(text, zone: zone(session))).map { DateTimeText.format(utcMicros: $0, zone: zone(shown ?? session)) }
    }

    @Test func namesReadCaseInsensitivelyAndShowAsTheDatabaseSpellsThem() {
        #expect(SQLTimeZone("europe/berlin")?.name == "Europe/Berlin")
        #expect(SQLTimeZone("Asia/Kolkata")?.name == "Asia/Kolkata")
        #expect(SQLTimeZone("utc")?.isUTC == true)
        #expect(SQLTimeZone("Z")?.isUTC == true)
        #expect(SQLTimeZone("Mars/Olympus") == nil)
        #expect(SQLTimeZone("") == nil)
        #expect(SQLTimeZone(hoursEast: 2)?.name == "<+02>-02")
        #expect(SQLTimeZone(hoursEast: 16) == nil)
        #expect(SQLTimeZone(secondsEast: -12_600)?.name == "<-03:30>+03:30")
    }

    @Test func posixOffsetsCountHoursWest() {
        #expect(tz("2024-01-01 00:00+00", shownIn: "+02:00") == "2023-12-31 22:00:00-02")
        #expect(tz("2024-01-01 00:00+00", shownIn: "UTC+2") == "2023-12-31 22:00:00-02")
        #expect(tz("2024-01-01 00:00+00", shownIn: "-05:30") == "2024-01-01 05:30:00+05:30")
    }

    @Test func textWithOffsetsNamesAndNone() {
        #expect(tz("2024-03-10 02:30:00+01") == "2024-03-10 01:30:00+00")
        #expect(tz("2024-03-10T02:30:00Z") == "2024-03-10 02:30:00+00")
        #expect(tz("2024-01-01 00:00:00.5+0530") == "2023-12-31 18:30:00.5+00")
        #expect(tz("2024-01-01 00:00 Europe/Berlin") == "2023-12-31 23:00:00+00")
        #expect(tz("2024-01-01 00:00", in: "Asia/Tokyo") == "2024-01-01 00:00:00+09")
        #expect(tz("1850-01-01 00:00+00", shownIn: "Asia/Kolkata") == "1850-01-01 05:53:28+05:53:28")
        #expect(tz("0044-03-15 12:00+00 BC") == "0044-03-15 12:00:00+00 BC")
    }

    @Test func gapsTakeTheOffsetBeforeAndOverlapsTheOffsetAfter() {
        #expect(tz("2024-03-31 02:30", in: "Europe/Berlin") == "2024-03-31 03:30:00+02")
        #expect(tz("2024-10-27 02:30", in: "Europe/Berlin") == "2024-10-27 02:30:00+01")
        #expect(tz("2024-10-27 01:59:59", in: "Europe/Berlin") == "2024-10-27 01:59:59+02")
        #expect(tz("2024-03-10 02:30", in: "America/New_York") == "2024-03-10 03:30:00-04")
        #expect(tz("2024-11-03 01:30", in: "America/New_York") == "2024-11-03 01:30:00-05")
        #expect(tz("2024-11-03 05:30:00+00", shownIn: "America/New_York") == "2024-11-03 01:30:00-04")
    }

    @Test func badTextIsOneErrorNamingIt() {
        func error(_ text: String) -> String? {
            do { _ = try DateTimeText.timestampTZ(text, zone: .utc); return nil } catch { return error.message }
        }
        #expect(error("garbage") == "invalid input syntax for type timestamp with time zone: \"garbage\"")
        #expect(error("2024-13-45 25:00") == "date/time field value out of range: \"2024-13-45 25:00\"")
        #expect(error("2024-01-01 10:00 Mars/Olympus") == "time zone \"mars/olympus\" not recognized")
        #expect(error("2024-01-01 10:00+99") == "time zone displacement out of range: \"2024-01-01 10:00+99\"")
    }

    @Test func valuesAreUTCWhateverTheSessionSays() throws {
        // ScalarValue's own text is UTC's; results are shown in a zone on request.
        let v = ScalarValue.timestampTZ(try DateTimeText.timestampTZ("2024-07-01 12:00+00", zone: .utc))
        #expect(v.sqlText == "2024-07-01 12:00:00+00")
        #expect(v.sqlText(in: zone("America/New_York")) == "2024-07-01 08:00:00-04")
        #expect(v.description == "TimestampTz(\"2024-07-01 12:00:00+00\")")
        #expect(try ScalarOps.cast(.string("2024-07-01 14:00+02"), to: .timestampTZ) == v)
        #expect(DataType(sqlName: "TIMESTAMP WITH TIME ZONE") == .timestampTZ)
        #expect(DataType.commonType(.timestamp, .timestampTZ) == .timestampTZ)
    }
}
