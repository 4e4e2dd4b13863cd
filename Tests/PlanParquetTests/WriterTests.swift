import Foundation
import PlanCore
import PlanExec
@testable import PlanParquet
import Testing

/// The writer against the reader: Thrift structs and RLE runs read back as written, and
/// files of every type planscope writes — NULLs, no rows, one row, many row groups and
/// pages, every codec — read back equal, with statistics and page indexes that state
/// their pages' values.
@Suite struct WriterTests {
    static let types: [(String, DataType)] = [
        ("b", .boolean), ("s", .int16), ("i", .int32), ("l", .int64), ("r", .float32), ("d", .float64),
        ("d9", .decimal(precision: 9, scale: 2)), ("d18", .decimal(precision: 18, scale: 4)), ("d38", .decimal(precision: 38, scale: 10)),
        ("t", .varchar(length: nil)), ("c", .varchar(length: 12)), ("bin", .binary), ("dt", .date), ("ts", .timestamp), ("z", .null),
    ]

    /// Row `i`'s value in column `k`: NULL every 7th row (and always in the NULL column),
    /// negative values, a repeated or a unique string.
    static func value(_ k: Int, _ i: Int) -> ScalarValue {
        if i % 7 == 3 || types[k].1 == .null { return .null }
        let n = (i * 7919) % 1000 - 500
        switch types[k].1 {
        case .boolean: return .boolean(n % 2 == 0)
        case .int16: return .int16(Int16(n))
        case .int32: return .int32(Int32(n * 1000))
        case .int64: return .int64(Int64(n) * 1_000_000_007)
        case .float32: return .float32(Float(n) / 4)
        case .float64: return .float64(Double(n) / 3)
        case .decimal(let p, let s): return .decimal(Int128(n) * 123_457 * (p > 18 ? 1_000_000_000_000_000_000 : 1), precision: p, scale: s)
        case .varchar(nil): return .string("v\(n % 5)é")
        case .varchar: return .string("u\(i)")
        case .binary: return .binary([UInt8(i % 256), 0, 0xff])
        case .date: return .date(Int32(n * 40))
        case .timestamp: return .timestamp(Int64(n) * 86_400_000_123)
        default: return .null
        }
    }

    static var schema: Schema { Schema(types.map { Field(name: $0.0, dataType: $0.1, nullable: true) }) }

    static func rows(_ count: Int) -> [[ScalarValue]] { (0..<count).map { i in types.indices.map { value($0, i) } } }

    /// `rows` written in batches of 100 to a temporary file; the file read back (the
    /// caller removes it).
    static func roundTrip(_ rows: [[ScalarValue]], _ options: ParquetWriteOptions) throws -> (ParquetFile, [[ScalarValue]]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planscope-writer-\(UUID().uuidString).parquet").path
        var bytes: [UInt8] = []
        var writer = try ParquetFileWriter(schema: schema, options: options) { bytes += $0 }
        for start in stride(from: 0, to: rows.count, by: 100) {
            try writer.append(RecordBatch.from(rows: Array(rows[start..<min(rows.count, start + 100)]), schema: schema))
        }
        #expect(try writer.finish() == rows.count)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = try ParquetFile(path: path)
        var back: [[ScalarValue]] = []
        for g in file.metadata.rowGroups.indices {
            let columns = try file.readRowGroup(g, columns: Array(file.columns.indices))
            for r in 0..<(columns.first?.count ?? 0) { back.append(columns.map { $0.value(r) }) }
        }
        return (file, back)
    }

    @Test(arguments: [0, 1, 1000])
    func everyTypeReadsBackEqual(rows count: Int) throws {
        let rows = Self.rows(count)
        let (file, back) = try Self.roundTrip(rows, ParquetWriteOptions(rowGroupSize: 300, pageRowLimit: 64))
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        #expect(file.columns.map(\.name) == Self.types.map(\.0))
        #expect(file.columns.map(\.dataType) == Self.types.map { $0.1 == .null ? .int32 : ($0.1 == .varchar(length: 12) ? .varchar(length: nil) : $0.1) })
        #expect(file.metadata.rowGroups.count == (count + 299) / 300)
        #expect(back.count == rows.count)
        for (i, (a, b)) in zip(back, rows).enumerated() where a != b {
            Issue.record("row \(i): read \(a), wrote \(b)")
            break
        }
    }

    @Test(arguments: [CompressionCodec.uncompressed, .snappy, .gzip, .zstd, .lz4Raw])
    func everyCodecReadsBackEqual(codec: CompressionCodec) throws {
        let rows = Self.rows(500)
        let (file, back) = try Self.roundTrip(rows, ParquetWriteOptions(codec: codec, rowGroupSize: 200))
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        #expect(file.metadata.rowGroups.allSatisfy { $0.columns.allSatisfy { $0.metaData?.codec == codec } })
        #expect(back == rows)
    }

