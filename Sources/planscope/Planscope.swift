import ArgumentParser
import Foundation
import Logging
import PlanEngine

@main
struct Planscope: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "planscope",
        abstract: "A query-planning engine you can watch: plans SQL, shows why, and runs it.",
        discussion: """
            With no -c/-f and a terminal on stdin, opens an interactive prompt on the bundled \
            demo workspace. With stdin from a file or pipe, runs the statements read from it.
            """,
        version: version,
        subcommands: [Run.self, Explain.self, SLT.self, Pushdown.self, PipelineCommand.self, PipelineGraph.self],
        defaultSubcommand: Run.self
    )

    /// Logging goes to stderr, off unless PLANSCOPE_LOG names a level.
    static func bootstrapLogging() {
        let level = ProcessInfo.processInfo.environment["PLANSCOPE_LOG"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .critical
            return handler
        }
    }
}
