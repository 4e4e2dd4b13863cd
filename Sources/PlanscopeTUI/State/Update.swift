import Foundation
import PlanEngine
import PlanManifest
import PlanPipeline

/// What can happen to the TUI.
public enum Action: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Time passes (for the busy timer): the monotonic clock in nanoseconds.
    case tick(UInt64)
    /// A view or query was inspected (optimized, and run when `analyze`).
    case inspected(subject: String, PlanInspection)
    /// The pipeline ran.
    case pipelineRan(PipelineRunReport)
    /// Background work ended with an error (or was cancelled).
    case failed(String)
    /// Output of a command run from the command line.
    case output([Message])
    /// A new manifest diff for the manifest pane.
    case manifest(ManifestDiff, title: String)
    /// Background work ended (clears the busy state).
    case finished
}

/// Work the TUI asks the engine for; the app runs it and answers with actions.
public enum Effect: Equatable, Sendable {
    /// A command-line entry: SQL or a backslash command, exactly as at the REPL prompt.
    case run(String)
    /// Optimize (and with `analyze`, run) a pipeline view or the query in view.
    case inspect(subject: String, analyze: Bool)
    case runPipeline
    case cancel
    case quit
}

/// What the update needs from outside: completion and the clock.
public struct Environment {
    /// The word before the cursor and what it may become (the REPL's completer).
    public var complete: (String) -> (word: String, candidates: [String])
    public var now: () -> UInt64
    public init(complete: @escaping (String) -> (word: String, candidates: [String]) = { _ in ("", []) },
                now: @escaping () -> UInt64 = { 0 }) {
        self.complete = complete
        self.now = now
    }
}

