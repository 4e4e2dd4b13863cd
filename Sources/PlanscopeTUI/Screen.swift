import Foundation

/// A frame: the grid to show and where the terminal cursor goes (the command line's
/// cursor; nil hides it).
public struct Frame: Equatable, Sendable {
    public let grid: CellGrid
    public let cursor: (x: Int, y: Int)?

    public static func == (a: Frame, b: Frame) -> Bool { a.grid == b.grid && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y }
}

/// Draws the whole screen from the state: a pure function, tested by snapshots.
public enum Screen {
    public static func render(_ s: AppState) -> Frame {
        var grid = CellGrid(width: s.width, height: s.height, ascii: s.ascii)
        guard Layout.fits(width: s.width, height: s.height) else {
            let lines = ["enlarge the window", "planscope needs \(Layout.minimum.width)×\(Layout.minimum.height), have \(s.width)×\(s.height)",
                         "(q quits)"]
            for (i, line) in lines.enumerated() {
                let y = s.height / 2 - 1 + i
                grid.put(line, x: max(0, (s.width - DisplayWidth.of(line)) / 2), y: y, role: i == 0 ? .warning : .dim)
            }
            return Frame(grid: grid, cursor: nil)
        }
        drawHeader(s, into: &grid)
        let frames = s.frames
        if showsTabs(s) { drawTabs(s, into: &grid) }
        for pane in PaneID.allCases { if let rect = frames[pane] { Panes.draw(pane, s, into: &grid, rect: rect) } }
        drawFoldedTabs(s, frames: frames, into: &grid)
        var cursor: (x: Int, y: Int)?
        if let line = s.commandLine {
            cursor = drawCommandLine(line, s, into: &grid)
        } else if !hidesStatus(s) {
            drawStatus(s, into: &grid)
        }
        if s.showHelp { HelpOverlay.draw(into: &grid, top: s.helpTop) }
        return Frame(grid: grid, cursor: s.showHelp ? nil : cursor)
    }

    /// `planscope · SOURCE · rulepack NAME FINGERPRINT · manifest FINGERPRINT` and `? help`.
    static func drawHeader(_ s: AppState, into grid: inout CellGrid) {
        grid.put(String(repeating: " ", count: s.width), x: 0, y: 0, role: .header)
        let h = s.header
        let text = " planscope · \(h.source) · rulepack \(h.rulepack) \(short(h.rulepackFingerprint)) · manifest \(short(h.manifestFingerprint))"
        grid.put(text, x: 0, y: 0, role: .header, limit: s.width - 8)
        grid.put("? help ", x: s.width - 7, y: 0, role: .header)
    }

    static func short(_ fingerprint: String) -> String {
        String(fingerprint.hasPrefix("sha256:") ? fingerprint.dropFirst(7).prefix(8) : fingerprint.prefix(8))
    }

    /// The small layout's tab strip: every pane, the focused one in brackets.
    static func drawTabs(_ s: AppState, into grid: inout CellGrid) {
        for tab in tabs(s) { grid.put(tab.label, x: tab.x, y: 1, role: tab.pane == s.focus ? .borderFocused : .dim) }
        grid.put("Tab switch", x: s.width - 11, y: 1, role: .dim)
    }

    /// Whether the small layout's tab strip is on screen (row 1; `z` hides it).
    static func showsTabs(_ s: AppState) -> Bool {
        Layout.fits(width: s.width, height: s.height) && !Layout.isLarge(width: s.width, height: s.height) && !s.zoomed
    }

    /// Whether the status row gives its row to the pane: one pane at a time, zoomed, and
    /// nothing to say (work running, a search, a notice).
    static func hidesStatus(_ s: AppState) -> Bool {
        s.zoomed && !Layout.isLarge(width: s.width, height: s.height) && s.busy == nil && s.search == nil && s.notice == nil
    }

    /// The plan-wide layout's tabs for the panes folded into one rectangle, at the right
    /// of its top border (the one shown in brackets).
    static func drawFoldedTabs(_ s: AppState, frames: [PaneID: Rect], into grid: inout CellGrid) {
        let folded = Layout.foldedPanes(s)
        guard let shown = folded.first(where: { frames[$0] != nil }), let rect = frames[shown] else { return }
        let labels = foldedTabs(s, rect: rect)
        for tab in labels { grid.put(tab.label, x: tab.x, y: rect.y, role: tab.pane == shown ? (s.focus == shown ? .borderFocused : .title) : .dim) }
    }

