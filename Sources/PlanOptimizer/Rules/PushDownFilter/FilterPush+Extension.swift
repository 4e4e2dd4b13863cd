import PlanCore

/// Into a user-defined node (interval_align …): the node classifies each conjunct itself —
/// the input it moves into, and whether the Filter above may drop it.
extension FilterPush {
    func into(_ ext: Extension) throws(PlanError) -> Transformed<LogicalPlan>? {
        var node = ext.node
        var inputs = node.inputs
        var stay = fixed
        var changed = false
        for f in movable {
            guard let answer = node.offer(f) else { stay.append(f); continue }
            changed = true
            node = answer.node
            if let i = answer.input, let r = answer.rewritten { inputs[i] = try Self.filtered(inputs[i], [r]) }
            if answer.pushdown != .exact { stay.append(f) }
        }
        guard changed else { return nil }
        return try above(.extension(Extension(try node.withInputs(inputs))), stay)
    }
}
