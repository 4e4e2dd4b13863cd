import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// `\step N`: the plan after optimizer step N, diffed against step N-1.
enum StepCommand: Command {
    static let name = "step"
    static let summary = "the plan after optimizer step N, diffed against step N-1"
    static let usage = "N"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        guard let n = Int(arguments.trimmingSpaces()) else { throw CommandError("give a step number, e.g. \\step 3") }
        return try StepView.show(n, state, in: context)
    }
}
