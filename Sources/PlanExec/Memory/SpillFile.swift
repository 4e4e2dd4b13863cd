import PlanCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of batches an operator wrote because its memory reservation was refused (a
/// sorted run, a partition of an aggregation's input), read back in the order written.
///
/// The file is unlinked as soon as it is created: only its descriptor keeps it, so it is
/// gone when the operator is done, fails or is cancelled, and when the process ends —
/// by a signal included — with nothing to clean up.
final class SpillFile {
    private let descriptor: Int32
    private var extents: [(offset: Int, length: Int)] = []
    private(set) var bytesWritten = 0
    /// Rows written, over every batch.
    private(set) var rowCount = 0

    /// A new spill file in `directory` (`execution.temp_directory`).
    init(directory: String) throws(PlanError) {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template.append(contentsOf: Array("planscope-spill-XXXXXX".utf8CString))
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw PlanError(.io, "cannot spill to '\(directory)': \(String(cString: strerror(errno))) (set execution.temp_directory to a writable directory)")
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends one batch.
    func write(_ batch: RecordBatch) throws(PlanError) {
        let bytes = BatchCodec.encode(batch)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { pwrite(descriptor, $0 + done, bytes.count - done, off_t(bytesWritten + done)) } ?? -1
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw PlanError(.io, "cannot write a spill file: \(String(cString: strerror(errno)))") }
            done += n
        }
        extents.append((bytesWritten, bytes.count))
        bytesWritten += bytes.count
        rowCount += batch.rowCount
    }

    /// How many batches the file holds.
    var batchCount: Int { extents.count }

    /// The `index`th batch written, under `schema`.
    func read(_ index: Int, schema: Schema) throws(PlanError) -> RecordBatch {
        let (offset, length) = extents[index]
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let n = bytes.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(descriptor, $0 + done, length - done, off_t(offset + done)) } ?? -1
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw PlanError(.io, "cannot read a spill file: \(String(cString: strerror(errno)))") }
            done += n
        }
        return try BatchCodec.decode(bytes, schema: schema)
    }

    /// The batches in the order written, one read at a time.
    func stream(schema: Schema) -> any BatchStream {
        var next = 0
        return ClosureStream { [self] in
            guard next < batchCount else { return nil }
            defer { next += 1 }
            return try read(next, schema: schema)
        }
    }
}

/// The bytes of a batch in a spill file: each column's tag, validity words and value
/// buffers as they are in memory (a spill file is read back by the process that wrote it).
enum BatchCodec {
    static func encode(_ batch: RecordBatch) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(batch.byteSize + 64 + batch.columns.count * 32)
        func word(_ n: Int) { withUnsafeBytes(of: Int64(n).littleEndian) { out.append(contentsOf: $0) } }
        func array<T: BitwiseCopyable>(_ a: [T]) {
            word(a.count)
            a.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        word(batch.rowCount)
        word(batch.columns.count)
        for column in batch.columns {
            if let validity = column.validity {
                out.append(1)
                word(validity.count)
                array(validity.words)
            } else {
                out.append(0)
            }
            switch column.values {
            case .null(let n): out.append(0); word(n)
            case .boolean(let a): out.append(1); array(a)
            case .int16(let a): out.append(2); array(a)
            case .int32(let a): out.append(3); array(a)
            case .int64(let a): out.append(4); array(a)
            case .float32(let a): out.append(5); array(a)
            case .float64(let a): out.append(6); array(a)
            case .decimal(let a): out.append(7); array(a)
            case .string(let s): out.append(8); array(s.offsets); array(s.bytes)
            case .date(let a): out.append(9); array(a)
            case .timestamp(let a): out.append(10); array(a)
            case .interval(let a): out.append(11); array(a)
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8], schema: Schema) throws(PlanError) -> RecordBatch {
        var reader = Reader(bytes: bytes)
        let rows = try reader.word()
        let count = try reader.word()
        guard count == schema.fields.count else { throw PlanError(.io, "a spill file does not match its schema") }
        var columns: [ColumnVector] = []
        for field in schema.fields {
            var validity: Bitmap?
            if try reader.byte() == 1 {
                let bits = try reader.word()
                validity = Bitmap(words: try reader.array(UInt64.self), count: bits)
            }
            let values: ColumnValues
            switch try reader.byte() {
            case 0: values = .null(count: try reader.word())
            case 1: values = .boolean(try reader.array(Bool.self))
            case 2: values = .int16(try reader.array(Int16.self))
            case 3: values = .int32(try reader.array(Int32.self))
            case 4: values = .int64(try reader.array(Int64.self))
            case 5: values = .float32(try reader.array(Float.self))
            case 6: values = .float64(try reader.array(Double.self))
            case 7: values = .decimal(try reader.array(Int128.self))
            case 8:
                let offsets = try reader.array(Int32.self)
                values = .string(StringArray(offsets: offsets, bytes: try reader.array(UInt8.self)))
            case 9: values = .date(try reader.array(Int32.self))
            case 10: values = .timestamp(try reader.array(Int64.self))
            case 11: values = .interval(try reader.array(Interval.self))
            default: throw PlanError(.io, "a spill file is damaged")
            }
            columns.append(ColumnVector(field.dataType, values, validity: validity))
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: rows)
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func byte() throws(PlanError) -> UInt8 {
            guard at < bytes.count else { throw PlanError(.io, "a spill file is damaged") }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func word() throws(PlanError) -> Int {
            guard at + 8 <= bytes.count else { throw PlanError(.io, "a spill file is damaged") }
            var v: Int64 = 0
            withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: bytes[at..<(at + 8)]) }
            at += 8
            return Int(Int64(littleEndian: v))
        }

        mutating func array<T: BitwiseCopyable>(_: T.Type) throws(PlanError) -> [T] {
            let n = try word()
            let length = n * MemoryLayout<T>.stride
            guard n >= 0, at + length <= bytes.count else { throw PlanError(.io, "a spill file is damaged") }
            let start = at
            at += length
            return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)]))
                }
                initialized = n
            }
        }
    }
}
