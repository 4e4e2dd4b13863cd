import Foundation
import PlanCore
import PlanExec

/// Replaces a file's content all at once: the bytes go to a temporary file next to it,
/// which is then renamed over it. On any failure the old file (if any) is untouched and
/// the temporary file removed. The one way planscope writes the files it produces.
///
/// The file's folder must exist (`COPY … TO` and CSV DML never create folders); only a
/// caller that owns an output tree (pipeline outputs) asks for it with `creatingFolder`.
public enum AtomicFile {
    public static func write(_ text: String, to path: String, creatingFolder: Bool = false) throws {
        try write(to: path, creatingFolder: creatingFolder) { put in try put(Array(text.utf8)) }
    }

    /// The file written by `body`, which hands its bytes, in order, to the function it is
    /// given (a file too large to hold in memory is written as it is produced).
    public static func write<R>(to path: String, creatingFolder: Bool = false,
                                _ body: (_ put: ([UInt8]) throws -> Void) throws -> R) throws -> R {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        if creatingFolder {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw PlanError(.io, "cannot write '\(path)': folder '\(directory.path)' does not exist")
        }
        guard isDirectory.boolValue else { throw PlanError(.io, "cannot write '\(path)': '\(directory.path)' is not a folder") }
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).planscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw PlanError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let result = try body { bytes in try handle.write(contentsOf: bytes) }
            try handle.close()
            guard Foundation.rename(temp.path, path) == 0 else {
                throw PlanError(.io, "cannot replace '\(path)': \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temp)
            if let e = error as? PlanError { throw e }
            throw PlanError(.io, "cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

/// Rows as CSV text (RFC 4180 quoting). NULL is written as the `null` text (an empty
/// field by default); a value that reads as NULL unquoted (the empty string, or text
/// equal to the `null` text) is quoted, so the file reads back as it was written.
/// `TIMESTAMPTZ` values are written in `timeZone` with their offset, as a query's result
/// shows them (PostgreSQL's `COPY`): the same instants whatever zone reads them back.
public enum CSVWriter {
    public static func text(_ batches: [RecordBatch], schema: Schema, delimiter: String = ",", header: Bool = true,
                            null: String? = nil, timeZone: SQLTimeZone = .utc) -> String {
        var text = ""
        let nullText = null ?? ""
        if header { text += schema.displayNames.map { quote($0, delimiter) }.joined(separator: delimiter) + "\n" }
        for b in batches {
            for r in 0..<b.rowCount {
                text += b.columns.map { c -> String in
                    let v = c.value(r)
                    if v.isNull { return nullText }
                    let s = v.sqlText(in: timeZone)
                    return s.isEmpty || s == nullText ? quoted(s) : quote(s, delimiter)
                }.joined(separator: delimiter) + "\n"
            }
        }
        return text
    }

    /// `s`, quoted when it holds the delimiter, a quote or a line break.
    public static func quote(_ s: String, _ sep: String) -> String {
        if s.contains(sep) || s.contains("\"") || s.contains("\n") || s.contains("\r") { return quoted(s) }
        return s
    }

    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Rows as JSON lines: one object per row, keys in column order; numbers stay numbers
/// (decimals exactly as written), dates and other values as strings (`TIMESTAMPTZ` in
/// `timeZone` with its offset, as CSV), NULL as null.
public enum JSONLinesWriter {
    public static func text(_ batches: [RecordBatch], schema: Schema, timeZone: SQLTimeZone = .utc) -> String {
        var text = ""
        let names = schema.displayNames
        for b in batches {
            for r in 0..<b.rowCount {
                text += JSONValue.object(zip(names, b.columns).map { ($0, json($1.value(r), timeZone: timeZone)) }).compact + "\n"
            }
        }
        return text
    }

    static func json(_ v: ScalarValue, timeZone: SQLTimeZone) -> JSONValue {
        switch v {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .int16, .int32, .int64: .int(v.int64Value ?? 0)
        case .float32, .float64:
            if let d = v.doubleValue, d.isFinite { .double(d) } else { .string(v.sqlText) }
        case .decimal: .number(v.sqlText)
        case .numeric(let n): n.isNaN ? .string(n.text) : .number(n.text)
        default: .string(v.sqlText(in: timeZone))
        }
    }
}
