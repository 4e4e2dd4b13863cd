import PlanParquet

/// The process's caches of facts read from files, in one place (as the shared runtime is
/// one pool): each a ``FileCache`` keyed by path and checked against the file's identity
/// (and a listing's subfolders'). Sessions configure them through the `cache.*` settings —
/// execution settings, so they enter no manifest and no hash, and change no plan. What
/// caches hold is not counted against `execution.memory_limit`. (A memory table's
/// distinct-count sketches are facts of its rows, not of a file: they stay with the table,
/// worked out once per version of its rows.)
public struct CacheManager: Sendable {
    /// The one manager of the process.
    public static let shared = CacheManager()
    /// Each cache's byte limit until a session sets `cache.limit` (whose default it is).
    public static let defaultLimit = 256 << 20

    /// What folders hold (a table over a folder, a glob, hive partitions): listed once per
    /// version of each folder.
    public let fileListings = FileCache<[String]>(
        name: "file_listings", summary: "folders' files, listed once per version of the folder and its subfolders")
    /// Facts the planner estimates with that are read from a file: a CSV file's row count.
    public let fileStatistics = FileCache<RowCount>(
        name: "file_statistics", summary: "files' row counts for the planner's estimates (CSV: counted or sampled), once per file version")
    /// Parquet files' footers (schema, row groups, column chunk statistics): a second
    /// query over the same files reads no footer again.
    public let parquetFooters = FileCache<ParquetFile>(
        name: "parquet_footers", summary: "Parquet footers: schema, row groups and column statistics, read once per file version")
    /// Parquet column chunks' page indexes (column index and offset index).
    public let parquetPageIndexes = FileCache<ParquetFile.PageIndex?>(
        name: "parquet_page_indexes", summary: "Parquet page indexes (pages' min/max and offsets), per column chunk and file version")

    /// Every cache's figures, in listing order.
    public var all: [CacheStatistics] {
        [fileListings.statistics, fileStatistics.statistics, parquetFooters.statistics, parquetPageIndexes.statistics]
    }

    /// Switches each cache on or off and sets every cache's byte limit.
    public func configure(_ switches: CacheSwitches, limit: Int) {
        fileListings.configure(enabled: switches.fileListings, limit: limit)
        fileStatistics.configure(enabled: switches.fileStatistics, limit: limit)
        parquetFooters.configure(enabled: switches.parquetFooters, limit: limit)
        parquetPageIndexes.configure(enabled: switches.parquetPageIndexes, limit: limit)
    }

    /// Empties every cache and zeroes its counters.
    public func clear() {
        fileListings.clear()
        fileStatistics.clear()
        parquetFooters.clear()
        parquetPageIndexes.clear()
    }
}

/// Which of the process's caches are on (the `cache.*` settings).
public struct CacheSwitches: Sendable, Equatable {
    public var fileListings = true
    public var fileStatistics = true
    public var parquetFooters = true
    public var parquetPageIndexes = true
    public init(fileListings: Bool = true, fileStatistics: Bool = true, parquetFooters: Bool = true, parquetPageIndexes: Bool = true) {
        self.fileListings = fileListings
        self.fileStatistics = fileStatistics
        self.parquetFooters = parquetFooters
        self.parquetPageIndexes = parquetPageIndexes
    }
}

/// How many rows a file holds, as the planner estimates with it.
public struct RowCount: Sendable, Equatable {
    public let rows: Int
    /// Counted rather than estimated from a sample.
    public let exact: Bool
}
