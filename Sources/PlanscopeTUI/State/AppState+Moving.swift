import Foundation

extension AppState {
    // MARK: - Moving

    func pageHeight(_ pane: PaneID) -> Int {
        frames[pane].map { max(1, $0.height - 2) } ?? 10
    }

    func count(_ pane: PaneID) -> Int { Panes.source(pane, self).count }

    mutating func move(by delta: Int) -> [Effect] {
        let current = list(focus).selected
        let target = delta > 0 ? current.addingReportingOverflow(delta).partialValue : current + delta
        return move(to: target)
    }

    mutating func move(to index: Int) -> [Effect] {
        // A step of the trace: the plan's cursor follows its node there.
        if focus == .trace { return keepingPlanNode { $0.moveList(to: index) } }
        return moveList(to: index)
    }

    private mutating func moveList(to index: Int) -> [Effect] {
        var l = list(focus)
        let before = l.selected
        l.selected = index
        l.clamp(count: count(focus), height: pageHeight(focus))
        lists[focus] = l
        if focus == .graph, l.selected != before, let view = selectedView, view.kind == .view {
            subject = .view(view.name)
            return [.inspect(subject: .view(view.name), analyze: false)]
        }
        return []
    }

    /// `[`/`]`: the previous or next step, the plan's cursor on the same node.
    mutating func moveTrace(by delta: Int) -> [Effect] {
        keepingPlanNode { s in
            var l = s.list(.trace)
            l.selected += delta
            l.clamp(count: s.traceSteps.count, height: s.pageHeight(.trace))
            s.lists[.trace] = l
            return []
        }
    }

    /// `{`/`}`: to the first step of the previous or next optimizer pass.
    mutating func jumpPass(forward: Bool) {
        guard let trace else { return }
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
        _ = keepingPlanNode { s in
            var l = s.list(.trace)
            l.selected = target
            l.clamp(count: steps.count, height: s.pageHeight(.trace))
            s.lists[.trace] = l
            return []
        }
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
