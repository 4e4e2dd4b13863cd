import PlanCore

/// A pipeline spec: the inputs, the views that build on them, the outputs written from
/// views, and the planning choices (rules, rulepack, pushdown enforcement, profile).
///
/// Versioned JSON, documented in `docs/spec.md` (JSON Schema:
/// `docs/semantic-execution-spec.schema.json`). Paths inside resolve against
/// ``baseDirectory`` (the spec file's folder).
public struct SemanticExecutionSpec: Sendable, Equatable {
    /// The version this planscope writes and reads.
    public static let currentVersion = 1
    /// Older specs than this are refused.
    public static let minimumVersion = 1

    public var version: Int
    public var inputRelations: [InputRelation]
    public var viewDefinitions: [ViewDefinition]
    public var outputTargets: [OutputTarget]
    public var ruleIntents: [RuleIntent]
    /// `default`, `none`, `pushdown` (nil: the session's).
    public var rulepackProfile: String?
    /// `strict`, `warn`, `disabled` (nil: the session's).
    public var pushdownEnforcement: String?
    /// `small`, `medium`, `large` (nil: the session's settings).
    public var sessionProfile: String?
    /// Where relative locations resolve (not part of the spec's hash).
    public var baseDirectory: String

    public init(version: Int = SemanticExecutionSpec.currentVersion, inputRelations: [InputRelation] = [],
                viewDefinitions: [ViewDefinition] = [], outputTargets: [OutputTarget] = [], ruleIntents: [RuleIntent] = [],
                rulepackProfile: String? = nil, pushdownEnforcement: String? = nil, sessionProfile: String? = nil,
                baseDirectory: String = ".") {
        self.version = version
        self.inputRelations = inputRelations
        self.viewDefinitions = viewDefinitions
        self.outputTargets = outputTargets
        self.ruleIntents = ruleIntents
        self.rulepackProfile = rulepackProfile
        self.pushdownEnforcement = pushdownEnforcement
        self.sessionProfile = sessionProfile
        self.baseDirectory = baseDirectory
    }

    /// A relation the pipeline reads.
    public struct InputRelation: Sendable, Equatable {
        public enum Format: String, Sendable, CaseIterable {
            case csv, jsonl, parquet, inline
        }
        /// The name views use for it.
        public var logicalName: String
        public var format: Format
        /// A file, a glob (`data/*.csv`) or a hive-partitioned directory; nil for inline.
        public var location: String?
        /// Reader options (`header`, `delimiter`, `null`, `zone_maps` …), as text.
        public var options: [String: String]
        /// Hive partition columns of a directory (`year`, `month`).
        public var partitionedBy: [String]
        /// Inline rows: column names and types, and rows of JSON values.
        public var columns: [(name: String, type: String)]
        public var rows: [[JSONValue]]

        public init(logicalName: String, format: Format, location: String? = nil, options: [String: String] = [:],
                    partitionedBy: [String] = [], columns: [(name: String, type: String)] = [], rows: [[JSONValue]] = []) {
            self.logicalName = logicalName
            self.format = format
            self.location = location
            self.options = options
            self.partitionedBy = partitionedBy
            self.columns = columns
            self.rows = rows
        }

        public static func == (a: InputRelation, b: InputRelation) -> Bool {
            a.logicalName == b.logicalName && a.format == b.format && a.location == b.location && a.options == b.options
                && a.partitionedBy == b.partitionedBy && a.columns.map(\.name) == b.columns.map(\.name)
                && a.columns.map(\.type) == b.columns.map(\.type) && a.rows == b.rows
        }
    }

    /// A view: a name, its SQL, and the relations it declares it reads.
    public struct ViewDefinition: Sendable, Equatable {
        public var name: String
        public var sql: String
        public var viewDependencies: [String]

        public init(name: String, sql: String, viewDependencies: [String]) {
            self.name = name
            self.sql = sql
            self.viewDependencies = viewDependencies
        }
    }

    /// A file written from a view.
    public struct OutputTarget: Sendable, Equatable {
        public enum Format: String, Sendable, CaseIterable {
            case csv, jsonl, parquet
        }
        public var tableName: String
        public var sourceView: String
        public var format: Format
        public var location: String

        public init(tableName: String, sourceView: String, format: Format, location: String) {
            self.tableName = tableName
            self.sourceView = sourceView
            self.format = format
            self.location = location
        }
    }

    /// An optimizer rule switched on or off for this pipeline.
    public struct RuleIntent: Sendable, Equatable {
        public var rule: String
        public var enabled: Bool

        public init(rule: String, enabled: Bool) {
            self.rule = rule
            self.enabled = enabled
        }
    }
}
