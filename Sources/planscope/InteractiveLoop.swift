import Foundation
import PlanCore
import PlanEngine
import PlanSQL

/// A plain prompt loop (the libedit REPL replaces it): statements end with `;`, a
/// continuation prompt shows while one is open, `\q` or Ctrl-D quits.
struct InteractiveLoop {
    var runner: ScriptRunner

    mutating func run() {
        // Ctrl-C cancels the running statement (operators stop between batches); at the
        // prompt it is ignored.
        signal(SIGINT, SIG_IGN)
        let session = runner.session
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { session.cancelRunning() }
        interrupt.resume()
        defer { interrupt.cancel() }
        print("""
            planscope \(Planscope.version) — demo workspace loaded: \(runner.session.catalog.tableNames.joined(separator: ", "))
            Try:  SELECT l_returnflag, sum(l_quantity) FROM lineitem GROUP BY 1 ORDER BY 1;
                  EXPLAIN SELECT n_name FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA';
            End statements with ';'.  \\q quits.
            """)
        var buffer = ""
        while true {
            print(buffer.isEmpty ? "planscope> " : "      ...> ", terminator: "")
            fflush(nil)
            guard let line = readLine() else { print(""); return }
            if buffer.isEmpty, line.trimmingSpaces() == "\\q" { return }
            buffer += (buffer.isEmpty ? "" : "\n") + line
            let (pieces, remainder) = StatementSplitter.split(buffer)
            if pieces.isEmpty { continue }
            let text = pieces.map(\.text).joined()
            _ = runner.run(text.trimmingSpaces(), origin: nil)
            buffer = remainder.trimmingSpaces()
        }
    }
}
