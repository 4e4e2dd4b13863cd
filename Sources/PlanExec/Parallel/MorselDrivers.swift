import PlanCore
import PlanSupport

extension Morsels {
    /// The morsels' results in morsel order, computed by `workers` threads (the caller's
    /// among them, so it never waits on a pool that has no thread free) at most a few
    /// morsels per worker ahead of the consumer. An error is the lowest failing morsel's,
    /// raised when the consumer reaches it.
    func ordered(workers: Int, context: ExecutionContext) -> any BatchStream {
        OrderedMorselStream(self, workers: min(workers, count), context: context)
    }

    /// Runs every morsel on `workers` threads (the caller's among them), each folding
    /// the morsels it takes into its own state from `makeState`; returns the states,
    /// worker 0's first. Which morsels a state saw varies from run to run: the caller
    /// merges the states so that it does not matter (`body` gets the morsel's number
    /// for that). An error is that of the lowest-numbered failing morsel, raised after
    /// every morsel below it has run.
    func fold<State>(workers: Int, context: ExecutionContext, makeState: () -> State,
                     _ body: @escaping (inout State, RecordBatch, Int) throws -> Void) throws -> [State] {
        let n = max(1, min(workers, count))
        let claims = Monitor(FoldClaims())
        let count = self.count
        let work = { (state: inout State) in
            while true {
                let next: Int? = claims.withLock { c in
                    guard c.next < count, c.next < c.failedAt, !context.isCancelled else { return nil }
                    defer { c.next += 1 }
                    return c.next
                }
                guard let i = next else { return }
                do {
                    if let b = try batch(i) { try body(&state, b, i) }
                } catch {
                    claims.withLock { c in
                        if i < c.failedAt { c.failedAt = i; c.failure = error }
                    }
                }
            }
        }
        var states = (0..<n).map { _ in UncheckedSendable(makeState()) }
        let helpers = (1..<n).map { w in
            let start = states[w]
            return ExecutionRuntime.shared.start { () -> UncheckedSendable<State> in
                var state = start.value
                work(&state)
                return UncheckedSendable(state)
            }
        }
        var mine = states[0].value
        work(&mine)
        states[0] = UncheckedSendable(mine)
        for (w, helper) in helpers.enumerated() { states[w + 1] = try helper.wait() }
        if let failure = claims.withLock({ $0.failure }) { throw MorselFailure.resolved(failure) }
        try context.checkCancelled()
        return states.map(\.value)
    }
}

private struct FoldClaims {
    var next = 0
    var failedAt = Int.max
    var failure: (any Error)?
}

/// Hands on morsels' results in order while workers compute the ones after them.
/// Helpers never block: one returns to the pool when no morsel within the window is left
/// to compute, and the consumer starts helpers again as it makes room.
final class OrderedMorselStream: BatchStream {
    private struct State {
        var next = 0
        var delivered = 0
        var results: [Int: Result<RecordBatch?, any Error>] = [:]
        var stopped = false
        /// Helpers on the pool now.
        var helpers = 0
    }
    private let morsels: Morsels
    private let state = Monitor(State())
    private let window: Int
    private let helperLimit: Int
    private let context: ExecutionContext

    init(_ morsels: Morsels, workers: Int, context: ExecutionContext) {
        self.morsels = morsels
        self.context = context
        window = max(2, workers * 4)
        helperLimit = max(0, workers - 1)
        startHelpers()
    }

    deinit { state.withLock { $0.stopped = true } }

    /// Starts helpers up to the limit while there are morsels left to claim.
    private func startHelpers() {
        let wanted: Int = state.withLock { s in
            guard !s.stopped, s.next < morsels.count, s.next < s.delivered + window else { return 0 }
            let n = max(0, helperLimit - s.helpers)
            s.helpers += n
            return n
        }
        for _ in 0..<wanted {
            let state = self.state, morsels = self.morsels, window = self.window
            ExecutionRuntime.shared.detach {
                while let i = Self.claim(state, morsels.count, window) { Self.compute(i, morsels, state) }
                state.withLock { $0.helpers -= 1 }
            }
        }
    }

    /// The next morsel to compute, if one is within the window; nil when there is none
    /// now or the stream was stopped.
    private static func claim(_ state: Monitor<State>, _ count: Int, _ window: Int) -> Int? {
        state.withLock { s -> Int? in
            guard !s.stopped, s.next < count, s.next < s.delivered + window else { return nil }
            defer { s.next += 1 }
            return s.next
        }
    }

    private static func compute(_ i: Int, _ morsels: Morsels, _ state: Monitor<State>) {
        let result = Result { try morsels.batch(i) }
        state.withLock { $0.results[i] = result }
    }

    func next() throws -> RecordBatch? {
        while true {
            try context.checkCancelled()
            let step: Step = state.withLock { s in
                guard s.delivered < morsels.count, !s.stopped else { return .done }
                if let r = s.results.removeValue(forKey: s.delivered) {
                    s.delivered += 1
                    if case .failure = r { s.stopped = true }
                    return .deliver(r)
                }
                return .compute
            }
            switch step {
            case .done: return nil
            case .deliver(let r):
                startHelpers()
                switch r {
                case .success(let b): if let b { return b }
                case .failure(let e): throw MorselFailure.resolved(e)
                }
            case .compute:
                // Help while the next result is not there: compute a morsel if one is
                // free, otherwise wait for the one another worker is computing.
                if let i = Self.claim(state, morsels.count, window) {
                    Self.compute(i, morsels, state)
                } else {
                    ExecutionRuntime.shared.noteBlockingWait()
                    state.wait(until: { s in s.results[s.delivered] != nil || s.stopped }) { _ in }
                }
            }
        }
    }

    private enum Step {
        case done
        case deliver(Result<RecordBatch?, any Error>)
        case compute
    }
}
