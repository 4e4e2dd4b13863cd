/// The footer's Thrift structs written with ``CompactWriter``, field ids as in
/// parquet-format's `parquet.thrift`; what ``FileMetaData/decode(_:)`` reads back.

extension FileMetaData {
    /// The footer's bytes. Every leaf column gets a `TYPE_ORDER` column order, which tells
    /// readers the `min_value`/`max_value` statistics follow the logical type's order.
    public func encoded() -> [UInt8] {
        var w = CompactWriter()
        w.i32(1, version)
        w.list(2, .structure, schema) { w, e in e.write(&w) }
        w.i64(3, numRows)
        w.list(4, .structure, rowGroups) { w, g in g.write(&w) }
        if let createdBy { w.string(6, createdBy) }
        let leaves = schema.filter { $0.numChildren == nil }.count
        w.list(7, .structure, Array(repeating: (), count: leaves)) { w, _ in
            w.structure { w in w.structure(1) { _ in } }
        }
        w.stop()
        return w.bytes
    }
}

extension SchemaElement {
    func write(_ w: inout CompactWriter) {
        w.structure { w in
            if let type { w.i32(1, type.rawValue) }
            if let typeLength { w.i32(2, typeLength) }
            if let repetition { w.i32(3, repetition.rawValue) }
            w.string(4, name)
            if let numChildren { w.i32(5, numChildren) }
            if let convertedType { w.i32(6, convertedType) }
            if let scale { w.i32(7, scale) }
            if let precision { w.i32(8, precision) }
            if let logicalType { w.structure(10) { w in logicalType.write(&w) } }
        }
    }
}

extension SchemaElement.LogicalType {
    /// The union's one member (the types planscope writes; others as an empty member).
    func write(_ w: inout CompactWriter) {
        switch self {
        case .string: w.structure(1) { _ in }
        case .decimal(let scale, let precision):
            w.structure(5) { w in
                w.i32(1, scale)
                w.i32(2, precision)
            }
        case .date: w.structure(6) { _ in }
        case .timestamp(let utc, let unit):
            w.structure(8) { w in
                w.bool(1, utc)
                w.structure(2) { w in
                    switch unit {
                    case .millis: w.structure(1) { _ in }
                    case .micros: w.structure(2) { _ in }
                    case .nanos: w.structure(3) { _ in }
                    }
                }
            }
        case .integer(let width, let signed):
            w.structure(10) { w in
                w.field(1, .byte)
                w.byte(UInt8(bitPattern: width))
                w.bool(2, signed)
            }
        case .map: w.structure(2) { _ in }
        case .list: w.structure(3) { _ in }
        case .enumeration: w.structure(4) { _ in }
        case .time: w.structure(7) { _ in }
        case .unknown: w.structure(11) { _ in }
        case .json: w.structure(12) { _ in }
        case .bson: w.structure(13) { _ in }
        case .uuid: w.structure(14) { _ in }
        case .float16: w.structure(15) { _ in }
        case .other(let id): w.structure(id) { _ in }
        }
    }
}

extension RowGroup {
    func write(_ w: inout CompactWriter) {
        w.structure { w in
            w.list(1, .structure, columns) { w, c in c.write(&w) }
            w.i64(2, totalByteSize)
            w.i64(3, numRows)
        }
    }
}

extension ColumnChunk {
    func write(_ w: inout CompactWriter) {
        w.structure { w in
            if let filePath { w.string(1, filePath) }
            w.i64(2, 0)  // file_offset: deprecated, required by the Thrift definition
            if let metaData { w.structure(3) { w in metaData.writeFields(&w) } }
            if let offsetIndexOffset { w.i64(4, offsetIndexOffset) }
            if let offsetIndexLength { w.i32(5, offsetIndexLength) }
            if let columnIndexOffset { w.i64(6, columnIndexOffset) }
            if let columnIndexLength { w.i32(7, columnIndexLength) }
        }
    }
}

extension ColumnMetaData {
    func writeFields(_ w: inout CompactWriter) {
        w.i32(1, type.rawValue)
        w.integers(2, .i32, encodings.map(\.rawValue))
        w.list(3, .binary, pathInSchema) { w, p in w.binaryValue(Array(p.utf8)) }
        w.i32(4, codec.rawValue)
        w.i64(5, numValues)
        w.i64(6, totalUncompressedSize)
        w.i64(7, totalCompressedSize)
        w.i64(9, dataPageOffset)
        if let indexPageOffset { w.i64(10, indexPageOffset) }
        if let dictionaryPageOffset { w.i64(11, dictionaryPageOffset) }
        if let statistics { w.structure(12) { w in statistics.writeFields(&w) } }
        if let bloomFilterOffset { w.i64(14, bloomFilterOffset) }
        if let bloomFilterLength { w.i32(15, bloomFilterLength) }
    }
}

extension ColumnStatistics {
    func writeFields(_ w: inout CompactWriter) {
        if let legacyMax { w.binary(1, legacyMax) }
        if let legacyMin { w.binary(2, legacyMin) }
        if let nullCount { w.i64(3, nullCount) }
        if let distinctCount { w.i64(4, distinctCount) }
        if let maxValue { w.binary(5, maxValue) }
        if let minValue { w.binary(6, minValue) }
    }
}
