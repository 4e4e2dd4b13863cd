import Foundation
import PlanEngine
import PlanExec
import PlanManifest
import PlanOptimizer
import PlanPipeline
import PlanSupport
import PlanscopeCommands

extension AppState {
    /// Applies an action; returns the engine work it asks for. The only writer of the state.
    public mutating func update(_ action: Action, env: Environment) -> [Effect] {
        switch action {
        case .opened(let opening):
            return open(opening)
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
            // Watched while it ran: the same operators, the selection kept.
            let watched = live?.subject == subject && showsAnalysis
            show(inspection, of: subject)
            if inspection.analyzed {
                message(String(format: "%@: %@ in %.1f ms (p: Analyze view / messages)", subject.title, Panes.rows(inspection.rows ?? 0),
                               (inspection.elapsed ?? 0) * 1000), role: .ok)
                // The Analyze view, focused, on the plan's root.
                showPhysical = true
                focus = .result
                planFocused = false
                if !watched { lists[.result] = ListState() }
                clampLists()
            }
            for w in inspection.warnings { message("warning: \(w)", role: .warning) }
            return []
        case .planned(let subject, let inspection):
            // The running statement's trace and pushdown fill the panes now.
            show(inspection, of: subject)
            live = LiveRun(subject: subject, startedNanos: busy?.startedNanos ?? nowNanos)
            return []
        case .progress(let subject, let snapshot):
            guard let run = live, run.subject == subject, subject == self.subject, run.stoppedNanos == nil else { return [] }
            profile = AnalyzeProfile(snapshot)
            clampLists()
            return []
        case .ran(let outcome, let statement):
            return apply(outcome, statement: statement)
        case .sessionChanged(let header, let manifest):
            self.header = header
            manifestDiff = manifest
            manifestTitle = AppState.defaultManifestTitle
            manifestQuery = nil
            // What is in view is planned again under the new settings (not run again).
            guard let subject else { return [] }
            return [.inspect(subject: subject, analyze: false)]
        case .pipelineRan(let report):
            pipeline?.ran(report)
            message(String(format: "pipeline ran: %d views in %.1f ms, %d rows written", report.views.count, report.elapsedMillis,
                           report.rowsWritten), role: .ok)
            return []
        case .failed(let text):
            message(text, role: .error)
            return []
        case .message(let text, let role):
            message(text, role: role)
            return []
        case .reported(let file):
            showPhysical = false
            lists[.result] = ListState()
            message("wrote \(file)" + (profile != nil ? " (p: back to the Analyze view)" : ""), role: .ok)
            return []
        case .finished:
            busy = nil
            stopLiveRun()
            return []
        case .compare(let comparison):
            showComparison(comparison)
            return []
        case .closeComparison:
            closeComparison()
            return []
        case .key(let key):
            return handle(key, env: env)
        case .mouse(let event):
            return mouse(event, env: env)
        case .resumed:
            clampLists()
            return []
        }
    }

    /// The title of the manifest pane when it compares planscope's defaults with the session.
    public static let defaultManifestTitle = "defaults ↔ session"

    /// The first frame's contents; the imported plan, else the first view (or the query in
    /// view) is planned.
    mutating func open(_ o: Opening) -> [Effect] {
        commands = o.commands
        pipeline = o.pipeline
        manifestDiff = o.manifestDiff
        manifestTitle = o.manifestTitle
        history = o.history
        ascii = o.ascii
        for m in o.messages { message(m.text, role: m.role) }
        let rows = pipeline?.rows ?? [], first = rows.firstIndex { $0.kind == .view }
        if let first { lists[.graph] = ListState(selected: first) }
        if let imported = commands.imported {
            // Opened on a Substrait plan (`planscope tui [SPEC] --substrait FILE`, or from the
            // REPL after `\substrait load`): that plan's trace, plan and pushdown report.
            subject = .imported(imported.source)
            focus = .trace
        } else if let first {
            subject = .view(rows[first].name)
        } else if let trace = commands.trace, let engine = trace.engine {
            // Opened from the REPL after `\trace load` of another engine's trace: that trace.
            showImported(trace, title: engine)
            return []
        } else if let query = commands.query {
            // Opened from the REPL after a query: that query's plans fill the panes.
            subject = .query(query)
            focus = .trace
        }
        clampLists()
        return subject.map { [.inspect(subject: $0, analyze: false)] } ?? []
    }

