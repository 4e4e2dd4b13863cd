import Foundation
import PlanCore
@testable import PlanExec
import Testing

/// Spill files hold batches exactly and are gone from the directory from the start.
@Suite struct SpillFileTests {
    @Test func everyColumnTypeComesBackAsWritten() throws {
        let schema = Schema([
            Field(name: "b", dataType: .boolean), Field(name: "s", dataType: .int16), Field(name: "i", dataType: .int32),
            Field(name: "l", dataType: .int64), Field(name: "f", dataType: .float32), Field(name: "d", dataType: .float64),
            Field(name: "n", dataType: .decimal(precision: 20, scale: 3)), Field(name: "t", dataType: .varchar(length: nil)), Field(name: "dt", dataType: .date),
            Field(name: "ts", dataType: .timestamp), Field(name: "iv", dataType: .interval), Field(name: "z", dataType: .null),
        ])
        let rows: [[ScalarValue]] = [
            [.boolean(true), .int16(-3), .int32(7), .int64(Int64.min), .float32(1.5), .float64(.nan), .decimal(12345, precision: 20, scale: 3),
             .string("héllo"), .date(19000), .timestamp(1_700_000_000_000_000), .interval(Interval(months: 1, days: 2, micros: 3)), .null],
            [.null, .null, .null, .null, .null, .null, .null, .null, .null, .null, .null, .null],
            [.boolean(false), .int16(0), .int32(-1), .int64(42), .float32(-0.0), .float64(-2.25), .decimal(-1, precision: 20, scale: 3),
             .string(""), .date(-1), .timestamp(0), .interval(Interval(months: 0, days: 0, micros: -1)), .null],
        ]
        let batch = RecordBatch.from(rows: rows, schema: schema)
        let directory = NSTemporaryDirectory()
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("planscope-spill-") }
        let file = try SpillFile(directory: directory)
        try file.write(batch)
        try file.write(batch.gather([2, 0]))
        let after = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("planscope-spill-") }
        #expect(after.count == before.count, "the file is unlinked as soon as it is made")
        #expect(file.batchCount == 2)
        let first = try file.read(0, schema: schema)
        #expect(first.rowCount == 3)
        for r in 0..<3 { #expect(first.row(r).map { "\($0)" } == batch.row(r).map { "\($0)" }) }
        #expect(try file.read(1, schema: schema).row(0).map { "\($0)" } == batch.row(2).map { "\($0)" })
    }

    @Test func runsMergeStablyWithTiesToTheEarlierRun() throws {
        let schema = Schema([Field(name: "k", dataType: .int64), Field(name: "run", dataType: .int64)])
        func run(_ keys: [Int64], _ id: Int64) -> any BatchStream {
            MemoryStream([RecordBatch.from(rows: keys.map { [.int64($0), .int64(id)] }, schema: schema)])
        }
        let merge = SortedRunMerge(runs: [run([1, 3, 3, 9], 0), run([], 1), run([2, 3, 10], 2)], schema: schema,
                                   keys: { [$0.columns[0]] }, order: [SortExpr(.literal(.int64(0)))], batchSize: 2)
        var out: [[ScalarValue]] = []
        while let b = try merge.next() { out += (0..<b.rowCount).map { b.row($0) } }
        #expect(out.map { $0[0] } == [1, 2, 3, 3, 3, 9, 10].map { ScalarValue.int64($0) })
        #expect(out.filter { $0[0] == .int64(3) }.map { $0[1] } == [.int64(0), .int64(0), .int64(2)])
    }

    @Test func aPoolRefusesPastItsLimitAndTheErrorNamesTheConsumer() {
        let pool = MemoryPool(limit: 2 << 30)
        let reservation = MemoryReservation(pool, consumer: "HashJoin build")
        #expect(reservation.tryGrow(1 << 30))
        #expect(!reservation.tryGrow(1 << 31))
        #expect(reservation.exceeded(1 << 31).message == "memory limit 2 GiB exceeded in HashJoin build (peak 3.0 GiB)")
        reservation.free()
        #expect(pool.reserved == 0)
        #expect(pool.peak == 1 << 30)
    }
}
