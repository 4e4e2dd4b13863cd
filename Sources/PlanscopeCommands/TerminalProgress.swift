import Dispatch
import PlanCore
import PlanEngine
import PlanExec
import PlanSupport

/// A slow statement's progress on one line of a terminal (stderr): elapsed time, rows read
/// so far and their rate, and the operator with the most rows — shown once the statement
/// has run a second, redrawn at most four times a second, and cleared when it ends. The
/// front ends attach it only when stderr is a terminal, so piped output never sees it.
public final class TerminalProgress: Sendable {
    private struct State {
        var start: UInt64 = 0
        var lastDraw: UInt64 = 0
        var shown = false
    }
    private let state = Locked(State())
    private let write: @Sendable (String) -> Void
    /// Seconds a statement runs before its line appears (fast ones never flicker).
    static let delayNanos: UInt64 = 1_000_000_000
    static let redrawNanos: UInt64 = 250_000_000

    /// `write` puts text on the terminal as it is (no newline added).
    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// The events' sink for one call of `Session.execute`.
    public var sink: ExecutionEventSink {
        { [self] event in
            let now = DispatchTime.now().uptimeNanoseconds
            switch event {
            case .planned:
                state.withLock { $0 = State(start: now) }
            case .progress(let snapshot):
                let line: String? = state.withLock { s in
                    guard now - s.start >= Self.delayNanos, now - s.lastDraw >= Self.redrawNanos else { return nil }
                    s.lastDraw = now
                    s.shown = true
                    return Self.line(snapshot, seconds: Double(now - s.start) / 1e9)
                }
                if let line { write("\r\u{1B}[K" + line) }
            }
        }
    }

    /// Clears the line if one is shown (call when the statement has ended).
    public func finish() {
        let shown = state.withLock { s in
            defer { s = State() }
            return s.shown
        }
        if shown { write("\r\u{1B}[K") }
    }

    /// `12.3 s · 4,500,000 rows read (366,000 rows/s) · busiest HashAggregateExec 1,200 rows`.
    static func line(_ plan: PhysicalPlanSnapshot, seconds: Double) -> String {
        var read = 0
        var busiest: (name: String, rows: Int)?
        var stack = [plan]
        while let op = stack.popLast() {
            let rows = op.metrics?.outputRows ?? 0
            if op.children.isEmpty { read += rows }
            if rows > (busiest?.rows ?? -1), !op.children.isEmpty { busiest = (op.name, rows) }
            stack += op.children
        }
        var parts = [String(format: "%.1f s", seconds), "\(grouped(read)) rows read (\(grouped(Int(Double(read) / max(seconds, 0.001)))) rows/s)"]
        if let busiest { parts.append("\(busiest.name) \(grouped(busiest.rows)) rows") }
        return "running: " + parts.joined(separator: " · ") + " · Ctrl-C cancels"
    }
}
