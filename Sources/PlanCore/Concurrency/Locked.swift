#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a lock: the one lock type planscope uses for shared mutable state.
///
/// It has `Synchronization.Mutex`'s `withLock` API but is built on `pthread_mutex_t`,
/// which ThreadSanitizer understands: on Linux the standard library's `Mutex` takes its
/// lock inside the uninstrumented runtime, so every access it guards is reported as a
/// race. With this type, `swift test --sanitize=thread` reports only real races.
/// Unchecked because `value` is mutable: it is read and written only inside `withLock`,
/// under the mutex.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex = PthreadMutex()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value while holding the lock.
    @inline(__always)
    public func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        pthread_mutex_lock(mutex.pointer)
        defer { pthread_mutex_unlock(mutex.pointer) }
        return try body(&value)
    }
}

/// A `pthread_mutex_t` at a stable address, for ``Locked`` and ``Monitor``. Unchecked
/// because it holds a pointer: the pointer never changes, and the mutex it points to is
/// made for use from many threads (only `pthread_mutex_*` calls touch it).
final class PthreadMutex: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        pointer = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pointer.initialize(to: pthread_mutex_t())
        pthread_mutex_init(pointer, nil)
    }

    deinit {
        pthread_mutex_destroy(pointer)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
