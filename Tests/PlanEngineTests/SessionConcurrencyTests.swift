import Dispatch
import PlanCore
import PlanEngine
import PlanSupport
import Testing

/// One Session used from several tasks at once, and cancelled from another one.
///
/// Session calls are synchronous and may run for long: front ends run them off the Swift
/// concurrency pool (a dispatch queue or thread), as these tests do, so the pool stays free
/// for the task that cancels.
@Suite(.serialized) struct SessionConcurrencyTests {
    final class Mixups: Sendable { let list = Locked<[String]>([]) }

    /// Runs `body` on a dispatch queue and returns the kind of error it ended with, if any.
    static func offPool(_ body: @escaping @Sendable () throws -> Void) async -> PlanError.Kind? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    try body()
                    continuation.resume(returning: nil)
                } catch let error as StatementError {
                    continuation.resume(returning: error.kind)
                } catch let error as PlanError {
                    continuation.resume(returning: error.kind)
                } catch {
                    continuation.resume(returning: nil)
                }
            }
        }
    }

    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE a (k INTEGER, v INTEGER);
            INSERT INTO a SELECT x, x * 2 FROM (VALUES (1), (2), (3), (4), (5), (6), (7), (8)) AS t(x);
            CREATE TABLE big AS SELECT a1.k * 1000 + a2.k * 100 + a3.k * 10 + a4.k AS n
              FROM a AS a1, a AS a2, a AS a3, a AS a4;
            """)
        return s
    }

    @Test func twoStatementsRunConcurrentlyAndKeepTheirOwnResults() async throws {
        let s = try Self.session()
        // Two threads plan and run their own statements many times (one also changes a
        // setting); every result carries the trace and pushdown report of its own
        // statement, never the other's.
        let mixups = Mixups()
        await withTaskGroup(of: PlanError.Kind?.self) { group in
            for task in 0..<2 {
                group.addTask {
                    await Self.offPool {
                        for i in 0..<20 {
                            let table = task == 0 ? "a" : "big"
                            let sql = task == 0 ? "SELECT sum(v) FROM a WHERE k > \(i % 5)" : "SELECT count(*) FROM big WHERE n % 7 = \(i % 7)"
                            let r = try s.query(sql)
                            if r.rowCount != 1 || r.pushdown?.scans.first?.table != table
                                || r.trace?.final.description.contains("TableScan: \(table)") != true {
                                mixups.list.withLock { $0.append("task \(task) run \(i): \(r.pushdown?.scans.map(\.table) ?? [])") }
                            }
                            if task == 1 { try s.set("optimizer.max_passes", String(2 + i % 3)) }
                        }
                    }
                }
            }
            for await failure in group { #expect(failure == nil) }
        }
        #expect(mixups.list.withLock { $0 } == [])
        #expect(try s.query("SELECT count(*) FROM big").rows == [[.int64(4096)]])
    }

    @Test func aRunningQueryIsCancelledFromAnotherTask() async throws {
        let s = try Self.session()
        let cancellation = Cancellation()
        // A nested-loop join over 4096 × 4096 rows: long enough to be running when cancelled.
        async let slow = Self.offPool {
            _ = try s.query("SELECT count(*) FROM big AS x, big AS y WHERE x.n + y.n < 0", cancellation: cancellation)
        }
        try await Task.sleep(for: .milliseconds(100))
        cancellation.cancel()
        #expect(await slow == .cancelled)
        // The session is still usable.
        #expect(try s.query("SELECT count(*) FROM a").rows == [[.int64(8)]])
    }

    @Test func cancelRunningStopsEveryStatementOfTheSession() async throws {
        let s = try Self.session()
        async let slow = Self.offPool {
            _ = try s.query("SELECT count(*) FROM big AS x, big AS y WHERE x.n * y.n < 0")
        }
        try await Task.sleep(for: .milliseconds(100))
        s.cancelRunning()
        #expect(await slow == .cancelled)
    }

    @Test func aHandleCancelledBeforehandStopsTheCallAtOnce() throws {
        let s = try Self.session()
        let cancellation = Cancellation()
        cancellation.cancel()
        #expect {
            _ = try s.query("SELECT 1", cancellation: cancellation)
        } throws: { error in
            (error as? StatementError)?.kind == .cancelled
        }
    }
}
