/// Which data-skipping mechanisms a scan may use (`pushdown.parquet.row_groups`,
/// `pushdown.parquet.page_index`, `pushdown.parquet.bloom_filter`,
/// `pushdown.runtime_filters`). Each only skips data no
/// row of which can pass a filter, so switching one changes what is read, never an answer.
public struct ScanPruning: Sendable, Equatable, Hashable {
    /// Row groups skipped on their footer statistics (min, max, NULL count).
    public var rowGroups: Bool
    /// Pages skipped on the page index (column index and offset index).
    public var pageIndex: Bool
    /// Row groups skipped on their bloom filters (equality and IN).
    public var bloomFilter: Bool
    /// Probe-side scan rows dropped by a hash join's build keys while the query runs
    /// (`pushdown.runtime_filters`, ``RuntimeFilter``).
    public var runtimeFilters: Bool

    public init(rowGroups: Bool = true, pageIndex: Bool = true, bloomFilter: Bool = true, runtimeFilters: Bool = true) {
        self.rowGroups = rowGroups
        self.pageIndex = pageIndex
        self.bloomFilter = bloomFilter
        self.runtimeFilters = runtimeFilters
    }
}
