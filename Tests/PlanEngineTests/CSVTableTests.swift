import Foundation
import PlanCore
import PlanEngine
import Testing

@Suite struct CSVTableTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    func session() -> Session {
        let s = Session()
        s.baseDirectory = Self.fixtures
        return s
    }

    @Test func infersTypesAndHandlesQuotesAndNulls() throws {
        let s = session()
        _ = try s.execute("CREATE EXTERNAL TABLE people STORED AS CSV LOCATION 'csv/people.csv'")
        let plan = try s.logicalPlan("SELECT * FROM people")
        #expect(plan.schema.fields.map(\.dataType) == [.int64, .text, .float64, .date, .boolean])
        let rows = try s.query("SELECT id, name, price, day, flag FROM people ORDER BY id").rows
        #expect(rows[0] == [.int64(1), .string("Smith, John"), .float64(1.5), .date(Int32(CivilDate.parse("2024-01-31") ?? 0)), .boolean(true)])
        #expect(rows[1][1] == .null)
        #expect(rows[2][1] == .string("say \"hi\""))
        #expect(rows[2][2] == .null && rows[2][4] == .null)
        #expect(rows[3][1] == .string("multi\nline"))
    }

    @Test func headerOffAndDelimiterOption() throws {
        let s = session()
        _ = try s.execute("CREATE EXTERNAL TABLE n (k INTEGER, v TEXT) STORED AS CSV LOCATION 'csv/noheader.csv' OPTIONS (header 'false', delimiter ';')")
        #expect(try s.query("SELECT v FROM n WHERE k = 2").rows == [[.string("y")]])
    }

    @Test func declaredDecimalsAreExact() throws {
        let s = session()
        _ = try s.execute("CREATE EXTERNAL TABLE p (id INT, name TEXT, price DECIMAL(10,2), day DATE, flag BOOLEAN) STORED AS CSV LOCATION 'csv/people.csv'")
        #expect(try s.query("SELECT sum(price) FROM p").rows == [[.decimal(775, precision: 38, scale: 2)]])
    }

    @Test func raggedRowsBadNumbersAndMissingFilesAreOneLineErrors() throws {
        let s = session()
        #expect(throws: StatementError.self) { try s.execute("CREATE EXTERNAL TABLE r STORED AS CSV LOCATION 'csv/ragged.csv'") }
        _ = try s.execute("CREATE EXTERNAL TABLE b (id INT, amount INT) STORED AS CSV LOCATION 'csv/badnumber.csv'")
        do {
            _ = try s.query("SELECT sum(amount) FROM b")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("badnumber.csv:3:3: invalid input syntax for type integer: \"ten\" (column 'amount')"))
        }
        // The session goes on after an error.
        #expect(try s.query("SELECT 42").rows == [[.int64(42)]])
    }
}
