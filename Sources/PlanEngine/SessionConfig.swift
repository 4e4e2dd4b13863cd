import PlanCore
import PlanExec
import PlanOptimizer
import PlanProviders
import PlanSQL

/// One setting, declared once: its name (by area: `optimizer.*`, `pushdown.*`,
/// `execution.*`, `explain.*`), what it affects, its domain, default and a one-line
/// meaning. Every read goes through a declaration (``SessionConfig/subscript(_:)``).
public struct SettingDeclaration: Hashable, Sendable {
    public let name: String
    public let area: SettingArea
    public let domain: SettingDomain
    public let defaultValue: SettingValue
    public let summary: String
    /// Other names that mean this setting (`statement_timeout`, PostgreSQL's name).
    public var aliases: [String] = []
    /// What kind of switch it is, for the code that acts on a change (a rule's, a
    /// planner's, a cache's); told by the declaration, never by the name's prefix.
    public var family: SettingFamily = .plain

    /// The value as `SHOW` prints it (`30s` for a duration, `2GiB` for a size).
    public func show(_ value: SettingValue) -> String { domain.show(value) }
}

/// The kinds of settings whose changes something acts on.
public enum SettingFamily: Hashable, Sendable {
    /// Read where it is used; nothing else to do on a change.
    case plain
    /// `optimizer.rule.<name>`: one optimizer rule on or off.
    case rule(String)
    /// `planner.<kind>.<name>`: one planner on, off or as `planner.default` says.
    case planner(PlanningSurface.Kind, String)
    /// `planner.default`: the planners not switched one by one.
    case plannerDefault
    /// `cache.*`: the process's file caches.
    case cache

    /// The rule a rule's switch is for.
    public var rule: String? {
        if case .rule(let name) = self { return name }
        return nil
    }

    /// Whether a change re-installs the session's planners.
    public var switchesPlanners: Bool {
        switch self {
        case .planner, .plannerDefault: true
        case .plain, .rule, .cache: false
        }
    }
}

/// A declaration with the Swift type its reads return.
public struct Setting<Value: Sendable>: Sendable {
    public let declaration: SettingDeclaration
    let read: @Sendable (SettingValue) -> Value
    let write: @Sendable (Value) -> SettingValue

    public var name: String { declaration.name }

    init(declaration: SettingDeclaration, read: @escaping @Sendable (SettingValue) -> Value,
         write: @escaping @Sendable (Value) -> SettingValue) {
        self.declaration = declaration
        self.read = read
        self.write = write
    }

    /// The same setting in `family`.
    func family(_ family: SettingFamily) -> Setting {
        var declaration = declaration
        declaration.family = family
        return Setting(declaration: declaration, read: read, write: write)
    }
}

extension Setting where Value == Bool {
    static func boolean(_ name: String, _ area: SettingArea, default value: Bool, _ summary: String) -> Setting {
        Setting(declaration: SettingDeclaration(name: name, area: area, domain: .boolean, defaultValue: .boolean(value), summary: summary),
                read: { if case .boolean(let b) = $0 { b } else { value } }, write: { .boolean($0) })
    }
}

extension Setting where Value == Int {
    static func integer(_ name: String, _ area: SettingArea, _ range: ClosedRange<Int>, default value: Int, _ summary: String) -> Setting {
        Setting(declaration: SettingDeclaration(name: name, area: area, domain: .integer(range), defaultValue: .integer(value), summary: summary),
                read: { if case .integer(let i) = $0 { i } else { value } }, write: { .integer($0) })
    }
}

extension Setting where Value == Int {
    /// A duration in milliseconds (0: off).
    static func duration(_ name: String, _ area: SettingArea, aliases: [String] = [], _ summary: String) -> Setting {
        Setting(declaration: SettingDeclaration(name: name, area: area, domain: .duration, defaultValue: .integer(0),
                                                summary: summary, aliases: aliases),
                read: { if case .integer(let i) = $0 { i } else { 0 } }, write: { .integer($0) })
    }
}

