import PlanCore
import PlanManifest

extension OptimizerTrace {
    /// The step that last changed a node, found by following the node back through each
    /// changed step's tree diff (``PlanDiff``'s structural matching: its path in the plan
    /// after a step leads to its path before it).
    public enum LastChange: Equatable, Sendable {
        /// The step that added the node or changed its line.
        case step(Int)
        /// Present, unchanged, since the initial plan.
        case initial
        /// Not changed by the `searched` changed steps before the step asked about, the
        /// earliest of them `from` (the search stopped there).
        case notWithin(searched: Int, from: Int)
    }

    /// The step that last changed the node at index path `path` (``PlanDiff/Line/newPath``:
    /// `0` the root, `0/1` its second input) of the plan after `step`, looking back through
    /// at most `budget` steps that changed the plan; also the node's path after that step
    /// (or in the initial plan).
    public func lastChange(ofNodeAt path: String, step: Int, budget: Int = .max) -> (change: LastChange, path: String) {
        var path = path, searched = 0
        var k = min(step, steps.count)
        while k >= 1 {
            defer { k -= 1 }
            guard steps[k - 1].changed else { continue }
            if searched == budget { return (.notWithin(searched: searched, from: k + 1), path) }
            searched += 1
            guard let diff = diff(fromStep: k - 1, toStep: k) else { break }
            guard let line = diff.lines.first(where: { $0.newPath == path }) else { return (.step(k), path) }
            switch line.mark {
            case .added, .changed: return (.step(k), path)
            case .same, .removed: path = line.oldPath ?? path
            }
        }
        return (.initial, path)
    }
}

extension OptimizerTrace {
    /// The node at index path `path` in the plan after step `from`, followed to the plan
    /// after step `to` (either way) through each changed step's tree diff (``PlanDiff``:
    /// a node's old path leads to its new one). Where the node is gone — removed going
    /// forwards, not yet added going backwards — the nearest ancestor that is still there
    /// stands in for it (`exact` false). Looks through at most `budget` changed steps and
    /// keeps the path it reached there.
    public func follow(nodeAt path: String, from: Int, to: Int, budget: Int = 256) -> (path: String, exact: Bool) {
        let from = min(max(0, from), steps.count), to = min(max(0, to), steps.count)
        var path = path, exact = true, searched = 0
        let changed = (from < to ? Array(from..<to) : Array((to..<from).reversed())).filter { steps[$0].changed }
        for k in changed {
            // Step k + 1 turns the plan after k into the plan after k + 1.
            guard searched < budget, let diff = diff(fromStep: k, toStep: k + 1) else { break }
            searched += 1
            let (next, same) = Self.follow(path, through: diff, forwards: from < to)
            path = next
            exact = exact && same
        }
        return (path, exact)
    }

    /// One step of ``follow(nodeAt:from:to:budget:)``: the path on the diff's other side of
    /// the node at `path`, or of its nearest ancestor that is on both sides.
    static func follow(_ path: String, through diff: PlanDiff, forwards: Bool) -> (path: String, exact: Bool) {
        var p = path
        while true {
            let line = diff.lines.first { (forwards ? $0.oldPath : $0.newPath) == p }
            if let there = forwards ? line?.newPath : line?.oldPath { return (there, p == path) }
            guard let cut = p.lastIndex(of: "/") else { return ("0", false) }
            p = String(p[..<cut])
        }
    }
}
