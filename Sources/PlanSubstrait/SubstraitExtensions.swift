import PlanCore

/// A plan node kind defined above PlanCore that has a Substrait form: an extension
/// relation whose detail is text the codec writes and reads back. Registered by the
/// module that defines the node (`interval_align` from PlanProviders).
public protocol SubstraitNodeCodec: Sendable {
    /// The node's name in plans (``UserDefinedLogicalNode/name``) and the first word of
    /// its detail.
    var nodeName: String { get }
    /// The node's parameters as text (the relation's inputs are the node's inputs).
    func detail(of node: any UserDefinedLogicalNode) throws(PlanError) -> String
    /// The node from its detail and inputs.
    func node(detail: String, inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode
}

/// The codecs a producer or consumer knows, by node name: always those of PlanCore's own
/// extension nodes (`RecursiveQuery`, `WorkTableScan`), then the ones given.
public struct SubstraitNodeCodecs: Sendable {
    public private(set) var codecs: [String: any SubstraitNodeCodec] = [:]
    public init(_ codecs: [any SubstraitNodeCodec] = []) {
        for c in Self.builtIn + codecs { self.codecs[c.nodeName] = c }
    }

    /// The codecs of extension nodes PlanCore defines.
    static let builtIn: [any SubstraitNodeCodec] = [RecursiveQuerySubstrait(), WorkTableScanSubstrait()]
    public subscript(name: String) -> (any SubstraitNodeCodec)? { codecs[name] }

    /// The detail text of an extension relation: the node's name, a newline, the codec's text.
    static func detailText(node: String, body: String) -> String { node + "\n" + body }

    /// The node name and body of an extension relation's detail.
    static func split(_ text: String) -> (node: String, body: String) {
        guard let nl = text.firstIndex(of: "\n") else { return (text, "") }
        return (String(text[..<nl]), String(text[text.index(after: nl)...]))
    }
}
