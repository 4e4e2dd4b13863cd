import Foundation
import PlanSupport

/// A file format as planscope recognises it: by its name's extension, else by its first
/// bytes. Whether planscope can read it is up to the table factories registered for it.
public struct FileFormat: Hashable, Sendable {
    /// The format's name in `STORED AS` and `FORMAT` (lower case): `csv`.
    public let name: String
    /// Its name in messages: `Parquet`.
    public let title: String
    /// File name extensions (lower case, without the dot).
    public let extensions: [String]
    /// The bytes a file of this format starts with (empty: none, as for text formats).
    public let magic: [UInt8]

    public init(name: String, title: String, extensions: [String], magic: [UInt8] = []) {
        self.name = name
        self.title = title
        self.extensions = extensions
        self.magic = magic
    }
}

/// The one place file formats are recognised: `FROM 'file'`, `COPY` and file tables ask
/// here which format a path is. A new format registers in ``known`` (and, to be read, with
/// a table factory of the same name).
public enum FileFormats {
    public static let csv = FileFormat(name: "csv", title: "CSV", extensions: ["csv"])
    public static let jsonl = FileFormat(name: "jsonl", title: "JSON lines", extensions: ["json", "jsonl", "ndjson"])
    public static let parquet = FileFormat(name: "parquet", title: "Parquet", extensions: ["parquet"], magic: Array("PAR1".utf8))

    /// Every format planscope recognises, readable or not.
    public static let known: [FileFormat] = [csv, jsonl, parquet]

    /// The format a path's extension names, if any.
    public static func byExtension(_ path: String) -> FileFormat? {
        let name = PathText.lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return known.first { $0.extensions.contains(ext) }
    }

    /// The format whose magic bytes the file at `path` starts with, if any (nil too when
    /// the file cannot be read: opening it reports that).
    public static func byContent(_ path: String) -> FileFormat? {
        let candidates = known.filter { !$0.magic.isEmpty }
        guard let longest = candidates.map(\.magic.count).max(), let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: longest) else { return nil }
        let bytes = [UInt8](head)
        return candidates.first { bytes.starts(with: $0.magic) }
    }

    /// The format of the file at `path`: by extension, then by its first bytes, else CSV
    /// (text).
    public static func detect(_ path: String) -> FileFormat {
        byExtension(path) ?? byContent(path) ?? csv
    }
}
