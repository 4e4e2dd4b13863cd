import Foundation
import PlanCore
import PlanExec
@testable import PlanProviders
import Testing

/// Chunks without quotes are parsed column by column; they give exactly what the one
/// streaming reader gives, and what they cannot take goes to the reader.
@Suite struct CSVColumnarChunkTests {
    static let schema = Schema([
        Field(name: "id", dataType: .int64), Field(name: "price", dataType: .decimal(precision: 15, scale: 2)),
        Field(name: "day", dataType: .date), Field(name: "mode", dataType: .text), Field(name: "n", dataType: .int32),
        Field(name: "ratio", dataType: .float64), Field(name: "flag", dataType: .boolean), Field(name: "note", dataType: .text),
    ])

    /// About 3 MiB: NULLs (empty fields) in every column, blank lines, CRLF endings, fields
    /// with spaces, quoted fields, and (unless `newlineAtEnd`) a last record without its
    /// newline.
    static func write(rows: Int, newlineAtEnd: Bool, badRow: Int? = nil, shortRow: Int? = nil) throws -> String {
        let path = NSTemporaryDirectory() + "planscope-columnar-\(UUID().uuidString).csv"
        var text = "id,price,day,mode,n,ratio,flag,note\n"
        for i in 1...rows {
            func or(_ s: String, every k: Int) -> String { i % k == 0 ? "" : s }
            let price = badRow == i ? "12.x" : or("\(i % 10_000).\(i % 100)", every: 11)
            var fields = [or("\(i)", every: 97), price, or("199\(i % 10)-0\(1 + i % 9)-1\(i % 10)", every: 13),
                          or(["MAIL", "SHIP", "AIR", "REG AIR"][i % 4], every: 17), or("\(i % 70_000 - 35_000)", every: 19),
                          or("\(Double(i) / 8)", every: 23), or(i % 2 == 0 ? "true" : "f", every: 29), or("note number \(i) ", every: 31)]
            // Quoted fields: with commas, with a newline (a line more), once with "" escapes
            // (that chunk goes to the reader).
            if i % 7 == 0 { fields[7] = "\"a note, with commas \(i)\"" }
            if i % 1_013 == 0 { fields[7] = "\"two\nlines \(i)\"" }
            if i % 3 == 0, !fields[3].isEmpty { fields[3] = "\"" + fields[3] + "\"" }
            if i == 20_000 { fields[7] = "\"she said \"\"hi\"\"\"" }
            if shortRow == i { fields.removeLast() }
            text += fields.joined(separator: ",") + (i % 5 == 0 ? "\r\n" : "\n")
            if i % 1_000 == 0 { text += i % 2_000 == 0 ? "\n" : "\r\n" }
        }
        if !newlineAtEnd { text.removeLast() }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [false, true]) func columnarChunksGiveTheReadersRows(newlineAtEnd: Bool) throws {
        let path = try Self.write(rows: 40_000, newlineAtEnd: newlineAtEnd)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try CSVTable(path: path, schema: Self.schema, options: [:])
        // The fast path takes the first chunk (and so, without quotes, every chunk).
        let appender = CSVRecordAppender(table: table, projection: Array(Self.schema.fields.indices))
        let size = try #require((try FileManager.default.attributesOfItem(atPath: path))[.size] as? Int)
        let header = "id,price,day,mode,n,ratio,flag,note\n".utf8.count
        let first = try CSVTable.columnarParse(path: path, from: header, limit: header + CSVTable.chunkBytes, size: size, appender: appender)
        #expect(first != nil)
        let sequential = try CSVChunkTests.scanAll(table, chunked: false)
        let chunked = try CSVChunkTests.scanAll(table, chunked: true)
        #expect(sequential.rowCount == 40_000)
        #expect(chunked.rowCount == sequential.rowCount)
        for c in Self.schema.fields.indices {
            #expect(chunked.columns[c] == sequential.columns[c], "column \(Self.schema.fields[c].name)")
        }
    }

    @Test func whatTheColumnarPathCannotTakeFailsAsTheReaderDoes() throws {
        for (bad, short) in [(31_234, nil), (nil, 25_000)] as [(Int?, Int?)] {
            let path = try Self.write(rows: 40_000, newlineAtEnd: true, badRow: bad, shortRow: short)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let table = try CSVTable(path: path, schema: Self.schema, options: [:])
            var messages: [String] = []
            for chunked in [false, true] {
                do { _ = try CSVChunkTests.scanAll(table, chunked: chunked) } catch { messages.append("\(error)") }
            }
            #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
        }
    }

    /// A file (about 3 MiB) with a byte order mark and no header, whose fields are in
    /// shapes the columnar path does not take but CAST reads (a timestamp in a DATE column,
    /// `on`/`Off`/`y` booleans, numbers padded with spaces and tabs) in some chunks only:
    /// every path gives CAST's values.
    @Test func fieldsReadAsCastReadsThemInEveryPath() throws {
        let path = NSTemporaryDirectory() + "planscope-cast-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = "\u{feff}"
        let rows = 90_000
        for i in 1...rows {
            let odd = i > 60_000 && i % 3 == 0
            text += "\(i),\(odd ? "2024-01-05 10:00:00" : "2024-01-05"),\(odd ? ["on", "Off", "y"][i % 3] : "true"),\(odd ? " 1.5\t" : "1.5")\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let schema = Schema([Field(name: "id", dataType: .int64), Field(name: "day", dataType: .date),
                             Field(name: "flag", dataType: .boolean), Field(name: "ratio", dataType: .float64)])
        let table = try CSVTable(path: path, schema: schema, options: ["header": "false"])
        let sequential = try CSVChunkTests.scanAll(table, chunked: false)
        let chunked = try CSVChunkTests.scanAll(table, chunked: true)
        #expect(sequential.rowCount == rows)
        for c in schema.fields.indices { #expect(chunked.columns[c] == sequential.columns[c], "column \(schema.fields[c].name)") }
        for r in [0, 60_002, rows - 1] {
            let texts = text.dropFirst().split(separator: "\n")[r].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for c in schema.fields.indices {
                #expect(chunked.columns[c].value(r) == (try ScalarOps.cast(.string(texts[c]), to: schema.fields[c].dataType)), "row \(r) column \(c)")
            }
        }
    }
}
