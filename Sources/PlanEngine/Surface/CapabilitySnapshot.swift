import PlanCore

/// What this planscope can plan with, derived from what is registered — the session's
/// planners (on or off), table factories and the built-in functions — never from flags
/// declared beside them. Carries ``contractVersion``: a front end or a script reading the
/// snapshot checks it before trusting the shape.
public struct CapabilitySnapshot: Sendable, Equatable {
    /// The snapshot's contract: bumped when a kind is added or an entry's shape changes.
    public static let contractVersion = 1

    public enum Kind: String, Sendable, CaseIterable {
        case relationPlanner = "relation_planner"
        case expressionPlanner = "expression_planner"
        case typePlanner = "type_planner"
        case tableFactory = "table_factory"
        case scalarFunction = "scalar_function"
        case aggregateFunction = "aggregate_function"
    }

    public struct Capability: Sendable, Equatable {
        public let kind: Kind
        public let name: String
        public let version: String
        /// The SQL it makes available: a FROM name, operators, function or type names,
        /// a `STORED AS` format.
        public let provides: [String]
        /// Whether the session's policy has it on (always true for functions and factories).
        public let enabled: Bool
    }

    public let capabilities: [Capability]

    public func of(_ kind: Kind) -> [Capability] { capabilities.filter { $0.kind == kind } }

    public var json: JSONValue {
        .object([
            ("schema_version", .int(1)),
            ("contract_version", .int(Int64(Self.contractVersion))),
            ("capabilities", .array(capabilities.map { c in
                .object([("kind", .string(c.kind.rawValue)), ("name", .string(c.name)), ("version", .string(c.version)),
                         ("provides", .array(c.provides.map { .string($0) })), ("enabled", .bool(c.enabled))])
            })),
        ])
    }

    /// One line a capability: `expression_planner json 1: ->, ->> (on)`.
    public var text: String {
        (["capability contract version \(Self.contractVersion)"] + capabilities.map {
            "\($0.kind.rawValue) \($0.name) \($0.version): \($0.provides.joined(separator: ", "))" + ($0.enabled ? "" : " (off)")
        }).joined(separator: "\n")
    }
}

extension Session {
    /// The capabilities this session has registered.
    public var capabilities: CapabilitySnapshot {
        let policy = self.policy
        var out: [CapabilitySnapshot.Capability] = []
        for e in extensions {
            let kind: CapabilitySnapshot.Kind = switch e.kind {
            case .relation: .relationPlanner
            case .expression: .expressionPlanner
            case .type: .typePlanner
            }
            out.append(.init(kind: kind, name: e.name, version: e.version, provides: e.provides, enabled: policy.isOn(e.kind, e.name)))
        }
        for f in catalog.tableFactories {
            out.append(.init(kind: .tableFactory, name: f.format, version: f.version, provides: ["STORED AS \(f.format.uppercased())"], enabled: true))
        }
        for f in ScalarFunction.allCases {
            out.append(.init(kind: .scalarFunction, name: f.rawValue, version: Session.engineVersion, provides: ["\(f.rawValue)("], enabled: true))
        }
        for f in AggregateFunction.allCases {
            out.append(.init(kind: .aggregateFunction, name: f.rawValue, version: Session.engineVersion,
                             provides: f.sqlNames.map { "\($0)(" }, enabled: true))
        }
        return CapabilitySnapshot(capabilities: out.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) })
    }
}
