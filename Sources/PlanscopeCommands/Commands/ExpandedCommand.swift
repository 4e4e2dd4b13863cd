/// `\x [on|off|auto]`: expanded display, as psql's.
enum ExpandedCommand: Command {
    static let name = "x"
    static let summary = "expanded display: one column per line per record (auto: when a row is wider than the terminal)"
    static let usage = "[on|off|auto]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { ["on", "off", "auto"] }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        switch arguments.lowercased() {
        case "": context.expanded = context.expanded == .off ? .on : .off
        case "on": context.expanded = .on
        case "off": context.expanded = .off
        case "auto": context.expanded = .auto
        default: throw CommandError("usage: \\x [on|off|auto]")
        }
        out.notice("Expanded display is \(context.expanded.rawValue).")
        return out
    }
}