extension Setting where Value == Int {
    /// An amount of memory in bytes (0: no limit).
    static func bytes(_ name: String, _ area: SettingArea, aliases: [String] = [], default value: Int, _ summary: String) -> Setting {
        Setting(declaration: SettingDeclaration(name: name, area: area, domain: .bytes, defaultValue: .integer(value),
                                                summary: summary, aliases: aliases),
                read: { if case .integer(let i) = $0 { i } else { value } }, write: { .integer($0) })
    }
}

extension Setting where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    static func choice(_ name: String, _ area: SettingArea, default value: Value, _ summary: String) -> Setting {
        Setting(declaration: SettingDeclaration(name: name, area: area, domain: .choice(Value.allCases.map(\.rawValue)),
                                                defaultValue: .text(value.rawValue), summary: summary),
                read: { if case .text(let s) = $0, let v = Value(rawValue: s) { v } else { value } }, write: { .text($0.rawValue) })
    }
}

extension Setting where Value == String {
    static func choice(_ name: String, _ area: SettingArea, _ options: [String], default value: String, _ summary: String) -> Setting {
        Setting(declaration: SettingDeclaration(name: name, area: area, domain: .choice(options), defaultValue: .text(value), summary: summary),
                read: { if case .text(let s) = $0 { s } else { value } }, write: { .text($0) })
    }
}

/// One planner's switch (`planner.expression.span = off`).
public enum PlannerSwitch: String, CaseIterable, Sendable {
    case on, off, `default`
}

/// How EXPLAIN renders plans (`explain.format`).
public enum ExplainFormat: String, CaseIterable, Sendable {
    case indent, tree, json
}

/// The session's settings: typed values over the declarations in ``Settings``.
///
/// `SET`, `SHOW`, the REPL's `\set`/`\rules` and the CLI's flags all go through
/// ``set(_:_:)``; an unknown name or a bad value is an error naming the nearest valid
/// name or the values accepted.
public struct SessionConfig: Sendable, Equatable {
    /// Values that differ from their declaration's default, by name.
    public private(set) var overrides: [String: SettingValue] = [:]

    public init() {}

    /// The typed value of a setting.
    public subscript<Value>(_ setting: Setting<Value>) -> Value {
        setting.read(overrides[setting.name] ?? setting.declaration.defaultValue)
    }

    /// The value of any declared setting, by name (nil for an unknown name).
    public func value(named name: String) -> SettingValue? {
        guard let declaration = Settings.declaration(named: name) else { return nil }
        return overrides[declaration.name] ?? declaration.defaultValue
    }

    /// Rules switched off with `optimizer.rule.<name> = off`.
    public var disabledRules: Set<String> {
        Set(overrides.compactMap { name, value in
            value == .boolean(false) ? Settings.declaration(named: name)?.family.rule : nil
        })
    }

    /// Every declared setting with its current value, in declaration order.
    public var all: [(declaration: SettingDeclaration, value: SettingValue)] {
        Settings.all.map { ($0, overrides[$0.name] ?? $0.defaultValue) }
    }

    /// The data-skipping mechanisms scans may use (`pushdown.parquet.*`).
    public var pruning: ScanPruning {
        ScanPruning(rowGroups: self[Settings.parquetRowGroups], pageIndex: self[Settings.parquetPageIndex],
                    bloomFilter: self[Settings.parquetBloomFilter], runtimeFilters: self[Settings.runtimeFilters])
    }

    /// Sets `name` from text, validating it against the declaration.
    public mutating func set(_ name: String, _ text: String) throws(PlanError) {
        guard let declaration = Settings.declaration(named: name.lowercased()) else {
            throw PlanError(.config, Settings.unknownMessage(name.lowercased()))
        }
        guard let value = declaration.domain.parse(text) else {
            throw PlanError(.config, "invalid value '\(text)' for \(declaration.name) (\(declaration.domain.expected))")
        }
        store(value, for: declaration)
    }

