import PlanCore
import PlanEngine
import PlanExec
import PlanProviders
import PlanscopeCommands
import Testing

/// `\dt`'s memory column comes from `TableProvider.storageSummary`, asked of any table:
/// a memory table's compacted bytes, a provider of another kind its own figure, a file
/// table none.
@Suite struct StorageSummaryTests {
    /// A table of another kind that keeps its rows in memory and says how much.
    final class CachedTable: TableProvider, Sendable {
        let inner = MemoryTable(schema: Schema([Field(name: "a", dataType: .int64)]))
        var schema: Schema { inner.schema }
        var kind: String { "cached" }
        func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] { filters.map { _ in .unsupported } }
        func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
            try inner.scan(projection: projection, filters: filters, limit: limit)
        }
        var storageSummary: StorageSummary? { StorageSummary(storedBytes: 3 << 20, decodedBytes: 5 << 20) }
    }

    @Test func describeTablesShowsEveryTablesStorageSummary() throws {
        let session = Session()
        _ = try session.execute("CREATE TABLE m AS SELECT x FROM generate_series(1, 1000) AS t(x)")
        session.catalog.register(table: "cached", CachedTable())
        let memory = try #require(session.catalog.provider(named: "m")?.storageSummary)
        #expect(memory.storedBytes > 0 && memory.storedBytes <= memory.decodedBytes)
        let runner = CommandRunner(context: CommandContext(session: session, write: { _ in }, writeError: { _ in }))
        let lines = runner.runCommand("\\dt", CommandState()).text(.data).split(separator: "\n").map(String.init)
        let cached = try #require(lines.first { $0.contains("│ cached ") })
        #expect(cached.contains("3.0 MiB"), "\(cached)")
        let m = try #require(lines.first { $0.contains("│ m ") })
        #expect(m.contains(bytesText(memory.storedBytes)), "\(m)")
    }
}
