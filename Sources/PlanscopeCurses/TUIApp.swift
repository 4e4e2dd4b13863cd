import Dispatch
import Foundation
import PlanCore
import PlanEngine
import PlanSupport
import PlanscopeCommands
import PlanscopeTUI

/// The TUI on a terminal: reads keys, updates the state, runs the engine work the state
/// asks for on background tasks (the screen keeps drawing and answering keys; Esc or
/// Ctrl-C cancels), and draws each frame. Commands typed after `:` go through the same
/// command layer, completer and history file as the REPL.
public final class TUIApp {
    let session: Session
    let context: CommandContext
    let runner: CommandRunner
    let history: History?
    let themes: ThemeLibrary
    var state: AppState
    /// What the first frame shows (given to the state as an action when the app runs).
    let opening: Opening
    var themeName: String
    /// Results of background work, taken by the loop.
    let inbox = Locked<[Incoming]>([])
    /// The background work running now.
    var running: Cancellation?
    /// The terminal while ``run()`` runs (Ctrl-Z hands it back and takes it again).
    var terminal: CursesTerminal?
    /// The next frame is drawn whole (the terminal was handed back and taken again).
    var redrawAll = false

    enum Incoming: Sendable {
        case action(Action)
        case statements(sql: String, results: [StatementResult], error: StatementError?, settingsChanged: Bool)
    }

    /// How the TUI ended: its exit status (0, or 128 + a signal), and the command state it
    /// leaves (the REPL carries on with it after `\tui`).
    public struct Exit: Sendable {
        public let status: Int32
        public let state: CommandState
        public init(status: Int32, state: CommandState) {
            self.status = status
            self.state = state
        }
    }

    /// - Parameters:
    ///   - context: the command context (shared with the REPL when opened by `\tui`).
    ///   - state: the command state to start from (the REPL's, after `\tui`).
    ///   - pipeline: a pipeline to show, loaded or failed.
    ///   - source: what the header names (a spec file, `demo`).
    public init(context: CommandContext, state commands: CommandState, pipeline: Result<LoadedPipeline, PipelineError>?, source: String,
                themes: ThemeLibrary, theme: String?, history: History?) {
        self.context = context
        session = context.session
        runner = CommandRunner(context: context)
        self.history = history
        self.themes = themes
        themeName = theme ?? context.session.config[Settings.theme]
        state = AppState(width: 80, height: 24, header: Workspace.header(context.session, source: source))
        var commands = commands
        var model: PipelineModel?
        var messages: [Message] = []
        switch pipeline {
        case .success(let loaded)?:
            commands.pipeline = loaded
            model = Workspace.model(loaded, name: source)
        case .failure(let error)?:
            model = Workspace.model(failed: error, name: source)
            messages.append(Message(error.description, role: .error))
        case nil:
            model = commands.pipeline.map { Workspace.model($0, name: source) }
        }
        opening = Opening(commands: commands, pipeline: model, manifestDiff: Workspace.defaultManifestDiff(session),
                          manifestTitle: AppState.defaultManifestTitle, history: history?.entries ?? [], ascii: false, messages: messages)
    }

