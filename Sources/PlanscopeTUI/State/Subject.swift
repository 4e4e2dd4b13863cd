import PlanSupport

/// What the trace, pushdown and physical-plan panes are about: a pipeline view (by name)
/// a query typed at the command line (by its text), or a plan read from a Substrait file (by
/// the file's path; ``PlanscopeCommands/CommandState/imported`` holds the plan). A view
/// named `query` is a view.
public enum Subject: Equatable, Sendable {
    case view(String)
    case query(String)
    case imported(String)

    /// How titles name it: the view's name, `query`, or the Substrait file's name.
    public var title: String {
        switch self {
        case .view(let name): name
        case .query: "query"
        case .imported(let path): PathText.lastComponent(path)
        }
    }
}
