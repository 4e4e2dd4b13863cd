import PlanCore

/// `WITH RECURSIVE` as extension relations (Substrait has no recursion): a
/// `RecursiveQuery` is an `extensionMulti` over its static and recursive terms whose detail
/// is `RecursiveQuery`, a newline, then `{"name": "r", "distinct": false}`; the recursive
/// term's `WorkTableScan` is an `extensionLeaf` whose detail is `WorkTableScan`, a newline,
/// then `{"name": "r", "columns": [{"qualifier": null, "name": "n", "type": "BIGINT",
/// "nullable": true}, …]}` (types as planscope spells them). Only planscope reads these:
/// other consumers reject the plan, naming the extension.
public struct RecursiveQuerySubstrait: SubstraitNodeCodec {
    public init() {}
    public var nodeName: String { "RecursiveQuery" }

    public func detail(of node: any UserDefinedLogicalNode) throws(PlanError) -> String {
        guard let r = node as? RecursiveQuery else { throw PlanError(.invalidPlan, "RecursiveQuery codec given a \(node.name) node") }
        return JSONValue.object([("name", .string(r.queryName)), ("distinct", .bool(r.isDistinct))]).compact
    }

    public func node(detail: String, inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        let json = try Self.parse(detail, node: nodeName)
        guard inputs.count == 2 else { throw PlanError(.invalidPlan, "RecursiveQuery detail: needs 2 inputs (static and recursive term), has \(inputs.count)") }
        guard let name = json["name"]?.stringValue, let distinct = json["distinct"]?.boolValue else {
            throw PlanError(.invalidPlan, "RecursiveQuery detail: needs \"name\" (a string) and \"distinct\" (true or false)")
        }
        return try RecursiveQuery(name: name, staticTerm: inputs[0], recursiveTerm: inputs[1], isDistinct: distinct)
    }

    static func parse(_ detail: String, node: String) throws(PlanError) -> JSONValue {
        do { return try JSONValue.parse(detail) } catch { throw PlanError(.invalidPlan, "\(node) detail: \(error.description)") }
    }
}

/// The recursive term's read of the work table (see ``RecursiveQuerySubstrait``).
public struct WorkTableScanSubstrait: SubstraitNodeCodec {
    public init() {}
    public var nodeName: String { "WorkTableScan" }

    public func detail(of node: any UserDefinedLogicalNode) throws(PlanError) -> String {
        guard let w = node as? WorkTableScan else { throw PlanError(.invalidPlan, "WorkTableScan codec given a \(node.name) node") }
        let columns = w.schema.fields.map { f in
            JSONValue.object([("qualifier", f.qualifier.map(JSONValue.string) ?? .null), ("name", .string(f.name)),
                              ("type", .string(f.dataType.sqlName)), ("nullable", .bool(f.nullable))])
        }
        return JSONValue.object([("name", .string(w.queryName)), ("columns", .array(columns))]).compact
    }

    public func node(detail: String, inputs: [LogicalPlan]) throws(PlanError) -> any UserDefinedLogicalNode {
        func bad(_ what: String) -> PlanError { PlanError(.invalidPlan, "WorkTableScan detail: \(what)") }
        let json = try RecursiveQuerySubstrait.parse(detail, node: nodeName)
        guard inputs.isEmpty else { throw bad("has no inputs, got \(inputs.count)") }
        guard let name = json["name"]?.stringValue else { throw bad("needs \"name\" (a string)") }
        guard let list = json["columns"]?.arrayValue, !list.isEmpty else { throw bad("\"columns\" must be a non-empty array") }
        var fields: [Field] = []
        for (i, c) in list.enumerated() {
            guard let column = c["name"]?.stringValue, let typeName = c["type"]?.stringValue else {
                throw bad("columns[\(i)] needs \"name\" and \"type\"")
            }
            guard let type = DataType(sqlName: typeName) else { throw bad("columns[\(i)]: type '\(typeName)' is not a planscope type") }
            fields.append(Field(qualifier: c["qualifier"]?.stringValue, name: column, dataType: type, nullable: c["nullable"]?.boolValue ?? true))
        }
        return WorkTableScan(name: name, schema: Schema(fields))
    }
}
