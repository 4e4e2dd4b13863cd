/// One end of a window function's frame (`Expression.WindowFunction.Bound`): exactly one
/// of its kinds. Offsets are numbers of rows (ROWS) or a distance in the one sort key's
/// values (RANGE); Substrait 0.85 writes them as 64-bit integers only.
public struct WindowBound: Codable, Hashable, Sendable {
    public struct Offset: Codable, Hashable, Sendable {
        public var offset: ProtoInt64?
        public init(_ n: Int64) { offset = ProtoInt64(n) }
    }
    public var preceding: Offset?
    public var following: Offset?
    public var currentRow: ProtoEmpty?
    public var unbounded: ProtoEmpty?

    public static let unboundedBound = WindowBound(unbounded: ProtoEmpty())
    public static let currentRowBound = WindowBound(currentRow: ProtoEmpty())
    public static func preceding(_ n: Int64) -> WindowBound { WindowBound(preceding: Offset(n)) }
    public static func following(_ n: Int64) -> WindowBound { WindowBound(following: Offset(n)) }
}

/// A window function call as an expression (`Expression.WindowFunction`), with its own
/// partition, sort and frame: the form DataFusion writes inside a project relation.
public struct WindowFunctionExpression: Codable, Hashable, Sendable {
    public var functionReference: Int?
    public var arguments: [FunctionArgument]?
    public var outputType: SubstraitType?
    public var phase: String?
    public var sorts: [SortField]?
    public var invocation: String?
    public var partitions: [Expression]?
    public var boundsType: String?
    public var lowerBound: WindowBound?
    public var upperBound: WindowBound?
}

/// Window functions sharing one partition and order (`ConsistentPartitionWindowRel`,
/// the relation kind `window`): the input's columns, then one per function.
public struct ConsistentPartitionWindowRel: Codable, Hashable, Sendable {
    /// `WindowRelFunction`: a window function without its own partition and sorts (the
    /// relation's) but with its own frame.
    public struct Function: Codable, Hashable, Sendable {
        public var functionReference: Int?
        public var arguments: [FunctionArgument]?
        public var outputType: SubstraitType?
        public var phase: String?
        public var invocation: String?
        public var lowerBound: WindowBound?
        public var upperBound: WindowBound?
        public var boundsType: String?
    }
    public var common: RelCommon?
    public var input: Rel
    public var windowFunctions: [Function]?
    public var partitionExpressions: [Expression]?
    public var sorts: [SortField]?
}