    @Test func statisticsAndPageIndexesStateEachPage() throws {
        let rows = Self.rows(1000)
        let (file, _) = try Self.roundTrip(rows, ParquetWriteOptions(rowGroupSize: 400, pageRowLimit: 50))
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        for (g, group) in file.metadata.rowGroups.enumerated() {
            let groupRows = rows[(g * 400)..<min(rows.count, g * 400 + 400)]
            for (k, column) in file.columns.enumerated() where Self.types[k].1 != .null {
                let values = groupRows.map { $0[k] }.filter { !$0.isNull }
                let meta = try #require(group.columns[k].metaData)
                // The raw bounds: the reader's own `bounds` declines float maxima and binary.
                func value(_ bytes: [UInt8]?) -> ScalarValue? {
                    bytes.flatMap { column.dataType == .binary ? .binary($0) : column.statisticsValue($0) }
                }
                let bounds = (min: value(meta.statistics?.minValue), max: value(meta.statistics?.maxValue))
                #expect(meta.statistics?.nullCount == Int64(groupRows.count - values.count), "\(column.name)")
                #expect(bounds.min == values.min(by: { (ScalarOps.compare($0, $1) ?? 0) < 0 }), "\(column.name) min")
                #expect(bounds.max == values.max(by: { (ScalarOps.compare($0, $1) ?? 0) < 0 }), "\(column.name) max")
                let index = try #require(file.pageIndex(group: g, leaf: k).index)
                let pages = index.offsets.pages
                #expect(pages.count == (groupRows.count + 49) / 50, "\(column.name) pages")
                let columnIndex = try #require(index.column)
                for p in pages.indices {
                    let rowsOfPage = index.offsets.rows(ofPage: p, groupRows: groupRows.count)
                    let pageValues = rowsOfPage.map { groupRows[groupRows.startIndex + $0][k] }.filter { !$0.isNull }
                    let b = (min: value(columnIndex.minValues[p]), max: value(columnIndex.maxValues[p]))
                    #expect(columnIndex.nullCounts?[p] == Int64(rowsOfPage.count - pageValues.count))
                    #expect(b.min == pageValues.min(by: { (ScalarOps.compare($0, $1) ?? 0) < 0 }), "\(column.name) page \(p) min")
                    #expect(b.max == pageValues.max(by: { (ScalarOps.compare($0, $1) ?? 0) < 0 }), "\(column.name) page \(p) max")
                }
            }
        }
    }

    @Test func fewDistinctValuesAreDictionaryCodedManyArePlain() throws {
        let (file, _) = try Self.roundTrip(Self.rows(1000), ParquetWriteOptions())
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let encodings = Dictionary(uniqueKeysWithValues: file.columns.indices.map {
            (file.columns[$0].name, file.metadata.rowGroups[0].columns[$0].metaData?.encodings ?? [])
        })
        #expect(encodings["t"]?.contains(.rleDictionary) == true)
        #expect(encodings["c"]?.contains(.rleDictionary) == false)
        #expect(encodings["i"]?.contains(.rleDictionary) == false)
        #expect(encodings["d"]?.contains(.rleDictionary) == false)

        // Integers, dates and wide decimals of few values: dictionary-coded, read back equal,
        // page bounds from the entries each page uses.
        let schema = Schema([Field(name: "k", dataType: .int32), Field(name: "dt", dataType: .date),
                             Field(name: "big", dataType: .decimal(precision: 30, scale: 2)), Field(name: "l", dataType: .int64)])
        let rows: [[ScalarValue]] = (0..<3000).map { (i: Int) -> [ScalarValue] in
            let k: ScalarValue = i % 11 == 0 ? .null : .int32(Int32(i % 7) - 3)
            let big: Int128 = Int128(i % 5) * 1_000_000_000_000_000_000 - 7
            return [k, .date(Int32(i / 500)), .decimal(big, precision: 30, scale: 2), .int64(Int64(i) * 1_000_000_007)]
        }
        var bytes: [UInt8] = []
        var writer = try ParquetFileWriter(schema: schema, options: ParquetWriteOptions(pageRowLimit: 400)) { bytes += $0 }
        try writer.append(RecordBatch.from(rows: rows, schema: schema))
        _ = try writer.finish()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planscope-dict-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let back = try ParquetFile(path: path)
        let columns = try back.readRowGroup(0, columns: [0, 1, 2, 3])
        #expect((0..<rows.count).allSatisfy { r in columns.map { $0.value(r) } == rows[r] })
        let chunks = back.metadata.rowGroups[0].columns
        #expect(chunks[0...2].allSatisfy { $0.metaData?.encodings.contains(.rleDictionary) == true })
        #expect(chunks[3].metaData?.encodings.contains(.rleDictionary) == false)
        for (k, column) in back.columns.enumerated() {
            let index = try #require(back.pageIndex(group: 0, leaf: k).index)
            let columnIndex = try #require(index.column)
            for p in index.offsets.pages.indices {
                let values = index.offsets.rows(ofPage: p, groupRows: rows.count).map { rows[$0][k] }.filter { !$0.isNull }
                #expect(column.statisticsValue(columnIndex.minValues[p]) == values.min(by: { (ScalarOps.compare($0, $1) ?? 0) < 0 }), "\(column.name) page \(p)")
                #expect(column.statisticsValue(columnIndex.maxValues[p]) == values.max(by: { (ScalarOps.compare($0, $1) ?? 0) < 0 }), "\(column.name) page \(p)")
            }
        }
    }