    /// Puts an inspection in view for `subject`: a new subject's trace at its first step,
    /// the same subject (planned again) at the step it was on. A live run's figures give
    /// way to it.
    mutating func show(_ inspection: PlanInspection, of subject: Subject) {
        let same = subject == self.subject
        self.subject = subject
        self.inspection = inspection
        importedTrace = nil
        live = nil
        profile = inspection.analyzed ? AnalyzeProfile(inspection.physical) : nil
        let summary = inspection.trace.summary
        traceRules = (summary.count { $0.applied > 0 }, summary.count)
        if !same {
            lists[.trace] = ListState()
            planScroll.cursor = 0
            planScroll.top = 0
        }
        clampLists()
    }

    /// Another engine's trace (the command state's, after `:\trace load FILE`) in the trace
    /// pane, at its first step.
    mutating func showImported(_ trace: OptimizerTrace?, title: String) {
        guard let trace else { return }
        closeComparison()
        importedTrace = (title, trace)
        let summary = trace.summary
        traceRules = (summary.count { $0.applied > 0 }, summary.count)
        lists[.trace] = ListState()
        planScroll = PlanScroll()
        planFocused = false
        focus = .trace
        clampLists()
    }

    /// A command line's outcome: its lines in the result pane, its command state adopted
    /// (a pipeline loaded, a manifest diff made), its effects turned into engine work.
    /// A run stopped without a result keeps the Analyze view if it was watched there.
    mutating func apply(_ outcome: Outcome, statement: (subject: Subject, inspection: PlanInspection)?) -> [Effect] {
        let watched = statement == nil && live != nil && showsAnalysis
        // A comparison is shown in the trace pane's place, not repeated here.
        let compares = outcome.effects.contains { if case .showComparison = $0 { true } else { false } }
        for line in outcome.lines where !(compares && line.kind == .data) { message(line.text, role: Self.role(line.kind)) }
        if !watched { showPhysical = false }
        let before = commands
        commands = outcome.state
        var effects: [Effect] = []
        if let loaded = commands.pipeline, loaded.contract.specHash != before.pipeline?.contract.specHash {
            // Another pipeline: its first view comes into view.
            pipeline = Workspace.model(loaded, name: loaded.spec.baseDirectory)
            let first = pipeline?.rows.firstIndex { $0.kind == .view }
            lists[.graph] = ListState(selected: first ?? 0)
            if let first, let name = pipeline?.rows[first].name, statement == nil {
                subject = .view(name)
                effects.append(.inspect(subject: .view(name), analyze: false))
            }
            clampLists()
        }
        if let shown = commands.manifestDiff, shown != before.manifestDiff {
            manifestDiff = shown.diff
            manifestTitle = shown.title
            manifestQuery = shown.query
        }
        if let statement {
            closeComparison()
            show(statement.inspection, of: statement.subject)
        }
        for effect in outcome.effects {
            switch effect {
            case .quit:
                quit = true
                effects += busy != nil ? [.cancel, .quit] : [.quit]
            case .settingsChanged: effects.append(.refreshSession)
            case .openTUI: message("already in the TUI", role: .dim)
            case .resetInput: break
            case .showComparison(let comparison): effects += update(.compare(comparison), env: Environment())
            case .closeComparison: effects += update(.closeComparison, env: Environment())
            case .showTrace(let title): showImported(commands.trace, title: title)
            case .showImportedPlan(let title):
                // Planned again here (not run): its trace, plan and pushdown report fill the panes.
                closeComparison()
                subject = .imported(title)
                focus = .trace
                effects.append(.inspect(subject: .imported(title), analyze: false))
            }
        }
        return effects
    }

    /// Background work ended: a live run that got no result stopped (cancelled or failed);
    /// its plan stays in view and the Analyze view keeps the rows each operator reached.
    mutating func stopLiveRun() {
        guard var run = live, run.stoppedNanos == nil else { return }
        run.stoppedNanos = nowNanos
        live = run
        guard let profile, let most = profile.operators.max(by: { $0.rows < $1.rows }) else { return }
        message(String(format: "%@ stopped after %.1f s: %@ reached %@ (p: Analyze view)", run.subject.title,
                       Double(nowNanos >= run.startedNanos ? nowNanos - run.startedNanos : 0) / 1e9, most.name, Panes.rows(most.rows)),
                role: .warning)
    }

