import PlanCore
import PlanEngine

/// `\df`: scalar and aggregate functions and table functions.
enum DescribeFunctionsCommand: Command {
    static let name = "df"
    static let summary = "list functions"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let rows = ScalarFunction.allCases.map { [$0.rawValue, "scalar"] }
            + AggregateFunction.allCases.map { [$0.rawValue, "aggregate"] }
            + context.session.catalog.relationPlannerNames.map { [$0, "table function"] }
        out.data(context.formatTable(header: ["name", "kind"], rows: rows))
        return out
    }
}