    /// Sets a typed value directly (for front ends' flags and specs, never via SQL text),
    /// checked against the declaration's domain.
    public mutating func set<Value>(_ setting: Setting<Value>, _ value: Value) throws(PlanError) {
        try set(setting.declaration, to: setting.write(value))
    }

    /// Sets a declared setting to a value of its domain (an error naming the setting and
    /// what it accepts otherwise).
    public mutating func set(_ declaration: SettingDeclaration, to value: SettingValue) throws(PlanError) {
        guard declaration.domain.accepts(value) else {
            throw PlanError(.config, "invalid value '\(declaration.show(value))' for \(declaration.name) (\(declaration.domain.expected))")
        }
        store(value, for: declaration)
    }

    /// A setting back to its declared default.
    public mutating func reset(_ declaration: SettingDeclaration) {
        overrides.removeValue(forKey: declaration.name)
    }

    private mutating func store(_ given: SettingValue, for declaration: SettingDeclaration) {
        let value = declaration.domain.normalized(given)
        if value == declaration.defaultValue { overrides.removeValue(forKey: declaration.name) } else { overrides[declaration.name] = value }
    }
}

/// Every setting planscope has: the one list.
public enum Settings {
    public static let rulepack = Setting<String>.choice(
        "optimizer.rulepack", .planning, Rulepack.packs.map(\.name), default: "default",
        "the optimizer rules in use: \(Rulepack.packs.map(\.name).joined(separator: ", "))")
    public static let maxPasses = Setting<Int>.integer(
        "optimizer.max_passes", .planning, 1...100, default: OptimizerContext.defaultMaxPasses,
        "passes over the rules before the optimizer stops without a fixpoint")
    public static let skipFailingRules = Setting<Bool>.boolean(
        "optimizer.skip_failing_rules", .planning, default: true,
        "skip (and report) a rule that fails instead of failing the query")
    public static let pushdownEnforcement = Setting<EnforcementMode>.choice(
        "pushdown.enforcement", .planning, default: .warn,
        "pushdown contract violations: strict (error), warn (warning), disabled")
    public static let pushdownVerify = Setting<Bool>.boolean(
        "pushdown.verify", .execution, default: false,
        "re-check Exact filters on the rows providers return")
    public static let parquetRowGroups = Setting<Bool>.boolean(
        "pushdown.parquet.row_groups", .planning, default: true,
        "skip Parquet row groups whose footer statistics (min, max, NULL count) show no row can pass a filter")
    public static let parquetPageIndex = Setting<Bool>.boolean(
        "pushdown.parquet.page_index", .planning, default: true,
        "skip Parquet pages whose page index (column index, offset index) shows no row can pass a filter")
    public static let parquetBloomFilter = Setting<Bool>.boolean(
        "pushdown.parquet.bloom_filter", .planning, default: true,
        "skip Parquet row groups whose bloom filters hold none of the values an equality or IN filter asks for")
    public static let runtimeFilters = Setting<Bool>.boolean(
        "pushdown.runtime_filters", .planning, default: true,
        "let a hash join's build keys (their range and a bloom filter) drop probe-side scan rows that cannot match, while the query runs (single integer-like keys)")
    public static let batchSize = Setting<Int>.integer(
        "execution.batch_size", .execution, 1...1_048_576, default: 4096,
        "rows per batch that scans, aggregates, sorts and cross joins produce")
    public static let workers = Setting<Int>.integer(
        "execution.workers", .execution, 1...256, default: ExecutionContext.coreCount,
        "threads that run a query's scans, filters, projections, joins and aggregates (default: the cores)")
    public static let statementTimeout = Setting<Int>.duration(
        "execution.statement_timeout", .execution, aliases: ["statement_timeout"],
        "cancel a statement (planning and running) that takes longer (30s, 500ms, 2min; 0 is off; each view of a pipeline run on its own)")
    public static let maxRecursion = Setting<Int>.integer(
        "execution.max_recursion", .execution, 1...Int(Int32.max), default: ExecutionOptions.defaultMaxRecursion,
        "iterations a recursive query (WITH RECURSIVE) may run that still yield rows before it stops with an error")
    /// The session's time zone (PostgreSQL's `TimeZone`). A planning setting: the binder
    /// reads `TIMESTAMPTZ` literals in it and writes it into every zone-dependent cast,
    /// `AT LOCAL`, `date_trunc`/`date_part` and interval arithmetic of a plan
    /// (``LogicalPlan/applyingTimeZone(_:)``), so it is in manifests and envelope hashes.
    /// UTC by default, never the machine's zone, so a pipeline's run is the same anywhere.
    public static let timeZone = Setting<SQLTimeZone>(declaration: SettingDeclaration(
        name: "execution.time_zone", area: .planning, domain: .timeZone, defaultValue: .text("UTC"),
        summary: "the session's time zone (PostgreSQL's TimeZone): TIMESTAMPTZ values are read and shown in it, and their casts, date_trunc, date_part and interval arithmetic use its clock; UTC by default, never the machine's",
        aliases: ["timezone"]), read: { if case .text(let s) = $0 { SQLTimeZone(s) ?? .utc } else { .utc } }, write: { .text($0.name) })
    public static let memoryLimit = Setting<Int>.bytes(
        "execution.memory_limit", .execution, aliases: ["memory_limit"], default: MemoryPool.defaultLimit,
        "memory the session's sorts, aggregations and join builds may hold (2GiB, 512MiB; 0 is no limit; default 80% of RAM): sorts and aggregations spill beyond it, a join build stops with an error")
    public static let cacheFileListings = Setting<Bool>.boolean(
        "cache.file_listings", .execution, default: true,
        "keep folders' listings (tables over a folder, a glob or hive partitions), per version of the folder and its subfolders, for the process (\\cache lists what is kept)").family(.cache)
    public static let cacheFileStatistics = Setting<Bool>.boolean(
        "cache.file_statistics", .execution, default: true,
        "keep files' row counts the planner estimates with (a CSV file's, counted or sampled), per file version (path, size, modification time, inode), for the process").family(.cache)
    public static let cacheParquetFooters = Setting<Bool>.boolean(
        "cache.parquet_footers", .execution, default: true,
        "keep Parquet footers read, per file version (path, size, modification time, inode), for the process: a second query over the same files reads no footer (\\cache lists what is kept)").family(.cache)
    public static let cacheParquetPageIndexes = Setting<Bool>.boolean(
        "cache.parquet_page_indexes", .execution, default: true,
        "keep Parquet page indexes read (pages' min/max and offsets), per column chunk and file version, for the process").family(.cache)
    public static let cacheLimit = Setting<Int>.bytes(
        "cache.limit", .execution, default: CacheManager.defaultLimit,
        "bytes each of the process's file caches may hold (least recently used entries go first; not counted in execution.memory_limit)").family(.cache)
    public static let temporaryDirectory = Setting<String>(declaration: SettingDeclaration(
        name: "execution.temp_directory", area: .execution, domain: .path, defaultValue: .text(""),
        summary: "where sorts and aggregations spill (empty: $TMPDIR, else /tmp); spill files are removed as soon as they are made",
        aliases: ["temp_directory"]), read: { if case .text(let s) = $0 { s } else { "" } }, write: { .text($0) })
    public static let explainFormat = Setting<ExplainFormat>.choice(
        "explain.format", .display, default: .indent, "plan display of EXPLAIN: indent, tree or json")
    public static let theme = Setting<String>(declaration: SettingDeclaration(
        name: "display.theme", area: .display, domain: .name, defaultValue: .text("default"),
        summary: "the TUI's theme: default, light, high-contrast, monochrome or one in $XDG_CONFIG_HOME/planscope/themes"),
        read: { if case .text(let s) = $0 { s } else { "default" } }, write: { .text($0) })
    public static let explainPhysical = Setting<Bool>.boolean(
        "explain.physical", .display, default: true, "EXPLAIN also shows the physical plan")