    static func role(_ kind: OutputLine.Kind) -> Role {
        switch kind {
        case .data: .text
        case .notice: .dim
        case .warning: .warning
        case .error: .error
        }
    }

    mutating func startBusy(_ label: String, env: Environment) {
        busy = Busy(label: label, startedNanos: env.now())
        nowNanos = busy?.startedNanos ?? 0
    }

    // MARK: - Keys

    mutating func handle(_ key: Key, env: Environment) -> [Effect] {
        notice = nil
        if commandLine != nil { return commandLineKey(key, env: env) }
        if let s = search, s.typing { return searchKey(key) }
        if showHelp {
            let page = max(1, height - 5), last = max(0, HelpOverlay.lineCount(width: width) - (height - 4))
            switch KeyMap.action(for: key, in: .help) {
            case .quit?: return perform(.quit, env: env)
            case .scrollDown?: helpTop = min(helpTop + 1, last)
            case .scrollUp?: helpTop = max(0, helpTop - 1)
            case .scrollPageDown?: helpTop = min(helpTop + page, last)
            case .scrollPageUp?: helpTop = max(0, helpTop - page)
            default: showHelp = false
            }
            return []
        }
        guard let action = KeyMap.action(for: key, focus: focus, planFocused: planFocused, comparing: comparison != nil) else { return [] }
        return perform(action, env: env)
    }