    /// Runs until `q`; returns how it ended.
    public func run() throws(TerminalError) -> Exit {
        let (theme, problem) = chosenTheme()
        let terminal = CursesTerminal(theme: theme)
        try terminal.start(monochrome: Self.noColor || theme.name == "monochrome")
        defer { terminal.stop() }
        self.terminal = terminal
        defer { self.terminal = nil }
        // Tables in the result pane fit its width.
        let terminalWidth = context.terminalWidth
        context.terminalWidth = { [unowned self] in state.width - 4 }
        defer { context.terminalWidth = terminalWidth }
        let (w, h) = terminal.size
        dispatch(.resize(width: w, height: h))
        var opening = self.opening
        opening.ascii = terminal.ascii
        dispatch(.opened(opening))
        if let problem { dispatch(.message(problem, role: .warning)) }
        var last: Frame?
        var dirty = true
        while !state.quit {
            let sig = CursesTerminal.signalReceived.exchange(0, ordering: .relaxed)
            if sig != 0 {
                running?.cancel()
                return Exit(status: 128 + sig, state: state.commands)
            }
            if CursesTerminal.stopRequested.exchange(false, ordering: .relaxed) { perform(.suspend) }
            if CursesTerminal.continued.exchange(false, ordering: .relaxed) {
                // Stopped and continued from outside (SIGSTOP, then SIGCONT): take the terminal again.
                terminal.resume()
                redrawAll = true
            }
            if redrawAll {
                redrawAll = false
                last = nil
                dirty = true
            }
            // Wait up to 50 ms for input, then take everything already typed before
            // drawing (a pasted line is one frame, not one per character).
            var wait = 50
            while !state.quit, let input = terminal.read(timeoutMillis: wait) {
                wait = 0
                dirty = true
                switch input {
                case .key(let key): dispatch(.key(key))
                case .mouse(let event): dispatch(.mouse(event))
                case .resize:
                    let (w, h) = terminal.size
                    dispatch(.resize(width: w, height: h))
                }
            }
            for item in inbox.withLock({ items in defer { items = [] }; return items }) {
                receive(item)
                dirty = true
            }
            if state.busy != nil {
                dispatch(.tick(DispatchTime.now().uptimeNanoseconds))
                dirty = true
            }
            let themeSetting = session.config[Settings.theme]
            if themeSetting != themeName {
                themeName = themeSetting
                let (t, problem) = themes.theme(named: Self.noColor ? "monochrome" : themeName)
                terminal.use(t)
                if let problem { dispatch(.message(problem, role: .warning)) }
                last = nil
                dirty = true
            }
            guard dirty else { continue }
            dirty = false
            let frame = Screen.render(state)
            if frame != last {
                terminal.draw(frame)
                last = frame
            }
        }
        running?.cancel()
        return Exit(status: 0, state: state.commands)
    }

    static var noColor: Bool { ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false }

    func chosenTheme() -> (Theme, String?) {
        themes.theme(named: Self.noColor ? "monochrome" : themeName)
    }

    var environment: Environment {
        let completer = Completer(context: context)
        return Environment(complete: { completer.complete(line: $0) }, now: { DispatchTime.now().uptimeNanoseconds })
    }

    func dispatch(_ action: Action) {
        for effect in state.update(action, env: environment) { perform(effect) }
    }

    // MARK: - Effects

    func perform(_ effect: Effect) {
        switch effect {
        case .quit: break
        case .suspend:
            terminal?.suspend()
            dispatch(.resumed)
            redrawAll = true
        case .cancel:
            running?.cancel()
            session.cancelRunning()
        case .run(let text):
            history?.add(text)
            if text.hasPrefix("\\") {
                dispatch(.ran(routed(runner.runCommand(text, state.commands)), statement: nil))
            } else {
                runSQL(text)
            }
        case .inspect(let subject, let analyze):
            inspect(subject, analyze: analyze)
        case .report(let subject, let file):
            report(subject, to: file)
        case .refreshSession:
            dispatch(.sessionChanged(header: Workspace.header(session, source: state.header.source),
                                     manifest: Workspace.defaultManifestDiff(session)))
        case .runPipeline:
            guard let pipeline = state.commands.pipeline else { return }
            let handle = Cancellation()
            running = handle
            let session = self.session, inbox = self.inbox
            DeepStack.detach {
                let item: Incoming
                do {
                    item = .action(.pipelineRan(try session.runPipeline(pipeline, writeOutputs: true, cancellation: handle)))
                } catch {
                    item = .action(.failed("pipeline: \(error)"))
                }
                inbox.withLock { $0 += [item, .action(.finished)] }
            }
        }
    }

    /// The outcome with its data lines sent to the file `\o` set, if any (the pane shows
    /// the rest).
    func routed(_ outcome: Outcome) -> Outcome {
        guard context.isRedirected else { return outcome }
        var shown = outcome
        shown.lines = outcome.lines.filter { $0.kind != .data }
        let data = outcome.text(.data)
        if !data.isEmpty { context.emit(data) }
        return shown
    }

    /// SQL, run on a background task; the screen keeps drawing until results arrive, and
    /// each statement's plan and figures so far come as they are made.
    func runSQL(_ sql: String) {
        let handle = Cancellation()
        running = handle
        let session = self.session, inbox = self.inbox
        let events = Self.events(for: .query(CommandRunner.statementText(sql)), into: inbox)
        DeepStack.detach {
            var results: [StatementResult] = []
            var failure: StatementError?
            let before = session.config
            do throws(StatementError) { try session.execute(sql, cancellation: handle, events: events) { results.append($0) } } catch { failure = error }
            let item = Incoming.statements(sql: sql, results: results, error: failure, settingsChanged: session.config != before)
            inbox.withLock { $0.append(item) }
        }
    }