extension AppState {
    /// Applies an action; returns the engine work it asks for.
    public mutating func update(_ action: Action, env: Environment) -> [Effect] {
        switch action {
        case .resize(let w, let h):
            width = w
            height = h
            clampLists()
            return []
        case .tick(let now):
            nowNanos = now
            return []
        case .inspected(let subject, let inspection):
            // A result for a subject no longer in view is dropped.
            guard subject == self.subject || inspection.analyzed else { return [] }
            self.subject = subject
            self.inspection = inspection
            let summary = inspection.trace.summary
            traceRules = (summary.count { $0.applied > 0 }, summary.count)
            if inspection.analyzed {
                showPhysical = true
                message(String(format: "%@: %@ in %.1f ms (p: physical plan)", subject, Panes.rows(inspection.rows ?? 0),
                               (inspection.elapsed ?? 0) * 1000), role: .ok)
            }
            for w in inspection.warnings { message("warning: \(w)", role: .warning) }
            var trace = list(.trace)
            trace.selected = 0
            lists[.trace] = trace
            clampLists()
            return []
        case .pipelineRan(let report):
            pipeline?.runs = Dictionary(report.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            pipeline?.runElapsedMillis = report.elapsedMillis
            message(String(format: "pipeline ran: %d views in %.1f ms, %d rows written", report.views.count, report.elapsedMillis,
                           report.rowsWritten), role: .ok)
            return []
        case .failed(let text):
            message(text, role: .error)
            return []
        case .output(let lines):
            for m in lines { message(m.text, role: m.role) }
            showPhysical = false
            return []
        case .manifest(let diff, let title):
            manifestDiff = diff
            manifestTitle = title
            return []
        case .finished:
            busy = nil
            return []
        case .key(let key):
            return handle(key, env: env)
        }
    }

    mutating func startBusy(_ label: String, env: Environment) {
        busy = Busy(label: label, startedNanos: env.now())
        nowNanos = busy?.startedNanos ?? 0
    }

    // MARK: - Keys

    mutating func handle(_ key: Key, env: Environment) -> [Effect] {
        if commandLine != nil { return commandLineKey(key, env: env) }
        if let s = search, s.typing { return searchKey(key) }
        if showHelp {
            switch key {
            case .char("q"): quit = true; return busy != nil ? [.cancel, .quit] : [.quit]
            case .down, .char("j"): helpTop = min(helpTop + 1, max(0, HelpOverlay.lineCount - (height - 4)))
            case .up, .char("k"): helpTop = max(0, helpTop - 1)
            case .pageDown, .char(" "): helpTop = min(helpTop + height - 5, max(0, HelpOverlay.lineCount - (height - 4)))
            case .pageUp: helpTop = max(0, helpTop - (height - 5))
            default: showHelp = false
            }
            return []
        }
        switch key {
        case .char("q"):
            quit = true
            return busy != nil ? [.cancel, .quit] : [.quit]
        case .char("?"):
            showHelp = true
            helpTop = 0
        case .escape, .ctrl("c"):
            if busy != nil {
                message("cancelling…", role: .warning)
                return [.cancel]
            }
            if search != nil { search = nil } else if zoomed { zoomed = false }
        case .tab: focus = PaneID.allCases[((PaneID.allCases.firstIndex(of: focus) ?? 0) + 1) % PaneID.allCases.count]
        case .backTab:
            focus = PaneID.allCases[((PaneID.allCases.firstIndex(of: focus) ?? 0) + PaneID.allCases.count - 1) % PaneID.allCases.count]
        case .left, .char("h"): if !Layout.isLarge(width: width, height: height) || zoomed { return handle(.backTab, env: env) }
        case .right, .char("l"): if !Layout.isLarge(width: width, height: height) || zoomed { return handle(.tab, env: env) }
        case .down, .char("j"): return move(by: 1)
        case .up, .char("k"): return move(by: -1)
        case .pageDown, .ctrl("f"): return move(by: max(1, pageHeight(focus) - 1))
        case .pageUp, .ctrl("b"): return move(by: -max(1, pageHeight(focus) - 1))
        case .char("g"), .home: return move(to: 0)
        case .char("G"), .end: return move(to: Int.max)
        case .char("]"): return moveTrace(by: 1)
        case .char("["): return moveTrace(by: -1)
        case .char("}"): jumpPass(forward: true)
        case .char("{"): jumpPass(forward: false)
        case .char("c") where focus == .trace:
            let step = selectedStep
            traceChangedOnly.toggle()
            var l = list(.trace)
            l.selected = traceSteps.firstIndex { $0 >= step } ?? 0
            lists[.trace] = l
            clampLists()
        case .char("s") where focus == .manifest: manifestSideBySide.toggle()
        case .char("p") where focus == .result: showPhysical.toggle()
        case .char("z"): zoomed.toggle()
        case .char(":"): commandLine = LineEdit(); completions = []
        case .char("/"): search = Search(pane: focus, text: "", typing: true)
        case .char("n"): findNext(forward: true)
        case .char("N"): findNext(forward: false)
        case .enter: return drill()
        case .char("a"):
            guard let subject = subject ?? selectedView?.name else {
                message("nothing to analyze: select a view or run a query", role: .warning)
                return []
            }
            startBusy("EXPLAIN ANALYZE \(subject)", env: env)
            return [.inspect(subject: subject, analyze: true)]
        case .char("r"):
            guard pipeline != nil else { message("no pipeline loaded (:\\pipeline load FILE)", role: .warning); return [] }
            startBusy("running the pipeline", env: env)
            return [.runPipeline]
        default: break
        }
        return []
    }

    /// Enter: from a view to its trace and pushdown; from the trace to the plan's
    /// physical form.
    mutating func drill() -> [Effect] {
        switch focus {
        case .graph:
            guard let view = selectedView, view.kind == .view else { return [] }
            subject = view.name
            focus = .trace
            return [.inspect(subject: view.name, analyze: false)]
        case .trace:
            focus = .pushdown
        case .pushdown:
            focus = .result
            showPhysical = true
        default: break
        }
        return []
    }

    mutating func commandLineKey(_ key: Key, env: Environment) -> [Effect] {
        guard var line = commandLine else { return [] }
        switch key {
        case .escape, .ctrl("c"), .ctrl("g"):
            commandLine = nil
            completions = []
            return []
        case .enter:
            commandLine = nil
            completions = []
            let text = line.string.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return [] }
            if history.last != text { history.append(text) }
            message("planscope> " + text, role: .commandLine)
            if !text.hasPrefix("\\") {
                subject = "query"
                startBusy("running the query", env: env)
            }
            return [.run(text)]
        case .tab:
            let before = String(line.string.prefix(line.cursor))
            let (word, candidates) = env.complete(before)
            if candidates.count == 1 {
                line.complete(word: word.count, with: candidates[0])
                completions = []
            } else if !candidates.isEmpty {
                let common = candidates.dropFirst().reduce(candidates[0]) { prefix, c in
                    String(zip(prefix, c).prefix { $0.0 == $0.1 }.map(\.0))
                }
                if common.count > word.count { line.complete(word: word.count, with: common) }
                completions = candidates
            }
            commandLine = line
            return []
        default:
            _ = line.apply(key, history: history)
            completions = []
            commandLine = line
            return []
        }
    }

