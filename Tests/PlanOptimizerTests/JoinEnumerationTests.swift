import Foundation
import PlanCore
import PlanEngine
@testable import PlanOptimizer
import Testing

/// The join-order search over csg-cmp pairs (DPccp) finds what searching every subset
/// (DPsub, the search it replaced, kept here as the reference) finds, visits the number
/// of pairs the shape implies, and an ordered tree is not searched again.
@Suite struct JoinEnumerationTests {
    /// DPsub: every subset in increasing order, from its best split into two connected,
    /// joined parts (ties: the first split met, the part holding the lowest input largest).
    static func subsetSearch(estimates: [Double], neighbours: [UInt64], divisors: [[Double]]) -> (cost: Double, split: Int) {
        let n = estimates.count
        let size = 1 << n
        var rows = [Double](repeating: 0, count: size)
        var cost = [Double](repeating: .infinity, count: size)
        var split = [Int](repeating: 0, count: size)
        var adjacent = [Int](repeating: 0, count: size)
        for s in 1..<size {
            let low = s.trailingZeroBitCount
            let rest = s & (s - 1)
            adjacent[s] = adjacent[rest] | Int(neighbours[low])
            if rest == 0 { rows[s] = max(1, estimates[low]); cost[s] = 0; continue }
            var r = rows[rest] * max(1, estimates[low])
            var others = rest
            while others != 0 { r /= divisors[low][others.trailingZeroBitCount]; others &= others - 1 }
            rows[s] = max(1, r)
            let lowBit = s & -s
            var part = (s - 1) & s
            while part > 0 {
                if part & lowBit != 0 {
                    let other = s ^ part
                    if cost[part] < .infinity, cost[other] < .infinity, adjacent[part] & other != 0 {
                        let c = cost[part] + cost[other] + rows[s]
                        if c < cost[s] { cost[s] = c; split[s] = part }
                    }
                }
                part = (part - 1) & s
            }
        }
        return (cost[size - 1], split[size - 1])
    }

    /// A reproducible random connected graph: a random spanning tree plus extra edges.
    static func graph(seed: UInt64, inputs n: Int) -> (estimates: [Double], neighbours: [UInt64], divisors: [[Double]]) {
        var state = seed
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var neighbours = [UInt64](repeating: 0, count: n)
        var divisors = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        // Few distinct sizes and divisors, so ties happen and the tie-break is checked too.
        let sizes: [Double] = [1, 10, 100, 1000, 25_000]
        let estimates = (0..<n).map { _ in sizes[Int(next() % UInt64(sizes.count))] }
        func connect(_ a: Int, _ b: Int) {
            neighbours[a] |= 1 << UInt64(b)
            neighbours[b] |= 1 << UInt64(a)
            let d = [1.0, 10, 100, 1000][Int(next() % 4)]
            divisors[a][b] = d
            divisors[b][a] = d
        }
        for i in 1..<n { connect(i, Int(next() % UInt64(i))) }
        let extra = Int(next() % UInt64(n + 1))
        for _ in 0..<extra {
            let a = Int(next() % UInt64(n)), b = Int(next() % UInt64(n))
            if a != b { connect(a, b) }
        }
        return (estimates, neighbours, divisors)
    }

    @Test func pairsSearchFindsTheSubsetSearchsCostAndSplit() throws {
        var checked = 0
        for seed in 0..<600 as Range<UInt64> {
            let n = 2 + Int(seed % 9)  // 2 to 10 inputs
            let g = Self.graph(seed: seed, inputs: n)
            let reference = Self.subsetSearch(estimates: g.estimates, neighbours: g.neighbours, divisors: g.divisors)
            let search = try ExactJoinOrder(estimates: g.estimates, neighbours: g.neighbours, divisors: g.divisors)
            #expect(search.bestCost == reference.cost, "seed \(seed), \(n) inputs")
            #expect(search.solved[search.all]?.split == UInt64(reference.split), "seed \(seed): the tie-break differs")
            checked += 1
        }
        #expect(checked == 600)
    }

    /// Chain, star, cycle and clique: the number of csg-cmp pairs each shape has.
    @Test func pairsAreThoseOfTheShape() throws {
        func search(_ n: Int, _ edges: [(Int, Int)]) throws -> Int {
            var neighbours = [UInt64](repeating: 0, count: n)
            for (a, b) in edges { neighbours[a] |= 1 << UInt64(b); neighbours[b] |= 1 << UInt64(a) }
            let divisors = [[Double]](repeating: [Double](repeating: 10, count: n), count: n)
            return try ExactJoinOrder(estimates: [Double](repeating: 1000, count: n), neighbours: neighbours, divisors: divisors).pairs
        }
        let n = 14
        let chain = (1..<n).map { ($0 - 1, $0) }
        #expect(try search(n, chain) == (n * n * n - n) / 6)                     // 455
        #expect(try search(n, chain + [(n - 1, 0)]) == (n * n * n - 2 * n * n + n) / 2)  // a cycle: 1,183
        #expect(try search(n, (1..<n).map { (0, $0) }) == (n - 1) << (n - 2))     // a star: 53,248
        func clique(_ k: Int) -> [(Int, Int)] { (0..<k).flatMap { a in (a + 1..<k).map { (a, $0) } } }
        #expect(try search(8, clique(8)) == (6561 - 512 + 1) / 2)                 // 3,025
        // The largest clique under the budget is still searched, the next is refused at once.
        #expect(try search(11, clique(11)) == ExactJoinOrder.cliquePairs(11))     // 86,526
        #expect(throws: ExactJoinOrder.Refusal.overBudget) { try search(12, clique(12)) }
        // A star of 16 inputs is over the budget: the caller orders it greedily.
        #expect(throws: ExactJoinOrder.Refusal.overBudget) { try search(16, (1..<16).map { (0, $0) }) }
        // An input joined to 14 or more others (a star of them alone has 14 · 2^13 pairs):
        // over the budget before any pair is searched.
        #expect(throws: ExactJoinOrder.Refusal.overBudget) { try search(64, (1..<64).map { (0, $0) }) }
        #expect(try search(64, (1..<64).map { ($0 - 1, $0) }) == (64 * 64 * 64 - 64) / 6)  // a chain of 64: 43,680
        // Inputs no equality connects have no order.
        #expect(throws: ExactJoinOrder.Refusal.notConnected) { try search(4, [(0, 1), (2, 3)]) }
    }

    /// TPC-H Q8 joins eight tables: the first pass orders them, later passes meet the tree
    /// they made and search no pair again.
    @Test func laterPassesDoNotSearchAnOrderedTreeAgain() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tpch")
        let session = Session()
        _ = try session.execute(try String(contentsOf: fixtures.appendingPathComponent("schema.sql"), encoding: .utf8))
        let q8 = try String(contentsOf: fixtures.appendingPathComponent("queries/q08.sql"), encoding: .utf8)
        let trace = try session.optimize(try session.logicalPlan(q8))
        let steps = trace.steps.filter { $0.rule == "cost_based_join_order" }
        #expect(steps.count >= 2)
        let first = try #require(steps.first?.joinOrder)
        #expect(first.exact >= 1 && first.pairs > 0)
        for later in steps.dropFirst() {
            #expect(later.joinOrder?.pairs ?? 0 == 0, "pass \(later.pass) searched \(later.joinOrder?.pairs ?? 0) pairs")
            #expect(later.joinOrder?.alreadyOrdered ?? 0 >= 1)
        }
        #expect(trace.joinOrdering?.hasPrefix("exact (DPccp, ") == true)
    }
}
