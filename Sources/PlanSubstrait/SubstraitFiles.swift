import PlanCore

/// A file a scan reads, as a Substrait read of local files: its path, its format and
/// the format's reading options. Table sources that read one file conform to
/// ``SubstraitFileScan``; the consumer hands these back to the session to open.
public struct SubstraitFiles: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case csv, parquet
    }
    public var format: Format
    /// An absolute path.
    public var path: String
    /// CSV: whether the first line is a header, the delimiter, the text read as NULL.
    public var header: Bool
    public var delimiter: String
    public var nullText: String?

    public init(format: Format, path: String, header: Bool = true, delimiter: String = ",", nullText: String? = nil) {
        self.format = format
        self.path = path
        self.header = header
        self.delimiter = delimiter
        self.nullText = nullText
    }

    /// The options planscope's file tables take (`header`, `delimiter`, `null`).
    public var options: [String: String] {
        guard format == .csv else { return [:] }
        var o = ["header": header ? "true" : "false", "delimiter": delimiter]
        if let nullText { o["null"] = nullText }
        return o
    }
}

/// A table source that reads local files Substrait can name: one, or several read as one
/// table (a glob or a folder).
public protocol SubstraitFileScan {
    /// The files in the order read, or nil when one of them is not such a file.
    var substraitFiles: [SubstraitFiles]? { get }
}

/// A table whose rows are fixed when the query is planned (a table function's:
/// `generate_series(1, 5)`): written as a virtual table of those rows.
public protocol SubstraitRowsSource {
    /// The rows, or nil when the table is not such a one.
    var substraitRows: [[ScalarValue]]? { get }
}

/// Why a read of local files is not one planscope reads.
struct Refusal: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension ReadRel.LocalFiles {
    init(_ files: [SubstraitFiles]) {
        self.init(items: files.map { file in
            var item = FileOrFiles(uriFile: "file://" + file.path)
            switch file.format {
            case .parquet: item.parquet = ProtoEmpty()
            case .csv:
                item.text = .init(fieldDelimiter: file.delimiter, maxLineSize: ProtoInt64(1 << 30), quote: "\"",
                                  headerLinesToSkip: ProtoInt64(file.header ? 1 : 0), escape: "\"", valueTreatedAsNull: file.nullText)
            }
            return item
        })
    }

    /// The files read and their formats, or why planscope cannot read them.
    func files() -> Result<[SubstraitFiles], Refusal> {
        let items = items ?? []
        guard !items.isEmpty else { return .failure(Refusal("a read of local files names no file")) }
        var out: [SubstraitFiles] = []
        for (i, item) in items.enumerated() {
            switch Self.file(item) {
            case .success(let f): out.append(f)
            case .failure(let why): return .failure(Refusal("items[\(i)]: \(why.message)"))
            }
        }
        guard Set(out.map(\.format)).count == 1 else { return .failure(Refusal("files of several formats read as one table")) }
        return .success(out)
    }

    static func file(_ item: FileOrFiles) -> Result<SubstraitFiles, Refusal> {
        guard let uri = item.uriFile ?? item.uriPath, uri.hasPrefix("file://") || uri.hasPrefix("/") else {
            return .failure(Refusal("only a local file given by uriFile or uriPath (file://…) is read"))
        }
        let path = uri.hasPrefix("file://") ? String(uri.dropFirst("file://".count)) : uri
        if item.parquet != nil { return .success(SubstraitFiles(format: .parquet, path: path)) }
        if let text = item.text {
            let skip = text.headerLinesToSkip?.value ?? 0
            guard skip <= 1 else { return .failure(Refusal("a text file with \(skip) header lines (planscope reads 0 or 1)")) }
            guard (text.fieldDelimiter ?? ",").count == 1 else { return .failure(Refusal("a text file's delimiter must be one character")) }
            return .success(SubstraitFiles(format: .csv, path: path, header: skip == 1, delimiter: text.fieldDelimiter ?? ",",
                                           nullText: text.valueTreatedAsNull))
        }
        return .failure(Refusal("file format \(item.arrow != nil ? "arrow" : item.orc != nil ? "orc" : item.dwrf != nil ? "dwrf" : "(none)") is not read (parquet and delimited text are)"))
    }
}
