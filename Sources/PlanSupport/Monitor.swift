#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a lock that threads can also wait on until it reaches a state
/// (a monitor: `pthread_mutex_t` + `pthread_cond_t`, visible to ThreadSanitizer like
/// ``Locked``). Every change made through ``withLock(_:)`` wakes all waiters, which then
/// re-check their condition: meant for a handful of threads handing work around, not
/// for per-row traffic.
///
/// `@unchecked Sendable`: the value is touched only with the mutex held (`withLock`,
/// and `wait`, whose condition wait gives the mutex up and takes it back).
public final class Monitor<Value>: @unchecked Sendable {
    private let lock = PthreadMutex()
    private var mutex: UnsafeMutablePointer<pthread_mutex_t> { lock.pointer }
    private let signal = PthreadObject(pthread_cond_t(), make: { pthread_cond_init($0, nil) },
                                       destroy: { pthread_cond_destroy($0) })
    private var condition: UnsafeMutablePointer<pthread_cond_t> { signal.pointer }
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value while holding the lock, then wakes every waiter.
    public func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        return try body(&value)
    }

    /// Waits until `ready` holds for the value, then runs `body` with it under the lock
    /// (and wakes every waiter).
    public func wait<Result, E: Error>(until ready: (Value) -> Bool,
                                       then body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        while !ready(value) { pthread_cond_wait(condition, mutex) }
        return try body(&value)
    }
}
