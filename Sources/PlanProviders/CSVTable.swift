import Foundation
import PlanCore
import PlanExec
import PlanSubstrait

/// A table over one CSV file, read on every scan (streaming, batch by batch).
///
/// Options: `header` (default `true`), `delimiter` (default `,`), `null` (a text that
/// also means NULL unquoted; an empty unquoted field always does; a quoted field never
/// does). The schema is declared or inferred from the first rows (`BIGINT`, `DOUBLE`,
/// `DATE`, `TIMESTAMP`, `BOOLEAN`, else `TEXT`); header names keep their case. Fields
/// are read as `CAST` reads text (``TextInput``); a UTF-8 byte order mark is skipped.
public final class CSVTable: TableProvider {
    public let schema: Schema
    public let path: String
    public let hasHeader: Bool
    public let delimiter: UInt8
    public let nullText: String?
    /// The header line's names as written (empty without a header).
    public let headerNames: [String]
    public var kind: String { "csv" }

    /// Counted in files up to 1 MiB, else sampled from the first MiB (``CSVRowCount``).
    public var estimatedRowCount: Int? { rowCount.count?.rows }
    public var rowCountIsExact: Bool { rowCount.count?.exact ?? false }
    let rowCount: CSVRowCount

    /// Rows looked at to infer column types.
    public static let inferenceRows = 1000
    /// The options a CSV table takes (`format.` spellings as DataFusion writes them).
    public static let knownOptions = ["header", "delimiter", "null", "format.has_header", "format.delimiter"]

    public init(path: String, schema declared: Schema?, options: TableOptions) throws {
        try options.check(knownTo: CSVTable.knownOptions, format: "CSV", kind: .csv)
        let (hasHeader, byte) = try CSVTable.headerAndDelimiter(options)
        self.hasHeader = hasHeader
        delimiter = byte
        rowCount = CSVRowCount(path: path, delimiter: byte, hasHeader: hasHeader)
        nullText = options.text("null")
        self.path = path
        let (headerNames, sampleTypes, columnCount) = try CSVTable.sample(path: path, delimiter: byte, header: hasHeader, nullText: nullText)
        self.headerNames = headerNames
        if let declared {
            if columnCount > 0, declared.count != columnCount {
                throw PlanError(.csv, "\(path): the table declares \(counted(declared.count, "column")) but the file has \(columnCount)")
            }
            schema = declared
        } else {
            guard columnCount > 0 else {
                throw PlanError(.csv, "\(path) is empty: declare the columns to create a table over it")
            }
            var fields: [Field] = []
            for i in 0..<columnCount {
                var name = hasHeader ? headerNames[i].trimmingSpaces() : "column\(i + 1)"
                if name.isEmpty { name = "column\(i + 1)" }
                var unique = name, n = 2
                while fields.contains(where: { $0.name == unique }) { unique = "\(name)_\(n)"; n += 1 }
                fields.append(Field(name: unique, dataType: sampleTypes[i], nullable: true))
            }
            schema = Schema(fields)
        }
    }

    // MARK: - Inference

    enum Guess: Int { case empty, boolean, integer, double, date, timestamp, timestampTZ, text }

    /// The `header` and `delimiter` options (and their `format.` spellings), checked.
    static func headerAndDelimiter(_ options: TableOptions) throws -> (hasHeader: Bool, delimiter: UInt8) {
        let hasHeader = try options.flag("header", "format.has_header", format: "CSV", kind: .csv) ?? true
        let delimiterText = options.text("delimiter", "format.delimiter") ?? ","
        let d = delimiterText == "\\t" ? "\t" : delimiterText
        guard d.utf8.count == 1, let byte = d.utf8.first, byte != UInt8(ascii: "\""), byte != 10 else {
            throw PlanError(.csv, "CSV delimiter must be a single character, got '\(delimiterText)'")
        }
        return (hasHeader, byte)
    }

