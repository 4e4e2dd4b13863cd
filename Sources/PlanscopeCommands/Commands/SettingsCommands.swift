import Foundation
import PlanEngine

/// `\set [name value]`: change a setting (or list them).
enum SetCommand: Command {
    static let name = "set"
    static let summary = "change a setting, or list them all"
    static let usage = "[name value]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? SessionConfig.settings.map(\.name) : []
    }

    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2 else {
            if words.isEmpty { try ShowCommand.run("", in: context); return }
            throw CommandError("usage: \\set name value")
        }
        do { try context.session.config.set(words[0], words[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))) } catch {
            throw CommandError(error.message)
        }
    }
}

/// `\show [name]`: settings and their values.
enum ShowCommand: Command {
    static let name = "show"
    static let summary = "show one setting or all"
    static let usage = "[name]"

    static func completions(_ words: [String], in context: CommandContext) -> [String] { SessionConfig.settings.map(\.name) }

    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let config = context.session.config
        let names = arguments.isEmpty ? SessionConfig.settings.map(\.name) + config.values.keys.filter { $0.hasPrefix(SessionConfig.rulePrefix) }.sorted()
                                      : [arguments]
        var rows: [[String]] = []
        for n in names {
            guard let v = config.value(n) else { throw CommandError("unknown setting '\(n)'") }
            rows.append([n, v, SessionConfig.setting(n)?.summary ?? ""])
        }
        context.emitTable(header: ["setting", "value", "meaning"], rows: rows)
    }
}

/// `\format table|csv|json`: how results print.
enum FormatCommand: Command {
    static let name = "format"
    static let summary = "result format: table, csv or json"
    static let usage = "table|csv|json"
    static func completions(_ words: [String], in context: CommandContext) -> [String] { OutputFormat.allCases.map(\.rawValue) }
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        guard let f = OutputFormat(rawValue: arguments.lowercased()) else { throw CommandError("expected table, csv or json") }
        context.format = f
    }
}

/// `\timing on|off`: print each statement's time.
enum TimingCommand: Command {
    static let name = "timing"
    static let summary = "print each statement's elapsed time"
    static let usage = "[on|off]"
    static func completions(_ words: [String], in context: CommandContext) -> [String] { ["on", "off"] }
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        switch arguments.lowercased() {
        case "": context.timing.toggle()
        case "on": context.timing = true
        case "off": context.timing = false
        default: throw CommandError("expected on or off")
        }
        context.emit("Timing is \(context.timing ? "on" : "off").")
    }
}

/// `\pset pager on|off` (and `\pset border ascii|unicode`).
enum PsetCommand: Command {
    static let name = "pset"
    static let summary = "output options: pager on|off, border unicode|ascii"
    static let usage = "pager on|off | border unicode|ascii"
    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["pager", "border"] : (words[0] == "pager" ? ["on", "off"] : ["unicode", "ascii"])
    }
    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let words = arguments.lowercased().split(separator: " ").map(String.init)
        switch (words.first, words.dropFirst().first) {
        case ("pager"?, "on"?): context.pager = true
        case ("pager"?, "off"?): context.pager = false
        case ("border"?, "unicode"?): context.style = .unicode
        case ("border"?, "ascii"?): context.style = .ascii
        default: throw CommandError("usage: \\pset \(usage)")
        }
    }
}
