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
