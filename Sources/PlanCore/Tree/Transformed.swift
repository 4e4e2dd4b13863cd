/// How a tree walk continues after visiting a node.
public enum TreeNodeRecursion: Sendable {
    /// Visit children and siblings.
    case `continue`
    /// Skip this node's children, go on with siblings.
    case jump
    /// End the walk.
    case stop
}

/// A rewritten value and whether anything changed: rules report change through this,
/// never by comparing rendered text.
public struct Transformed<Value> {
    public var value: Value
    public var changed: Bool
    public var recursion: TreeNodeRecursion

    @inlinable
    public init(_ value: Value, changed: Bool, recursion: TreeNodeRecursion = .continue) {
        self.value = value
        self.changed = changed
        self.recursion = recursion
    }

    @inlinable
    public static func yes(_ value: Value) -> Transformed { Transformed(value, changed: true) }
    @inlinable
    public static func no(_ value: Value) -> Transformed { Transformed(value, changed: false) }

    @inlinable
    public func map<T, E: Error>(_ f: (Value) throws(E) -> T) throws(E) -> Transformed<T> {
        Transformed<T>(try f(value), changed: changed, recursion: recursion)
    }
}

extension Transformed: Sendable where Value: Sendable {}
