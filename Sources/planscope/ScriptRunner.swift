import Foundation
import PlanCore
import PlanEngine
import PlanSQL
import PlanscopeCommands

/// Runs statements one by one and prints results or errors.
struct ScriptRunner {
    let session: Session
    let format: OutputFormat
    let style: TableStyle
    let echo: Bool
    let continueOnError: Bool
    /// Print each statement's elapsed time (`Time: 1.234 ms`), as psql's \\timing does.
    var timing = false
    private(set) var failed = false

    init(session: Session, format: OutputFormat, style: TableStyle, echo: Bool, continueOnError: Bool) {
        self.session = session
        self.format = format
        self.style = style
        self.echo = echo
        self.continueOnError = continueOnError
    }

    /// Runs every statement in `text`; returns false if one failed (and stops there
    /// unless continuing on errors).
    mutating func run(_ text: String, origin: String?) -> Bool {
        let (pieces, remainder) = StatementSplitter.split(text)
        var all = pieces.filter { !$0.isBlank }.map(\.text)
        if !remainder.isEmpty { all.append(remainder) }
        var ok = true
        for sql in all {
            if echo {
                print(sql.trimmingSpaces())
            }
            do {
                try session.execute(sql) { result in
                    print(render(result))
                    if case .rows(let r) = result {
                        for w in r.warnings { report("warning: \(w)") }
                    }
                    if timing {
                        let seconds: Double
                        switch result {
                        case .rows(let r): seconds = r.elapsed
                        case .command(_, let e): seconds = e
                        }
                        print(String(format: "Time: %.3f ms", seconds * 1000))
                    }
                }
            } catch {
                let prefix = origin.map { "\($0): " } ?? ""
                report(prefix + "error: " + error.rendered)
                ok = false
                failed = true
                if !continueOnError { return false }
            }
            fflush(nil)
        }
        return ok
    }

    func render(_ result: StatementResult) -> String {
        switch result {
        case .rows(let r):
            if case .explain = r.plan, format == .table {
                return r.rows.map { row in "\(row[0].sqlText):\n\(row[1].sqlText)" }.joined(separator: "\n\n")
            }
            return format.render(r, style: style)
        case .command(let tag, _):
            return tag
        }
    }

    func report(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