    /// Does what a key's action says, outside the command line and the help overlay.
    mutating func perform(_ action: KeyAction, env: Environment) -> [Effect] {
        switch action {
        case .quit:
            quit = true
            return busy != nil ? [.cancel, .quit] : [.quit]
        case .suspend:
            return [.suspend]
        case .help:
            showHelp = true
            helpTop = 0
        case .cancel:
            if busy != nil {
                message("cancelling…", role: .warning)
                return [.cancel]
            }
            if search != nil { search = nil } else if zoomed { zoomed = false }
        case .nextPane:
            focus = PaneID.allCases[((PaneID.allCases.firstIndex(of: focus) ?? 0) + 1) % PaneID.allCases.count]
            planFocused = false
        case .previousPane:
            focus = PaneID.allCases[((PaneID.allCases.firstIndex(of: focus) ?? 0) + PaneID.allCases.count - 1) % PaneID.allCases.count]
            planFocused = false
        case .focusPlan:
            guard inspection != nil else { return [] }
            planFocused = true
            planScroll = scroll(for: selectedStep)
            followPlanCursor()
        case .focusSteps:
            if busy != nil { return perform(.cancel, env: env) }
            planFocused = false
        case .nodeDown, .nodeUp, .nodePageDown, .nodePageUp, .nodeFirst, .nodeLast, .scrollLeft, .scrollRight, .scrollStart, .scrollEnd,
             .toggleWrap:
            movePlan(action)
        case .down: return move(by: 1)
        case .up: return move(by: -1)
        case .pageDown: return move(by: max(1, pageHeight(focus) - 1))
        case .pageUp: return move(by: -max(1, pageHeight(focus) - 1))
        case .first: return move(to: 0)
        case .last: return move(to: Int.max)
        case .nextStep: return moveTrace(by: 1)
        case .previousStep: return moveTrace(by: -1)
        case .nextPass: jumpPass(forward: true)
        case .previousPass: jumpPass(forward: false)
        case .changedOnly:
            let step = selectedStep
            return keepingPlanNode { s in
                s.traceChangedOnly.toggle()
                var l = s.list(.trace)
                l.selected = s.traceSteps.firstIndex { $0 >= step } ?? 0
                s.lists[.trace] = l
                s.clampLists()
                return []
            }
        case .sideBySide: manifestSideBySide.toggle()
        case .togglePhysical:
            showPhysical.toggle()
            lists[.result] = showsAnalysis ? ListState() : ListState(selected: messages.count - 1)
            clampLists()
        case .slowest:
            guard let profile, let slowest = profile.slowest else {
                message("nothing analyzed yet: a runs the view or query", role: .warning)
                return []
            }
            showPhysical = true
            focus = .result
            planFocused = false
            var l = list(.result)
            l.selected = analyzeOrder.firstIndex(of: slowest) ?? 0
            lists[.result] = l
            clampLists()
        case .bySelfTime:
            guard profile != nil else {
                message("nothing analyzed yet: a runs the view or query", role: .warning)
                return []
            }
            // The same operator stays selected.
            let order = analyzeOrder
            let current = showsAnalysis && order.indices.contains(list(.result).selected) ? order[list(.result).selected] : 0
            analyzeBySelf.toggle()
            showPhysical = true
            focus = .result
            var l = list(.result)
            l.selected = analyzeOrder.firstIndex(of: current) ?? 0
            lists[.result] = l
            clampLists()
        case .toggleGraph: toggleGraph()
        case .layerLeft: return moveInLayer(by: -1)
        case .layerRight: return moveInLayer(by: 1)
        case .cycleLayout: cycleLayout()
        case .lastChange: jumpToLastChange()
        case .compare(let key): return moveComparison(key, env: env)
        case .zoom: zoomed.toggle()
        case .openCommandLine: commandLine = LineEdit(); completions = []
        case .search: search = Search(pane: focus, text: "", typing: true)
        case .findNext: findNext(forward: true)
        case .findPrevious: findNext(forward: false)
        case .drill: return drill()
        case .analyze:
            guard let subject = subject ?? selectedView.map({ .view($0.name) }) else {
                message("nothing to analyze: select a view or run a query", role: .warning)
                return []
            }
            if busy != nil, let run = live, run.subject == subject, run.stoppedNanos == nil {
                // It is running now: its figures so far, not a second run.
                showPhysical = true
                focus = .result
                planFocused = false
                lists[.result] = ListState()
                clampLists()
                return []
            }
            startBusy("EXPLAIN ANALYZE \(subject.title)", env: env)
            // The Analyze view at once: it fills with the figures so far as the run reports
            // them (an earlier run's figures are not shown as this one's).
            profile = nil
            showPhysical = true
            focus = .result
            planFocused = false
            lists[.result] = ListState()
            return [.inspect(subject: subject, analyze: true)]
        case .exportReport:
            guard let subject = subject ?? selectedView.map({ .view($0.name) }) else {
                message("nothing to report: select a view or run a query", role: .warning)
                return []
            }
            let name: String
            switch subject {
            case .view(let view): name = view
            case .query: name = "query"
            case .imported(let path): name = PathText.lastComponent(path)
            }
            let file = "planscope-report-\(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "-" }.map(String.init).joined()).html"
            startBusy("writing \(file)", env: env)
            return [.report(subject: subject, file: file)]
        case .runPipeline:
            guard pipeline != nil else { message("no pipeline loaded (:\\pipeline load FILE)", role: .warning); return [] }
            startBusy("running the pipeline", env: env)
            return [.runPipeline]
        case .scrollDown, .scrollUp, .scrollPageDown, .scrollPageUp, .runLine, .closeLine, .complete, .edit:
            break
        }
        return []
    }

    /// Enter: from a view to its trace; from the pushdown to the physical plan (in the
    /// trace, Enter focuses the step's plan).
    mutating func drill() -> [Effect] {
        switch focus {
        case .graph:
            guard let view = selectedView, view.kind == .view else { return [] }
            subject = .view(view.name)
            focus = .trace
            planFocused = false
            return [.inspect(subject: .view(view.name), analyze: false)]
        case .pushdown:
            focus = .result
            showPhysical = true
        default: break
        }
        return []
    }

    mutating func commandLineKey(_ key: Key, env: Environment) -> [Effect] {
        guard var line = commandLine else { return [] }
        switch KeyMap.action(for: key, in: .commandLine) {
        case .suspend?:
            return [.suspend]
        case .closeLine?:
            commandLine = nil
            completions = []
            return []
        case .runLine?:
            commandLine = nil
            completions = []
            let text = line.string.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return [] }
            if history.last != text { history.append(text) }
            message("planscope> " + text, role: .commandLine)
            if !text.hasPrefix("\\") { startBusy("running the query", env: env) }
            return [.run(text)]
        case .complete?:
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

}
