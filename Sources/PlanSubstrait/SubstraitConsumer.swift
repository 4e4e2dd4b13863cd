import Foundation
import PlanCore

/// Substrait plan (protobuf JSON form) → logical plan, over the tables of a catalog.
///
/// Anything planscope cannot read is an error naming the place in the plan
/// (`relations[0].root.input.project.input`) and what is missing.
public struct SubstraitConsumer {
    /// Finds a named table's source (the catalog's lookup).
    public typealias TableLookup = (String) -> (any TableSource)?
    /// Opens the local files a plan reads as one table, with the columns the plan declares.
    public typealias FileOpener = ([SubstraitFiles], Schema) throws(PlanError) -> any TableSource

    let tables: TableLookup
    let files: FileOpener
    let codecs: SubstraitNodeCodecs
    /// Function anchor → (URN, name without its signature).
    var functions: [Int: (urn: String, name: String)] = [:]
    /// Type anchor → declared name.
    var typeNames: [Int: String] = [:]
    /// Where in the plan the relation being read is, as JSON keys.
    var path: [String] = []

    public init(plan: SubstraitPlan, tables: @escaping TableLookup, files: @escaping FileOpener = SubstraitConsumer.noFiles,
                codecs: SubstraitNodeCodecs = SubstraitNodeCodecs()) throws(PlanError) {
        self.tables = tables
        self.files = files
        self.codecs = codecs
        var urns: [Int: String] = [:]
        for u in plan.extensionUrns ?? [] { urns[u.extensionUrnAnchor ?? 0] = u.urn }
        for u in plan.extensionUris ?? [] { urns[u.extensionUriAnchor ?? 0] = u.uri }
        for (i, d) in (plan.extensions ?? []).enumerated() {
            if let f = d.extensionFunction {
                let reference = f.extensionUrnReference ?? f.extensionUriReference ?? 0
                // DataFusion declares functions under an anchor it never defines: the name decides.
                let urn = urns[reference] ?? "(undeclared extension \(reference))"
                let name = String(f.name.prefix { $0 != ":" })
                functions[f.functionAnchor ?? 0] = (urn, name)
            } else if let t = d.extensionType {
                typeNames[t.typeAnchor ?? 0] = t.name
            } else {
                throw PlanError(.unsupported, "extensions[\(i)]: only function and type declarations are read")
            }
        }
    }

    /// The plan's one root relation as a logical plan, its columns named as the root says.
    public static func consume(_ plan: SubstraitPlan, tables: @escaping TableLookup, files: @escaping FileOpener = SubstraitConsumer.noFiles,
                               codecs: SubstraitNodeCodecs = SubstraitNodeCodecs()) throws(PlanError) -> LogicalPlan {
        var c = try SubstraitConsumer(plan: plan, tables: tables, files: files, codecs: codecs)
        let relations = plan.relations ?? []
        guard relations.count == 1 else {
            throw PlanError(.unsupported, "relations: \(relations.count) relations; planscope reads plans with exactly one")
        }
        if let root = relations[0].root {
            c.path = ["relations[0]", "root", "input"]
            let input = try c.rel(root.input, outer: [])
            return try c.renamed(input, to: root.names ?? [])
        }
        guard let rel = relations[0].rel else {
            throw PlanError(.invalidPlan, "relations[0]: neither root nor rel")
        }
        c.path = ["relations[0]", "rel"]
        return try c.rel(rel, outer: [])
    }

    /// A file opener that opens none.
    public static func noFiles(_ files: [SubstraitFiles], _ schema: Schema) throws(PlanError) -> any TableSource {
        throw PlanError(.unsupported, "reading files is not available here")
    }

    /// `plan` with its output columns named `names` (a projection when any differs).
    func renamed(_ plan: LogicalPlan, to names: [String]) throws(PlanError) -> LogicalPlan {
        guard !names.isEmpty, names != plan.schema.names else { return plan }
        guard names.count == plan.schema.count else {
            throw error("the root names \(names.count) columns but its input has \(plan.schema.count)")
        }
        let exprs = zip(plan.schema.fields, names).map { f, n in
            f.name == n ? Expr.column(f.column) : Expr.column(f.column).alias(n)
        }
        return .projection(try Projection(exprs, input: plan))
    }

    /// An error at the current place in the plan: `relations[0].root.input.filter: …`.
    func error(_ message: String, kind: PlanError.Kind = .unsupported) -> PlanError {
        PlanError(kind, "\(path.joined(separator: ".")): \(message)")
    }

    // MARK: - Types

    func dataType(_ t: SubstraitType) throws(PlanError) -> DataType {
        let p = t.parameters
        switch t.kind {
        case "bool": return .boolean
        case "i8", "i16": return .int16
        case "i32": return .int32
        case "i64": return .int64
        case "fp32": return .float32
        case "fp64": return .float64
        case "decimal":
            let d = DataType.decimal(precision: p.precision ?? 0, scale: p.scale ?? 0)
            if let problem = d.argumentProblem { throw error("decimal type: \(problem)") }
            return d
        case "string": return .text
        case "varchar":
            guard let n = p.length, n >= 1 else { throw error("varchar type without a length") }
            return .varchar(length: n)
        case "fixedChar":
            guard let n = p.length, n >= 1 else { throw error("fixedChar type without a length") }
            return .char(length: n)
        case "date": return .date
        case "timestamp", "precisionTimestamp": return .timestamp
        case "timestampTz", "precisionTimestampTz": return .timestampTZ
        case "intervalCompound", "intervalDay", "intervalYear": return .interval
        case "binary": return .binary
        case "userDefined":
            let name = typeNames[p.typeReference ?? 0]
            switch name {
            case "numeric": return .numeric
            case "null": return .null
            default: throw error("user-defined type \(name.map { "'\($0)'" } ?? "with undeclared anchor \(p.typeReference ?? 0)") is not known")
            }
        default:
            throw error("type '\(t.kind)' has no planscope equivalent")
        }
    }

    func nullable(_ t: SubstraitType) -> Bool { t.parameters.nullability != "NULLABILITY_REQUIRED" }
}
