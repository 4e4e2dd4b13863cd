/// Join kinds. Semi and anti joins return only the left side's columns.
public enum JoinType: String, Hashable, Sendable, Codable, CaseIterable {
    case inner = "Inner", left = "Left", right = "Right", full = "Full"
    case leftSemi = "LeftSemi", leftAnti = "LeftAnti"
}

/// One equi-join key pair: `left` is evaluated on the left input, `right` on the right.
public struct JoinKey: Hashable, Sendable {
    public var left: Expr
    public var right: Expr
    public init(_ left: Expr, _ right: Expr) { self.left = left; self.right = right }
}

/// A join on equality keys plus an optional residual filter over both sides.
public struct Join: Hashable, Sendable {
    public let left: LogicalPlan
    public let right: LogicalPlan
    public let joinType: JoinType
    public let on: [JoinKey]
    public let filter: Expr?
    /// For NOT IN: a NULL on the right makes every left row fail.
    public let nullAware: Bool
    public let schema: Schema

    public init(left: LogicalPlan, right: LogicalPlan, joinType: JoinType, on: [JoinKey] = [],
                filter: Expr? = nil, nullAware: Bool = false) throws(PlanError) {
        for key in on {
            let l = try key.left.dataType(in: left.schema)
            let r = try key.right.dataType(in: right.schema)
            guard DataType.commonType(l, r) != nil else {
                throw PlanError(.typeMismatch, "join key \(key.left) (\(l.sqlName)) cannot be compared with \(key.right) (\(r.sqlName))")
            }
        }
        let combined = left.schema.joined(with: right.schema)
        if let filter {
            let t = try filter.dataType(in: combined)
            guard t == .boolean || t == .null else {
                throw PlanError(.typeMismatch, "join condition must be boolean, got \(t.sqlName)")
            }
        }
        self.left = left
        self.right = right
        self.joinType = joinType
        self.on = on
        self.filter = filter
        self.nullAware = nullAware
        switch joinType {
        case .inner: schema = combined
        case .left: schema = left.schema.joined(with: right.schema.allNullable())
        case .right: schema = left.schema.allNullable().joined(with: right.schema)
        case .full: schema = left.schema.allNullable().joined(with: right.schema.allNullable())
        case .leftSemi, .leftAnti: schema = left.schema
        }
    }
}

/// Every pair of rows from both inputs.
public struct CrossJoin: Hashable, Sendable {
    public let left: LogicalPlan
    public let right: LogicalPlan
    public let schema: Schema

    public init(left: LogicalPlan, right: LogicalPlan) {
        self.left = left
        self.right = right
        schema = left.schema.joined(with: right.schema)
    }
}
