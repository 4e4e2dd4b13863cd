import Dispatch
import Foundation
import PlanCore
import PlanEngine
import PlanExec
import PlanSupport
import Testing

/// `Session.execute(sql, cancellation:, events:)`: a statement's plan is reported as soon as
/// it is planned, its operators' figures while it runs (at most every 100 ms, from a
/// thread that is not an execution worker), and the figures it reached when it ends.
@Suite(.serialized) struct ExecutionEventTests {
    struct Received: Sendable {
        let event: ExecutionEvent
        let nanos: UInt64
        let onWorker: Bool
    }

    final class Recorder: Sendable {
        let list = Locked<[Received]>([])
        /// Called with each event after it is recorded (to cancel from inside the sink).
        let then: @Sendable (ExecutionEvent) -> Void

        init(then: @escaping @Sendable (ExecutionEvent) -> Void = { _ in }) { self.then = then }

        var sink: ExecutionEventSink {
            { [self] event in
                list.withLock { $0.append(Received(event: event, nanos: DispatchTime.now().uptimeNanoseconds,
                                                   onWorker: ExecutionRuntime.isWorkerThread)) }
                then(event)
            }
        }
        var received: [Received] { list.withLock { $0 } }
        var progress: [PhysicalPlanSnapshot] {
            received.compactMap { if case .progress(let p) = $0.event { p } else { nil } }
        }
    }

    /// About a second of work in a debug build: 2,000,000 rows out of a cross join.
    static let slow = "SELECT count(*) FROM generate_series(1, 2000) a, generate_series(1, 1000) b"

    /// The cross join's rows in a snapshot (the operator under the aggregate).
    static func crossJoinRows(_ plan: PhysicalPlanSnapshot) -> Int? {
        if plan.name == "CrossJoinExec" { return plan.metrics?.outputRows }
        return plan.children.lazy.compactMap(crossJoinRows).first
    }

    static func rowsTree(_ plan: PhysicalPlanSnapshot) -> [Int?] {
        [plan.metrics?.outputRows] + plan.children.flatMap(rowsTree)
    }

    @Test func thePlanComesFirstThenThrottledProgressThenTheFiguresReached() throws {
        let s = Session()
        let recorder = Recorder()
        let result = try #require(try s.execute(Self.slow, events: recorder.sink).first)
        let received = recorder.received
        // The plan first: optimizer trace, pushdown report, physical plan without metrics.
        guard case .planned(let planned)? = received.first?.event else {
            Issue.record("the first event is not .planned: \(received.map(\.event))"); return
        }
        #expect(!planned.analyzed)
        #expect(!planned.trace.steps.isEmpty)
        #expect(planned.pushdown.scans.count == 2)
        #expect(planned.physical.metrics == nil)
        #expect(planned.physical == PhysicalPlanSnapshot.stripped(try #require(result.physical)))
        // Then only progress, at least 100 ms apart while it runs (the last one, sent when
        // the run ends, may come sooner).
        let progress = Array(received.dropFirst())
        #expect(progress.count >= 3, "a run of about a second reports a few times: \(progress.count)")
        #expect(progress.allSatisfy { if case .progress = $0.event { true } else { false } })
        for (a, b) in zip(progress.dropLast(), progress.dropLast().dropFirst()) {
            #expect(b.nanos - a.nanos >= 95_000_000, "progress events \((b.nanos - a.nanos) / 1_000_000) ms apart")
        }
        // Rows so far only grow, and the last figures are the result's.
        let rows = recorder.progress.map { Self.crossJoinRows($0) ?? -1 }
        #expect(rows == rows.sorted())
        #expect(rows.contains { $0 > 0 && $0 < 2_000_000 }, "some progress is seen mid-run: \(rows)")
        let last = try #require(recorder.progress.last)
        #expect(Self.rowsTree(last) == Self.rowsTree(try #require(result.physical)))
        #expect(Self.crossJoinRows(last) == 2_000_000)
        // The sink is never called on a worker of the execution runtime.
        #expect(received.allSatisfy { !$0.onWorker })
    }

