import PlanCore
import PlanSupport

/// One use of a ``SharedSubplan``: the first use of an id to run computes its input and
/// keeps the rows for the query (``SharedSubplanRows``); every later use replays them and
/// never runs its own input (EXPLAIN ANALYZE shows no rows under it). When the memory limit
/// refuses the rows, the first use streams on and each other use computes its own.
///
/// Runtime filters never reach through it (``RuntimeFilter/source(of:in:)`` stops here):
/// a join's filter pushed into the shared input would change the rows every use sees.
public final class SharedSubplanExec: PhysicalOperator {
    public let name = "SharedSubplanExec"
    public let metrics = OperatorMetrics()
    public let id: Int
    let input: any PhysicalOperator
    public var schema: Schema { input.schema }
    public var children: [any PhysicalOperator] { [input] }
    private let role = Locked<SharedSubplanRows.Role?>(nil)

    init(id: Int, input: any PhysicalOperator) {
        self.id = id
        self.input = input
    }

    public var detail: String {
        guard let role = role.withLock({ $0 }) else { return "id=\(id)" }
        return "id=\(id), \(role.rawValue)"
    }

    public func execute(_ context: ExecutionContext) throws -> any BatchStream {
        let input = self.input
        let (role, stream) = try context.sharedSubplan(id).rows(memory: context.memory) { try input.run(context) }
        self.role.withLock { $0 = role }
        return stream
    }
}

/// The rows of one shared subplan in one query, computed by the first use that asks.
final class SharedSubplanRows: Sendable {
    /// What a use did, shown after the run.
    enum Role: String, Sendable {
        case computed = "computed here"
        case reused = "rows reused"
        /// The memory limit refused the rows: each use computes its own.
        case computedPerUse = "computed by each use (memory limit)"
    }

    private enum State: @unchecked Sendable {
        /// `reservation` holds the rows' bytes until the query ends. Unchecked: the batches
        /// are immutable values and the reservation is only released by its deinit.
        case rows([RecordBatch], MemoryReservation)
        case perUse
    }

    let id: Int
    private let state = Locked<State?>(nil)

    init(id: Int) { self.id = id }

    /// The rows for one use: computed with `produce` (under the lock, so uses that start at
    /// once wait for the one computation) by the first use, replayed for the others.
    func rows(memory: MemoryPool, _ produce: () throws -> any BatchStream) throws -> (Role, any BatchStream) {
        let found = try state.withLock { (state: inout State?) throws -> (Role, any BatchStream)? in
            switch state {
            case .rows(let batches, _): return (.reused, Self.replay(batches))
            case .perUse: return nil
            case nil: break
            }
            let stream = try produce()
            let reservation = MemoryReservation(memory, consumer: "SharedSubplan id=\(id)")
            var batches: [RecordBatch] = []
            while let b = try stream.next() {
                guard reservation.tryGrow(b.byteSize) else {
                    state = .perUse
                    reservation.free()
                    return (.computedPerUse, Self.replay(batches + [b], then: stream))
                }
                batches.append(b)
            }
            state = .rows(batches, reservation)
            return (.computed, Self.replay(batches))
        }
        if let found { return found }
        return (.computedPerUse, try produce())
    }

    /// A stream of `batches`, then of what `rest` still gives.
    static func replay(_ batches: [RecordBatch], then rest: (any BatchStream)? = nil) -> any BatchStream {
        var next = 0
        return ClosureStream {
            if next < batches.count {
                next += 1
                return batches[next - 1]
            }
            return try rest?.next()
        }
    }
}