    static func guess(_ s: String) -> Guess {
        if s.isEmpty { return .empty }
        let lower = s.lowercased()
        if lower == "true" || lower == "false" { return .boolean }
        if Int64(s) != nil { return .integer }
        if Double(s)?.isFinite == true, s.contains(where: { $0.isNumber }), !s.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) { return .double }
        if CivilDate.parse(s) != nil { return .date }
        if s.count > 10, CivilDate.parseTimestamp(s) != nil { return .timestamp }
        if s.count > 11, hasOffset(s) { return .timestampTZ }
        return .text
    }

    /// A timestamp with an ISO offset or `Z` after it (`2024-03-10 02:30:00+01`): a
    /// TIMESTAMPTZ column.
    static func hasOffset(_ s: String) -> Bool {
        let text = Substring(s.trimmingSpaces())
        if text.hasSuffix("Z") || text.hasSuffix("z") { return CivilDate.parseTimestamp(String(text.dropLast())) != nil }
        guard let sign = text.dropFirst(11).lastIndex(where: { $0 == "+" || $0 == "-" }) else { return false }
        return SQLTimeZone.isoOffset(text[sign...], signRequired: true) != nil && CivilDate.parseTimestamp(String(text[..<sign])) != nil
    }

    static func merge(_ a: Guess, _ b: Guess) -> Guess {
        if a == .empty { return b }
        if b == .empty || a == b { return a }
        let numeric: Set<Guess> = [.integer, .double]
        if numeric.contains(a) && numeric.contains(b) { return .double }
        let temporal: Set<Guess> = [.date, .timestamp]
        if temporal.contains(a) && temporal.contains(b) { return .timestamp }
        return .text
    }

    static func sample(path: String, delimiter: UInt8, header: Bool, nullText: String?) throws -> ([String], [DataType], Int) {
        let reader = try CSVReader(path: path, delimiter: delimiter)
        var fields: [CSVReader.FieldRef] = []
        var names: [String] = []
        var guesses: [Guess] = []
        var rows = 0
        var width = 0
        if header {
            guard try reader.next(into: &fields) else { return ([], [], 0) }
            names = fields.map { reader.text($0) }
            width = names.count
            guesses = Array(repeating: .empty, count: width)
        }
        while rows < inferenceRows, try reader.next(into: &fields) {
            if width == 0 { width = fields.count; guesses = Array(repeating: .empty, count: width) }
            guard fields.count == width else {
                throw PlanError(.csv, "\(path):\(reader.recordLine): expected \(width) fields, found \(fields.count)")
            }
            for (i, f) in fields.enumerated() {
                let text = reader.text(f)
                if !f.quoted && (text.isEmpty || text == nullText) { continue }
                guesses[i] = merge(guesses[i], f.quoted && text.isEmpty ? .text : guess(text))
            }
            rows += 1
        }
        let types: [DataType] = guesses.map {
            switch $0 {
            case .boolean: .boolean
            case .integer: .int64
            case .double: .float64
            case .date: .date
            case .timestamp: .timestamp
            case .timestampTZ: .timestampTZ
            case .empty, .text: .text
            }
        }
        return (names, types, width)
    }

    // MARK: - DML (the file is rewritten atomically: temporary file, then rename)

    /// Appends the rows: the file with the new rows at its end replaces the old one all at
    /// once, so a failed append leaves the file as it was.
    public func insert(_ batches: [RecordBatch]) throws -> Int {
        let count = batches.reduce(0) { $0 + $1.rowCount }
        guard count > 0 else { return 0 }
        let data: Data
        do { data = try TextFile.data(path) } catch { throw PlanError(.io, error.description) }
        var text = String(decoding: data, as: UTF8.self)
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        let writeHeader = text.isEmpty && hasHeader
        text += CSVWriter.text(batches, schema: schema, delimiter: String(UnicodeScalar(delimiter)), header: writeHeader, null: nullText)
        try AtomicFile.write(text, to: path)
        return count
    }

    public func deleteFrom(filters: [Expr]) throws -> Int {
        let (kept, count) = try RowRewrite.delete(try allBatches(), schema: schema, filters: filters)
        try rewrite(with: kept)
        return count
    }

    public func update(assignments: [(column: String, value: Expr)], filters: [Expr]) throws -> Int {
        let (updated, count) = try RowRewrite.update(try allBatches(), schema: schema, assignments: assignments, filters: filters)
        try rewrite(with: updated)
        return count
    }

    func allBatches() throws -> [RecordBatch] {
        let stream = try scan(projection: nil, filters: [], limit: nil)
        var out: [RecordBatch] = []
        while let b = try stream.next() { out.append(b) }
        return out
    }

    /// Writes the rows in place of the table's file, all at once (``AtomicFile``).
    func rewrite(with batches: [RecordBatch]) throws {
        try AtomicFile.write(CSVWriter.text(batches, schema: schema, delimiter: String(UnicodeScalar(delimiter)), header: hasHeader, null: nullText), to: path)
    }

    // MARK: - Scan

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try CSVStream(table: self, projection: projection ?? Array(schema.fields.indices), limit: limit, statistics: nil)
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        statistics.units(total: 1, pruned: 0, kind: "files")
        return try CSVStream(table: self, projection: projection ?? Array(schema.fields.indices), limit: limit, statistics: statistics)
    }
}

/// Reads a CSV file batch by batch, converting only the projected columns.
final class CSVStream: BatchStream {
    let table: CSVTable
    let appender: CSVRecordAppender
    let reader: CSVReader
    var remaining: Int
    var fields: [CSVReader.FieldRef] = []
    var finished = false

    let statistics: ScanStatistics?

    init(table: CSVTable, projection: [Int], limit: Int?, statistics: ScanStatistics?) throws {
        self.statistics = statistics
        self.table = table
        appender = CSVRecordAppender(table: table, projection: projection)
        reader = try CSVReader(path: table.path, delimiter: table.delimiter)
        remaining = limit ?? Int.max
        if table.hasHeader { _ = try reader.next(into: &fields) }
    }

