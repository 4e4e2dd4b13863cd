import Dispatch
import Synchronization

/// The process's one execution runtime: a pool of worker threads every query shares
/// (never one per query). Operators hand it independent work, such as building a hash
/// join's table while its probe side starts.
public final class ExecutionRuntime: Sendable {
    /// The runtime all sessions use.
    public static let shared = ExecutionRuntime()

    private let queue = DispatchQueue(label: "planscope.execution", qos: .userInitiated, attributes: .concurrent)
    private let started = Atomic<Int>(0)

    private init() {}

    /// Tasks handed to the pool since the process started (for tests and metrics).
    public var tasksStarted: Int { started.load(ordering: .relaxed) }

    /// A result that is being computed on the pool.
    public final class Pending<T>: @unchecked Sendable {
        private let group = DispatchGroup()
        private var result: Result<T, Error>?

        fileprivate init(_ queue: DispatchQueue, _ body: @escaping () throws -> T) {
            group.enter()
            let box = UncheckedSendable(body)
            queue.async { [self] in
                result = Result { try box.value() }
                group.leave()
            }
        }

        /// Blocks until the work is done and returns its result (or rethrows its error).
        public func wait() throws -> T {
            group.wait()
            guard let result else { throw CancellationError() }
            return try result.get()
        }
    }

    /// Starts `body` on the pool.
    public func start<T>(_ body: @escaping () throws -> T) -> Pending<T> {
        started.add(1, ordering: .relaxed)
        return Pending(queue, body)
    }
}

/// Carries a value the compiler cannot prove Sendable into work on the pool; the
/// operator tree guarantees each operator is driven by one thread at a time.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