    /// `planner.default`: whether planners not switched one by one are on.
    public static let defaultFeatures = Setting<Bool>.boolean(
        "planner.default", .planning, default: true,
        "planners (relation, expression, type) not switched one by one are on").family(.plannerDefault)

    /// The setting for one planner, `planner.<kind>.<name>`: on, off, or as
    /// `planner.default` says.
    public static func planner(_ kind: PlanningSurface.Kind, _ name: String) -> Setting<PlannerSwitch> {
        .choice(kind.setting(name), .planning, default: .default, "the \(name) \(kind.rawValue) planner: on, off or default (planner.default)")
            .family(.planner(kind, name))
    }

    /// `optimizer.rule.<name>` switches one rule on or off (the prefix is read only to
    /// name the rule in an unknown setting's error).
    static let rulePrefix = "optimizer.rule."

    /// The setting for one optimizer rule.
    public static func rule(_ name: String) -> Setting<Bool> {
        .boolean(rulePrefix + name, .planning, default: true, "run the \(name) optimizer rule").family(.rule(name))
    }

    /// Every declaration, in the order `SHOW ALL` lists them.
    public static let all: [SettingDeclaration] = [
        rulepack.declaration, maxPasses.declaration, skipFailingRules.declaration,
    ] + Rulepack.allRuleNames.map { rule($0).declaration } + [defaultFeatures.declaration]
      + PlanningExtension.builtInNames.map { planner($0.kind, $0.name).declaration } + [
        pushdownEnforcement.declaration, pushdownVerify.declaration, parquetRowGroups.declaration,
        parquetPageIndex.declaration, parquetBloomFilter.declaration, runtimeFilters.declaration, batchSize.declaration, workers.declaration,
        statementTimeout.declaration, maxRecursion.declaration, timeZone.declaration, memoryLimit.declaration, temporaryDirectory.declaration,
        cacheFileListings.declaration, cacheFileStatistics.declaration, cacheParquetFooters.declaration,
        cacheParquetPageIndexes.declaration, cacheLimit.declaration,
        explainFormat.declaration, explainPhysical.declaration, theme.declaration,
    ]

