/// A column chunk's column index: per data page, its min and max (the physical type's
/// PLAIN bytes), whether it holds only NULLs, and its NULL count.
public struct ColumnIndex: Sendable, Equatable {
    public var nullPages: [Bool] = []
    public var minValues: [[UInt8]] = []
    public var maxValues: [[UInt8]] = []
    public var nullCounts: [Int64]?
    /// Whether the pages' minima and maxima ascend (1), descend (2) or neither (0).
    public var boundaryOrder: Int32 = 0

    public init() {}

    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> ColumnIndex {
        var r = CompactReader(bytes)
        var c = ColumnIndex()
        try r.readStruct { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: c.nullPages = try r.readList(t) { (r: inout CompactReader, _: CompactReader.WireType) throws(DecodeError) in try r.readListBool() }
            case 2: c.minValues = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try r.readBinary(t) }
            case 3: c.maxValues = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try r.readBinary(t) }
            case 4: c.boundaryOrder = try r.readI32(t)
            case 5: c.nullCounts = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try r.readI64(t) }
            default: try r.skip(t)
            }
        }
        guard c.minValues.count == c.nullPages.count, c.maxValues.count == c.nullPages.count,
              c.nullCounts.map({ $0.count == c.nullPages.count }) ?? true else {
            throw r.fail("a column index whose lists differ in length")
        }
        return c
    }
}

/// A column chunk's offset index: where each data page starts and its first row.
public struct OffsetIndex: Sendable, Equatable {
    public struct PageLocation: Sendable, Equatable {
        public var offset: Int64 = 0
        public var compressedPageSize: Int32 = 0
        public var firstRowIndex: Int64 = 0

        public init(offset: Int64 = 0, compressedPageSize: Int32 = 0, firstRowIndex: Int64 = 0) {
            self.offset = offset
            self.compressedPageSize = compressedPageSize
            self.firstRowIndex = firstRowIndex
        }
    }
    public var pages: [PageLocation] = []

    public init() {}

    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> OffsetIndex {
        var r = CompactReader(bytes)
        var o = OffsetIndex()
        try r.readStruct { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1:
                o.pages = try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in
                    var p = PageLocation()
                    try r.readStruct(t) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
                        switch id {
                        case 1: p.offset = try r.readI64(t)
                        case 2: p.compressedPageSize = try r.readI32(t)
                        case 3: p.firstRowIndex = try r.readI64(t)
                        default: try r.skip(t)
                        }
                    }
                    return p
                }
            default: try r.skip(t)
            }
        }
        return o
    }
}

/// A bloom filter's header (split-block, xxHash64, uncompressed are the only kinds the
/// format defines); the bitset follows it in the file.
public struct BloomFilterHeader: Sendable, Equatable {
    public var numBytes: Int32 = 0
    public var isSplitBlock = false
    public var isXXHash = false
    public var isUncompressed = false

    /// Decodes the header; returns it and the position after it.
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> (BloomFilterHeader, Int) {
        var r = CompactReader(bytes)
        var h = BloomFilterHeader()
        /// A union: which member (field id) is set.
        func member(_ r: inout CompactReader, _ t: CompactReader.WireType) throws(DecodeError) -> Int16 {
            var set: Int16 = 0
            try r.readStruct(t) { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
                set = id
                try r.skip(t)
            }
            return set
        }
        try r.readStruct { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: h.numBytes = try r.readI32(t)
            case 2: h.isSplitBlock = try member(&r, t) == 1
            case 3: h.isXXHash = try member(&r, t) == 1
            case 4: h.isUncompressed = try member(&r, t) == 1
            default: try r.skip(t)
            }
        }
        return (h, r.position)
    }
}
