import PlanParquet

/// The process's caches of facts read from files, in one place (as the shared runtime is
/// one pool): each a ``FileCache`` keyed by path and checked against the file's identity.
/// Sessions configure them through the `cache.*` settings — execution settings, so they
/// enter no manifest and no hash, and change no plan. What caches hold is not counted
/// against `execution.memory_limit`.
public struct CacheManager: Sendable {
    /// The one manager of the process.
    public static let shared = CacheManager()
    /// Each cache's byte limit until a session sets `cache.limit` (whose default it is).
    public static let defaultLimit = 256 << 20

    /// Parquet files' footers (schema, row groups, column chunk statistics): a second
    /// query over the same files reads no footer again.
    public let parquetFooters = FileCache<ParquetFile>(
        name: "parquet_footers", summary: "Parquet footers: schema, row groups and column statistics, read once per file version")

    /// Every cache, for listings.
    public var all: [CacheStatistics] { [parquetFooters.statistics] }

    /// Switches a cache on or off by name and sets every cache's byte limit.
    public func configure(parquetFooters on: Bool, limit: Int) {
        parquetFooters.configure(enabled: on, limit: limit)
    }
}
