/// A Substrait relation (`substrait.Rel`): exactly one of its kinds. A kind planscope does
/// not read is an error naming it.
public indirect enum Rel: Codable, Hashable, Sendable {
    case read(ReadRel)
    case filter(FilterRel)
    case fetch(FetchRel)
    case aggregate(AggregateRel)
    case sort(SortRel)
    case join(JoinRel)
    case project(ProjectRel)
    case set(SetRel)
    case cross(CrossRel)
    case window(ConsistentPartitionWindowRel)
    case extensionSingle(ExtensionSingleRel)
    case extensionMulti(ExtensionMultiRel)
    case extensionLeaf(ExtensionLeafRel)

    enum Key: String, CodingKey, CaseIterable {
        case read, filter, fetch, aggregate, sort, join, project, set, cross, window, extensionSingle, extensionMulti, extensionLeaf
    }

    public init(from decoder: any Decoder) throws {
        let (c, key) = try AnyKey.oneof(decoder, noun: "relation")
        guard let kind = Key(rawValue: key.stringValue) else { throw AnyKey.unsupported(decoder, key, noun: "relation") }
        switch kind {
        case .read: self = .read(try c.decode(ReadRel.self, forKey: key))
        case .filter: self = .filter(try c.decode(FilterRel.self, forKey: key))
        case .fetch: self = .fetch(try c.decode(FetchRel.self, forKey: key))
        case .aggregate: self = .aggregate(try c.decode(AggregateRel.self, forKey: key))
        case .sort: self = .sort(try c.decode(SortRel.self, forKey: key))
        case .join: self = .join(try c.decode(JoinRel.self, forKey: key))
        case .project: self = .project(try c.decode(ProjectRel.self, forKey: key))
        case .set: self = .set(try c.decode(SetRel.self, forKey: key))
        case .cross: self = .cross(try c.decode(CrossRel.self, forKey: key))
        case .window: self = .window(try c.decode(ConsistentPartitionWindowRel.self, forKey: key))
        case .extensionSingle: self = .extensionSingle(try c.decode(ExtensionSingleRel.self, forKey: key))
        case .extensionMulti: self = .extensionMulti(try c.decode(ExtensionMultiRel.self, forKey: key))
        case .extensionLeaf: self = .extensionLeaf(try c.decode(ExtensionLeafRel.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .read(let r): try c.encode(r, forKey: .read)
        case .filter(let r): try c.encode(r, forKey: .filter)
        case .fetch(let r): try c.encode(r, forKey: .fetch)
        case .aggregate(let r): try c.encode(r, forKey: .aggregate)
        case .sort(let r): try c.encode(r, forKey: .sort)
        case .join(let r): try c.encode(r, forKey: .join)
        case .project(let r): try c.encode(r, forKey: .project)
        case .set(let r): try c.encode(r, forKey: .set)
        case .cross(let r): try c.encode(r, forKey: .cross)
        case .window(let r): try c.encode(r, forKey: .window)
        case .extensionSingle(let r): try c.encode(r, forKey: .extensionSingle)
        case .extensionMulti(let r): try c.encode(r, forKey: .extensionMulti)
        case .extensionLeaf(let r): try c.encode(r, forKey: .extensionLeaf)
        }
    }

    /// The relation's common part (emit, hints).
    public var common: RelCommon? {
        switch self {
        case .read(let r): r.common
        case .filter(let r): r.common
        case .fetch(let r): r.common
        case .aggregate(let r): r.common
        case .sort(let r): r.common
        case .join(let r): r.common
        case .project(let r): r.common
        case .set(let r): r.common
        case .cross(let r): r.common
        case .window(let r): r.common
        case .extensionSingle(let r): r.common
        case .extensionMulti(let r): r.common
        case .extensionLeaf(let r): r.common
        }
    }

    /// The kind's name as the JSON form spells it (`project`), for errors.
    public var kindName: String {
        switch self {
        case .read: "read"
        case .filter: "filter"
        case .fetch: "fetch"
        case .aggregate: "aggregate"
        case .sort: "sort"
        case .join: "join"
        case .project: "project"
        case .set: "set"
        case .cross: "cross"
        case .window: "window"
        case .extensionSingle: "extensionSingle"
        case .extensionMulti: "extensionMulti"
        case .extensionLeaf: "extensionLeaf"
        }
    }
}

/// Any key of a JSON object (for oneofs and unknown fields).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }

    /// A oneof's object and its one key (none or several is an error).
    static func oneof(_ decoder: any Decoder, noun: String) throws -> (KeyedDecodingContainer<AnyKey>, AnyKey) {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: c.allKeys.isEmpty ? "\(noun) needs one kind" : "\(noun) has one kind, found \(c.allKeys.map(\.stringValue).sorted().joined(separator: ", "))"))
        }
        return (c, key)
    }

    /// The error for a oneof's kind planscope does not read.
    static func unsupported(_ decoder: any Decoder, _ key: AnyKey, noun: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: decoder.codingPath + [key], debugDescription: "\(noun) kind '\(key.stringValue)' is not supported"))
    }
}