    /// Optimizes (and with `analyze`, runs) a view's plan or a query's.
    func inspect(_ subject: Subject, analyze: Bool) {
        guard let (plan, _) = planned(subject, reportingMissingView: analyze) else { return }
        let handle = Cancellation()
        if analyze { running = handle }
        let session = self.session, inbox = self.inbox, planned = plan
        let events = analyze ? Self.events(for: subject, into: inbox) : nil
        DeepStack.detach {
            var items: [Incoming] = []
            do throws(StatementError) {
                items.append(.action(.inspected(subject: subject, try session.inspection(of: planned, analyze: analyze, cancellation: handle,
                                                                                         events: events))))
            } catch {
                if analyze { items.append(.action(.failed("\(subject.title): \(error.error.description)"))) }
            }
            if analyze { items.append(.action(.finished)) }
            inbox.withLock { $0 += items }
        }
    }

    /// The subject's plan and SQL: a query planned now (for EXPLAIN [ANALYZE], the statement
    /// it explains), a view's plan from the loaded pipeline. Nil after dispatching why not
    /// (a view without a plan only when `reportingMissingView`).
    private func planned(_ subject: Subject, reportingMissingView: Bool) -> (LogicalPlan, String)? {
        switch subject {
        case .query(let text):
            do {
                let plan = try session.logicalPlan(text)
                if case .explain(let explain) = plan { return (explain.plan, text) }
                return (plan, text)
            } catch {
                dispatch(.failed(error.description))
                dispatch(.finished)
                return nil
            }
        case .view(let name):
            guard let plan = state.commands.pipeline?.plans[name] else {
                if reportingMissingView {
                    dispatch(.failed("'\(name)' has no plan (inputs and outputs are not planned)"))
                    dispatch(.finished)
                }
                return nil
            }
            return (plan, state.commands.pipeline?.spec.viewDefinitions.first { $0.name == name }?.sql ?? name)
        case .imported(let path):
            guard let imported = state.commands.imported, imported.source == path else {
                if reportingMissingView {
                    dispatch(.failed("\(path): the imported plan is no longer in view (:\\substrait load FILE)"))
                    dispatch(.finished)
                }
                return nil
            }
            return (imported.plan, "\\substrait load \(path)")
        }
    }

    /// Writes the subject's HTML report on a background task (planned and run, as `a`).
    func report(_ subject: Subject, to file: String) {
        guard let (plan, sql) = planned(subject, reportingMissingView: true) else { return }
        let handle = Cancellation()
        running = handle
        let session = self.session, inbox = self.inbox, planned = plan
        DeepStack.detach {
            let item: Action
            do throws(StatementError) {
                let report = try session.report(of: planned, sql: sql, cancellation: handle)
                do {
                    try report.html.write(toFile: file, atomically: true, encoding: .utf8)
                    item = .reported(file: file)
                } catch {
                    item = .failed("cannot write \(file): \(error.localizedDescription)")
                }
            } catch {
                item = .failed("\(subject.title): \(error.error.description)")
            }
            inbox.withLock { $0 += [.action(item), .action(.finished)] }
        }
    }

    /// The engine's events for `subject` as actions in the inbox (the sink only appends:
    /// it never waits for the loop).
    static func events(for subject: Subject, into inbox: Locked<[Incoming]>) -> ExecutionEventSink {
        { event in
            let action: Action = switch event {
            case .planned(let inspection): .planned(subject: subject, inspection)
            case .progress(let snapshot): .progress(subject: subject, snapshot)
            }
            inbox.withLock { $0.append(.action(action)) }
        }
    }

    func receive(_ item: Incoming) {
        switch item {
        case .action(let action): dispatch(action)
        case .statements(let sql, let results, let error, let settingsChanged):
            let outcome = runner.outcome(sql: sql, results: results, error: error, settingsChanged: settingsChanged, state.commands)
            // The last statement with a plan fills the trace and pushdown panes.
            dispatch(.ran(routed(outcome), statement: Workspace.statement(results)))
            dispatch(.finished)
        }
    }
}
