/// A node of an immutable tree that can be rebuilt with new children. `LogicalPlan` and
/// `Expr` conform, so plan rules and expression rules walk trees the same way.
public protocol TreeNode {
    var children: [Self] { get }
    /// The same node over `children` (same count and order as ``children``).
    func withChildren(_ children: [Self]) throws(PlanError) -> Self
}

// Inlinable, so rules in other modules get these walks specialized for `LogicalPlan` and
// `Expr`: unspecialized, every call asked the runtime for generic metadata (a tenth of
// planning TPC-H Q2's instructions).
extension TreeNode {
    /// Visits nodes top-down; `f` decides whether to descend.
    @inlinable @discardableResult
    public func visit(_ f: (Self) -> TreeNodeRecursion) -> TreeNodeRecursion {
        switch f(self) {
        case .stop: return .stop
        case .jump: return .continue
        case .continue:
            for child in children where child.visit(f) == .stop { return .stop }
            return .continue
        }
    }

    /// True if any node in the tree satisfies `predicate`.
    @inlinable
    public func contains(where predicate: (Self) -> Bool) -> Bool {
        var found = false
        visit { node in
            if predicate(node) { found = true; return .stop }
            return .continue
        }
        return found
    }

    /// Rewrites children first, then the node (post-order).
    @inlinable
    public func transformUp(_ f: (Self) throws(PlanError) -> Transformed<Self>) throws(PlanError) -> Transformed<Self> {
        var changed = false
        let children = self.children
        var newChildren: [Self] = []
        newChildren.reserveCapacity(children.count)
        for child in children {
            let t = try child.transformUp(f)
            changed = changed || t.changed
            newChildren.append(t.value)
        }
        let rebuilt = changed ? try withChildren(newChildren) : self
        let result = try f(rebuilt)
        return Transformed(result.value, changed: changed || result.changed)
    }

    /// Rewrites the node first, then its (new) children (pre-order). A `.jump` from `f`
    /// skips the node's children.
    @inlinable
    public func transformDown(_ f: (Self) throws(PlanError) -> Transformed<Self>) throws(PlanError) -> Transformed<Self> {
        let top = try f(self)
        if top.recursion != .continue { return top }
        var changed = top.changed
        var childChanged = false
        var newChildren: [Self] = []
        for child in top.value.children {
            let t = try child.transformDown(f)
            childChanged = childChanged || t.changed
            newChildren.append(t.value)
        }
        let value = childChanged ? try top.value.withChildren(newChildren) : top.value
        changed = changed || childChanged
        return Transformed(value, changed: changed)
    }
}
