import Foundation

/// The optional structures beside a file's pages: the page index (column index and
/// offset index) and bloom filters. Each is read on demand from its own byte range; one
/// that is absent, out of the file's bounds or does not decode is nil (the scan then reads
/// what it would have skipped, never fails on it). Each answer carries the bytes it read.
extension ParquetFile {
    /// A chunk's page index: min/max per page and where each page starts.
    public struct PageIndex: Sendable, Equatable {
        public let column: ColumnIndex?
        public let offsets: OffsetIndex
    }

    /// The page index of `leaf` in row group `group`: the offset index (needed to skip
    /// pages) and, when present, the column index; nil without an offset index.
    public func pageIndex(group: Int, leaf: Int) -> (index: PageIndex?, bytes: Int) {
        guard let chunk = chunk(group, leaf), let offset = chunk.offsetIndexOffset, let length = chunk.offsetIndexLength,
              let offsetBytes = bytes(at: offset, count: Int64(length)),
              let offsets = try? OffsetIndex.decode(offsetBytes), valid(offsets, group: group) else { return (nil, 0) }
        var read = offsetBytes.count
        var column: ColumnIndex?
        if let offset = chunk.columnIndexOffset, let length = chunk.columnIndexLength, let b = bytes(at: offset, count: Int64(length)) {
            read += b.count
            if let c = try? ColumnIndex.decode(b), c.nullPages.count == offsets.pages.count { column = c }
        }
        return (PageIndex(column: column, offsets: offsets), read)
    }

    /// The bloom filter of `leaf` in row group `group`, if it has one this reader knows.
    public func bloomFilter(group: Int, leaf: Int) -> (filter: SplitBlockBloomFilter?, bytes: Int) {
        guard let meta = chunk(group, leaf)?.metaData, let offset = meta.bloomFilterOffset,
              offset >= 0, offset < Int64(fileSize) else { return (nil, 0) }
        // Without a length, the header (a few bytes) is read first, then the bitset.
        let headerGuess: Int64 = 64
        let length = meta.bloomFilterLength.map(Int64.init) ?? min(headerGuess, Int64(fileSize) - offset)  // safe: 0 ≤ offset < size
        guard let head = bytes(at: offset, count: length), let decoded = try? BloomFilterHeader.decode(head) else { return (nil, 0) }
        let (header, start) = decoded
        guard header.isSplitBlock, header.isXXHash, header.isUncompressed, header.numBytes > 0 else { return (nil, head.count) }
        let total = Int64(start) + Int64(header.numBytes)  // safe: a header's length plus an Int32
        let all: [UInt8]
        if Int64(head.count) >= total {
            all = head
        } else {
            guard let b = bytes(at: offset, count: total) else { return (nil, head.count) }
            all = b
        }
        return (SplitBlockBloomFilter(bitset: all[start..<Int(total)]), all.count)
    }

    func chunk(_ group: Int, _ leaf: Int) -> ColumnChunk? {
        guard metadata.rowGroups.indices.contains(group), metadata.rowGroups[group].columns.indices.contains(leaf) else { return nil }
        return metadata.rowGroups[group].columns[leaf]
    }

    /// `count` bytes at `offset`, nil when the range is outside the file or cannot be read.
    func bytes(at offset: Int64, count: Int64) -> [UInt8]? {
        guard offset >= 0, count > 0, count <= Int64(fileSize), offset <= Int64(fileSize) - count,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? Self.read(handle, path: path, at: Int(offset), count: Int(count))
    }

    /// Pages in order, the first at row 0, each inside the file and the row group.
    func valid(_ index: OffsetIndex, group: Int) -> Bool {
        let rows = Int64(metadata.rowGroups[group].numRows)
        guard let first = index.pages.first, first.firstRowIndex == 0 else { return false }
        var previous: Int64 = -1
        for p in index.pages {
            guard p.firstRowIndex > previous, p.firstRowIndex < rows, p.offset >= 4, p.compressedPageSize > 0,
                  p.offset <= Int64(fileSize) - Int64(p.compressedPageSize) else { return false }
            previous = p.firstRowIndex
        }
        return true
    }
}

extension OffsetIndex {
    /// The rows of page `i` in a row group of `rows` rows.
    public func rows(ofPage i: Int, groupRows rows: Int) -> Range<Int> {
        let start = Int(pages[i].firstRowIndex)
        let end = i + 1 < pages.count ? Int(pages[i + 1].firstRowIndex) : rows
        return start..<end
    }
}