    static let byName: [String: SettingDeclaration] = Dictionary(
        uniqueKeysWithValues: all.flatMap { d in ([d.name] + d.aliases).map { ($0, d) } })

    public static func declaration(named name: String) -> SettingDeclaration? { byName[name.lowercased()] }

    /// Names for completion and listings.
    public static var names: [String] { all.map(\.name) }

    /// "unknown setting 'x' (did you mean 'y'?)".
    static func unknownMessage(_ name: String) -> String {
        if name.hasPrefix(rulePrefix) {
            let rule = String(name.dropFirst(rulePrefix.count))
            var message = "unknown optimizer rule '\(rule)'"
            if let hint = closestName(to: rule, in: Rulepack.allRuleNames) { message += " (did you mean '\(hint)'?)" }
            return message
        }
        var message = "unknown setting '\(name)'"
        if let hint = closestName(to: name, in: names) { message += " (did you mean '\(hint)'?)" }
        return message
    }
}

/// Named sets of execution settings for a workload's size (a pipeline's
/// `session_profile`). Each execution setting that lands is wired in here.
public enum SessionProfile: String, CaseIterable, Sendable {
    case small, medium, large

    /// The settings the profile sets, by name.
    public var settings: [(name: String, value: String)] {
        switch self {
        case .small: [(Settings.batchSize.name, "1024"), (Settings.memoryLimit.name, "1GiB")]
        case .medium: [(Settings.batchSize.name, "4096"), (Settings.memoryLimit.name, "4GiB")]
        case .large: [(Settings.batchSize.name, "16384"), (Settings.memoryLimit.name, "16GiB")]
        }
    }

    /// The profile named `name`, or an error listing the valid ones.
    public static func named(_ name: String) throws(PlanError) -> SessionProfile {
        guard let p = SessionProfile(rawValue: name.lowercased()) else {
            throw PlanError(.config, "unknown session profile '\(name)' (expected \(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return p
    }
}