    @Test func sortedColumnsHaveAnAscendingBoundaryOrder() throws {
        let schema = Schema([Field(name: "k", dataType: .int64, nullable: true)])
        var bytes: [UInt8] = []
        var writer = try ParquetFileWriter(schema: schema, options: ParquetWriteOptions(pageRowLimit: 10)) { bytes += $0 }
        try writer.append(RecordBatch.from(rows: (0..<100).map { [.int64(Int64($0))] }, schema: schema))
        _ = try writer.finish()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planscope-sorted-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let index = try #require(try ParquetFile(path: path).pageIndex(group: 0, leaf: 0).index?.column)
        #expect(index.boundaryOrder == 1)
        #expect(index.nullPages.count == 10)
    }

    @Test func columnsParquetCannotHoldAreErrorsNamingThem() throws {
        func message(_ schema: Schema) -> String? {
            do { _ = try ParquetFileWriter(schema: schema, options: ParquetWriteOptions()) { _ in }; return nil } catch {
                return "\(error)"
            }
        }
        #expect(message(Schema([Field(name: "amount", dataType: .numeric)]))?.contains("column 'amount'") == true)
        #expect(message(Schema([Field(name: "gap", dataType: .interval)]))?.contains("column 'gap'") == true)
        #expect(message(Schema([Field(name: "a", dataType: .int32), Field(name: "a#2", dataType: .int32)]))?.contains("two columns are named 'a'") == true)
    }

    @Test func thriftStructsReadBackAsWritten() throws {
        var meta = FileMetaData()
        meta.version = 1
        meta.numRows = 3
        meta.createdBy = "planscope"
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = 2
        var a = SchemaElement()
        a.name = "a"
        a.type = .int64
        a.repetition = .optional
        a.logicalType = .timestamp(adjustedToUTC: false, unit: .micros)
        var b = SchemaElement()
        b.name = "b"
        b.type = .int32
        b.repetition = .optional
        b.logicalType = .integer(bitWidth: 16, signed: true)
        b.convertedType = 16
        meta.schema = [root, a, b]
        var chunk = ColumnChunk()
        var cm = ColumnMetaData()
        cm.type = .int64
        cm.encodings = [.plain, .rle]
        cm.pathInSchema = ["a"]
        cm.codec = .zstd
        cm.numValues = 3
        cm.dataPageOffset = 4
        cm.dictionaryPageOffset = 1 << 40
        var stats = ColumnStatistics()
        stats.minValue = [1, 2]
        stats.maxValue = []
        stats.nullCount = 1
        cm.statistics = stats
        chunk.metaData = cm
        chunk.columnIndexOffset = 100
        chunk.columnIndexLength = 20
        var group = RowGroup()
        group.columns = Array(repeating: chunk, count: 20)
        group.numRows = 3
        meta.rowGroups = [group]
        #expect(try FileMetaData.decode(meta.encoded()) == meta)

        var header = PageHeader()
        header.type = .dataPage
        header.uncompressedSize = 1 << 20
        header.compressedSize = 77
        header.dataPage = DataPageHeader(numValues: 20_000, encoding: .rleDictionary, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        let encoded = header.encoded()
        let (decoded, end) = try PageHeader.decode(encoded + [9, 9], at: 0)
        #expect(decoded == header)
        #expect(end == encoded.count)

        var index = ColumnIndex()
        index.nullPages = Array(repeating: false, count: 16) + [true]
        index.minValues = (0..<17).map { [UInt8($0)] }
        index.maxValues = (0..<17).map { [UInt8($0), 1] }
        index.nullCounts = (0..<17).map { Int64($0) - 3 }
        index.boundaryOrder = 1
        #expect(try ColumnIndex.decode(index.encoded()) == index)
        var offsets = OffsetIndex()
        offsets.pages = (0..<3).map { OffsetIndex.PageLocation(offset: Int64($0) << 33, compressedPageSize: 5, firstRowIndex: Int64($0) * 20_000) }
        #expect(try OffsetIndex.decode(offsets.encoded()) == offsets)
    }

    @Test(arguments: [1, 2, 3, 8, 17, 32])
    func rleHybridRunsReadBackAsWritten(width: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let top = width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1
        var values: [UInt32] = []
        while values.count < 5000 {
            let v = UInt32.random(in: 0...top, using: &generator)
            values += Array(repeating: v, count: Bool.random(using: &generator) ? Int.random(in: 1...30, using: &generator) : 1)
        }
        let bytes = RLEHybridEncoder.encode(values, width: width)
        #expect(try RLEHybrid.decode(bytes, 0..<bytes.count, width: width, count: values.count) == values)
    }
}
