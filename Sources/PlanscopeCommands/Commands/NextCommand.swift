import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// `\next`: the next optimizer step.
enum NextCommand: Command {
    static let name = "next"
    static let aliases = ["n"]
    static let summary = "the next optimizer step"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        if let trace = context.traceInView, context.traceStep >= trace.steps.count {
            throw CommandError("already at the last step (\(trace.steps.count)); \\prev or \\step N moves back")
        }
        try StepView.show(context.traceStep + 1, in: context)
    }
}
