import Foundation
import PlanCore

/// Streams records out of a CSV file (RFC 4180: quoted fields, `""` escapes, newlines
/// inside quotes, CRLF or LF), reading the file in chunks.
final class CSVReader {
    struct FieldRef {
        var start: Int
        var end: Int
        var quoted: Bool
        var escaped: Bool
    }

    let path: String
    let delimiter: UInt8
    private let handle: FileHandle
    private(set) var buffer: [UInt8] = []
    private var position = 0
    /// The file offset of `buffer[0]`.
    private var base = 0
    private var atEOF = false
    /// 1-based line number where the last record returned started.
    private(set) var recordLine = 0
    /// Where the last record returned starts in ``buffer``.
    private var recordStart = 0
    private var line = 1
    static let chunkSize = 4 << 20
    /// Bytes read from the file at a time.
    private let readSize: Int

    /// The file offset where the next record starts (after the last one returned).
    var fileOffset: Int { base + position }
    /// Newlines read so far (records and the blank lines between them).
    var linesRead: Int { line - firstLine }
    private let firstLine: Int

    /// A reader from `offset` (a record's first byte), whose first line is `firstLine`.
    init(path: String, delimiter: UInt8, offset: Int = 0, firstLine: Int = 1, readSize: Int = CSVReader.chunkSize) throws {
        self.readSize = max(1 << 16, readSize)
        self.path = path
        self.delimiter = delimiter
        self.firstLine = firstLine
        line = firstLine
        base = offset
        let h: FileHandle
        do { h = try TextFile.openForReading(path) } catch { throw PlanError(.io, error.description) }
        handle = h
        // A UTF-8 byte order mark at the start of the file is not part of the first field.
        if offset == 0 {
            var mark: [UInt8] = [0, 0, 0]
            let got = mark.withUnsafeMutableBufferPointer { m in
                m.baseAddress.map { CSVReader.readBytes(h.fileDescriptor, into: $0, count: 3, at: 0).0 } ?? 0
            }
            if got == 3, mark == CSVReader.byteOrderMark { base = 3 }
        }
        if base > 0 {
            do { try h.seek(toOffset: UInt64(base)) } catch {
                throw PlanError(.io, "cannot read \(path): \(error.localizedDescription)")
            }
        }
    }

    /// The UTF-8 byte order mark, skipped at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    deinit { try? handle.close() }

    private func refill() throws -> Bool {
        guard !atEOF else { return false }
        // The unread rest of the buffer and up to `readSize` new bytes, read from the
        // file straight into a new buffer (no intermediate Data, no zero-filling).
        let rest = buffer.count - position
        let fd = handle.fileDescriptor
        var failure: Int32 = 0
        let next = [UInt8].uninitialized(capacity: rest + readSize) { out, initialized in
            guard let base = out.baseAddress else { initialized = 0; return }
            buffer.withUnsafeBufferPointer { old in
                if rest > 0, let from = old.baseAddress { base.update(from: from + position, count: rest) }
            }
            let (filled, error) = CSVReader.readBytes(fd, into: base + rest, count: readSize, at: nil)
            failure = error
            initialized = rest + filled
        }
        if failure != 0 { throw PlanError(.io, "cannot read \(path): \(String(cString: strerror(failure)))") }
        base += position
        position = 0
        let gotMore = next.count > rest
        buffer = next
        if !gotMore { atEOF = true }
        return gotMore
    }

    /// Reads up to `count` bytes of `fd` into `target` (from `offset`, else from the file's
    /// position), retrying short reads and EINTR; the bytes read and the errno of a failure
    /// (0 when none).
    static func readBytes(_ fd: Int32, into target: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int?) -> (Int, Int32) {
        var filled = 0
        while filled < count {
            let n = offset.map { pread(fd, target + filled, count - filled, off_t($0 + filled)) }
                ?? read(fd, target + filled, count - filled)
            if n < 0 {
                if errno == EINTR { continue }
                return (filled, errno)
            }
            if n == 0 { break }
            filled += n
        }
        return (filled, 0)
    }

