/// `\help [command]`: the list of commands, or one command's usage.
enum HelpCommand: Command {
    static let name = "help"
    static let aliases = ["?", "h"]
    static let summary = "list the commands, or show one command's usage"
    static let usage = "[command]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? CommandRegistry.all.map { $0.name } : []
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let name = arguments.hasPrefix("\\") ? String(arguments.dropFirst()) : arguments
        if name.isEmpty {
            let width = CommandRegistry.all.map { ("\\" + $0.name + " " + $0.usage).count }.max() ?? 0
            var lines = CommandRegistry.all.map { c -> String in
                let head = "\\" + c.name + (c.usage.isEmpty ? "" : " " + c.usage)
                return head + String(repeating: " ", count: width - head.count + 2) + c.summary
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
