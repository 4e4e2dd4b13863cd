import PlanCore
import PlanEngine
import PlanManifest
import PlanOptimizer

/// Shows the plan after a trace step, with the diff against the step before.
enum StepView {
    static func show(_ step: Int, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        guard let trace = state.trace else { throw CommandError("no optimizer trace yet: run a query first") }
        guard step >= 0, step <= trace.steps.count, let plan = trace.plan(atStep: step) else {
            throw CommandError("step \(step) is out of range (0…\(trace.steps.count))")
        }
        var out = Outcome(state: state)
        out.state.step = step
        let title = step == 0 ? "initial plan" : "after step \(step) (pass \(trace.steps[step - 1].pass), \(trace.steps[step - 1].rule))"
        if context.format == .json {
            out.data(JSONValue.object([
                ("schema_version", .int(1)), ("step", .int(Int64(step))), ("title", .string(title)), ("plan", .string(IndentRenderer.render(plan))),
                ("diff", step == 0 ? .null : trace.diff(fromStep: step - 1, toStep: step)?.json ?? .null),
            ]).pretty)
            return out
        }
        var text = "\(title):\n" + IndentRenderer.render(plan)
        if step > 0, let diff = trace.diff(fromStep: step - 1, toStep: step) {
            text += diff.hasChanges ? "\n\ndiff against step \(step - 1):\n" + diff.text : "\n\n(unchanged from step \(step - 1))"
        }
        out.data(text)
        return out
    }
}
