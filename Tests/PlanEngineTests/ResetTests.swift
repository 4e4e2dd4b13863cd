import Foundation
import PlanCore
import PlanEngine
import PlanOptimizer
import Testing

/// `RESET name`, `RESET ALL` and `SET name TO DEFAULT` put settings back to their declared
/// defaults, with the effects of a `SET` (planners re-installed).
@Suite struct ResetTests {
    /// A value of the setting's domain other than its default, as `SET` text.
    static func otherValue(_ declaration: SettingDeclaration) -> String? {
        let other: String?
        switch declaration.domain {
        case .boolean: other = declaration.defaultValue == .boolean(true) ? "off" : "on"
        case .integer(let range): other = declaration.defaultValue == .integer(range.lowerBound) ? "\(range.lowerBound + 1)" : "\(range.lowerBound)"
        case .choice(let words): other = (["off"] + words).first { words.contains($0) && declaration.domain.parse($0) != declaration.defaultValue }
        case .name: other = "another_name"
        case .duration: other = "7s"
        case .bytes: other = "3MB"
        case .path: other = NSTemporaryDirectory()
        case .timeZone: other = "Asia/Tokyo"
        }
        return other
    }

    /// Every setting changed (but the process's caches, which other tests running beside
    /// this one use), then `RESET ALL`: each is its default again and planning follows.
    @Test func resetAllRestoresEverySettingChanged() throws {
        let session = Session()
        let changed = Settings.all.filter { $0.family != .cache }
        for declaration in changed {
            let text = try #require(Self.otherValue(declaration), "\(declaration.name)")
            try session.set(declaration.name, text)
            #expect(session.config.value(named: declaration.name) != declaration.defaultValue, "\(declaration.name) = \(text)")
        }
        #expect(throws: StatementError.self) { try session.query("SELECT * FROM generate_series(1, 3)") }
        let results = try session.execute("RESET ALL")
        #expect(results.map(\.commandTag) == ["RESET"])
        for declaration in Settings.all {
            #expect(session.config.value(named: declaration.name) == declaration.defaultValue, "\(declaration.name)")
        }
        #expect(session.config == SessionConfig())
        #expect(try session.query("SELECT count(*) FROM generate_series(1, 3)").rows == [[.int64(3)]])
    }

    @Test func resetOneSettingByNameOrAliasLeavesTheOthers() throws {
        let session = Session()
        _ = try session.execute("SET TimeZone = 'Europe/Paris'; SET optimizer.max_passes = 1; SET execution.batch_size = 5")
        let tags = try session.execute("RESET TIME ZONE; SET optimizer.max_passes TO DEFAULT").map(\.commandTag)
        #expect(tags == ["RESET", "SET"])
        #expect(session.config[Settings.timeZone] == .utc)
        #expect(session.config[Settings.maxPasses] == OptimizerContext.defaultMaxPasses)
        #expect(session.config[Settings.batchSize] == 5)
        try session.reset("execution.batch_size")
        #expect(session.config == SessionConfig())
    }

    @Test func anUnknownNameIsTheErrorSETGivesAtTheName() throws {
        let session = Session()
        let reset = #expect(throws: StatementError.self) { try session.execute("RESET optimizer.max_pases") }
        let set = #expect(throws: StatementError.self) { try session.execute("SET optimizer.max_pases = 2") }
        #expect(reset?.error.message == set?.error.message)
        #expect(reset?.error.message == "unknown setting 'optimizer.max_pases' (did you mean 'optimizer.max_passes'?)")
        #expect(reset?.error.span.offset == 6)
    }
}
