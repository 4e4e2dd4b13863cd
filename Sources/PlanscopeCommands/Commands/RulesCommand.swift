import PlanEngine
import PlanOptimizer
import PlanCore

/// `\rules [list|enable NAME|disable NAME|pack NAME]`: the optimizer's rules.
enum RulesCommand: Command {
    static let name = "rules"
    static let summary = "list optimizer rules, switch one on or off, or choose a rulepack"
    static let usage = "[list|enable NAME|disable NAME|pack NAME]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        if words.count <= 1 { return ["list", "enable", "disable", "pack"] }
        if words[0] == "pack" { return Rulepack.packs.map(\.name) }
        return Rulepack.allRuleNames
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ").map(String.init)
        let session = context.session
        switch words.first ?? "list" {
        case "list":
            let active = Set(session.rulepack.rules.map(\.name))
            let disabled = session.config.disabledRules
            out.data(context.formatTable(header: ["rule", "in rulepack", "enabled"], rows: Rulepack.allRuleNames.map {
                [$0, active.contains($0) ? "yes" : "no", active.contains($0) && !disabled.contains($0) ? "yes" : "no"]
            }))
            out.data("rulepack \(session.rulepack.name) \(session.rulepack.fingerprint(disabled: disabled))")
        case "enable", "disable":
            guard words.count == 2 else { throw CommandError("usage: \\rules \(words[0]) NAME") }
            let warnings: [RunWarning]
            do { warnings = try session.set(Settings.rule(words[1]).name, words[0] == "enable" ? "on" : "off") } catch {
                throw CommandError(error.message)
            }
            out.notice("\(words[1]) \(words[0])d")
            for w in warnings { out.warning(w.message) }
        case "pack":
            guard words.count == 2 else { throw CommandError("usage: \\rules pack NAME (\(Rulepack.packs.map(\.name).joined(separator: ", ")))") }
            do { try session.set(Settings.rulepack.name, words[1]) } catch { throw CommandError(error.message) }
            out.notice("rulepack \(words[1])")
        default:
            throw CommandError("unknown \\rules action '\(words[0])' (list, enable, disable, pack)")
        }
        return out
    }
}
