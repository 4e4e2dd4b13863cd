import Dispatch
import PlanCore
import PlanExec

/// Sends a running plan's figures to an event sink every
/// ``ExecutionEvent/progressIntervalMillis`` from a thread of its own — never a worker of
/// the execution runtime, which it only reads counters of — and once more, with the
/// figures the run reached, when ``finish()`` is called.
final class ProgressReporter: Sendable {
    private let live: LiveMetrics
    private let sink: ExecutionEventSink
    /// Signalled by ``finish()``: the thread stops waiting and ends.
    private let stop = DispatchSemaphore(value: 0)
    /// Signalled by the thread as it ends, after its last event.
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts reporting on `live`'s plan (call just before the run starts).
    init(_ live: LiveMetrics, sink: @escaping ExecutionEventSink) {
        self.live = live
        self.sink = sink
        let (stop, stopped) = (self.stop, self.stopped)
        // A thread of its own, as a statement timeout has: a timer on a shared queue could
        // wait behind the very threads the query keeps busy. A deep one, as a plan's
        // snapshot is copied by recursion. The wait starts after the sink returns, so
        // events are at least the interval apart.
        DeepStack.detach {
            while stop.wait(timeout: .now() + .milliseconds(ExecutionEvent.progressIntervalMillis)) == .timedOut {
                sink(.progress(live.snapshot()))
            }
            stopped.signal()
        }
    }

    /// Ends the reporting thread and sends the last figures (after every earlier event).
    func finish() {
        stop.signal()
        stopped.wait()
        sink(.progress(live.snapshot()))
    }
}
