import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// `\next`: the next optimizer step.
enum NextCommand: Command {
    static let name = "next"
    static let aliases = ["n"]
    static let summary = "the next optimizer step"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        if let trace = state.trace, state.step >= trace.steps.count {
            throw CommandError("already at the last step (\(trace.steps.count)); \\prev or \\step N moves back")
        }
        return try StepView.show(state.step + 1, state, in: context)
    }
}
