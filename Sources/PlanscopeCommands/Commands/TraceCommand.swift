import PlanEngine
import PlanOptimizer

/// `\trace`: the last optimizer run as a list of steps; `\trace load FILE`: a saved trace
/// (planscope's trace JSON, or a report that embeds one) with each changed step's diff.
enum TraceCommand: Command {
    static let name = "trace"
    static let summary = "the last optimizer trace: step, pass, rule, changed, time; load FILE reads a saved one"
    static let usage = "[load FILE]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { words.count <= 1 ? ["load"] : [] }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        if words.first == "load" {
            guard words.count == 2 else { throw CommandError("usage: \\trace load FILE") }
            let saved: SavedTrace
            do { saved = try SavedTrace(file: words[1].trimmingSpaces()) } catch { throw CommandError(error.description) }
            out.data(saved.text)
            return out
        }
        guard let trace = state.trace else { throw CommandError("no optimizer trace yet: run a query first") }
        if context.format == .json { out.data(trace.json.pretty); return out }
        let rows = trace.steps.enumerated().map { i, s in
            [String(i + 1), String(s.pass), s.rule, s.changed ? "yes" : "", String(format: "%.3f", Double(s.elapsedNanos) / 1e6)]
                + [s.skippedBecause.map { "skipped: \($0)" } ?? s.joinOrder?.text ?? ""]
        }
        out.data(context.formatTable(header: ["step", "pass", "rule", "changed", "ms", "note"], rows: rows))
        out.data("\(trace.passes) pass\(trace.passes == 1 ? "" : "es"), \(trace.reachedFixpoint ? "fixpoint" : "stopped at max passes"), rulepack \(trace.rulepack) \(trace.rulepackFingerprint.prefix(23))…")
        return out
    }
}
