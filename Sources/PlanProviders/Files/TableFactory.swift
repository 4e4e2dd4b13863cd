import PlanCore
import PlanExec

/// Makes tables from files of one format. `CREATE EXTERNAL TABLE … STORED AS <format>`,
/// pipeline inputs, `FROM 'file'`, `read_csv`/`read_json` and `COPY … FROM` consult the
/// session's registered factories (``FileTables``); hive partitioning and zone maps are
/// options any listing table takes, not formats.
public protocol TableFactory: Sendable {
    /// The format's name in `STORED AS` (lower case): `csv`.
    var format: String { get }
    /// Other names accepted for it: `json`, `ndjson` for JSON lines.
    var aliases: [String] { get }
    /// The factory's version, as manifests list it.
    var version: String { get }
    /// One line for listings.
    var summary: String { get }
    /// The table for one file.
    func open(path: String, schema: Schema?, options: TableOptions) throws -> any TableProvider
}

extension TableFactory {
    public var aliases: [String] { [] }
}

/// CSV files (RFC 4180; options `header`, `delimiter`, `null`).
public struct CSVTableFactory: TableFactory {
    public init() {}
    public let format = "csv"
    public let version = "1"
    public let summary = "CSV files: header, delimiter and null options; types inferred from the first rows"
    public func open(path: String, schema: Schema?, options: TableOptions) throws -> any TableProvider {
        try CSVTable(path: path, schema: schema, options: options)
    }
}

/// JSON lines files (one object per line).
public struct JSONLinesTableFactory: TableFactory {
    public init() {}
    public let format = "jsonl"
    public let aliases = ["json", "ndjson"]
    public let version = "1"
    public let summary = "JSON lines files: one object per line; keys become columns"
    public func open(path: String, schema: Schema?, options: TableOptions) throws -> any TableProvider {
        try options.check(knownTo: [], format: "JSON lines", kind: .unsupported)
        return try JSONLinesTable(path: path, schema: schema)
    }
}
