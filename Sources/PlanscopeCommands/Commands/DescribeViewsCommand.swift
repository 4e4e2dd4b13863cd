import PlanCore
import PlanEngine

/// `\dv`: the views and their SQL.
enum DescribeViewsCommand: Command {
    static let name = "dv"
    static let summary = "list views"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let catalog = context.session.catalog
        context.emitTable(header: ["name", "definition"], rows: catalog.viewNames.map { [$0, catalog.view(named: $0)?.sql ?? ""] })
    }
}
