import PlanCore
import PlanExec

/// One column chunk written: its pages' bytes, its footer metadata and its page index, all
/// with offsets counted from the file's start.
struct WrittenChunk {
    var bytes: [UInt8]
    var metaData: ColumnMetaData
    /// Nil when a page's values have no order to state (only NaNs).
    var columnIndex: ColumnIndex?
    var offsetIndex: OffsetIndex
}

/// Writes one column of one row group: a dictionary page when the chunk's distinct values
/// are few (``ChunkDictionary``; RLE_DICTIONARY data pages), PLAIN data pages (v1) otherwise; NULLs as
/// definition levels (RLE hybrid, bit width 1). Pages end at the options' page size or row
/// limit; each page's min, max and NULL count go into the column index and their
/// combination into the chunk's statistics.
struct ColumnChunkWriter {
    let leaf: LeafColumn
    let options: ParquetWriteOptions

    /// The chunk of `rows` rows whose defined rows are `defined` (nil: all) and non-NULL
    /// values `values`, starting at file offset `start`.
    func write(defined: [Bool]?, values: PhysicalValues, rows: Int, start: Int) throws(PlanError) -> WrittenChunk {
        let stats = ValueStatistics(type: leaf.physicalType)
        var out: [UInt8] = []
        var meta = ColumnMetaData()
        meta.type = leaf.physicalType
        meta.pathInSchema = [leaf.element.name]
        meta.codec = options.codec
        meta.numValues = Int64(rows)
        var uncompressed = 0
        let dictionary = ChunkDictionary(values, limit: options.dictionaryPageSize)
        if let dictionary {
            var plain: [UInt8] = []
            // Entries are their values' PLAIN bytes: byte arrays take their lengths back.
            PlainEncoder.encode(.bytes(dictionary.strings), 0..<dictionary.strings.count,
                                type: leaf.physicalType == .byteArray ? .byteArray : .fixedLenByteArray, into: &plain)
            meta.dictionaryPageOffset = Int64(start)
            uncompressed += try appendPage(plain, into: &out) { h in
                h.type = .dictionaryPage
                h.dictionaryPage = DictionaryPageHeader(numValues: Int32(dictionary.strings.count), encoding: .plain)  // safe: ≤ a row group's rows, at most Int32.max
            }
        }
        meta.dataPageOffset = Int64(start + out.count)
        var index = ColumnIndex()
        index.nullCounts = []
        var offsets = OffsetIndex()
        var nullCount = 0
        var chunkMin: [UInt8]?, chunkMax: [UInt8]?
        var firstRow = 0, firstValue = 0
        var indexable = true
        while firstRow < rows {
            let (endRow, endValue) = pageEnd(defined: defined, values: values, fromRow: firstRow, fromValue: firstValue, rows: rows)
            let nulls = (endRow - firstRow) - (endValue - firstValue)
            var body: [UInt8] = []
            let levels = RLEHybridEncoder.encode(defined.map { d in d[firstRow..<endRow].map { $0 ? 1 : 0 } }
                                                 ?? Array(repeating: 1, count: endRow - firstRow), width: 1)
            PlainEncoder.appendLittleEndian(CollectionOfOne(UInt32(levels.count)), into: &body)  // safe: ≤ a page's rows / 4 + 16
            body += levels
            if let dictionary {
                let width = max(1, Int.bitWidth - (dictionary.strings.count - 1).leadingZeroBitCount)
                body.append(UInt8(width))
                body += RLEHybridEncoder.encode(Array(dictionary.codes[firstValue..<endValue]), width: width)
            } else {
                PlainEncoder.encode(values, firstValue..<endValue, type: leaf.physicalType, into: &body)
            }
            let pageStart = start + out.count
            let pageRows = endRow - firstRow
            uncompressed += try appendPage(body, into: &out) { h in
                h.type = .dataPage
                h.dataPage = DataPageHeader(numValues: Int32(pageRows),  // safe: ≤ the page row limit, at most Int32.max
                                            encoding: dictionary == nil ? .plain : .rleDictionary,
                                            definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
            }
            guard let pageSize = Int32(exactly: start + out.count - pageStart) else {
                throw PlanError(.execution, "cannot write column '\(leaf.element.name)' to Parquet: a page of over 2 GiB")
            }
            offsets.pages.append(OffsetIndex.PageLocation(offset: Int64(pageStart), compressedPageSize: pageSize,
                                                          firstRowIndex: Int64(firstRow)))
            // Byte arrays compare cheaper through the dictionary entries a page uses; numbers directly.
            let throughDictionary: ChunkDictionary? = if case .bytes = values { dictionary } else { nil }
            let bounds = throughDictionary.map { d in stats.bounds(d.strings, codes: d.codes[firstValue..<endValue]) }
                ?? stats.bounds(values, firstValue..<endValue)
            if bounds == nil && endValue > firstValue { indexable = false }
            index.nullPages.append(endValue == firstValue)
            index.minValues.append(bounds?.min ?? [])
            index.maxValues.append(bounds?.max ?? [])
            index.nullCounts?.append(Int64(nulls))
            if let b = bounds {
                if chunkMin.map({ stats.compare(b.min, $0) < 0 }) ?? true { chunkMin = b.min }
                if chunkMax.map({ stats.compare(b.max, $0) > 0 }) ?? true { chunkMax = b.max }
            }
            nullCount += nulls
            firstRow = endRow
            firstValue = endValue
        }
        index.boundaryOrder = boundaryOrder(index, stats)
        var statistics = ColumnStatistics()
        statistics.nullCount = Int64(nullCount)
        statistics.minValue = chunkMin
        statistics.maxValue = chunkMax
        meta.statistics = statistics
        meta.encodings = dictionary == nil ? [.plain, .rle] : [.plain, .rle, .rleDictionary]
        meta.totalCompressedSize = Int64(out.count)
        meta.totalUncompressedSize = Int64(uncompressed)
        return WrittenChunk(bytes: out, metaData: meta, columnIndex: indexable ? index : nil, offsetIndex: offsets)
    }

    /// Appends a page (header, then `body` compressed); returns its uncompressed size with
    /// the header.
    func appendPage(_ body: [UInt8], into out: inout [UInt8], _ describe: (inout PageHeader) -> Void) throws(PlanError) -> Int {
        let compressed = try PageCompressor.compress(body, codec: options.codec)
        guard let size = Int32(exactly: body.count), let compressedSize = Int32(exactly: compressed.count) else {
            throw PlanError(.execution, "cannot write column '\(leaf.element.name)' to Parquet: a page of \(body.count) bytes is over 2 GiB")
        }
        var header = PageHeader()
        header.uncompressedSize = size
        header.compressedSize = compressedSize
        describe(&header)
        let headerBytes = header.encoded()
        out += headerBytes
        out += compressed
        return headerBytes.count + body.count
    }

    /// Where the page starting at `fromRow` (value `fromValue`) ends: at the row limit, or
    /// once its values reach the page size.
    func pageEnd(defined: [Bool]?, values: PhysicalValues, fromRow: Int, fromValue: Int, rows: Int) -> (Int, Int) {
        let fixed: Int?
        var strings: StringArray?
        switch values {
        case .boolean: fixed = nil
        case .int32, .float: fixed = 4
        case .int64, .double: fixed = 8
        case .bytes(let s): fixed = nil; strings = s
        }
        var row = fromRow, value = fromValue, bytes = 0
        let lastRow = min(rows, fromRow + options.pageRowLimit)
        while row < lastRow && bytes < options.pageSize {
            if defined?[row] ?? true {
                if let strings { bytes += strings.range(value).count + 4 } else { bytes += fixed ?? 0 }
                value += 1
            }
            row += 1
        }
        return (row, value)
    }

    /// ASCENDING (1) when each page's min and max are at least the previous page's,
    /// DESCENDING (2) when at most, else UNORDERED (0); pages of only NULLs do not count.
    func boundaryOrder(_ index: ColumnIndex, _ stats: ValueStatistics) -> Int32 {
        var ascending = true, descending = true
        var previous: Int?
        for i in index.nullPages.indices where !index.nullPages[i] {
            if let p = previous {
                let lo = stats.compare(index.minValues[i], index.minValues[p]), hi = stats.compare(index.maxValues[i], index.maxValues[p])
                if lo < 0 || hi < 0 { ascending = false }
                if lo > 0 || hi > 0 { descending = false }
            }
            previous = i
        }
        return ascending ? 1 : (descending ? 2 : 0)
    }
}
