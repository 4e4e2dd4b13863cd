import PlanCore
import Testing

/// Booleans, dates, timestamps and intervals as PostgreSQL reads and writes them (every
/// expected value checked against PostgreSQL 15).
@Suite struct DateTimeTextTests {
    func date(_ s: String) -> String? { (try? DateTimeText.date(s)).map { DateTimeText.format(days: Int($0)) } }
    func timestamp(_ s: String) -> String? { (try? DateTimeText.timestamp(s)).map { DateTimeText.format(micros: $0) } }
    func error(_ body: () throws(PlanError) -> some Any) -> String? {
        do { _ = try body(); return nil } catch { return error.message }
    }

    @Test func datesReadAsPostgreSQLReadsThem() {
        #expect(date("2024-01-02") == "2024-01-02")
        #expect(date("20240102") == "2024-01-02")
        #expect(date("240102") == "2024-01-02")
        #expect(date("2024/1/2") == "2024-01-02")
        #expect(date("2024.01.02") == "2024-01-02")
        #expect(date("1-2-3") == "2003-01-02")
        #expect(date("12345-01-01") == "12345-01-01")
        #expect(date("  2024-01-02 10:00 ") == "2024-01-02")
        #expect(date("0044-03-15 BC") == "0044-03-15 BC")
        #expect(date("4714-11-24 BC") == "4714-11-24 BC")
        #expect(date("epoch") == "1970-01-01")
        #expect(error { () throws(PlanError) in try DateTimeText.date("0000-01-01") } == "date/time field value out of range: \"0000-01-01\"")
        #expect(error { () throws(PlanError) in try DateTimeText.date("24-01-02") } == "date/time field value out of range: \"24-01-02\"")
        #expect(error { () throws(PlanError) in try DateTimeText.date("4714-11-23 BC") } == "date out of range: \"4714-11-23 BC\"")
        #expect(error { () throws(PlanError) in try DateTimeText.date("5874898-01-01") } == "date out of range: \"5874898-01-01\"")
        #expect(error { () throws(PlanError) in try DateTimeText.date("2024-01") } == "invalid input syntax for type date: \"2024-01\"")
        #expect(error { () throws(PlanError) in try DateTimeText.date("99999999999999999999-01-01") } == "invalid input syntax for type date: \"99999999999999999999-01-01\"")
        #expect(error { () throws(PlanError) in try DateTimeText.date("infinity") }?.contains("no infinities") == true)
        #expect(error { () throws(PlanError) in try DateTimeText.date("today") }?.contains("no clock") == true)
    }

    @Test func timestampsReadAndPrintAsPostgreSQL() {
        #expect(timestamp("2024-01-01 24:00:00") == "2024-01-02 00:00:00")
        #expect(timestamp("2024-01-02 23:59:60") == "2024-01-03 00:00:00")
        #expect(timestamp("2024-01-02T10:00:00") == "2024-01-02 10:00:00")
        #expect(timestamp("2024-01-02 10:00:00+02") == "2024-01-02 10:00:00")
        #expect(timestamp("2024-01-02 10:00:00 UTC") == "2024-01-02 10:00:00")
        #expect(timestamp("20240102 103000") == "2024-01-02 10:30:00")
        #expect(timestamp("2024-01-02 1:2:3") == "2024-01-02 01:02:03")
        #expect(timestamp("2024-01-01 10:00:00.500") == "2024-01-01 10:00:00.5")
        #expect(timestamp("2024-01-02 10:00:00.0000015") == "2024-01-02 10:00:00.000002")
        #expect(timestamp("2024-01-02 10:00:00.0000005") == "2024-01-02 10:00:00")
        #expect(timestamp("0044-03-15 12:30:00.25 BC") == "0044-03-15 12:30:00.25 BC")
        #expect(timestamp("2024-01-02 24:00:01") == nil)
        #expect(timestamp("2024-01-02 10") == nil)
        #expect(error { () throws(PlanError) in try DateTimeText.timestamp("300000-01-01") } == "timestamp out of range: \"300000-01-01\"")
        #expect(error { () throws(PlanError) in try DateTimeText.timestamp("x") } == "invalid input syntax for type timestamp: \"x\"")
    }

    @Test func intervalsPrintInStylePostgres() throws {
        #expect(Interval(days: -1).description == "-1 days")
        #expect(Interval(days: 1).description == "1 day")
        #expect(Interval().description == "00:00:00")
        #expect(Interval(months: 14, days: 3, micros: 14_706_000_000).description == "1 year 2 mons 3 days 04:05:06")
        #expect(Interval(months: -10).description == "-10 mons")
        #expect(Interval(months: -14, days: 3).description == "-1 years -2 mons +3 days")
        #expect(Interval(days: -1, micros: 7_200_000_000).description == "-1 days +02:00:00")
        #expect(Interval(days: 1, micros: -3_600_000_000).description == "1 day -01:00:00")
        #expect(Interval(micros: 1_500_000).description == "00:00:01.5")
        #expect(try Interval.parse("-01:30:00", unit: nil) == Interval(micros: -5_400_000_000))
        #expect(try Interval.parse("1 day -01:30", unit: nil) == Interval(days: 1, micros: -5_400_000_000))
        // What is printed reads back as the same interval.
        for i in [Interval(months: -14, days: 3, micros: 1), Interval(days: -1, micros: 7_200_000_000), Interval(micros: -5_400_500_000)] {
            #expect(try Interval.parse(i.description, unit: nil) == i, "\(i)")
        }
    }

    @Test func booleansReadAsPostgreSQL() {
        for (s, b) in [("t", true), ("tr", true), ("TRUE", true), (" yes ", true), ("y", true), ("on", true), ("1", true),
                       ("f", false), ("fal", false), ("n", false), ("no", false), ("of", false), ("off", false), ("0", false)] {
            #expect(TextInput.boolean(s) == b, "\(s)")
        }
        for s in ["o", "truex", "10", "", "yess", "nope"] {
            #expect(TextInput.boolean(s) == nil, "\(s)")
        }
    }
}
