import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads with stacks deep enough for the longest expressions planscope accepts.
///
/// Long chains that stay binary trees (`1 + 1 + …`, `a || b || …`) are walked
/// recursively by the optimizer, display, hashing, evaluation and by the release of the
/// tree itself. The process's main work (``run(name:_:)``), a front end's background work
/// (``detach(_:)``) and the execution runtime's workers run on threads of ``stackBytes``,
/// which holds the parser's limits (100,000 operands of a chain, 1,000 levels of
/// nesting) even in a debug build.
public enum DeepStack {
    /// Stack reserved for each deep thread: address space, whose pages are used only as
    /// deep recursion touches them.
    public static let stackBytes = 4 << 30

    /// What a thread is, for ``role``: set once when a deep thread starts.
    public enum Role: Int, Sendable { case none = 0, main, worker, background }

    /// The role of the calling thread (`.none` for threads not made here).
    public static var role: Role {
        guard let p = pthread_getspecific(roleKey) else { return .none }
        return Role(rawValue: Int(bitPattern: p)) ?? .none
    }

    private static let roleKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `body` on a new thread with a deep stack and waits for it; the result (or
    /// error) is handed back. Use it around the whole of a process's work.
    public static func run<T>(role: Role = .main, _ body: @escaping () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>(body)
        start(role) {
            box.run()
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw CancellationError() }
        return try result.get()
    }

    /// Runs `body` on a new thread with a deep stack without waiting for it (a front
    /// end's background planning and running).
    public static func detach(_ body: @escaping @Sendable () -> Void) {
        start(.background, body)
    }

    /// Starts a thread with a deep stack (the runtime's workers live on them).
    public static func start(_ role: Role, _ body: @escaping @Sendable () -> Void) {
        final class Start: Sendable { let role: Role; let body: @Sendable () -> Void; init(_ r: Role, _ b: @escaping @Sendable () -> Void) { role = r; body = b } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackBytes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Start(role, body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            pthread_setspecific(DeepStack.roleKey, UnsafeRawPointer(bitPattern: start.role.rawValue))
            start.body()
            return nil
        }, context)
        if started != 0 {
            // No thread could be made with that stack (address space): run on a plain one.
            let start = Unmanaged<Start>.fromOpaque(context).takeRetainedValue()
            Thread { start.body() }.start()
        }
    }

    /// The work and its result, handed between the two threads. `@unchecked Sendable`:
    /// the deep thread writes `result` before it signals the semaphore, and the caller
    /// reads it only after waiting on it, so the two never touch it at once.
    private final class ResultBox<T>: @unchecked Sendable {
        let body: () throws -> T
        var result: Result<T, any Error>?
        init(_ body: @escaping () throws -> T) { self.body = body }
        func run() { result = Result { try body() } }
    }
}
