import Dispatch
import Foundation
import PlanCore
import PlanEngine

/// planscope's benchmarks. `parse-bind`: median time to parse and bind all 22 TPC-H
/// queries (SQL text to bound logical plan), over many rounds.
let args = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = root.appendingPathComponent("Tests/Fixtures/tpch")

func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func parseBind(rounds: Int) throws {
    let session = Session()
    _ = try session.execute(try String(contentsOf: fixtures.appendingPathComponent("schema.sql"), encoding: .utf8))
    let queries = try (1...22).map { n in
        try String(contentsOf: fixtures.appendingPathComponent(String(format: "queries/q%02d.sql", n)), encoding: .utf8)
    }
    for q in queries { _ = try session.logicalPlan(q) }  // warm-up
    var perQuery = Array(repeating: [Double](), count: 22)
    var totals: [Double] = []
    for _ in 0..<rounds {
        var total = 0.0
        for (i, q) in queries.enumerated() {
            let start = nanos()
            _ = try session.logicalPlan(q)
            let ms = Double(nanos() - start) / 1e6
            perQuery[i].append(ms)
            total += ms
        }
        totals.append(total)
    }
    print("parse + bind, TPC-H queries, \(rounds) rounds (milliseconds, median)")
    print("query  median_ms")
    for (i, xs) in perQuery.enumerated() { print(String(format: "q%02d    %.3f", i + 1, median(xs))) }
    let perQueryMedians = perQuery.map(median)
    print(String(format: "all 22 together: median %.3f ms; median query %.3f ms; slowest query %.3f ms",
                 median(totals), median(perQueryMedians), perQueryMedians.max() ?? 0))
}

do {
    switch args.first ?? "parse-bind" {
    case "parse-bind":
        let rounds = args.dropFirst().first.flatMap { Int($0) } ?? 200
        try parseBind(rounds: rounds)
    default:
        print("usage: PlanBench parse-bind [rounds]")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
