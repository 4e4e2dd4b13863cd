import PlanEngine
import PlanOptimizer

/// `\trace`: the last optimizer run as a list of steps; `\trace load FILE`: a saved trace
/// (planscope's trace JSON, or a report that embeds one) with each changed step's diff, or
/// another engine's (DataFusion's EXPLAIN VERBOSE, Spark's plan change log), which becomes
/// the trace in view: `\trace`, `\step`, `\next`, `\prev` and the TUI's trace pane step
/// through it.
enum TraceCommand: Command {
    static let name = "trace"
    static let summary = "the trace in view: step, pass, rule, changed, time; load FILE reads a saved one, DataFusion's EXPLAIN VERBOSE or Spark's plan change log"
    static let usage = "[load FILE]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { words.count <= 1 ? ["load"] : [] }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        if words.first == "load" {
            guard words.count == 2 else { throw CommandError("usage: \\trace load FILE") }
            let path = words[1].trimmingSpaces()
            let file: TraceFile
            do { file = try TraceFile.read(path) } catch { throw CommandError(error.description) }
            switch file {
            case .planscope(let saved):
                out.data(saved.text)
                for w in saved.warnings { out.warning(w) }
            case .foreign(let foreign):
                out.state.trace = foreign.optimizerTrace
                out.state.imported = nil
                out.state.step = 0
                out.data(foreign.summaryLine)
                out.notice("\\step N, \\next and \\prev step through it (\\trace lists the steps)")
                out.effects.append(.showTrace(title: path))
            }
            return out
        }
        guard let trace = state.trace else { throw CommandError("no optimizer trace yet: run a query first") }
        if context.format == .json { out.data(trace.json.pretty); return out }
        // An imported trace has no times: its note (phase, batch) instead.
        let timed = trace.engine == nil
        let rows = trace.steps.enumerated().map { i, s in
            [String(i + 1), String(s.pass), s.rule, s.changed ? "yes" : ""] + (timed ? [String(format: "%.3f", Double(s.elapsedNanos) / 1e6)] : [])
                + [s.skippedBecause.map { "skipped: \($0)" } ?? s.joinOrder?.text ?? s.note ?? ""]
        }
        out.data(context.formatTable(header: ["step", "pass", "rule", "changed"] + (timed ? ["ms"] : []) + ["note"], rows: rows))
        if let engine = trace.engine {
            out.data("\(trace.passes) pass\(trace.passes == 1 ? "" : "es"), imported: \(engine)")
        } else {
            out.data("\(trace.passes) pass\(trace.passes == 1 ? "" : "es"), \(trace.reachedFixpoint ? "fixpoint" : "stopped at max passes"), rulepack \(trace.rulepack) \(trace.rulepackFingerprint.prefix(23))…")
        }
        return out
    }
}
