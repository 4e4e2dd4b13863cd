import Foundation
import Logging
import PlanCore
import PlanEngine
import PlanPipeline
import PlanSupport
import Testing

/// Where the session's stage events go is the logger it is given: these tests hand it one
/// that keeps every event and check the events of a query, a pipeline run, a COPY, a
/// table-factory registration and a planner switch.
@Suite struct LoggingTests {
    /// Every event logged through it, in order: the message and its metadata.
    struct CapturingLogHandler: LogHandler {
        let events: Locked<[(message: String, metadata: [String: String])]>
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).mapValues { "\($0)" }
            events.withLock { $0.append((event.message.description, fields)) }
        }
    }

    /// A session logging into a capture, and the capture.
    static func session(_ directory: String = NSTemporaryDirectory()) -> (Session, Locked<[(message: String, metadata: [String: String])]>) {
        let events = Locked<[(message: String, metadata: [String: String])]>([])
        let logger = Logger(label: "test") { _ in CapturingLogHandler(events: events) }
        return (Session(baseDirectory: directory, logger: logger), events)
    }

    static func messages(_ events: Locked<[(message: String, metadata: [String: String])]>) -> [String] {
        events.withLock { $0.map(\.message) }
    }

    /// Every event logged through a logger the process's logging system makes, by label:
    /// the only `LoggingSystem.bootstrap` of the test process (it may run once).
    static let processEvents: Locked<[(label: String, message: String)]> = {
        let events = Locked<[(label: String, message: String)]>([])
        LoggingSystem.bootstrap { label in LabelledLogHandler(label: label, events: events) }
        return events
    }()

    /// Every event at any level, with its logger's label.
    struct LabelledLogHandler: LogHandler {
        let label: String
        let events: Locked<[(label: String, message: String)]>
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { events.withLock { $0.append((label, event.message.description)) } }
    }

    /// A program that embeds the engine and sets up logging for its own use gets none of
    /// the engine's events unless it hands the session a logger: a default session logs
    /// nothing, one given the process's logger logs its stages there.
    @Test func aDefaultSessionLogsNothingEvenWhenTheProcessLogs() throws {
        let events = Self.processEvents
        let engine = { events.withLock { $0.filter { $0.label == "planscope.engine" }.map(\.message) } }
        let before = engine().count
        let quiet = Session(baseDirectory: NSTemporaryDirectory())
        _ = try quiet.execute("CREATE TABLE t (a INT)")
        _ = try quiet.execute("SELECT a FROM t WHERE a > 1")
        try quiet.set("planner.relation.generate_series", "off")
        #expect(engine().count == before, "\(engine().suffix(from: before))")
        let logging = Session(baseDirectory: NSTemporaryDirectory(), logger: Session.processLogger)
        _ = try logging.execute("SELECT 1")
        #expect(engine().suffix(from: before).contains("parse"))
    }

    @Test func aQueryLogsParseBindEachRuleThatChangedThePlanAndExecute() throws {
        let (session, events) = Self.session()
        _ = try session.execute("CREATE TABLE t (a INT, b INT)")
        _ = try session.execute("INSERT INTO t VALUES (1, 2), (3, 4)")
        events.withLock { $0.removeAll() }
        _ = try session.execute("SELECT a FROM (SELECT a, b FROM t) s WHERE a > 1 AND 1 = 1")
        let messages = Self.messages(events)
        #expect(Array(messages.prefix(2)) == ["parse", "bind"], "\(messages)")
        #expect(messages.last == "execute")
        let rules = events.withLock { $0.filter { $0.message == "optimizer rule" }.compactMap { $0.metadata["rule"] } }
        #expect(rules.contains("push_down_filter") && rules.contains("simplify_expressions"), "\(rules)")
        #expect(messages.contains("optimize"))
        let executed = events.withLock { $0.last { $0.message == "execute" }?.metadata["rows"] }
        #expect(executed == "1")
    }

    @Test func registrationsAndPlannerSwitchesAreLogged() throws {
        let (session, events) = Self.session()
        let formats = events.withLock { $0.filter { $0.message == "table factory registered" }.compactMap { $0.metadata["format"] } }
        #expect(formats.sorted() == ["csv", "jsonl", "parquet"], "\(formats)")
        try session.set("planner.relation.generate_series", "off")
        let switched = events.withLock { $0.last { $0.message == "planner switched" }?.metadata }
        #expect(switched == ["setting": "planner.relation.generate_series", "value": "off"])
    }

    @Test func copyAndAPipelineRunAreLogged() throws {
        let dir = NSTemporaryDirectory() + "planscope-logging-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (session, events) = Self.session(dir)
        _ = try session.execute("CREATE TABLE t (a INT)")
        _ = try session.execute("INSERT INTO t VALUES (1), (2)")
        _ = try session.execute("COPY t TO 'out.csv'")
        _ = try session.execute("COPY t FROM 'out.csv'")
        let copies = events.withLock { $0.filter { $0.message.hasPrefix("copy") }.map { "\($0.message) \($0.metadata["rows"] ?? "?")" } }
        #expect(copies == ["copy to 2", "copy from 2"])

        let spec = try SpecParser.parse("""
            {"version": 1,
             "input_relations": [{"logical_name": "nums", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}], "rows": [[1], [2]]}],
             "view_definitions": [{"name": "a", "sql": "SELECT n FROM nums", "view_dependencies": ["nums"]},
                                  {"name": "b", "sql": "SELECT n FROM a WHERE n > 1", "view_dependencies": ["a"]}],
             "output_targets": [{"table_name": "b", "source_view": "b", "format": "csv", "location": "b.csv"}]}
            """, baseDirectory: dir)
        events.withLock { $0.removeAll() }
        _ = try session.runPipeline(try session.loadPipeline(spec))
        let run = events.withLock { $0.filter { $0.message.hasPrefix("materialize") || $0.message == "output" }
            .map { "\($0.message) \($0.metadata["view"] ?? $0.metadata["table"] ?? "")" } }
        #expect(run == ["materialize start a", "materialize end a", "materialize start b", "materialize end b", "output b"])
        #expect(Self.messages(events).first == "pipeline load start")
        #expect(Self.messages(events).last == "pipeline run end")
    }
}
