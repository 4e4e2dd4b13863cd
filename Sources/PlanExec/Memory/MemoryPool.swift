import PlanCore
import PlanSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A session's memory budget (`execution.memory_limit`): operators that hold rows —
/// sorts, aggregations, join builds — reserve bytes from it before they keep them, and
/// spill to disk or stop with an error when it says no. One pool serves every statement
/// and pipeline view of a session, so views running at once share the limit.
public final class MemoryPool: Sendable {
    /// The limit in bytes; 0 is none.
    public let limit = Atomic<Int>(0)
    private struct Usage {
        var reserved = 0
        var peak = 0
    }
    private let usage = Locked(Usage())

    public init(limit: Int = 0) { self.limit.store(limit, ordering: .relaxed) }

    /// Bytes reserved now, over every operator.
    public var reserved: Int { usage.withLock { $0.reserved } }
    /// The most bytes reserved at once since the pool was made.
    public var peak: Int { usage.withLock { $0.peak } }

    /// Reserves `bytes` if the limit allows it (always, without a limit).
    func tryReserve(_ bytes: Int) -> Bool {
        let limit = self.limit.load(ordering: .relaxed)
        return usage.withLock {
            if limit > 0, $0.reserved + bytes > limit { return false }
            $0.reserved += bytes
            $0.peak = max($0.peak, $0.reserved)
            return true
        }
    }

    /// Reserves `bytes` whatever the limit (memory already held that cannot be given up).
    func forceReserve(_ bytes: Int) {
        usage.withLock {
            $0.reserved += bytes
            $0.peak = max($0.peak, $0.reserved)
        }
    }

    func release(_ bytes: Int) { usage.withLock { $0.reserved = max(0, $0.reserved - bytes) } }

    /// What the pool would hold with `bytes` more.
    func wouldHold(_ bytes: Int) -> Int { usage.withLock { $0.reserved + bytes } }

    /// The default limit: 80% of the machine's physical memory (DuckDB's default too),
    /// so a query that needs more stops with an error before the OS kills the process.
    public static let defaultLimit: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 0 }
        let total = Int(pages).multipliedReportingOverflow(by: Int(size))
        return total.overflow ? 0 : total.partialValue / 5 * 4
    }()

    /// `2 GiB`, `1.5 GiB`, `512 MiB`: a limit as the error messages show it.
    static func text(_ bytes: Int) -> String {
        for (unit, scale) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= scale {
            return bytes % scale == 0 ? "\(bytes / scale) \(unit)" : bytesText(bytes)
        }
        return "\(bytes) B"
    }
}

/// The bytes one operator (on one worker) holds from a pool. It grows as the operator
/// keeps rows and is given back when the operator frees them or is done. One thread uses
/// it at a time (it may be handed to another, as a join's build is), hence unchecked.
final class MemoryReservation: @unchecked Sendable {
    let pool: MemoryPool
    /// What holds the memory, for the error: `HashJoin build`, `Sort`.
    let consumer: String
    private(set) var size = 0

    init(_ pool: MemoryPool, consumer: String) {
        self.pool = pool
        self.consumer = consumer
    }

    deinit { pool.release(size) }

    /// Grows by `bytes` if the pool allows it.
    func tryGrow(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        guard pool.tryReserve(bytes) else { return false }
        size += bytes
        return true
    }

    /// Grows by `bytes` or stops the query: `memory limit 2 GiB exceeded in HashJoin
    /// build (peak 2.3 GiB)`, the peak being what the pool would have held.
    func grow(_ bytes: Int) throws(PlanError) {
        guard !tryGrow(bytes) else { return }
        throw exceeded(bytes)
    }

    /// Grows by `bytes` whatever the limit (memory the operator holds already).
    func forceGrow(_ bytes: Int) {
        guard bytes > 0 else { return }
        pool.forceReserve(bytes)
        size += bytes
    }

    /// The error for a request of `bytes` the pool refused.
    func exceeded(_ bytes: Int) -> PlanError {
        PlanError(.execution, "memory limit \(MemoryPool.text(pool.limit.load(ordering: .relaxed))) exceeded in \(consumer) (peak \(bytesText(pool.wouldHold(bytes))))")
    }

    /// Gives every byte back.
    func free() {
        pool.release(size)
        size = 0
    }
}