    func next() throws -> RecordBatch? {
        guard !finished, remaining > 0 else { return nil }
        var builders = appender.makeBuilders(capacity: RecordBatch.targetSize)
        var rows = 0
        while rows < RecordBatch.targetSize, rows < remaining {
            guard try reader.next(into: &fields) else { finished = true; break }
            try appender.append(fields, from: reader, to: &builders)
            rows += 1
        }
        remaining -= rows
        statistics?.read(rows: rows, bytes: 0)
        if finished, let size = (try? FileManager.default.attributesOfItem(atPath: table.path))?[.size] as? Int {
            statistics?.read(rows: 0, bytes: size)
        }
        if rows == 0 { return nil }
        return RecordBatch(schema: appender.schema, columns: builders.map { $0.finish() }, rowCount: rows)
    }
}

/// Converts a CSV record's projected fields straight into typed column builders.
struct CSVRecordAppender: Sendable {
    let table: CSVTable
    let projection: [Int]
    let schema: Schema
    /// The projected columns' types, and which are strings (looked up once, not per field).
    let types: [DataType]
    let strings: [Bool]

    init(table: CSVTable, projection: [Int]) {
        self.table = table
        self.projection = projection
        schema = Schema(projection.map { table.schema.fields[$0] })
        types = schema.fields.map(\.dataType)
        strings = types.map(\.isString)
    }

    func makeBuilders(capacity: Int) -> [ColumnBuilder] {
        schema.fields.map { ColumnBuilder($0.dataType, capacity: capacity) }
    }

    /// Appends one record (`fields` of `reader`'s buffer), each field read as
    /// `CAST('field' AS type)` reads it (``TextInput``); fails naming the file, line and
    /// column of a field that does not read as its column's type.
    func append(_ fields: [CSVReader.FieldRef], from reader: CSVReader, to builders: inout [ColumnBuilder]) throws {
        let width = table.schema.count
        guard fields.count == width else {
            throw PlanError(.csv, "\(table.path):\(reader.recordLine): expected \(width) fields, found \(fields.count)")
        }
        // One pass over the record with the buffer's bytes in hand.
        let failed: (column: Int, error: PlanError)? = reader.buffer.withUnsafeBufferPointer { b in
            // The builders by pointer: no check that the array is unshared per value.
            builders.withUnsafeMutableBufferPointer { builders -> (column: Int, error: PlanError)? in
                for (out, col) in projection.enumerated() {
                    let f = fields[col]
                    if !f.quoted && f.start == f.end {
                        builders[out].appendNull()
                        continue
                    }
                    let bytes = UnsafeBufferPointer(rebasing: b[f.start..<f.end])
                    if let nullText = table.nullText, !f.quoted, String(decoding: bytes, as: UTF8.self) == nullText {
                        builders[out].appendNull()
                        continue
                    }
                    if strings[out] {
                        if f.escaped || !builders[out].appendUTF8(bytes: bytes) {
                            builders[out].appendUTF8(reader.buffer[f.start..<f.end], escaped: f.escaped)
                        }
                        continue
                    }
                    // The common shapes of the common types go straight into the column;
                    // anything else is read by TextInput.
                    let appended: Bool
                    switch types[out] {
                    case .int64: appended = TextInput.int64(bytes).map { builders[out].appendInt64($0) } ?? false
                    case .int32: appended = TextInput.int64(bytes).flatMap { Int32(exactly: $0) }.map { builders[out].appendInt32($0) } ?? false
                    case .float64: appended = TextInput.double(bytes).map { builders[out].appendFloat64($0) } ?? false
                    case .date: appended = TextInput.date(bytes).map { builders[out].appendDate($0) } ?? false
                    case .decimal(let p, let s):
                        appended = DecimalMath.parse(bytes: bytes, precision: p, scale: s).map { builders[out].appendDecimal(unscaled: $0) } ?? false
                    default: appended = false
                    }
                    if appended { continue }
                    do throws(PlanError) {
                        // A field with `""` escapes is read as its text (escapes resolved).
                        _ = builders[out].append(f.escaped ? try TextInput.parse(reader.text(f), as: types[out])
                                                           : try TextInput.parse(bytes: bytes, as: types[out]))
                    } catch {
                        return (col, error)
                    }
                }
                return nil
            }
        }
        if let (col, error) = failed {
            let (line, column) = reader.location(of: fields[col])
            throw PlanError(.csv, "\(table.path):\(line):\(column): \(error.message) (column '\(table.schema.fields[col].name)')")
        }
    }
}

extension CSVTable: SubstraitFileScan {
    /// The file as a Substrait read of a local delimited-text file.
    public var substraitFiles: [SubstraitFiles]? {
        [SubstraitFiles(format: .csv, path: path, header: hasHeader, delimiter: String(UnicodeScalar(delimiter)), nullText: nullText)]
    }
}
