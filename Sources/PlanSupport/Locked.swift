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
///
/// `@unchecked Sendable`: the value is read and written only inside `withLock`, under
/// the mutex, so threads never touch it at once.
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

/// A pthread object (a mutex, a condition variable) at a stable address, made and
/// destroyed with its own functions; for ``Locked`` and ``Monitor``.
/// `@unchecked Sendable`: the pointer never changes, and the object it points to is made
/// to be used from many threads (only through the pthread functions).
final class PthreadObject<Object>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Object>
    private let destroy: (UnsafeMutablePointer<Object>) -> Int32

    init(_ blank: Object, make: (UnsafeMutablePointer<Object>) -> Int32,
         destroy: @escaping (UnsafeMutablePointer<Object>) -> Int32) {
        pointer = UnsafeMutablePointer<Object>.allocate(capacity: 1)
        pointer.initialize(to: blank)
        _ = make(pointer)
        self.destroy = destroy
    }

    deinit {
        _ = destroy(pointer)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}

/// A `pthread_mutex_t` at a stable address.
typealias PthreadMutex = PthreadObject<pthread_mutex_t>

extension PthreadObject where Object == pthread_mutex_t {
    convenience init() {
        self.init(pthread_mutex_t(), make: { pthread_mutex_init($0, nil) }, destroy: { pthread_mutex_destroy($0) })
    }
}
