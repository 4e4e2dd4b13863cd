import PlanCore
import PlanSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one query runs, fixed when its ``ExecutionContext`` is made (a session's
/// `execution.*` and `pushdown.verify` settings when the statement starts).
public struct ExecutionOptions: Sendable {
    /// Rows per batch operators aim for (`SET execution.batch_size`): scans split larger
    /// provider batches, aggregates, sorts and cross joins emit batches of this size.
    public var batchSize: Int
    /// Threads that run a query's morsels (`SET execution.workers`), the caller's included.
    public var workers: Int
    /// The memory budget operators reserve from (a session's, shared by its statements).
    public var memory: MemoryPool
    /// Where operators write spill files (`SET execution.temp_directory`; empty: `$TMPDIR`,
    /// else `/tmp`).
    public var temporaryDirectory: String
    /// Re-check Exact filters on the rows providers return (`SET pushdown.verify = on`).
    public var verifyPushdown: Bool
    /// The data-skipping mechanisms scans of subqueries planned during the run may use
    /// (`pushdown.parquet.*`).
    public var pruning: ScanPruning
    /// When the statement started (µs since the epoch, UTC): what `now()` and
    /// `current_date` give (``StatementTime``).
    public var statementTime: Int64
    /// Iterations a recursive query's recursive term may run that still yield rows
    /// (`SET execution.max_recursion`).
    public var maxRecursion: Int

    public init(batchSize: Int = RecordBatch.targetSize, workers: Int = ExecutionContext.coreCount,
                memory: MemoryPool = MemoryPool(), temporaryDirectory: String = "", verifyPushdown: Bool = false,
                pruning: ScanPruning = ScanPruning(), statementTime: Int64 = StatementTime.now(),
                maxRecursion: Int = ExecutionOptions.defaultMaxRecursion) {
        self.batchSize = batchSize
        self.workers = workers
        self.memory = memory
        self.temporaryDirectory = temporaryDirectory
        self.verifyPushdown = verifyPushdown
        self.pruning = pruning
        self.statementTime = statementTime
        self.maxRecursion = maxRecursion
    }

    public static let defaultMaxRecursion = 1_000_000
}

/// Shared state of one query's execution: its options, cancellation, and a way to run
/// subqueries.
public final class ExecutionContext: Sendable {
    private let cancelled = Atomic<Bool>(false)
    /// Why it was cancelled (the error it ends with): set before `cancelled`.
    private let reason = Locked<PlanError>(.cancelled)
    /// Runs a (sub)plan to completion; provided by the physical planner.
    let runner: @Sendable (LogicalPlan, ExecutionContext) throws -> [RecordBatch]

    /// Rows per batch operators aim for (at least 1).
    public let batchSize: Int
    /// Threads that run a query's morsels, the caller's included (at least 1).
    public let workers: Int
    /// The memory budget operators reserve from.
    public let memory: MemoryPool
    /// Where operators write spill files: the option's folder, else `$TMPDIR`, else `/tmp`.
    public let temporaryDirectory: String
    /// Re-check Exact filters on the rows providers return.
    public let verifyPushdown: Bool
    /// The data-skipping mechanisms scans of subqueries planned during the run may use.
    public let pruning: ScanPruning
    /// When the statement started: what `now()` and `current_date` give.
    public let statementTime: Int64
    /// Iterations a recursive query may run that still yield rows.
    public let maxRecursion: Int

    public init(_ options: ExecutionOptions = ExecutionOptions(),
                runner: @escaping @Sendable (LogicalPlan, ExecutionContext) throws -> [RecordBatch]) {
        self.runner = runner
        batchSize = max(1, options.batchSize)
        workers = max(1, options.workers)
        memory = options.memory
        verifyPushdown = options.verifyPushdown
        pruning = options.pruning
        statementTime = options.statementTime
        maxRecursion = max(0, options.maxRecursion)
        if !options.temporaryDirectory.isEmpty {
            temporaryDirectory = options.temporaryDirectory
        } else if let tmp = getenv("TMPDIR"), tmp.pointee != 0 {
            temporaryDirectory = String(cString: tmp)
        } else {
            temporaryDirectory = "/tmp"
        }
    }

    /// Asks the query to stop; operators notice between batches.
    public func cancel(_ error: PlanError = .cancelled) {
        reason.withLock { $0 = error }
        cancelled.store(true, ordering: .releasing)
    }
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Throws if the query was cancelled (the error says why: Ctrl-C, a timeout).
    public func checkCancelled() throws {
        if isCancelled { throw reason.withLock { $0 } }
    }

    func run(_ plan: LogicalPlan) throws -> [RecordBatch] { try runner(plan, self) }

    /// The cores this process may run on: the default number of workers.
    public static let coreCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    private let checks = Locked<[PushdownCheck]>([])

    /// A verification result from one scan batch: the table, the exact filter and how many
    /// returned rows failed it.
    public struct PushdownCheck: Sendable {
        public let table: String
        public let predicate: String
        public let failingRows: Int
    }

    func record(_ check: PushdownCheck) { checks.withLock { $0.append(check) } }
    /// Exact-filter failures seen so far in this query.
    public var pushdownChecks: [PushdownCheck] { checks.withLock { $0 } }

    private let materialized = Locked<[String: MaterializedTable]>([:])
    private let shared = Locked<[Int: SharedSubplanRows]>([:])

    /// The query's rows of the shared subplan `id` (``SharedSubplan``), one per id.
    func sharedSubplan(_ id: Int) -> SharedSubplanRows {
        shared.withLock { cells in
            if let cell = cells[id] { return cell }
            let cell = SharedSubplanRows(id: id)
            cells[id] = cell
            return cell
        }
    }

    /// `plan` with every table scan reading from a copy of the table made once per query.
    func withMaterializedScans(_ plan: LogicalPlan) throws -> LogicalPlan {
        try plan.transformUp { (node: LogicalPlan) throws(PlanError) -> Transformed<LogicalPlan> in
            guard case .tableScan(let scan) = node, let provider = scan.source.source as? any TableProvider,
                  !(provider is MaterializedTable) else { return .no(node) }
            let table: MaterializedTable
            do {
                // Made under the lock: workers whose subqueries need the table at once
                // wait for the one copy rather than each reading the table again.
                table = try materialized.withLock { kept in
                    if let cached = kept[scan.tableName] { return cached }
                    let made = try MaterializedTable(of: provider)
                    kept[scan.tableName] = made
                    return made
                }
            } catch let e as PlanError {
                throw e
            } catch {
                throw PlanError(.execution, "\(error)")
            }
            let unqualified = Schema(scan.sourceSchema.fields.map { $0.withQualifier(nil) })
            return .yes(.tableScan(try TableScan(tableName: scan.tableName, sourceSchema: unqualified, source: table,
                                                 projection: scan.projection, filters: scan.filters, fetch: scan.fetch)))
        }.value
    }
}
