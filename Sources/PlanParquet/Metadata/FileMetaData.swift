/// A Parquet file's footer: its schema, row count and row groups.
public struct FileMetaData: Sendable, Equatable {
    public var version: Int32 = 0
    /// The schema tree flattened depth first; element 0 is the root.
    public var schema: [SchemaElement] = []
    public var numRows: Int64 = 0
    public var rowGroups: [RowGroup] = []
    public var createdBy: String?

    public init() {}

    /// Decodes the footer's Thrift bytes.
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> FileMetaData {
        var r = CompactReader(bytes)
        var m = FileMetaData()
        try r.readStruct { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: m.version = try r.readI32(t)
            case 2: m.schema = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try SchemaElement.read(&r, t) }
            case 3: m.numRows = try r.readI64(t)
            case 4: m.rowGroups = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try RowGroup.read(&r, t) }
            case 6: m.createdBy = try r.readString(t)
            case 8: throw r.fail("the file is encrypted")
            default: try r.skip(t)
            }
        }
        return m
    }
}

/// A horizontal slice of the table: one column chunk per leaf column.
public struct RowGroup: Sendable, Equatable {
    public var columns: [ColumnChunk] = []
    public var totalByteSize: Int64 = 0
    public var numRows: Int64 = 0

    public init() {}

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> RowGroup {
        var g = RowGroup()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: g.columns = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try ColumnChunk.read(&r, t) }
            case 2: g.totalByteSize = try r.readI64(t)
            case 3: g.numRows = try r.readI64(t)
            default: try r.skip(t)
            }
        }
        return g
    }
}

/// One column of one row group: where its pages are and what the footer says of them.
public struct ColumnChunk: Sendable, Equatable {
    /// Set when the chunk lives in another file (not supported: refused when read).
    public var filePath: String?
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?

    public init() {}

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> ColumnChunk {
        var c = ColumnChunk()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: c.filePath = try r.readString(t)
            case 3: c.metaData = try ColumnMetaData.read(&r, t)
            case 4: c.offsetIndexOffset = try r.readI64(t)
            case 5: c.offsetIndexLength = try r.readI32(t)
            case 6: c.columnIndexOffset = try r.readI64(t)
            case 7: c.columnIndexLength = try r.readI32(t)
            default: try r.skip(t)
            }
        }
        return c
    }
}

/// A column chunk's description: type, encodings, codec, sizes, page offsets, statistics.
public struct ColumnMetaData: Sendable, Equatable {
    public var type = PhysicalType.boolean
    public var encodings: [Encoding] = []
    public var pathInSchema: [String] = []
    public var codec = CompressionCodec.uncompressed
    public var numValues: Int64 = 0
    public var totalUncompressedSize: Int64 = 0
    public var totalCompressedSize: Int64 = 0
    public var dataPageOffset: Int64 = 0
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: ColumnStatistics?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?

    public init() {}

    /// Where the chunk's first page starts: its dictionary page when it has one.
    public var firstPageOffset: Int64 {
        if let d = dictionaryPageOffset, d > 0, d < dataPageOffset { return d }
        return dataPageOffset
    }

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> ColumnMetaData {
        var m = ColumnMetaData()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: m.type = PhysicalType(rawValue: try r.readI32(t))
            case 2: m.encodings = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in Encoding(rawValue: try r.readI32(t)) }
            case 3: m.pathInSchema = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try r.readString(t) }
            case 4: m.codec = CompressionCodec(rawValue: try r.readI32(t))
            case 5: m.numValues = try r.readI64(t)
            case 6: m.totalUncompressedSize = try r.readI64(t)
            case 7: m.totalCompressedSize = try r.readI64(t)
            case 9: m.dataPageOffset = try r.readI64(t)
            case 10: m.indexPageOffset = try r.readI64(t)
            case 11: m.dictionaryPageOffset = try r.readI64(t)
            case 12: m.statistics = try ColumnStatistics.read(&r, t)
            case 14: m.bloomFilterOffset = try r.readI64(t)
            case 15: m.bloomFilterLength = try r.readI32(t)
            default: try r.skip(t)
            }
        }
        return m
    }
}
