import PlanCore
import PlanSubstrait

/// `IntervalAlign`'s Substrait form: an extension relation over its two inputs whose
/// detail (a `google.protobuf.StringValue`) is `IntervalAlign`, a newline, and JSON:
///
///     {"join": "left", "match": "contains",
///      "outputs": [{"qualifier": "a", "name": "path", "source": ["r", "path"], "side": "left", "nullable": false}, …]}
///
/// The filters offered to the node are not part of it: those it took as Exact are in its
/// left input and the others stay in the filter above, so the rows are the same; the
/// plan's `left_filters=[…]` annotation is what a round trip loses.
public struct IntervalAlignSubstrait: SubstraitNodeCodec {
    public init() {}
    public var nodeName: String { "IntervalAlign" }

    public func detail(of node: any UserDefinedLogicalNode) throws(PlanError) -> String {
        guard let n = node as? IntervalAlignNode else { throw PlanError(.invalidPlan, "IntervalAlign codec given a \(node.name) node") }
        let outputs = n.outputs.map { o in
            JSONValue.object([
                ("qualifier", o.field.qualifier.map(JSONValue.string) ?? .null), ("name", .string(o.field.name)),
                ("source", .array([o.source.relation.map(JSONValue.string) ?? .null, .string(o.source.name)])),
                ("side", .string(o.fromLeft ? "left" : "right")), ("nullable", .bool(o.field.nullable)),
            ])
        }
        return JSONValue.object([("join", .string(n.leftJoin ? "left" : "inner")), ("match", .string(n.contains ? "contains" : "overlaps")),
                                 ("outputs", .array(outputs))]).compact
    }

    public func node(detail: String, inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        func bad(_ what: String) -> PlanError { PlanError(.invalidPlan, "IntervalAlign detail: \(what)") }
        let json: JSONValue
        do { json = try JSONValue.parse(detail) } catch { throw bad(error.description) }
        guard inputs.count == 2 else { throw bad("needs 2 inputs, has \(inputs.count)") }
        guard let join = json["join"]?.stringValue, ["left", "inner"].contains(join) else { throw bad("join must be \"left\" or \"inner\"") }
        guard let match = json["match"]?.stringValue, ["contains", "overlaps"].contains(match) else { throw bad("match must be \"contains\" or \"overlaps\"") }
        guard let list = json["outputs"]?.arrayValue, !list.isEmpty else { throw bad("outputs must be a non-empty array") }
        var outputs: [IntervalAlignNode.Output] = []
        for (i, o) in list.enumerated() {
            guard let name = o["name"]?.stringValue, let source = o["source"]?.arrayValue, source.count == 2,
                  let sourceName = source[1].stringValue, let side = o["side"]?.stringValue, side == "left" || side == "right" else {
                throw bad("outputs[\(i)] needs name, source [relation, name] and side")
            }
            let column = Column(relation: source[0].stringValue, name: sourceName)
            let input = inputs[side == "left" ? 0 : 1]
            guard let field = input.schema.field(for: column) else { throw bad("outputs[\(i)]: column \(column) is not in the \(side) input") }
            outputs.append(.init(field: Field(qualifier: o["qualifier"]?.stringValue, name: name, dataType: field.dataType,
                                              nullable: o["nullable"]?.boolValue ?? true),
                                 source: column, fromLeft: side == "left"))
        }
        return IntervalAlignNode(left: inputs[0], right: inputs[1], leftJoin: join == "left", contains: match == "contains", outputs: outputs)
    }
}
