import Foundation

/// Threads with stacks deep enough for the longest expressions planscope accepts.
///
/// Long chains that stay binary trees (`1 + 1 + …`, `a || b || …`) are walked
/// recursively by the parser, binder, optimizer, display, hashing, evaluation and by the
/// release of the tree itself. The process's main work (``run(_:)``) and the execution
/// runtime's workers run on threads of ``stackBytes``, which holds the documented limit of
/// ``maxChainTerms`` terms; the parser refuses longer chains with one line.
public enum DeepStack {
    /// Stack reserved for each deep thread (address space; pages are used only as deep
    /// recursion touches them).
    public static let stackBytes = 1 << 30
    /// The most terms a chain of one binary operator may have, and the most levels of
    /// true nesting (parentheses, subqueries, CASE) one statement may have.
    public static let maxChainTerms = 100_000

    /// Runs `body` on a new thread with a deep stack and waits for it; the result (or
    /// error) is handed back. Use it around the whole of a process's work.
    public static func run<T>(name: String = "planscope-deep", _ body: @escaping () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>(body)
        let thread = Thread {
            box.run()
            done.signal()
        }
        thread.name = name
        thread.stackSize = stackBytes
        thread.start()
        done.wait()
        guard let result = box.result else { throw CancellationError() }
        return try result.get()
    }

    /// Runs `body` on a new thread with a deep stack without waiting for it (a front
    /// end's background planning and running).
    public static func detach(_ body: @escaping @Sendable () -> Void) {
        startThread(name: "planscope-deep", body)
    }

    /// Starts a long-lived thread with a deep stack (the runtime's workers).
    public static func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = stackBytes
        thread.start()
    }

    /// The work and its result, handed between the two threads (the semaphore orders them).
    private final class ResultBox<T>: @unchecked Sendable {
        let body: () throws -> T
        var result: Result<T, any Error>?
        init(_ body: @escaping () throws -> T) { self.body = body }
        func run() { result = Result { try body() } }
    }
}