    /// Reads the next record's fields into `fields`; `false` at end of file. Blank lines
    /// are skipped.
    func next(into fields: inout [FieldRef]) throws -> Bool {
        while true {
            fields.removeAll(keepingCapacity: true)
            if position >= buffer.count, try !refill() { return false }
            let outcome = parseRecord(into: &fields)
            switch outcome {
            case .complete(let end, let lines):
                recordLine = line
                recordStart = position
                line += lines
                position = end
                if fields.count == 1, fields[0].start == fields[0].end, !fields[0].quoted { continue }
                return true
            case .needMore:
                if try !refill() {
                    // Final record without a trailing newline.
                    if case .complete(let end, let lines) = parseRecord(into: &fields, final: true) {
                        recordLine = line
                        recordStart = position
                        line += lines
                        position = end
                        if fields.count == 1, fields[0].start == fields[0].end, !fields[0].quoted { return false }
                        return true
                    }
                    throw PlanError(.csv, "\(path):\(line): unterminated quoted field")
                }
            }
        }
    }

    enum Outcome { case complete(end: Int, lines: Int), needMore }

    private func parseRecord(into fields: inout [FieldRef], final: Bool = false) -> Outcome {
        fields.removeAll(keepingCapacity: true)
        var i = position
        let n = buffer.count
        var lines = 0
        return buffer.withUnsafeBufferPointer { b -> Outcome in
            var fieldStart = i
            while true {
                if i >= n {
                    if final {
                        fields.append(FieldRef(start: fieldStart, end: n, quoted: false, escaped: false))
                        return .complete(end: n, lines: 1)
                    }
                    return .needMore
                }
                if b[i] == UInt8(ascii: "\"") && i == fieldStart {
                    // Quoted field.
                    var j = i + 1
                    var escaped = false
                    while true {
                        if j >= n { return final ? .needMore : .needMore }
                        if b[j] == UInt8(ascii: "\"") {
                            if j + 1 < n, b[j + 1] == UInt8(ascii: "\"") { escaped = true; j += 2; continue }
                            if j + 1 >= n && !final { return .needMore }
                            break
                        }
                        if b[j] == 10 { lines += 1 }
                        j += 1
                    }
                    fields.append(FieldRef(start: i + 1, end: j, quoted: true, escaped: escaped))
                    i = j + 1
                    if i >= n {
                        if final { return .complete(end: n, lines: lines + 1) }
                        return .needMore
                    }
                    if b[i] == delimiter { i += 1; fieldStart = i; continue }
                    if b[i] == 13, i + 1 < n, b[i + 1] == 10 { return .complete(end: i + 2, lines: lines + 1) }
                    if b[i] == 10 { return .complete(end: i + 1, lines: lines + 1) }
                    if b[i] == 13 && i + 1 >= n && !final { return .needMore }
                    // Garbage after a closing quote: keep it as part of the field.
                    var k = i
                    while k < n, b[k] != delimiter, b[k] != 10 { k += 1 }
                    fields[fields.count - 1].end = k
                    fields[fields.count - 1].quoted = false
                    i = k
                    continue
                }
                let c = b[i]
                if c == delimiter {
                    fields.append(FieldRef(start: fieldStart, end: i, quoted: false, escaped: false))
                    i += 1
                    fieldStart = i
                } else if c == 10 {
                    var end = i
                    if end > fieldStart, b[end - 1] == 13 { end -= 1 }
                    fields.append(FieldRef(start: fieldStart, end: end, quoted: false, escaped: false))
                    return .complete(end: i + 1, lines: lines + 1)
                } else {
                    i += 1
                }
            }
        }
    }

    /// The 1-based line and column (in characters) where field `f` of the last record
    /// returned starts (its opening quote, if quoted).
    func location(of f: FieldRef) -> (line: Int, column: Int) {
        let start = f.quoted ? f.start - 1 : f.start
        var line = recordLine, column = 1
        for i in recordStart..<max(recordStart, start) where i < buffer.count {
            let c = buffer[i]
            if c == 10 { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    /// The text of a field (escapes resolved).
    func text(_ f: FieldRef) -> String {
        let s = String(decoding: buffer[f.start..<f.end], as: UTF8.self)
        return f.escaped ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}
