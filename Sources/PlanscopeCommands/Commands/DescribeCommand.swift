import PlanCore
import PlanEngine

/// `\d [name]`: the tables and views, or one relation's columns.
enum DescribeCommand: Command {
    static let name = "d"
    static let summary = "list tables and views, or describe one"
    static let usage = "[name]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { context.session.catalog.relationNames }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let name = arguments.lowercased()
        if name.isEmpty {
            let catalog = context.session.catalog
            let rows = catalog.tableNames.map { [$0, "table", catalog.provider(named: $0)?.kind ?? ""] }
                + catalog.viewNames.map { [$0, "view", ""] }
            out.data(context.formatTable(header: ["name", "kind", "source"], rows: rows))
            return out
        }
        let plan: LogicalPlan
        do { plan = try context.session.logicalPlan("SELECT * FROM \(name)") } catch {
            throw CommandError(error.error.message)
        }
        // A table's source may say more than the schema's type (a column it cannot read).
        let provider = context.session.catalog.provider(named: name)
        let rows = plan.schema.fields.enumerated().map { i, f in
            [f.name, provider?.shownType(ofColumn: i) ?? f.dataType.sqlName, f.nullable ? "yes" : "no"]
        }
        out.data(context.formatTable(header: ["column", "type", "nullable"], rows: rows))
        return out
    }
}
