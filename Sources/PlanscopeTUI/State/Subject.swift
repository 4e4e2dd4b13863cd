/// What the trace, pushdown and physical-plan panes are about: a pipeline view (by name)
/// or a query typed at the command line (by its text). A view named `query` is a view.
public enum Subject: Equatable, Sendable {
    case view(String)
    case query(String)

    /// How titles name it: the view's name, or `query`.
    public var title: String {
        switch self {
        case .view(let name): name
        case .query: "query"
        }
    }
}
