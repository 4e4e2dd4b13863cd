import Dispatch
import Foundation
import PlanCore
import PlanEngine
import PlanManifest
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
    var pipeline: LoadedPipeline?
    var themeName: String
    /// Results of background work, taken by the loop.
    let inbox = Locked<[Incoming]>([])
    /// The background work running now.
    var running: Cancellation?
    /// Output captured while a command runs.
    var captured: [Message] = []

    enum Incoming: Sendable {
        case action(Action)
        case statements(sql: String, results: [StatementResult], error: StatementError?)
    }

    /// - Parameters:
    ///   - context: the command context (shared with the REPL when opened by `\tui`).
    ///   - pipeline: a pipeline to show, loaded or failed.
    ///   - source: what the header names (a spec file, `demo`).
    public init(context: CommandContext, pipeline: Result<LoadedPipeline, PipelineError>?, source: String, themes: ThemeLibrary,
                theme: String?, history: History?) {
        self.context = context
        session = context.session
        runner = CommandRunner(context: context)
        self.history = history
        self.themes = themes
        themeName = theme ?? context.session.config[Settings.theme]
        state = AppState(width: 80, height: 24, header: Workspace.header(context.session, source: source))
        state.history = history?.entries ?? []
        state.manifestDiff = Workspace.defaultManifestDiff(session)
        state.manifestTitle = "defaults ↔ session"
        switch pipeline {
        case .success(let loaded)?:
            self.pipeline = loaded
            context.pipelineInView = loaded
            state.pipeline = Workspace.model(loaded, name: source)
        case .failure(let error)?:
            state.pipeline = Workspace.model(failed: error, name: source)
            state.message(error.description, role: .error)
        case nil:
            self.pipeline = context.pipelineInView
            if let loaded = context.pipelineInView { state.pipeline = Workspace.model(loaded, name: source) }
        }
    }

    /// Runs until `q`; returns the exit status (0, or 128 + a signal that ended it).
    public func run() throws(TerminalError) -> Int32 {
        let (theme, problem) = chosenTheme()
        let terminal = CursesTerminal(theme: theme)
        try terminal.start(monochrome: Self.noColor || theme.name == "monochrome")
        defer { terminal.stop() }
        if let problem { state.message(problem, role: .warning) }
        state.ascii = terminal.ascii
        let (w, h) = terminal.size
        dispatch(.resize(width: w, height: h))
        // Show the first view's plan at once.
        if let first = state.pipeline?.rows.first(where: { $0.kind == .view }) {
            var list = state.list(.graph)
            list.selected = state.pipeline?.rows.firstIndex { $0.name == first.name } ?? 0
            state.lists[.graph] = list
            state.subject = first.name
            perform(.inspect(subject: first.name, analyze: false))
        } else if context.queryInView != nil {
            // Opened from the REPL after a query: that query's plans fill the panes.
            state.subject = "query"
            state.focus = .trace
            perform(.inspect(subject: "query", analyze: false))
        }
        var last: Frame?
        var dirty = true
        while !state.quit {
            let sig = CursesTerminal.signalReceived.exchange(0, ordering: .relaxed)
            if sig != 0 {
                running?.cancel()
                return 128 + sig
            }
            // Wait up to 50 ms for input, then take everything already typed before
            // drawing (a pasted line is one frame, not one per character).
            var wait = 50
            while !state.quit, let input = terminal.read(timeoutMillis: wait) {
                wait = 0
                dirty = true
                switch input {
                case .key(let key): dispatch(.key(key))
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
                if let problem { state.message(problem, role: .warning) }
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
        return 0
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
        case .cancel:
            running?.cancel()
            session.cancelRunning()
        case .run(let text):
            history?.add(text)
            if text.hasPrefix("\\") { runCommand(text) } else { runSQL(text) }
        case .inspect(let subject, let analyze):
            inspect(subject, analyze: analyze)
        case .runPipeline:
            guard let pipeline else { return }
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

    /// A backslash command, run at once through the command layer; its output goes to
    /// the result pane, and what it changed (settings, the pipeline, manifests) to the panes.
    func runCommand(_ text: String) {
        if CommandRunner.parse(text)?.name == "tui" {
            state.message("already in the TUI", role: .dim)
            return
        }
        let output = capture { _ = runner.runCommand(text) }
        dispatch(.output(output))
        if context.quitRequested { state.quit = true }
        if let loaded = context.pipelineInView, loaded.contract.specHash != pipeline?.contract.specHash {
            pipeline = loaded
            state.pipeline = Workspace.model(loaded, name: loaded.spec.baseDirectory ?? "pipeline")
        }
        if let shown = context.manifestDiffInView {
            context.manifestDiffInView = nil
            dispatch(.manifest(shown.diff, title: shown.title))
        }
        state.header = Workspace.header(session, source: state.header.source)
    }

    /// SQL, run on a background task; the screen keeps drawing until results arrive.
    func runSQL(_ text: String) {
        let sql = text.hasSuffix(";") ? text : text + ";"
        let handle = Cancellation()
        running = handle
        let session = self.session, inbox = self.inbox
        DeepStack.detach {
            var results: [StatementResult] = []
            var failure: StatementError?
            do throws(StatementError) { try session.execute(sql, cancellation: handle) { results.append($0) } } catch { failure = error }
            let item = Incoming.statements(sql: sql, results: results, error: failure)
            inbox.withLock { $0.append(item) }
        }
    }

    /// Optimizes (and with `analyze`, runs) a view's plan or the query in view.
    func inspect(_ subject: String, analyze: Bool) {
        let plan: LogicalPlan
        if subject == "query" {
            guard let sql = context.queryInView else {
                dispatch(.failed("no query in view: run one with :"))
                dispatch(.finished)
                return
            }
            do { plan = try session.logicalPlan(sql) } catch {
                dispatch(.failed(error.description))
                dispatch(.finished)
                return
            }
        } else {
            guard let p = pipeline?.plans[subject] else {
                if analyze { dispatch(.failed("'\(subject)' has no plan (inputs and outputs are not planned)")); dispatch(.finished) }
                return
            }
            plan = p
        }
        let handle = Cancellation()
        if analyze { running = handle }
        let session = self.session, inbox = self.inbox
        DeepStack.detach {
            var items: [Incoming] = []
            do throws(StatementError) {
                items.append(.action(.inspected(subject: subject, try session.inspection(of: plan, analyze: analyze, cancellation: handle))))
            } catch {
                if analyze { items.append(.action(.failed("\(subject): \(error.error.description)"))) }
            }
            if analyze { items.append(.action(.finished)) }
            inbox.withLock { $0 += items }
        }
    }

    func receive(_ item: Incoming) {
        switch item {
        case .action(let action): dispatch(action)
        case .statements(let sql, let results, let error):
            var inspection: PlanInspection?
            let output = capture {
                for r in results {
                    runner.show(r)
                    if let i = PlanInspection(r) { inspection = i }
                }
                if let error { runner.show(error) } else { runner.noteQuery(sql) }
            }
            dispatch(.output(output))
            if let inspection {
                // The rows stay in view; p shows the physical plan with its metrics.
                dispatch(.inspected(subject: "query", inspection))
                state.showPhysical = false
            }
            dispatch(.finished)
            state.header = Workspace.header(session, source: state.header.source)
        }
    }

    /// Runs `body` with the command context's output going to a list of messages.
    func capture(_ body: () -> Void) -> [Message] {
        let write = context.write, writeError = context.writeError, width = context.terminalWidth, pager = context.pager
        var lines: [Message] = []
        context.write = { text in lines.append(Message(text)) }
        context.writeError = { text in lines.append(Message(text, role: text.hasPrefix("warning") ? .warning : .error)) }
        context.terminalWidth = { [state] in state.width - 4 }
        context.pager = false
        body()
        context.write = write
        context.writeError = writeError
        context.terminalWidth = width
        context.pager = pager
        return lines
    }
}
