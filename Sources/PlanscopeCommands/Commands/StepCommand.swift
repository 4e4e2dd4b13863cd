import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// Shows the plan after a trace step, with the diff against the step before.
enum StepView {
    static func show(_ step: Int, in context: CommandContext) throws(CommandError) {
        guard let trace = context.session.lastTrace else { throw CommandError("no optimizer trace yet: run a query first") }
        guard step >= 0, step <= trace.steps.count, let plan = trace.plan(atStep: step) else {
            throw CommandError("step \(step) is out of range (0…\(trace.steps.count))")
        }
        context.traceStep = step
        let title = step == 0 ? "initial plan" : "after step \(step) (pass \(trace.steps[step - 1].pass), \(trace.steps[step - 1].rule))"
        if context.format == .json {
            context.emit(JSONValue.object([
                ("step", .int(Int64(step))), ("title", .string(title)), ("plan", .string(IndentRenderer.render(plan))),
                ("diff", .string(step == 0 ? "" : trace.diff(fromStep: step - 1, toStep: step)?.text ?? "")),
            ]).pretty)
            return
        }
        var text = "\(title):\n" + IndentRenderer.render(plan)
        if step > 0, let diff = trace.diff(fromStep: step - 1, toStep: step) {
            text += diff.hasChanges ? "\n\ndiff against step \(step - 1):\n" + diff.text : "\n\n(unchanged from step \(step - 1))"
        }
        context.emit(text)
    }
}

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

/// `\next`: the next optimizer step.
enum NextCommand: Command {
    static let name = "next"
    static let aliases = ["n"]
    static let summary = "the next optimizer step"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        try StepView.show(context.traceStep + 1, in: context)
    }
}

/// `\prev`: the previous optimizer step.
enum PrevCommand: Command {
    static let name = "prev"
    static let aliases = ["p"]
    static let summary = "the previous optimizer step"
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        try StepView.show(context.traceStep - 1, in: context)
    }
}
