import Foundation
import PlanCore
import PlanExec

/// An opened Parquet file: its footer decoded, its columns mapped to planscope's types.
/// Column chunks are read on demand, each from its own byte range of the file, so a scan
/// reads only the columns it projects.
public struct ParquetFile: Sendable {
    public let path: String
    /// The file's size in bytes when it was opened.
    public let fileSize: Int
    /// The footer's length in bytes (what a cache of footers counts a file as about).
    public let footerLength: Int
    public let metadata: FileMetaData
    /// The top-level columns, in schema order.
    public let columns: [ParquetColumn]

    static let magic = Array("PAR1".utf8)

    /// Opens `path` and reads its footer.
    public init(path: String) throws(ParquetError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ParquetError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot open the file" : "file not found")
        }
        defer { try? handle.close() }
        let size: Int
        do { size = Int(try handle.seekToEnd()) } catch { throw ParquetError(path: path, message: "cannot read the file: \(error)") }
        fileSize = size
        guard size >= 12 else { throw ParquetError(path: path, offset: 0, message: "the file is \(size) bytes, too short to be Parquet") }
        let head = try Self.read(handle, path: path, at: 0, count: 4)
        let tail = try Self.read(handle, path: path, at: size - 8, count: 8)
        if Array(tail[4..<8]) == Array("PARE".utf8) { throw ParquetError(path: path, offset: size - 4, message: "the file is encrypted (not supported)") }
        guard head == Self.magic else { throw ParquetError(path: path, offset: 0, message: "the file does not start with PAR1: not a Parquet file") }
        guard Array(tail[4..<8]) == Self.magic else {
            throw ParquetError(path: path, offset: size - 4, message: "the file does not end with PAR1: truncated or not a Parquet file")
        }
        let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard length <= size - 12 else {
            throw ParquetError(path: path, offset: size - 8, message: "the footer claims \(length) bytes, more than the file holds")
        }
        footerLength = length
        let footerStart = size - 8 - length
        let footer = try Self.read(handle, path: path, at: footerStart, count: length)
        do {
            metadata = try FileMetaData.decode(footer)
            columns = try ParquetColumn.columns(of: metadata.schema)
        } catch {
            throw ParquetError(path: path, offset: footerStart + error.position, message: "footer: \(error.message)")
        }
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0, group.numRows <= Int64(Int32.max) else {
                throw ParquetError(path: path, offset: footerStart, message: "footer: row group \(g) has \(group.numRows) rows")
            }
            guard group.columns.count == columns.reduce(0, { $0 + $1.leafCount }) else {
                throw ParquetError(path: path, offset: footerStart, message: "footer: row group \(g) has \(group.columns.count) column chunks for \(columns.count) columns")
            }
        }
    }

    static func read(_ handle: FileHandle, path: String, at offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        do {
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw ParquetError(path: path, offset: offset, message: "the file ends early (truncated?)") }
            return [UInt8](data)
        } catch let error as ParquetError {
            throw error
        } catch {
            throw ParquetError(path: path, offset: offset, message: "cannot read: \(error)")
        }
    }

    /// Rows in each row group.
    public var rowGroupRows: [Int] { metadata.rowGroups.map { Int($0.numRows) } }

    /// Rows in the file (the footer's count).
    public var rowCount: Int { rowGroupRows.reduce(0, +) }

    /// The table's schema: one nullable field per top-level column.
    public var schema: Schema {
        Schema(columns.map { Field(name: $0.name, dataType: $0.dataType, nullable: true) })
    }

    /// The columns `wanted` (indices into ``columns``) of row group `group`, each read from
    /// its own byte range.
    public func readRowGroup(_ group: Int, columns wanted: [Int]) throws(ParquetError) -> [ColumnVector] {
        try readRowGroup(group, columns: wanted, selection: nil) { _ in nil }.columns
    }

    /// What reading one row group produced and cost.
    public struct RowGroupRead: Sendable {
        public var columns: [ColumnVector] = []
        /// Rows in each column (the selection's, else the row group's).
        public var rows = 0
        /// Bytes of pages read.
        public var bytes = 0
        /// Data pages of the read columns that have an offset index, and those read.
        public var pagesTotal = 0
        public var pagesRead = 0
    }

    /// The columns `wanted` of row group `group`, only the rows of `selection` (nil: all).
    /// A column whose `pageIndex` (by leaf) is known reads only the pages that overlap the
    /// selection (and its dictionary page); one without reads its whole chunk.
    public func readRowGroup(_ group: Int, columns wanted: [Int], selection: RowSelection?,
                             pageIndex: (Int) -> PageIndex?) throws(ParquetError) -> RowGroupRead {
        guard metadata.rowGroups.indices.contains(group) else { throw ParquetError(path: path, message: "no row group \(group)") }
        let rowGroup = metadata.rowGroups[group]
        let groupRows = Int(rowGroup.numRows)
        for i in wanted {
            if let reason = columns[i].unsupported { throw ParquetError(path: path, column: columns[i].name, message: reason) }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ParquetError(path: path, message: "cannot open the file") }
        defer { try? handle.close() }
        var out = RowGroupRead()
        out.rows = selection?.count ?? groupRows
        for i in wanted {
            let column = columns[i]
            let chunk = rowGroup.columns[column.leaf]
            guard chunk.filePath == nil, let meta = chunk.metaData else {
                throw ParquetError(path: path, column: column.name, message: "the column chunk is in another file or has no metadata")
            }
            guard meta.type == column.physicalType else {
                throw ParquetError(path: path, column: column.name, message: "the column chunk is \(meta.type), the schema says \(column.physicalType)")
            }
            let start = meta.firstPageOffset
            let length = meta.totalCompressedSize
            guard start >= 4, length >= 0, length <= Int64(fileSize), start <= Int64(fileSize) - length else {
                throw ParquetError(path: path, column: column.name, offset: Int(clamping: start),
                                   message: "the column chunk's \(length) bytes at \(start) are outside the file")
            }
            let index = pageIndex(column.leaf)
            if let index { out.pagesTotal += index.offsets.pages.count }
            // The pages to read: those overlapping the selection (nil: the whole chunk).
            var keptPages: [Int]?
            if let selection, let index, let first = index.offsets.pages.first,
               first.offset >= start, first.offset - start <= length {
                keptPages = index.offsets.pages.indices.filter { selection.overlaps(index.offsets.rows(ofPage: $0, groupRows: groupRows)) }
            }
            let vector: ColumnVector
            if let keptPages, let index {
                out.pagesRead += keptPages.count
                // The dictionary page (before the first data page), then the kept pages; the
                // reader decodes them as one chunk of the kept pages' rows. Error offsets are
                // those of the chunk's start plus the position in these bytes.
                var bytes = try Self.read(handle, path: path, at: Int(start), count: Int(index.offsets.pages[0].offset - start))
                var pageRows: [Range<Int>] = []
                for k in keptPages {
                    let p = index.offsets.pages[k]
                    bytes += try Self.read(handle, path: path, at: Int(p.offset), count: Int(p.compressedPageSize))
                    pageRows.append(index.offsets.rows(ofPage: k, groupRows: groupRows))
                }
                out.bytes += bytes.count
                let decoded = try decode(column, meta, bytes, base: Int(start), rows: pageRows.reduce(0) { $0 + $1.count })
                var positions: [Int] = []
                positions.reserveCapacity(out.rows)
                var base = 0
                for rows in pageRows {
                    for r in selection?.intersection(RowSelection([rows])).ranges ?? [] {
                        for row in r { positions.append(base + row - rows.lowerBound) }
                    }
                    base += rows.count
                }
                vector = decoded.gather(positions)
            } else {
                if index != nil { out.pagesRead += index?.offsets.pages.count ?? 0 }
                let bytes = try Self.read(handle, path: path, at: Int(start), count: Int(length))
                out.bytes += bytes.count
                let decoded = try decode(column, meta, bytes, base: Int(start), rows: groupRows)
                if let selection, selection.count < groupRows {
                    vector = decoded.gather(selection.ranges.flatMap { Array($0) })
                } else {
                    vector = decoded
                }
            }
            out.columns.append(vector)
        }
        return out
    }

    func decode(_ column: ParquetColumn, _ meta: ColumnMetaData, _ bytes: [UInt8], base: Int, rows: Int) throws(ParquetError) -> ColumnVector {
        do {
            return try ColumnChunkReader(column: column, meta: meta, bytes: bytes, base: base).read(rows: rows)
        } catch {
            throw ParquetError(path: path, column: column.name, offset: error.position, message: error.message)
        }
    }
}