    /// The folded panes' tab labels and where they start.
    static func foldedTabs(_ s: AppState, rect: Rect) -> [(pane: PaneID, label: String, x: Int)] {
        let folded = Layout.foldedPanes(s)
        let shown = Layout.folded(s.focus)
        let labels = folded.map { pane in (pane, pane == shown ? "[\(pane.rawValue)]" : " \(pane.rawValue) ") }
        var x = rect.maxX - 2 - labels.reduce(0) { $0 + DisplayWidth.of($1.1) }
        return labels.map { pane, label in
            defer { x += DisplayWidth.of(label) }
            return (pane, label, x)
        }
    }

    /// The tab strip's labels and where they start (a click on one focuses its pane).
    static func tabs(_ s: AppState) -> [(pane: PaneID, label: String, x: Int)] {
        var x = 1
        return PaneID.allCases.map { pane in
            let name = pane == .graph ? "graph" : pane == .trace ? "trace" : pane == .pushdown ? "pushdown" : pane == .manifest ? "manifest" : "result"
            let label = pane == s.focus ? "[\(name)]" : " \(name) "
            defer { x += DisplayWidth.of(label) + 1 }
            return (pane, label, x)
        }
    }

    /// The bottom row: busy work with its timer, else the focused pane's keys.
    static func drawStatus(_ s: AppState, into grid: inout CellGrid) {
        let y = s.height - 1
        grid.put(String(repeating: " ", count: s.width), x: 0, y: y, role: .status)
        if let busy = s.busy {
            let seconds = Double(s.nowNanos >= busy.startedNanos ? s.nowNanos - busy.startedNanos : 0) / 1e9
            let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][Int(seconds * 10) % 10]
            let watching = s.live.map { $0.stoppedNanos == nil } == true && !s.showsAnalysis
            let text = " \(s.ascii ? "*" : spinner) \(busy.label) · \(String(format: "%.1f s", seconds)) · Esc cancels"
                + (watching ? " · a rows so far" : "")
            grid.put(text, x: 0, y: y, role: .warning, limit: s.width)
            return
        }
        if let notice = s.notice {
            grid.put(" " + notice.text, x: 0, y: y, role: notice.role == .text ? .status : notice.role, limit: s.width)
            return
        }
        if let search = s.search {
            grid.put(" /\(search.text)" + (search.typing ? "" : "  (n next · N previous · Esc clear)"), x: 0, y: y, role: .status)
            return
        }
        var x = 1
        for (key, what) in KeyMap.hints(for: s.focus, planFocused: s.planFocused, comparing: s.comparison != nil) {
            guard x + DisplayWidth.of(key) + DisplayWidth.of(what) + 3 < s.width else { break }
            x = grid.put(key, x: x, y: y, role: .key)
            x = grid.put(" " + what + "  ", x: x, y: y, role: .status)
        }
    }

    /// The command line (`planscope> …`) with Tab's candidates above it; returns the cursor.
    static func drawCommandLine(_ line: LineEdit, _ s: AppState, into grid: inout CellGrid) -> (x: Int, y: Int) {
        let y = s.height - 1
        grid.clear(Rect(x: 0, y: y, width: s.width, height: 1))
        let prompt = "planscope> "
        let room = s.width - DisplayWidth.of(prompt) - 1
        // Scroll the text so the cursor stays visible.
        let start = max(0, line.cursor - room)
        let shown = String(line.text[start...])
        var x = grid.put(prompt, x: 0, y: y, role: .key)
        let cursorX = x + DisplayWidth.of(String(line.text[start..<line.cursor]))
        x = grid.put(shown, x: x, y: y, role: .commandLine, limit: room)
        if !s.completions.isEmpty {
            let text = " " + s.completions.prefix(40).joined(separator: "  ")
            grid.put(String(repeating: " ", count: s.width), x: 0, y: y - 1, role: .status)
            grid.put(text, x: 0, y: y - 1, role: .status, limit: s.width)
        }
        return (min(cursorX, s.width - 1), y)
    }
}
