import PlanCore

/// Which inputs of a join a conjunct may move into, by join type (DataFusion's
/// `lr_is_preserved` and `on_lr_is_preserved`):
///
/// | join | WHERE: left, right | ON: left, right |
/// |---|---|---|
/// | inner | yes, yes | yes, yes |
/// | left, left semi, left anti | yes, no | no, yes (left only) |
/// | right | no, yes | yes, no |
/// | full | no, no | no, no |
///
/// A WHERE conjunct may filter an input whose every row reaches the output as it was (a
/// preserved side): filtering it first removes the same rows. An ON conjunct may filter
/// the other side — the one padded with NULLs — whose rows that fail it match nothing
/// anyway; on a preserved side it would drop rows the join must keep.
enum JoinSides {
    static func forWhere(_ type: JoinType) -> (left: Bool, right: Bool) {
        switch type {
        case .inner: (true, true)
        case .left, .leftSemi, .leftAnti: (true, false)
        case .right: (false, true)
        case .full: (false, false)
        }
    }

    static func forOn(_ type: JoinType) -> (left: Bool, right: Bool) {
        switch type {
        case .inner: (true, true)
        case .left: (false, true)
        case .right: (true, false)
        case .full, .leftSemi, .leftAnti: (false, false)
        }
    }
}
