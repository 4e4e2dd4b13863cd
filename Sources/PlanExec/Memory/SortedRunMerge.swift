import PlanCore

/// Merges runs, each sorted by the same keys, into one sorted stream: the last step of an
/// external merge sort, and of an aggregation that spilled (its runs sorted by where each
/// group first appeared). A tie goes to the earlier run, so merging the sorted runs of
/// consecutive pieces of an input gives exactly a stable sort's order.
final class SortedRunMerge: BatchStream {
    private struct Cursor {
        var batch: RecordBatch
        var keys: [ColumnVector]
        var row: Int
        /// Rows of `batch` taken for the output batch being built.
        var taken: [Int]
    }
    private let runs: [any BatchStream]
    private let schema: Schema
    /// The sort key columns of a batch of a run.
    private let keyColumns: (RecordBatch) throws -> [ColumnVector]
    private let order: [SortExpr]
    private let batchSize: Int
    private var cursors: [Cursor?] = []
    /// Cursor indices ordered as a binary min-heap by their current rows.
    private var heap: [Int] = []
    private var started = false
    /// Called once the merge has produced its last batch (it gives memory back).
    private let onFinish: () -> Void

    init(runs: [any BatchStream], schema: Schema, keys: @escaping (RecordBatch) throws -> [ColumnVector], order: [SortExpr],
         batchSize: Int, onFinish: @escaping () -> Void = {}) {
        self.runs = runs
        self.schema = schema
        keyColumns = keys
        self.order = order
        self.batchSize = max(1, batchSize)
        self.onFinish = onFinish
    }

    /// The next non-empty batch of run `i` as a cursor (nil when the run is done).
    private func load(_ i: Int) throws -> Cursor? {
        while let b = try runs[i].next() {
            if b.rowCount == 0 { continue }
            return Cursor(batch: b, keys: try keyColumns(b), row: 0, taken: [])
        }
        return nil
    }

    /// Whether cursor `a`'s row comes before cursor `b`'s (ties: the earlier run).
    private func before(_ a: Int, _ b: Int) throws -> Bool {
        guard let x = cursors[a], let y = cursors[b] else { return false }
        let c = try RowOrder.compare(x.keys, x.row, y.keys, y.row, order)
        return c != 0 ? c < 0 : a < b
    }

    private func siftDown(_ start: Int) throws {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, try before(heap[l], heap[m]) { m = l }
            if r < heap.count, try before(heap[r], heap[m]) { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }

    func next() throws -> RecordBatch? {
        if !started {
            started = true
            cursors = try runs.indices.map { try load($0) }
            heap = cursors.indices.filter { cursors[$0] != nil }
            for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { try siftDown(i) }
        }
        guard !heap.isEmpty else { return nil }
        // Pieces: (batch, rows taken from it); `picks` the output order as (piece, index).
        var pieces: [(RecordBatch, [Int])] = []
        var pieceOf = [Int](repeating: -1, count: cursors.count)
        var picks: [(Int, Int)] = []
        picks.reserveCapacity(batchSize)
        while picks.count < batchSize, let top = heap.first, var cursor = cursors[top] {
            if pieceOf[top] < 0 {
                pieceOf[top] = pieces.count
                pieces.append((cursor.batch, []))
            }
            let p = pieceOf[top]
            picks.append((p, pieces[p].1.count))
            pieces[p].1.append(cursor.row)
            cursor.row += 1
            if cursor.row == cursor.batch.rowCount {
                // The run's batch is used up: its rows so far stay in `pieces`.
                pieceOf[top] = -1
                if let fresh = try load(top) {
                    cursors[top] = fresh
                } else {
                    cursors[top] = nil
                    heap.swapAt(0, heap.count - 1)
                    heap.removeLast()
                }
            } else {
                cursors[top] = cursor
            }
            if !heap.isEmpty { try siftDown(0) }
        }
        var offsets: [Int] = []
        var total = 0
        for piece in pieces { offsets.append(total); total += piece.1.count }
        let gathered = RecordBatch.concat(pieces.map { $0.0.gather($0.1) }, schema: schema)
        let out = gathered.gather(picks.map { offsets[$0.0] + $0.1 })
        if heap.isEmpty { onFinish() }
        return out
    }
}

/// The order of two rows of possibly different batches by sort keys, as
/// ``SortKeyComparator`` orders two rows of one batch (same NULL placement, same typed
/// comparisons, the rest through ``ScalarOps``).
enum RowOrder {
    static func compare(_ a: [ColumnVector], _ i: Int, _ b: [ColumnVector], _ j: Int, _ keys: [SortExpr]) throws(PlanError) -> Int {
        for k in 0..<min(a.count, keys.count) {
            let x = a[k], y = b[k]
            let nullX = x.isNull(i), nullY = y.isNull(j)
            if nullX || nullY {
                if nullX && nullY { continue }
                return nullX == keys[k].nullsFirst ? -1 : 1
            }
            let c: Int
            switch (x.values, y.values) {
            case (.int64(let p), .int64(let q)), (.timestamp(let p), .timestamp(let q)): c = p[i] < q[j] ? -1 : (p[i] == q[j] ? 0 : 1)
            case (.int32(let p), .int32(let q)), (.date(let p), .date(let q)): c = p[i] < q[j] ? -1 : (p[i] == q[j] ? 0 : 1)
            case (.int16(let p), .int16(let q)): c = p[i] < q[j] ? -1 : (p[i] == q[j] ? 0 : 1)
            case (.decimal(let p), .decimal(let q)) where x.dataType == y.dataType && x.dataType != .numeric: c = p[i] < q[j] ? -1 : (p[i] == q[j] ? 0 : 1)
            case (.string(let p), .string(let q)) where x.dataType.isString && y.dataType.isString: c = p.compare(i, q, j)
            default:
                let v = x.value(i), w = y.value(j)
                guard let o = ScalarOps.compare(v, w) else {
                    throw PlanError(.execution, "cannot order \(v.dataType.sqlName) against \(w.dataType.sqlName)")
                }
                c = o
            }
            if c != 0 { return keys[k].ascending ? c : -c }
        }
        return 0
    }
}
