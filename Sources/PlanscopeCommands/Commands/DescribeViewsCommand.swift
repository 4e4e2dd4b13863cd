import PlanCore
import PlanEngine

/// `\dv`: the views and their SQL.
enum DescribeViewsCommand: Command {
    static let name = "dv"
    static let summary = "list views"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let catalog = context.session.catalog
        out.data(context.formatTable(header: ["name", "definition"], rows: catalog.viewNames.map { [$0, catalog.view(named: $0)?.sql ?? ""] }))
        return out
    }
}
