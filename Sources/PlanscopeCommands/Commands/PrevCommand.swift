import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// `\prev`: the previous optimizer step.
enum PrevCommand: Command {
    static let name = "prev"
    static let aliases = ["p"]
    static let summary = "the previous optimizer step"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        guard context.traceStep > 0 else {
            throw CommandError(context.traceInView == nil ? "no optimizer trace yet: run a query first"
                                                          : "already at the initial plan (step 0); \\next or \\step N moves on")
        }
        try StepView.show(context.traceStep - 1, in: context)
    }
}
