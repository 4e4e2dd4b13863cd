/// How a table provider treats one filter offered to its scan.
public enum FilterPushdown: String, Hashable, Sendable, Codable {
    /// The provider guarantees every row it returns satisfies the filter; the Filter above
    /// the scan may drop it.
    case exact
    /// The provider uses the filter to skip data, but rows may still fail it; the Filter
    /// above the scan stays.
    case inexact
    /// The provider ignores the filter.
    case unsupported
}

/// What planning needs to know about a table: its schema and how it treats filters.
///
/// The scan itself (`TableProvider`) lives in PlanExec; planning layers see only this.
public protocol TableSource: Sendable {
    /// The table's full schema (unqualified field names).
    var schema: Schema { get }
    /// A short kind name for display (`memory`, `csv`).
    var kind: String { get }
    /// The table function whose rows these are (`generate_series`), or nil for a table
    /// that is read: a plan's ``LogicalPlan/tablesRead`` leaves such scans out.
    var tableFunction: String? { get }
    /// One classification per filter, in order. The default treats every filter as
    /// unsupported.
    func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown]
    /// Roughly how many rows a full scan returns, if the source knows (for join ordering).
    var estimatedRowCount: Int? { get }
    /// Whether ``estimatedRowCount`` is the exact count (memory tables) rather than a guess
    /// (a large CSV file: its first MiB's records scaled by its size).
    var rowCountIsExact: Bool { get }
    /// Roughly how many distinct non-NULL values column `index` of ``schema`` holds, if
    /// the source knows (for join-size estimates).
    func distinctCount(ofColumn index: Int) -> Int?
    /// The type `\d` shows for column `index` when ``schema``'s does not say what the
    /// source holds (a Parquet LIST column planscope cannot read: `LIST (not supported)`),
    /// or nil to show the schema's type.
    func shownType(ofColumn index: Int) -> String?
    /// What the source knows of column `index`'s values over the whole table — least and
    /// greatest non-NULL value, NULL count — without reading it (Parquet footers), for
    /// range selectivity and NULL fractions; nil when it knows nothing.
    func zone(ofColumn index: Int) -> ColumnZone?
}

extension TableSource {
    public var tableFunction: String? { nil }
    public var estimatedRowCount: Int? { nil }
    public var rowCountIsExact: Bool { false }
    public func distinctCount(ofColumn index: Int) -> Int? { nil }
    public func shownType(ofColumn index: Int) -> String? { nil }
    public func zone(ofColumn index: Int) -> ColumnZone? { nil }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] {
        Array(repeating: .unsupported, count: filters.count)
    }
}

/// A table source carried inside a plan. Plans compare and hash by table name and
/// schema; the handle itself never makes two plans differ.
public struct TableSourceHandle: Hashable, Sendable {
    public let source: (any TableSource)?

    public init(_ source: (any TableSource)?) { self.source = source }
    public static func == (_: TableSourceHandle, _: TableSourceHandle) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
