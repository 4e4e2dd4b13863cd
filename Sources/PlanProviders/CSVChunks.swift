import Foundation
import PlanCore
import PlanExec
import PlanSupport

/// A CSV file cut into chunks of about ``CSVTable/chunkBytes`` that workers parse at once.
///
/// A chunk starts after the first newline at or past its nominal offset and takes the
/// records that start before the next chunk's nominal offset. That guess is wrong only
/// when a quoted field with a newline in it straddles the offset, so each chunk is parsed
/// on the guess, then checked against where the chunk before it really ended (published
/// in order, with the line number reached): on a mismatch it is parsed again from the
/// true start. Rows and error messages (line numbers included) are those of one reader
/// going through the file.
extension CSVTable: MorselScanning {
    /// Bytes per chunk.
    static let chunkBytes = 1 << 20

    public func morselScan(projection: [Int]?, filters: [Expr], rows: Int, statistics: ScanStatistics) throws -> Morsels? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
              size > 2 * CSVTable.chunkBytes else { return nil }
        let (dataStart, firstLine) = try dataOffset()
        let count = max(1, (size - dataStart + CSVTable.chunkBytes - 1) / CSVTable.chunkBytes)
        let nominal = (0...count).map { $0 == count ? size : dataStart + $0 * CSVTable.chunkBytes }
        let appender = CSVRecordAppender(table: self, projection: projection ?? Array(schema.fields.indices))
        let ends = Monitor([ChunkEnd?](repeating: nil, count: count))
        let path = self.path, delimiter = self.delimiter
        // Without a `null` option a chunk without quotes can take the columnar path.
        let fast = nullText == nil
        statistics.units(total: count, pruned: 0, kind: "chunks")

        /// Parses the records starting at `start` before `limit` (to the end of the file
        /// for the last chunk).
        @Sendable func parse(from start: Int, line: Int, limit: Int) throws -> (RecordBatch, end: Int, lines: Int) {
            if fast, let parsed = try CSVTable.columnarParse(path: path, from: start, limit: limit, size: size, appender: appender) {
                return parsed
            }
            let reader = try CSVReader(path: path, delimiter: delimiter, offset: start, firstLine: line,
                                       readSize: limit - start + (1 << 16))
            var builders = appender.makeBuilders(capacity: (limit - start) / 64)
            var fields: [CSVReader.FieldRef] = []
            var rows = 0
            while start < limit, reader.fileOffset < limit, try reader.next(into: &fields) {
                try appender.append(fields, from: reader, to: &builders)
                rows += 1
            }
            let batch = RecordBatch(schema: appender.schema, columns: builders.map { $0.finish() }, rowCount: rows)
            return (batch, max(start, reader.fileOffset), reader.linesRead)
        }

        return Morsels(count: count) { i in
            let limit = nominal[i + 1]
            let guess = i == 0 ? dataStart : try CSVTable.recordStart(after: nominal[i], path: path, size: size)
            let speculative = Result { try parse(from: guess, line: i == 0 ? firstLine : 1, limit: limit) }
            let previous: ChunkEnd = i == 0 ? .parsed(end: dataStart, line: firstLine)
                : ends.wait(until: { $0[i - 1] != nil }) { $0[i - 1] ?? .failed }
            guard case .parsed(let start, let line) = previous else {
                ends.withLock { $0[i] = .failed }
                throw PlanError(.cancelled, "an earlier chunk of \(path) failed")
            }
            let parsed: (RecordBatch, end: Int, lines: Int)
            do {
                if start == guess, case .success(let p) = speculative { parsed = p } else { parsed = try parse(from: start, line: line, limit: limit) }
            } catch {
                ends.withLock { $0[i] = .failed }
                throw error
            }
            ends.withLock { $0[i] = .parsed(end: parsed.end, line: line + parsed.lines) }
            statistics.read(rows: parsed.0.rowCount, bytes: parsed.end - start)
            return parsed.0
        }
    }

    /// The records starting in `start..<limit` by ``CSVColumnarChunk`` (reading up to 64 KiB
    /// past `limit` for the last one); nil when that path does not take them.
    static func columnarParse(path: String, from start: Int, limit: Int, size: Int,
                              appender: CSVRecordAppender) throws -> (RecordBatch, end: Int, lines: Int)? {
        guard start < limit else { return nil }
        let count = min(size, limit + (1 << 16)) - start
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PlanError(.io, FileReadError(path: path, reason: FileReadError.reason(errno: errno)).description) }
        defer { close(fd) }
        var failure: Int32 = 0
        let bytes = [UInt8].uninitialized(capacity: count) { out, initialized in
            guard let base = out.baseAddress else { initialized = 0; return }
            let (filled, error) = CSVReader.readBytes(fd, into: base, count: count, at: start)
            failure = error
            initialized = filled
        }
        if failure != 0 { throw PlanError(.io, "cannot read \(path): \(String(cString: strerror(failure)))") }
        return bytes.withUnsafeBufferPointer { b -> (RecordBatch, end: Int, lines: Int)? in
            guard let chunk = CSVColumnarChunk(b, limit: limit - start, atEndOfFile: start + b.count >= size,
                                               width: appender.table.schema.count, delimiter: appender.table.delimiter),
                  let batch = chunk.batch(b, appender: appender) else { return nil }
            return (batch, start + chunk.end, chunk.lines)
        }
    }

    /// Where the first record after the header (and a byte order mark) starts, and its line.
    private func dataOffset() throws -> (Int, Int) {
        let reader = try CSVReader(path: path, delimiter: delimiter, readSize: 1 << 16)
        guard hasHeader else { return (reader.fileOffset, 1) }
        var fields: [CSVReader.FieldRef] = []
        _ = try reader.next(into: &fields)
        return (reader.fileOffset, 1 + reader.linesRead)
    }

    /// Where a chunk was last seen to end: the offset of the next record and its line.
    private enum ChunkEnd {
        case parsed(end: Int, line: Int)
        case failed
    }

    /// The offset after the first newline at or past `offset - 1` (the file's size when
    /// there is none).
    static func recordStart(after offset: Int, path: String, size: Int) throws -> Int {
        let handle: FileHandle
        do { handle = try TextFile.openForReading(path) } catch { throw PlanError(.io, error.description) }
        var position = offset - 1
        do {
            try handle.seek(toOffset: UInt64(position))
            while position < size {
                guard let data = try handle.read(upToCount: 1 << 14), !data.isEmpty else { break }
                if let newline = data.firstIndex(of: 10) { return position + (newline - data.startIndex) + 1 }
                position += data.count
            }
        } catch {
            throw PlanError(.io, "cannot read \(path): \(error.localizedDescription)")
        }
        return size
    }
}
