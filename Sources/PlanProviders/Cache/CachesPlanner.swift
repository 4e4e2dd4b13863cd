import PlanCore
import PlanExec
import PlanSQL

/// `planscope_caches()`: one row per cache of the process (``CacheManager``) — whether it
/// is on, its entries, bytes, limit, hits and misses — as `\cache` lists them, for SQL.
public struct CachesPlanner: RelationPlanner {
    public let name = "planscope_caches"
    public let summary = "the process's file caches: entries, bytes, hits and misses per cache: planscope_caches()"
    public let documentation = """
        planscope_caches() [AS alias]

        One row per cache of the process, as \\cache lists them: name, enabled, entries,
        bytes, limit_bytes, hits, misses, summary. The figures are those when the query is
        planned. The caches (file_listings, file_statistics, parquet_footers,
        parquet_page_indexes) are switched by the cache.* settings and share cache.limit;
        they change no plan and enter no manifest.

        Example: SELECT name, hits, misses FROM planscope_caches() WHERE entries > 0;
        """

    public init() {}

    static let schema = Schema([
        Field(name: "name", dataType: .text, nullable: false),
        Field(name: "enabled", dataType: .boolean, nullable: false),
        Field(name: "entries", dataType: .int64, nullable: false),
        Field(name: "bytes", dataType: .int64, nullable: false),
        Field(name: "limit_bytes", dataType: .int64, nullable: false),
        Field(name: "hits", dataType: .int64, nullable: false),
        Field(name: "misses", dataType: .int64, nullable: false),
        Field(name: "summary", dataType: .text, nullable: false),
    ])

    public func plan(positional: [RelationArgument], named: [String: RelationArgument], alias: String) throws(PlanError) -> LogicalPlan {
        if let key = named.keys.sorted().first { throw PlanError(.unsupported, "planscope_caches has no option '\(key)'") }
        guard positional.isEmpty else {
            throw PlanError(.arity, "planscope_caches takes no arguments, got \(positional.count)")
        }
        let rows: [[ScalarValue]] = CacheManager.shared.all.map { c in
            [.string(c.name), .boolean(c.enabled), .int64(Int64(c.entries)), .int64(Int64(c.bytes)),
             .int64(Int64(c.limit)), .int64(Int64(c.hits)), .int64(Int64(c.misses)), .string(c.summary)]
        }
        return try MemoryTable.tableFunctionScan(schema: Self.schema, rows: rows, function: name, alias: alias)
    }
}