public struct RelCommon: Codable, Hashable, Sendable {
    public struct Emit: Codable, Hashable, Sendable {
        public var outputMapping: [Int]?
    }
    /// `alias` names the relation (planscope's subquery alias); `outputNames` its columns.
    public struct Hint: Codable, Hashable, Sendable {
        public var alias: String?
        public var outputNames: [String]?
    }
    public var direct: ProtoEmpty?
    public var emit: Emit?
    public var hint: Hint?

    public init(emit: [Int]? = nil, alias: String? = nil, outputNames: [String]? = nil) {
        if let emit { self.emit = Emit(outputMapping: emit) } else { direct = ProtoEmpty() }
        if alias != nil || outputNames != nil { hint = Hint(alias: alias, outputNames: outputNames) }
    }
}

public struct ReadRel: Codable, Hashable, Sendable {
    public struct NamedTable: Codable, Hashable, Sendable { public var names: [String] }
    public struct VirtualTable: Codable, Hashable, Sendable {
        /// Rows as struct expressions (`Expression.Nested.Struct`).
        public var expressions: [NestedStruct]?
    }
    public struct LocalFiles: Codable, Hashable, Sendable {
        public struct FileOrFiles: Codable, Hashable, Sendable {
            public var uriPath: String?
            public var uriPathGlob: String?
            public var uriFile: String?
            public var uriFolder: String?
            public struct TextOptions: Codable, Hashable, Sendable {
                public var fieldDelimiter: String?
                public var maxLineSize: ProtoInt64?
                public var quote: String?
                public var headerLinesToSkip: ProtoInt64?
                public var escape: String?
                public var valueTreatedAsNull: String?
            }
            public var parquet: ProtoEmpty?
            public var arrow: ProtoEmpty?
            public var orc: ProtoEmpty?
            public var dwrf: ProtoEmpty?
            public var text: TextOptions?
        }
        public var items: [FileOrFiles]?
    }
    public struct MaskExpression: Codable, Hashable, Sendable {
        public struct StructSelect: Codable, Hashable, Sendable {
            public struct Item: Codable, Hashable, Sendable { public var field: Int? }
            public var structItems: [Item]?
        }
        public var select: StructSelect?
        public var maintainSingularStruct: Bool?
    }
    public var common: RelCommon?
    public var baseSchema: NamedStruct?
    public var filter: Expression?
    public var bestEffortFilter: Expression?
    public var projection: MaskExpression?
    public var namedTable: NamedTable?
    public var virtualTable: VirtualTable?
    public var localFiles: LocalFiles?
    public var extensionTable: ProtoAnyString?
}

public struct FilterRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var input: Rel
    public var condition: Expression
}

public struct FetchRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var input: Rel
    public var offset: ProtoInt64?
    public var count: ProtoInt64?
    public var offsetExpr: Expression?
    public var countExpr: Expression?
}

public struct AggregateRel: Codable, Hashable, Sendable {
    public struct Grouping: Codable, Hashable, Sendable {
        public var groupingExpressions: [Expression]?
        public var expressionReferences: [Int]?
    }
    public struct Measure: Codable, Hashable, Sendable {
        public var measure: AggregateFunction
        public var filter: Expression?
    }
    public var common: RelCommon?
    public var input: Rel
    public var groupings: [Grouping]?
    public var measures: [Measure]?
    public var groupingExpressions: [Expression]?
}

public struct SortField: Codable, Hashable, Sendable {
    public var expr: Expression
    public var direction: String?
}

public struct SortRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var input: Rel
    public var sorts: [SortField]?
}

public struct JoinRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var left: Rel
    public var right: Rel
    public var expression: Expression?
    public var postJoinFilter: Expression?
    public var type: String?
}

public struct ProjectRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var input: Rel
    public var expressions: [Expression]?
}

public struct SetRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var inputs: [Rel]?
    public var op: String?
}

public struct CrossRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var left: Rel
    public var right: Rel
}

public struct ExtensionSingleRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var input: Rel
    public var detail: ProtoAnyString?
}

public struct ExtensionMultiRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var inputs: [Rel]?
    public var detail: ProtoAnyString?
}

public struct ExtensionLeafRel: Codable, Hashable, Sendable {
    public var common: RelCommon?
    public var detail: ProtoAnyString?
}
