import PlanCore
import PlanEngine
import PlanProviders

/// `\dt`: the tables, with the memory a memory table's rows take as stored (compacted:
/// see ``CompactBatch``).
enum DescribeTablesCommand: Command {
    static let name = "dt"
    static let summary = "list tables (rows; memory a memory table stores)"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let catalog = context.session.catalog
        // Exact counts where the table knows them (memory, JSON lines), else marked as estimates.
        out.data(context.formatTable(header: ["name", "source", "rows", "memory"], rows: catalog.tableNames.map { name in
            let table = catalog.provider(named: name)
            let rows = table?.estimatedRowCount.map { table?.rowCountIsExact == true ? String($0) : "~\($0) (estimate)" } ?? "unknown"
            let memory = (table as? MemoryTable).map { bytesText($0.byteSizes.stored) } ?? ""
            return [name, table?.kind ?? "", rows, memory]
        }))
        return out
    }
}
