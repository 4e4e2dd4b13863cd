import Dispatch
import Foundation
import PlanCore
import PlanSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's one execution runtime: a fixed pool of worker threads every query shares
/// (never one per query), one per CPU this process may use, each with a deep stack
/// (``DeepStack``) so that long expressions evaluate on them as on the main thread.
/// Operators hand it independent work, such as building a hash join's table while its
/// probe side starts.
///
/// No thread ever waits for work that is still queued: ``Pending/wait()`` runs the work
/// itself when no worker has started it yet, so a worker that waits (a pipeline view
/// waiting for its join's build side, a fold waiting for its helpers) never needs another
/// worker to be free. A pool of one thread, or one CPU, runs everything without stalls.
public final class ExecutionRuntime: Sendable {
    /// The runtime all sessions use.
    public static let shared = ExecutionRuntime()

    private let jobs = Monitor(JobQueue())
    /// Worker threads: one per CPU the process may run on.
    public let workerCount: Int
    private let started = Atomic<Int>(0)
    private let inlined = Atomic<Int>(0)
    private let workerWaits = Atomic<Int>(0)

    private init() {
        workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for number in 1...workerCount {
            let jobs = self.jobs
            DeepStack.start(.worker) {
                pthread_setspecific(ExecutionRuntime.numberKey, UnsafeRawPointer(bitPattern: number))
                while true {
                    let job = jobs.wait(until: { !$0.isEmpty }) { $0.pop() }
                    job?()
                }
            }
        }
    }

    /// Jobs waiting for a worker, first in first out.
    private struct JobQueue {
        private var items: [(@Sendable () -> Void)?] = []
        private var head = 0
        var isEmpty: Bool { head == items.count }
        mutating func push(_ job: @escaping @Sendable () -> Void) { items.append(job) }
        mutating func pop() -> (@Sendable () -> Void)? {
            guard head < items.count else { return nil }
            let job = items[head]
            items[head] = nil
            head += 1
            if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
            return job
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.push(job) }
    }

    /// Tasks handed to the pool since the process started (for tests and metrics).
    public var tasksStarted: Int { started.load(ordering: .relaxed) }
    /// Tasks the thread waiting for them ran itself, because no worker had started them.
    public var tasksRunByWaiter: Int { inlined.load(ordering: .relaxed) }
    /// Times a worker thread of this runtime blocked waiting for other work of the runtime
    /// (a task another thread runs, a morsel another worker computes). With one worker
    /// thread (one CPU) it stays 0: the worker runs whatever it would wait for.
    public var blockingWaitsOnWorkers: Int { workerWaits.load(ordering: .relaxed) }

    /// Counts one blocking wait if this thread is a worker (call just before blocking).
    func noteBlockingWait() {
        if Self.isWorkerThread { workerWaits.add(1, ordering: .relaxed) }
    }

    /// True on one of this runtime's worker threads.
    public static var isWorkerThread: Bool { DeepStack.role == .worker }

    /// The calling thread's number among the runtime's workers, `1…workerCount`; 0 on any
    /// other thread (a query's calling thread). Metrics count work per number, so an
    /// operator's figures can be read per worker (skew).
    public static var workerNumber: Int {
        pthread_getspecific(numberKey).map { Int(bitPattern: $0) } ?? 0
    }

    private static let numberKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// A result that is being computed on the pool. `@unchecked Sendable`: `result` is
    /// written once, by the one thread that wins `claim`, before it leaves `group`, and
    /// read only after `group` is left (`wait`), which orders the two.
    public final class Pending<T>: @unchecked Sendable {
        private let group = DispatchGroup()
        /// 0: queued, 1: claimed by a thread (a worker or the waiter).
        private let claim = Atomic<Int>(0)
        private var result: Result<T, Error>?
        private let body: UncheckedSendable<() throws -> T>
        private unowned let runtime: ExecutionRuntime

        fileprivate init(_ runtime: ExecutionRuntime, _ body: @escaping () throws -> T) {
            self.runtime = runtime
            self.body = UncheckedSendable(body)
            group.enter()
            let task = UncheckedSendable(self)
            runtime.enqueue { _ = task.value.runIfUnclaimed() }
        }

        /// Runs the work on this thread unless another thread already took it.
        private func runIfUnclaimed() -> Bool {
            guard claim.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged else { return false }
            result = Result { try body.value() }
            group.leave()
            return true
        }

        /// The result, computed here if no worker has started it yet (or rethrows its
        /// error). Waits only for work another thread is running.
        public func wait() throws -> T {
            if runIfUnclaimed() {
                runtime.inlined.add(1, ordering: .relaxed)
            } else if group.wait(timeout: .now()) == .timedOut {
                runtime.noteBlockingWait()
                group.wait()
            }
            guard let result else { throw CancellationError() }
            return try result.get()
        }
    }

    /// Starts `body` on the pool.
    public func start<T>(_ body: @escaping () throws -> T) -> Pending<T> {
        started.add(1, ordering: .relaxed)
        return Pending(self, body)
    }

    /// `body` applied to every item, on the pool's workers and the calling thread: the
    /// items cut into a few slices per worker (none smaller than `minimumSlice`), the
    /// results in the items' order. For independent work over many small items (a
    /// pipeline's views); never blocks a worker on queued work, as ``Pending/wait()``.
    public func map<T, R>(_ items: [T], minimumSlice: Int = 64, _ body: @escaping (T) -> R) -> [R] {
        let slices = min(workerCount * 4, items.count / max(1, minimumSlice))
        guard slices > 1 else { return items.map(body) }
        let size = (items.count + slices - 1) / slices
        let pending = stride(from: 0, to: items.count, by: size).map { lower in
            let slice = Array(items[lower..<min(items.count, lower + size)])
            return start { slice.map(body) }
        }
        var out: [R] = []
        out.reserveCapacity(items.count)
        for (i, p) in pending.enumerated() {
            // The body cannot throw, so `wait` has nothing to rethrow; should it ever, the
            // slice is done here.
            if let part = try? p.wait() { out += part } else {
                let lower = i * size
                out += items[lower..<min(items.count, lower + size)].map(body)
            }
        }
        return out
    }

    /// Starts `body` on the pool with no one waiting for it (helpers that take work from
    /// a shared queue and return when there is none; they never block).
    public func detach(_ body: @escaping @Sendable () -> Void) {
        started.add(1, ordering: .relaxed)
        enqueue(body)
    }
}

/// Carries a value the compiler cannot prove Sendable into work on the pool. Safe where
/// it is used because the value is either handed over whole (a fold's state, a sorted
/// range: the sender no longer touches it) or only read while shared (a join's probe
/// step: the hashed build side), and each operator is driven by one thread at a time.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
