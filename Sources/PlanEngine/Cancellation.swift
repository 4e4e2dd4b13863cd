import Foundation
import Dispatch
import PlanCore
import PlanExec
import PlanSQL
import PlanSupport

/// A handle that stops a long call (planning, execution, a pipeline run) from another
/// thread or task. The call ends with a `PlanError` of kind `.cancelled`: the one given to
/// ``cancel(_:)`` (a timeout's says so). A ``child(timeoutMillis:timeoutError:)`` is
/// cancelled with its parent, and on its own when its time is up.
public final class Cancellation: Sendable {
    private struct State {
        var reason: PlanError?
        var running: [ObjectIdentifier: ExecutionContext] = [:]
        var children: [ObjectIdentifier: Cancellation] = [:]
    }
    private let state = Locked(State())

    public init() {}

    /// Stops the call: running operators notice between batches; planning notices
    /// between stages. Cancelling twice is harmless; the first reason stays.
    public func cancel(_ error: PlanError = .cancelled) {
        let (contexts, children) = state.withLock { s -> ([ExecutionContext], [Cancellation]) in
            guard s.reason == nil else { return ([], []) }
            s.reason = error
            return (Array(s.running.values), Array(s.children.values))
        }
        for c in contexts { c.cancel(error) }
        for c in children { c.cancel(error) }
    }

    public var isCancelled: Bool { state.withLock { $0.reason != nil } }

    /// Throws the cancellation's error once the handle has been cancelled.
    public func check() throws(PlanError) {
        if let reason = state.withLock({ $0.reason }) { throw reason }
    }

    /// A handle cancelled with this one, and with `timeoutError` once `timeoutMillis`
    /// have passed (0: no timeout). ``finish()`` it when its call is done.
    public func child(timeoutMillis: Int = 0, timeoutError: @autoclosure () -> PlanError = .cancelled) -> Cancellation {
        let child = Cancellation()
        let parentReason = state.withLock { s -> PlanError? in
            if s.reason == nil { s.children[ObjectIdentifier(child)] = child }
            return s.reason
        }
        if let parentReason { child.cancel(parentReason) }
        if timeoutMillis > 0 {
            // A thread of its own: a timer on a shared queue could wait behind the very
            // threads the statement (or others) keep busy.
            let error = timeoutError(), done = child.done
            Thread { [weak child] in
                if done.wait(timeout: .now() + .milliseconds(timeoutMillis)) == .timedOut { child?.cancel(error) }
            }.start()
        }
        return child
    }

    /// Forgets a child whose call is done (and ends its timer).
    public func release(_ child: Cancellation) {
        child.done.signal()
        _ = state.withLock { $0.children.removeValue(forKey: ObjectIdentifier(child)) }
    }

    /// Signalled when the call is done, so a timeout's thread ends at once.
    private let done = DispatchSemaphore(value: 0)

    /// Ties an execution to this handle for the duration of `body`.
    func attach<T>(_ context: ExecutionContext, _ body: () throws -> T) throws -> T {
        let id = ObjectIdentifier(context)
        let already = state.withLock { s -> PlanError? in
            s.running[id] = context
            return s.reason
        }
        if let already { context.cancel(already) }
        defer { _ = state.withLock { $0.running.removeValue(forKey: id) } }
        return try body()
    }
}

/// Statement splitting by the SQL lexer, for front ends that gather input line by line.
public typealias StatementSplitter = PlanSQL.StatementSplitter
