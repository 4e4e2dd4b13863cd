import Foundation
import PlanEngine

/// `\report FILE [SQL]`: the query in view (or the plan `\substrait load` read, or SQL),
/// planned and run, as one self-contained HTML file (``PlanReport``, as `planscope report`).
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "write the query's trace, pushdown, Analyze tree and manifest as one HTML file"
    static let usage = "FILE [SQL]"

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        guard let file = words.first else { throw CommandError("usage: \\\\report FILE [SQL]") }
        let report: PlanReport
        if let imported = state.imported, words.count == 1 {
            // The plan `\substrait load` read.
            do { report = try context.session.report(of: imported.plan, sql: "\\substrait load \(imported.source)") } catch {
                throw CommandError(error.error.description)
            }
        } else {
            let sql = try state.query(words.count > 1 ? words[1] : "")
            do { report = try context.session.report(sql) } catch { throw CommandError(error) }
        }
        do { try report.html.write(toFile: file, atomically: true, encoding: .utf8) } catch {
            throw CommandError("cannot write \(file): \(error.localizedDescription)")
        }
        out.notice("wrote \(file)")
        return out
    }
}