    mutating func searchKey(_ key: Key) -> [Effect] {
        guard var s = search else { return [] }
        switch key {
        case .escape: search = nil
        case .enter:
            s.typing = false
            search = s
            findNext(forward: true, includeCurrent: true)
        case .backspace:
            if s.text.isEmpty { search = nil } else { s.text.removeLast(); search = s }
        case .char(let c):
            s.text.append(c)
            search = s
            findNext(forward: true, includeCurrent: true)
        default: break
        }
        return []
    }

    // MARK: - Moving

    func pageHeight(_ pane: PaneID) -> Int {
        Layout.frames(width: width, height: height, focus: focus, zoomed: zoomed)[pane].map { max(1, $0.height - 2) } ?? 10
    }

    func count(_ pane: PaneID) -> Int { Panes.source(pane, self).count }

    mutating func move(by delta: Int) -> [Effect] {
        let current = list(focus).selected
        let target = delta > 0 ? current.addingReportingOverflow(delta).partialValue : current + delta
        return move(to: target)
    }

    mutating func move(to index: Int) -> [Effect] {
        var l = list(focus)
        let before = l.selected
        l.selected = index
        l.clamp(count: count(focus), height: pageHeight(focus))
        lists[focus] = l
        if focus == .graph, l.selected != before, let view = selectedView, view.kind == .view {
            subject = view.name
            return [.inspect(subject: view.name, analyze: false)]
        }
        return []
    }

    mutating func moveTrace(by delta: Int) -> [Effect] {
        var l = list(.trace)
        l.selected += delta
        l.clamp(count: traceSteps.count, height: pageHeight(.trace))
        lists[.trace] = l
        return []
    }

    /// `{`/`}`: to the first step of the previous or next optimizer pass.
    mutating func jumpPass(forward: Bool) {
        guard let trace = inspection?.trace else { return }
        let steps = traceSteps
        let current = selectedStep
        let pass = current == 0 ? 0 : trace.steps[current - 1].pass
        let target: Int?
        if forward {
            target = steps.firstIndex { $0 > current && trace.steps[$0 - 1].pass > pass }
        } else {
            let previousPass = max(0, pass - 1)
            target = previousPass == 0 ? 0 : steps.firstIndex { $0 > 0 && trace.steps[$0 - 1].pass == previousPass }
        }
        guard let target else { return }
        var l = list(.trace)
        l.selected = target
        l.clamp(count: steps.count, height: pageHeight(.trace))
        lists[.trace] = l
    }

    /// Moves the selection of the search's pane to the next line containing its text.
    mutating func findNext(forward: Bool, includeCurrent: Bool = false) {
        guard let s = search, !s.text.isEmpty else { return }
        let source = Panes.source(s.pane, self)
        guard source.count > 0 else { return }
        let needle = s.text.lowercased()
        let start = list(s.pane).selected
        for offset in (includeCurrent ? 0 : 1)...source.count {
            let i = ((forward ? start + offset : start - offset) % source.count + source.count) % source.count
            if source.text(i).lowercased().contains(needle) {
                var l = list(s.pane)
                l.selected = i
                l.clamp(count: source.count, height: pageHeight(s.pane))
                lists[s.pane] = l
                return
            }
        }
        message("no match for '\(s.text)'", role: .warning)
    }

    mutating func clampLists() {
        for pane in PaneID.allCases {
            var l = list(pane)
            l.clamp(count: count(pane), height: pageHeight(pane))
            lists[pane] = l
        }
    }
}
