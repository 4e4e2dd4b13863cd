import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanscopeCommands
import PlanscopeCurses
import PlanscopeTUI

/// `planscope tui [SPEC]`: the full-screen terminal UI.
struct TUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal UI: task graph, optimizer trace, pushdown and manifest diff side by side.",
        discussion: "With a pipeline spec, shows its task graph and its views' plans; without, the demo tables are loaded "
            + "and SQL typed after ':' fills the panes. Keys: ? in the UI.")
    @Argument(help: "A pipeline spec (JSON) to open.")
    var spec: String?
    @Option(help: "The theme: default, light, high-contrast, monochrome, or one in $XDG_CONFIG_HOME/planscope/themes.")
    var theme: String?
    @Flag(inversion: .prefixedNo, help: "Load the demo tables (default: only without a spec).")
    var demo: Bool?
    @Option(name: .customLong("substrait"), help: "A Substrait plan (JSON) to open: its optimizer trace, plan and pushdown report fill the panes.")
    var substraitFile: String?

    func run() throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            FileHandle.standardError.write(Data("error: planscope tui needs a terminal (stdin and stdout)\n".utf8))
            throw ExitCode(2)
        }
        // Log lines would tear the screen: in the TUI they go nowhere (the REPL and the
        // other commands take PLANSCOPE_LOG).
        Planscope.bootstrapLogging(silent: true)
        let session = Planscope.newSession()
        if demo ?? (spec == nil) { DemoWorkspace.load(into: session) }
        if let theme { do { try session.set(Settings.theme.name, theme) } catch { Planscope.fail(Failure("--theme: \(error.message)", kind: "config"), format: TextOrJSON.text, code: 2) } }
        let context = CommandContext(session: session, write: { _ in }, writeError: { _ in })
        var state = CommandState()
        if let substraitFile {
            // Read (not run) before the screen opens: a bad plan is one line on the terminal.
            let text: String
            do { text = try TextFile.read(substraitFile) } catch { Planscope.fail(Failure(error), format: TextOrJSON.text, code: 2) }
            do { state.imported = ImportedPlan(source: substraitFile, plan: try session.importSubstrait(text, source: substraitFile)) } catch {
                Planscope.fail(Failure(error.error, file: substraitFile), format: TextOrJSON.text, code: 1)
            }
        }
        let exit = TUI.open(context: context, state: state, spec: spec, source: spec ?? substraitFile ?? "demo")
        if exit.status != 0 { throw ExitCode(exit.status) }
    }

    /// Opens the TUI on `context`'s session and a command state (from the command line or
    /// `\tui`); returns its exit status and the command state it leaves.
    static func open(context: CommandContext, state: CommandState, spec: String?, source: String) -> TUIApp.Exit {
        var pipeline: Result<LoadedPipeline, PipelineError>?
        if let spec {
            do { pipeline = .success(try context.session.loadPipeline(file: spec)) } catch {
                // A cycle is shown on the cycle in the task graph; any other problem (no such
                // file, a spec that does not validate) is one line before the screen opens.
                guard case .graph(.cycle) = error else {
                    for failure in Failure.pipeline(spec, error) { Planscope.printError(failure.text) }
                    return TUIApp.Exit(status: 2, state: state)
                }
                pipeline = .failure(error)
            }
        }
        let app = TUIApp(context: context, state: state, pipeline: pipeline, source: source, themes: .standard(bundled: bundledThemes),
                         theme: nil, history: History())
        do { return try app.run() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return TUIApp.Exit(status: 2, state: state)
        }
    }

    /// The `themes/` folder shipped with planscope: `PLANSCOPE_THEMES`, else found beside
    /// the executable or above it (a build inside the repository), else the source tree's.
    static var bundledThemes: String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["PLANSCOPE_THEMES"], !env.isEmpty { return env }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("themes")
            if fm.fileExists(atPath: candidate.appendingPathComponent("default.theme").path) { return candidate.path }
            dir.deleteLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
        return fm.fileExists(atPath: source.path) ? source.path : nil
    }
}
