/// The top of a Substrait plan in its protobuf JSON form (`substrait.Plan`).
public struct SubstraitPlan: Codable, Hashable, Sendable {
    public var version: SubstraitVersion?
    public var extensionUrns: [ExtensionURN]?
    /// The older form (before URNs), read only.
    public var extensionUris: [ExtensionURI]?
    public var extensions: [ExtensionDeclaration]?
    public var relations: [PlanRel]?

    public init(version: SubstraitVersion?, extensionUrns: [ExtensionURN]?, extensions: [ExtensionDeclaration]?,
                relations: [PlanRel]) {
        self.version = version
        self.extensionUrns = extensionUrns
        self.extensions = extensions
        self.relations = relations
    }
}

public struct SubstraitVersion: Codable, Hashable, Sendable {
    public var majorNumber: Int?
    public var minorNumber: Int?
    public var patchNumber: Int?
    public var gitHash: String?
    public var producer: String?
}

public struct ExtensionURN: Codable, Hashable, Sendable {
    public var extensionUrnAnchor: Int?
    public var urn: String
}

public struct ExtensionURI: Codable, Hashable, Sendable {
    public var extensionUriAnchor: Int?
    public var uri: String
}

/// One `SimpleExtensionDeclaration`: a function or a type, by anchor.
public struct ExtensionDeclaration: Codable, Hashable, Sendable {
    public struct Function: Codable, Hashable, Sendable {
        public var extensionUrnReference: Int?
        public var extensionUriReference: Int?
        public var functionAnchor: Int?
        public var name: String
    }
    public struct TypeDeclaration: Codable, Hashable, Sendable {
        public var extensionUrnReference: Int?
        public var extensionUriReference: Int?
        public var typeAnchor: Int?
        public var name: String
    }
    public var extensionFunction: Function?
    public var extensionType: TypeDeclaration?
}

public struct PlanRel: Codable, Hashable, Sendable {
    public var root: RelRoot?
    public var rel: Rel?
}

public struct RelRoot: Codable, Hashable, Sendable {
    public var input: Rel
    public var names: [String]?
}
