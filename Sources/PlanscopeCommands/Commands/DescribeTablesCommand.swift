import PlanCore
import PlanEngine
import PlanExec

/// `\dt`: the tables, with the memory a table's rows take as stored (its
/// `storageSummary`: a memory table's rows compacted, see ``CompactBatch``).
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
            let memory = table?.storageSummary.map { bytesText($0.storedBytes) } ?? ""
            return [name, table?.kind ?? "", rows, memory]
        }))
        return out
    }
}
