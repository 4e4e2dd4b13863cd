/// The header before every page of a column chunk.
public struct PageHeader: Sendable, Equatable {
    public var type = PageType.dataPage
    public var uncompressedSize: Int32 = 0
    public var compressedSize: Int32 = 0
    public var dataPage: DataPageHeader?
    public var dictionaryPage: DictionaryPageHeader?
    public var dataPageV2: DataPageHeaderV2?

    public init() {}

    /// Decodes a header starting at `start` of `bytes`; returns it and the position after it.
    public static func decode(_ bytes: [UInt8], at start: Int) throws(DecodeError) -> (PageHeader, Int) {
        var r = CompactReader(bytes, from: start)
        var h = PageHeader()
        try r.readStruct { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: h.type = PageType(rawValue: try r.readI32(t))
            case 2: h.uncompressedSize = try r.readI32(t)
            case 3: h.compressedSize = try r.readI32(t)
            case 5: h.dataPage = try DataPageHeader.read(&r, t)
            case 7: h.dictionaryPage = try DictionaryPageHeader.read(&r, t)
            case 8: h.dataPageV2 = try DataPageHeaderV2.read(&r, t)
            default: try r.skip(t)
            }
        }
        guard h.uncompressedSize >= 0, h.compressedSize >= 0 else { throw r.fail("a page header gives a negative size") }
        return (h, r.position)
    }
}

/// A data page (version 1): levels and values compressed together.
public struct DataPageHeader: Sendable, Equatable {
    public var numValues: Int32 = 0
    public var encoding = Encoding.plain
    public var definitionLevelEncoding = Encoding.rle
    public var repetitionLevelEncoding = Encoding.rle

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> DataPageHeader {
        var h = DataPageHeader()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: h.numValues = try r.readI32(t)
            case 2: h.encoding = Encoding(rawValue: try r.readI32(t))
            case 3: h.definitionLevelEncoding = Encoding(rawValue: try r.readI32(t))
            case 4: h.repetitionLevelEncoding = Encoding(rawValue: try r.readI32(t))
            default: try r.skip(t)
            }
        }
        guard h.numValues >= 0 else { throw r.fail("a data page has \(h.numValues) values") }
        return h
    }
}

/// A dictionary page: the distinct values that dictionary-encoded data pages index.
public struct DictionaryPageHeader: Sendable, Equatable {
    public var numValues: Int32 = 0
    public var encoding = Encoding.plain

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> DictionaryPageHeader {
        var h = DictionaryPageHeader()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: h.numValues = try r.readI32(t)
            case 2: h.encoding = Encoding(rawValue: try r.readI32(t))
            default: try r.skip(t)
            }
        }
        guard h.numValues >= 0 else { throw r.fail("a dictionary page has \(h.numValues) values") }
        return h
    }
}

/// A data page (version 2): levels first and never compressed, then the values.
public struct DataPageHeaderV2: Sendable, Equatable {
    public var numValues: Int32 = 0
    public var numNulls: Int32 = 0
    public var numRows: Int32 = 0
    public var encoding = Encoding.plain
    public var definitionLevelsByteLength: Int32 = 0
    public var repetitionLevelsByteLength: Int32 = 0
    public var isCompressed = true

    static func read(_ r: inout CompactReader, _ type: CompactReader.WireType) throws(DecodeError) -> DataPageHeaderV2 {
        var h = DataPageHeaderV2()
        try r.readStruct(type) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: h.numValues = try r.readI32(t)
            case 2: h.numNulls = try r.readI32(t)
            case 3: h.numRows = try r.readI32(t)
            case 4: h.encoding = Encoding(rawValue: try r.readI32(t))
            case 5: h.definitionLevelsByteLength = try r.readI32(t)
            case 6: h.repetitionLevelsByteLength = try r.readI32(t)
            case 7: h.isCompressed = try r.readBool(t)
            default: try r.skip(t)
            }
        }
        guard h.numValues >= 0, h.numNulls >= 0, h.numNulls <= h.numValues, h.definitionLevelsByteLength >= 0,
              h.repetitionLevelsByteLength >= 0 else { throw r.fail("a data page (v2) header has negative or inconsistent counts") }
        return h
    }
}
