import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// `\step N`: the plan after optimizer step N, diffed against step N-1.
enum StepCommand: Command {
    static let name = "step"
    static let summary = "the plan after optimizer step N, diffed against step N-1"
    static let usage = "N"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        guard let n = Int(arguments.trimmingSpaces()) else { throw CommandError("give a step number, e.g. \\step 3") }
        try StepView.show(n, in: context)
    }
}