    @Test func aCancelledRunReportsTheRowsItReached() throws {
        let s = Session()
        let cancellation = Cancellation()
        // Cancelled from inside the sink once the join has produced some rows.
        let recorder = Recorder { event in
            if case .progress(let p) = event, (Self.crossJoinRows(p) ?? 0) > 0 { cancellation.cancel() }
        }
        #expect {
            _ = try s.execute("SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b",
                              cancellation: cancellation, events: recorder.sink)
        } throws: { ($0 as? StatementError)?.kind == .cancelled }
        let seen = recorder.received.count
        let last = try #require(recorder.progress.last)
        let reached = try #require(Self.crossJoinRows(last))
        #expect(reached > 0 && reached < 10_000_000_000)
        // Nothing arrives after the call has thrown.
        Thread.sleep(forTimeInterval: 0.25)
        #expect(recorder.received.count == seen)
    }

    @Test func statementsWithoutARunReportOnlyWhatTheyHave() throws {
        let s = Session()
        let recorder = Recorder()
        _ = try s.execute("CREATE TABLE t (a INTEGER); SET optimizer.max_passes = 2", events: recorder.sink)
        #expect(recorder.received.isEmpty)
        _ = try s.execute("EXPLAIN SELECT a FROM t WHERE a > 1", events: recorder.sink)
        #expect(recorder.received.count == 1)
        guard case .planned(let planned)? = recorder.received.first?.event else { Issue.record("EXPLAIN reports its plan"); return }
        #expect(planned.pushdown.scans.map(\.table) == ["t"])
        // A quick query: its plan, and its figures once when it ends.
        let quick = Recorder()
        _ = try s.execute("SELECT a FROM t", events: quick.sink)
        #expect(quick.received.count == 2)
        #expect(quick.progress.count == 1)
    }

    @Test func eachWorkersFiguresAddUpToTheOperators() throws {
        let s = Session()
        _ = try s.execute("""
            SET execution.workers = 4;
            CREATE TABLE big AS SELECT generate_series AS n FROM generate_series(1, 200000);
            """)
        let result = try s.query("SELECT n FROM big WHERE n % 3 = 0")
        func check(_ op: PhysicalPlanSnapshot) {
            if let m = op.metrics, m.outputBatches > 0 {
                #expect(!m.workers.isEmpty, "\(op.name) has figures per worker")
                #expect(m.workers.reduce(0) { $0 + $1.rows } == m.outputRows, "\(op.name): rows per worker add up")
                #expect(m.workers.reduce(0) { $0 + $1.batches } == m.outputBatches, "\(op.name): batches per worker add up")
                #expect(m.workers.reduce(UInt64(0)) { $0 + $1.elapsedNanos } == m.elapsedNanos, "\(op.name): time per worker adds up")
                #expect(Set(m.workers.map(\.worker)).count == m.workers.count)
            }
            op.children.forEach(check)
        }
        check(try #require(result.physical))
        #expect(result.rowCount == 66_666)
        // EXPLAIN ANALYZE's JSON: each operator's figures per worker, adding up to its rows.
        func json(_ node: JSONValue) {
            guard case .object(let fields) = node else { Issue.record("not an object"); return }
            let field = Dictionary(fields, uniquingKeysWith: { a, _ in a })
            if case .int(let rows)? = field["output_rows"], case .array(let workers)? = field["workers"] {
                let sum = workers.reduce(Int64(0)) { total, w in
                    guard case .object(let wf) = w, case .int(let r)? = Dictionary(wf, uniquingKeysWith: { a, _ in a })["rows"] else { return total }
                    return total + r
                }
                #expect(sum == rows)
            } else {
                Issue.record("no output_rows or workers in \(fields.map(\.0))")
            }
            if case .array(let children)? = field["children"] { children.forEach(json) }
        }
        json(PhysicalPlanRenderer.json(try #require(result.physical)))
    }
}

extension PhysicalPlanSnapshot {
    /// The plan without metrics (as planned).
    static func stripped(_ p: PhysicalPlanSnapshot) -> PhysicalPlanSnapshot {
        var copy = p
        copy.metrics = nil
        copy.children = p.children.map(stripped)
        return copy
    }
}
