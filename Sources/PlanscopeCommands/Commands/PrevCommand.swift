import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// `\prev`: the previous optimizer step.
enum PrevCommand: Command {
    static let name = "prev"
    static let aliases = ["p"]
    static let summary = "the previous optimizer step"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        guard state.step > 0 else {
            throw CommandError(state.trace == nil ? "no optimizer trace yet: run a query first"
                                                          : "already at the initial plan (step 0); \\next or \\step N moves on")
        }
        return try StepView.show(state.step - 1, state, in: context)
    }
}
