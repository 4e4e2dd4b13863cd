/// Page headers and page indexes written with ``CompactWriter``, field ids as in
/// parquet-format's `parquet.thrift`; what ``PageHeader/decode(_:at:)``,
/// ``ColumnIndex/decode(_:)`` and ``OffsetIndex/decode(_:)`` read back.

extension PageHeader {
    public func encoded() -> [UInt8] {
        var w = CompactWriter()
        w.i32(1, type.rawValue)
        w.i32(2, uncompressedSize)
        w.i32(3, compressedSize)
        if let dataPage {
            w.structure(5) { w in
                w.i32(1, dataPage.numValues)
                w.i32(2, dataPage.encoding.rawValue)
                w.i32(3, dataPage.definitionLevelEncoding.rawValue)
                w.i32(4, dataPage.repetitionLevelEncoding.rawValue)
            }
        }
        if let dictionaryPage {
            w.structure(7) { w in
                w.i32(1, dictionaryPage.numValues)
                w.i32(2, dictionaryPage.encoding.rawValue)
            }
        }
        w.stop()
        return w.bytes
    }
}

extension ColumnIndex {
    public func encoded() -> [UInt8] {
        var w = CompactWriter()
        w.booleans(1, nullPages)
        w.list(2, .binary, minValues) { w, v in w.binaryValue(v) }
        w.list(3, .binary, maxValues) { w, v in w.binaryValue(v) }
        w.i32(4, boundaryOrder)
        if let nullCounts { w.integers(5, .i64, nullCounts) }
        w.stop()
        return w.bytes
    }
}

extension OffsetIndex {
    public func encoded() -> [UInt8] {
        var w = CompactWriter()
        w.list(1, .structure, pages) { w, p in
            w.structure { w in
                w.i64(1, p.offset)
                w.i32(2, p.compressedPageSize)
                w.i64(3, p.firstRowIndex)
            }
        }
        w.stop()
        return w.bytes
    }
}
