import Dispatch
import Foundation
import PlanEngine
import PlanscopeCommands

/// The interactive loop: reads lines, runs backslash commands at once and SQL when a
/// statement ends with `;`, keeps history, and turns Ctrl-C into cancelling the running
/// statement (or dropping the line being typed).
public final class REPL {
    let context: CommandContext
    let runner: CommandRunner
    let editor: LineEditor
    let history: History?
    let interactive: Bool
    /// What commands work on; each outcome's state replaces it.
    public private(set) var state: CommandState
    /// Opens the TUI on the context and a command state (`\tui`), returning the state it
    /// leaves; nil where there is no terminal for it.
    let openTUI: ((String?, CommandState) -> CommandState)?

    public init(context: CommandContext, editor: LineEditor, history: History?, interactive: Bool, state: CommandState = CommandState(),
                openTUI: ((String?, CommandState) -> CommandState)? = nil) {
        self.context = context
        self.state = state
        self.openTUI = openTUI
        self.editor = editor
        self.history = history
        self.interactive = interactive
        runner = CommandRunner(context: context)
        if let history {
            for entry in history.entries { editor.remember(entry) }
            context.history = { history.entries }
        }
    }

    /// Runs until `\q` or end of input; returns whether everything worked (for the exit
    /// status of piped use).
    @discardableResult
    public func run() -> Bool {
        var input = InputBuffer(positionsPerStatement: true)
        /// Lines of the statement being typed, for history.
        var typed: [String] = []
        var ok = true
        var quit = false
        while !quit {
            let prompt = input.isPending ? "      ...> " : "planscope> "
            let line: String?
            do { line = try editor.readLine(prompt: interactive ? prompt : "") } catch {
                // Ctrl-C at the prompt: forget the unfinished statement.
                if interactive { context.write("^C") }
                input.reset()
                typed = []
                (editor as? EditLineEditor)?.statement = ""
                continue
            }
            guard let line else {
                if interactive { context.write("") }
                break
            }
            if !input.isPending && line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            for item in input.feed(line) {
                let outcome: Outcome
                switch item {
                case .command(let command):
                    editor.remember(command)
                    history?.add(command)
                    outcome = runner.runCommand(command, state)
                case .sql(let sql):
                    let entered = (typed + [line]).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                    if !entered.isEmpty, typed.isEmpty || !line.isEmpty {
                        editor.remember(entered)
                        history?.add(entered)
                    }
                    typed = []
                    outcome = runCancellable(sql)
                }
                runner.print(outcome)
                state = outcome.state
                if !outcome.succeeded { ok = false }
                for effect in outcome.effects {
                    switch effect {
                    case .quit: quit = true
                    case .resetInput:
                        input.reset()
                        typed = []
                        context.write("query buffer reset (cleared)")
                    case .openTUI(let spec):
                        if let openTUI { state = openTUI(spec, state) } else { context.writeError("error: \\tui needs a terminal"); ok = false }
                    case .settingsChanged, .showComparison, .closeComparison, .showTrace, .showImportedPlan: break
                    }
                }
                if quit { break }
            }
            if input.isPending, !(line.trimmingCharacters(in: .whitespaces).hasPrefix("\\")) { typed.append(line) }
            if !input.isPending { typed = [] }
            (editor as? EditLineEditor)?.statement = input.pending
        }
        return ok
    }

    /// Runs SQL while a watcher turns Ctrl-C into cancellation between batches.
    func runCancellable(_ sql: String) -> Outcome {
        guard interactive else { return runner.runSQL(sql, state) }
        _ = EditLineEditor.takeInterrupt()
        let done = DispatchSemaphore(value: 0)
        let session = context.session
        DispatchQueue.global().async {
            while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                if EditLineEditor.takeInterrupt() { session.cancelRunning() }
            }
        }
        defer { done.signal() }
        return runner.runSQL(sql, state)
    }

    /// The banner shown when the REPL starts on a terminal.
    public static func banner(version: String, tables: [String]) -> String {
        """
        planscope \(version) — demo workspace: \(tables.joined(separator: ", "))
        Try:  SELECT l_returnflag, sum(l_quantity) FROM lineitem GROUP BY 1 ORDER BY 1;
              \\explain verbose        \\trace   \\step 5   \\pushdown   \\d lineitem
        End statements with ';'.  \\help lists the commands, \\q quits.
        """
    }
}
