import Foundation
import PlanCore
import PlanExec
@testable import PlanProviders
import Testing

/// CSV and JSON lines tables: their options, inferred schemas, scans and row counts.
@Suite struct FileTableTests {
    @Test func csvOptionsHeaderDelimiterAndNull() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "1|x|NA\n2|NA|2.5\n")
        let t = try CSVTable(path: path, schema: nil, options: ["header": "false", "delimiter": "|", "null": "NA"])
        #expect(t.schema.fields.map(\.name) == ["column1", "column2", "column3"])
        #expect(t.schema.fields.map(\.dataType) == [.int64, .text, .float64])
        #expect(try scanRows(t.scan(projection: nil, filters: [], limit: nil))
                == [[.int64(1), .string("x"), .null], [.int64(2), .null, .float64(2.5)]])
        // The same file with the default options: a header line, commas, no NULL text.
        let plain = try CSVTable(path: path, schema: nil, options: [:])
        #expect(plain.schema.fields.map(\.name) == ["1|x|NA"])
        #expect(try scanRows(plain.scan(projection: nil, filters: [], limit: nil)) == [[.string("2|NA|2.5")]])
    }

    @Test func csvHeaderNamesAreMadeUnique() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "a,a,,b\n1,2,3,4\n")
        let t = try CSVTable(path: path, schema: nil, options: [:])
        #expect(t.schema.fields.map(\.name) == ["a", "a_2", "column3", "b"])
    }

    @Test func csvOptionsThatAreWrongAreOneClearError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "a,b\n1,2\n")
        func message(_ options: [String: String], schema: Schema? = nil) -> String {
            do { _ = try CSVTable(path: path, schema: schema, options: TableOptions(options)); return "ok" } catch { return "\(error)" }
        }
        #expect(message(["header": "maybe"]).contains("CSV option header must be true or false, got 'maybe'"))
        #expect(message(["delimiter": ";;"]).contains("CSV delimiter must be a single character, got ';;'"))
        #expect(message(["quote": "'"]).contains("unknown CSV option 'quote'"))
        #expect(message([:], schema: Schema([Field(name: "a", dataType: .int64)])).contains("the table declares 1 column but the file has 2"))
        #expect(message(["format.has_header": "true", "format.delimiter": ","]) == "ok")
    }

    @Test func csvScanAppliesProjectionAndLimitAndCountsRows() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.csv", "id,name\n" + (1...250).map { "\($0),n\($0 % 3)" }.joined(separator: "\n") + "\n")
        let t = try CSVTable(path: path, schema: nil, options: [:])
        #expect(t.estimatedRowCount == 250)
        #expect(t.rowCountIsExact)
        let stats = ScanStatistics()
        let out = try scanRows(t.scan(projection: [1], filters: [], limit: 3, statistics: stats))
        #expect(out == [[.string("n1")], [.string("n2")], [.string("n0")]])
        #expect(try scanRows(t.scan(projection: [0], filters: [], limit: nil)).count == 250)
    }

    @Test func jsonLinesKeysBecomeColumnsAndMissingKeysAreNull() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.jsonl", """
            {"id": 1, "name": "a", "score": 1.5}

            {"id": 2, "score": 2}
            {"name": "c", "id": 3, "extra": true}
            """)
        let t = try JSONLinesTable(path: path)
        #expect(t.schema.fields.map(\.name) == ["id", "name", "score", "extra"])
        #expect(t.schema.fields.map(\.dataType) == [.int64, .text, .float64, .boolean])
        #expect(t.estimatedRowCount == 3)
        #expect(try scanRows(t.scan(projection: [0, 1], filters: [], limit: nil))
                == [[.int64(1), .string("a")], [.int64(2), .null], [.int64(3), .string("c")]])
        let filter = Expr.binary(column("id"), .gtEq, .literal(.int64(2)))
        let pushdown = t.supportsFiltersPushdown([filter])
        let filtered = try scanRows(t.scan(projection: [0], filters: [filter], limit: nil))
        // A filter the table accepts as Exact is applied by it; one it does not is left to the plan.
        #expect(filtered == (pushdown == [.exact] ? [[.int64(2)], [.int64(3)]] : [[.int64(1)], [.int64(2)], [.int64(3)]]))
    }

    @Test func jsonLinesErrorsNameTheLine() throws {
        let folder = try TemporaryFolder()
        let notObject = try folder.write("a.jsonl", "{\"a\": 1}\n[1, 2]\n")
        #expect(throws: PlanError.self) { try JSONLinesTable(path: notObject) }
        do { _ = try JSONLinesTable(path: notObject) } catch { #expect("\(error)".contains("line 2: expected a JSON object")) }
        let broken = try folder.write("b.jsonl", "{\"a\": 1}\n{\"a\": \n")
        do { _ = try JSONLinesTable(path: broken); Issue.record("a broken line was read") } catch {
            #expect("\(error)".contains("b.jsonl line 2:"))
        }
    }
}
