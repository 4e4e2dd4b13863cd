import Foundation
import PlanCore
import PlanEngine
import PlanscopeCommands
import Testing

/// Wide tables leave out middle columns rather than cutting numbers; `\help` on a narrow
/// terminal puts a description under a long usage line.
@Suite struct TableAndHelpTests {
    @Test func wideTablesLeaveOutMiddleColumns() {
        var f = TableFormatter()
        f.maxWidth = 80
        let header = (1...20).map { "c\($0)" }
        let rows = [(1...20).map { String(1_000_000 + $0) }]
        let text = f.render(header: header, types: header.map { _ in .int64 }, rows: rows)
        let lines = text.split(separator: "\n")
        #expect(lines.dropLast().allSatisfy { $0.count <= 80 })
        // Whole numbers from both ends, an … column between, and what was left out said.
        #expect(lines[1].hasPrefix("│ c1 ") && lines[1].hasSuffix(" c20     │"))
        #expect(lines[1].contains("│ … │") && lines[3].contains("│ … │"))
        #expect(lines[3].contains("1000001") && lines[3].contains("1000020"))
        #expect(!lines[3].contains("10000…"))
        #expect(lines.last?.hasPrefix("(1 row; ") == true && lines.last?.hasSuffix(" of 20 columns shown)") == true)
    }

    @Test func longTextIsNarrowedBeforeColumnsAreLeftOut() {
        var f = TableFormatter()
        f.maxWidth = 40
        let text = f.render(header: ["id", "note"], types: [.int64, .text], rows: [["12345", String(repeating: "x", count: 60)]])
        let lines = text.split(separator: "\n")
        #expect(lines[3] == "│ 12345 │ " + String(repeating: "x", count: 27) + "… │")
        #expect(lines[3].count == 40)
        #expect(lines.last == "(1 row)")
    }

    @Test func theREPLAndTheTUIShareTheTable() throws {
        // Both render through CommandContext.renderTable at their width.
        let session = Session()
        let context = CommandContext(session: session, write: { _ in }, writeError: { _ in })
        context.terminalWidth = { 60 }
        let wide = "SELECT " + (1...15).map { "\($0 * 1_000_003) AS column_\($0)" }.joined(separator: ", ") + ";"
        let outcome = CommandRunner(context: context).runSQL(wide, CommandState())
        #expect(outcome.lines.allSatisfy { $0.text.count <= 60 })
        #expect(outcome.text.contains("│ … │") && outcome.text.contains("15000045"))
    }

    @Test func helpAt80ColumnsPutsTheDescriptionUnderALongUsage() throws {
        let session = Session()
        let context = CommandContext(session: session, write: { _ in }, writeError: { _ in })
        let runner = CommandRunner(context: context)
        // Not a terminal: one line a command.
        let plain = runner.runCommand("\\help", CommandState()).lines.map(\.text)
        #expect(plain.contains { $0.hasPrefix("\\manifest [show]") && $0.hasSuffix("diff it against a saved one") })
        context.terminalWidth = { 80 }
        let lines = runner.runCommand("\\help", CommandState()).lines.map(\.text)
        #expect(lines.dropLast().allSatisfy { $0.count <= 80 })
        let usage = try #require(lines.firstIndex { $0.hasPrefix("\\manifest [show]") })
        #expect(lines[usage] == "\\manifest [show] | save FILE | diff FILE [FILE] [--query SQL] | capabilities")
        #expect(lines[usage + 1].hasPrefix("        ") && lines[usage + 1].contains("the planning-surface manifest"))
        // A short usage keeps its description beside it.
        #expect(lines.contains { $0.hasPrefix("\\q ") && $0.hasSuffix(" quit") })
    }
}
