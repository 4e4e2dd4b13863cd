import PlanCore
import PlanEngine

/// `\dt`: the tables.
enum DescribeTablesCommand: Command {
    static let name = "dt"
    static let summary = "list tables"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let catalog = context.session.catalog
        context.emitTable(header: ["name", "source", "rows (estimate)"], rows: catalog.tableNames.map {
            [$0, catalog.provider(named: $0)?.kind ?? "", catalog.provider(named: $0)?.estimatedRowCount.map(String.init) ?? ""]
        })
    }
}
