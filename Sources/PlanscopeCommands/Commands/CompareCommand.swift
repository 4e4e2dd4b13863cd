import PlanEngine

/// `\compare SQL` (the query in view against SQL), `\compare rulepack X Y [SQL]`,
/// `\compare manifest A.json B.json [SQL]`, `\compare step A B` (two steps of the trace in
/// view, planscope's or one `\trace load` read): two plans side by side with the tree diff
/// between them (``PlanComparison``, as `planscope compare`), as lines and as an effect
/// (the TUI shows it in the trace pane's place); `\compare off` asks for the trace back.
enum CompareCommand: Command {
    static let name = "compare"
    static let summary = "two plans side by side with their tree diff: the query in view against SQL, under two rulepacks or manifests, or two steps of the trace"
    static let usage = "SQL | rulepack X Y [SQL] | manifest A B [SQL] | step A B | off"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["rulepack", "manifest", "step", "off"] : words.first == "rulepack" && words.count <= 3 ? ["default", "none", "pushdown"] : []
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        if words.count == 1, words[0].lowercased() == "off" {
            out.effects.append(.closeComparison)
            return out
        }
        let session = context.session
        let comparison: PlanComparison
        do {
            switch words.first?.lowercased() {
            case "rulepack"?, "rulepacks"?:
                guard words.count >= 3 else { throw CommandError("usage: \\compare rulepack X Y [SQL]") }
                comparison = try session.compare(try state.query(words.count > 3 ? words[3] : ""), rulepacks: words[1], words[2])
            case "step"?, "steps"?:
                guard let trace = state.trace else { throw CommandError("no optimizer trace yet: run a query first, or \\trace load FILE") }
                guard words.count == 3, let a = Int(words[1]), let b = Int(words[2]) else { throw CommandError("usage: \\compare step A B") }
                guard let steps = PlanComparison(steps: a, b, of: trace) else {
                    throw CommandError("step \(a < 0 || a > trace.steps.count ? a : b) is out of range (0…\(trace.steps.count))")
                }
                comparison = steps
            case "manifest"?, "manifests"?:
                guard words.count >= 3 else { throw CommandError("usage: \\compare manifest A.json B.json [SQL]") }
                comparison = try session.compare(try state.query(words.count > 3 ? words[3] : ""), manifests: try ManifestCommand.read(words[1]),
                                                 try ManifestCommand.read(words[2]), labels: (words[1], words[2]))
            default:
                guard let current = state.query else { throw CommandError("no query in view to compare with: run one first, or \\compare rulepack X Y SQL") }
                comparison = session.compare(current, try state.query(arguments))
            }
        } catch let error as CommandError {
            throw error
        } catch {
            throw CommandError("\(error)")
        }
        out.data(context.format == .json ? comparison.json.pretty : comparison.text(width: context.terminalWidth() ?? 120))
        out.effects.append(.showComparison(comparison))
        return out
    }
}
