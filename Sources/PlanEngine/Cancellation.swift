import PlanCore
import PlanExec
import PlanSQL

/// A handle that stops a long call (planning, execution, a pipeline run) from another
/// thread or task. The call ends with a `PlanError` of kind `.cancelled`.
public final class Cancellation: Sendable {
    private let state = Locked<(cancelled: Bool, running: [ObjectIdentifier: ExecutionContext])>((false, [:]))

    public init() {}

    /// Stops the call: running operators notice between batches; planning notices
    /// between stages. Cancelling twice is harmless; a handle stays cancelled.
    public func cancel() {
        let contexts = state.withLock { s -> [ExecutionContext] in
            s.cancelled = true
            return Array(s.running.values)
        }
        for c in contexts { c.cancel() }
    }

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Throws `.cancelled` once the handle has been cancelled.
    public func check() throws(PlanError) {
        if isCancelled { throw PlanError.cancelled }
    }

    /// Ties an execution to this handle for the duration of `body`.
    func attach<T>(_ context: ExecutionContext, _ body: () throws -> T) throws -> T {
        let id = ObjectIdentifier(context)
        let already = state.withLock { s -> Bool in
            s.running[id] = context
            return s.cancelled
        }
        if already { context.cancel() }
        defer { _ = state.withLock { $0.running.removeValue(forKey: id) } }
        return try body()
    }
}

/// Statement splitting by the SQL lexer, for front ends that gather input line by line.
public typealias StatementSplitter = PlanSQL.StatementSplitter
