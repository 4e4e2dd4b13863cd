/// `\help [command]`: the list of commands, or one command's usage.
enum HelpCommand: Command {
    static let name = "help"
    static let aliases = ["?", "h"]
    static let summary = "list the commands, or show one command's usage"
    static let usage = "[command]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? CommandRegistry.all.map { $0.name } : []
    }

    /// On a terminal, descriptions start in one column (a usage too long for it gets a
    /// line of its own, its description under it) and wrap at the terminal's width;
    /// elsewhere each command is one line, descriptions aligned after the longest usage.
    static func entry(_ head: String, _ summary: String, terminal: Int?) -> [String] {
        let heads = CommandRegistry.all.map { "\\" + $0.name + ($0.usage.isEmpty ? "" : " " + $0.usage) }
        guard let terminal else {
            let column = (heads.map(\.count).max() ?? 0) + 2
            return [head + String(repeating: " ", count: column - head.count) + summary]
        }
        let column = min((heads.map(\.count).max() ?? 0) + 2, max(12, terminal * 2 / 5))
        let indent = String(repeating: " ", count: column)
        var text: [String] = []
        var words = summary.split(separator: " ").map(String.init)
        var line = head.count + 2 <= column ? head + String(repeating: " ", count: column - head.count) : ""
        if line.isEmpty { text.append(head); line = indent }
        var first = true
        while !words.isEmpty {
            let word = words.removeFirst()
            let candidate = first ? line + word : line + " " + word
            if candidate.count > terminal, !first {
                text.append(line)
                line = indent + word
            } else {
                line = candidate
            }
            first = false
        }
        text.append(line)
        return text
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let name = arguments.hasPrefix("\\") ? String(arguments.dropFirst()) : arguments
        if name.isEmpty {
            var lines = CommandRegistry.all.flatMap { c in
                entry("\\" + c.name + (c.usage.isEmpty ? "" : " " + c.usage), c.summary, terminal: context.terminalWidth())
            }
            lines.append("Anything else is SQL; end statements with ';'. Table functions: "
                         + context.session.catalog.relationPlannerNames.map { "\\help \($0)" }.joined(separator: ", ") + ".")
            out.data(lines.joined(separator: "\n"))
            return out
        }
        if let planner = context.session.catalog.relationPlanner(named: name.lowercased()) {
            out.data(planner.documentation)
            return out
        }
        guard let c = CommandRegistry.command(named: name) else {
            throw CommandError("no command \\\(name) (\\help lists them; \\help \(context.session.catalog.relationPlannerNames.joined(separator: ", ")) explains a table function)")
        }
        var text = "\\\(c.name)" + (c.usage.isEmpty ? "" : " \(c.usage)") + "\n  " + c.summary
        if !c.aliases.isEmpty { text += "\n  also: " + c.aliases.map { "\\" + $0 }.joined(separator: ", ") }
        out.data(text)
        return out
    }
}
