import ArgumentParser
import Foundation
import PlanCore
import PlanEngine
import PlanManifest

/// `planscope manifest show|save|diff`: the planning-surface manifest.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Show, save or diff planning-surface manifests (planners, factories, planning settings, rulepack).",
        subcommands: [ManifestShow.self, ManifestSave.self, ManifestDiffCommand.self, ManifestCapabilities.self])

    /// A session with `--set name=value` settings applied, or exit 2 naming the bad one.
    static func session(_ settings: [String], format: some CLIFormat) -> Session {
        let session = Planscope.newSession()
        for s in settings {
            guard let (name, value) = Planscope.setting(s) else {
                Planscope.fail(Failure("--set \(s): expected name=value", kind: "config"), format: format, code: 2)
            }
            do { try session.set(name, value) } catch {
                Planscope.fail(Failure("--set \(s): \(error)", kind: "config"), format: format, code: 2)
            }
        }
        return session
    }

    /// The manifest in the file, or exit 2 saying why it cannot be read.
    static func read(_ path: String, format: some CLIFormat) -> PlanningSurfaceManifest {
        do { return try PlanningSurfaceManifest.read(file: path) } catch {
            Planscope.fail(Failure(error.message, kind: "manifest", file: path, text: error.message), format: format, code: 2)
        }
    }
}

struct ManifestShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print this planscope's manifest as JSON, with its fingerprint.")
    @Option(name: .customLong("set"), help: ArgumentHelp("A setting, name=value (repeatable).", valueName: "name=value"))
    var settings: [String] = []
    @Option(help: "json (the manifest is JSON; its fingerprint goes to stderr).")
    var format: ManifestFormat = .json

    func run() throws {
        let m = ManifestCommand.session(settings, format: format).manifest
        print(m.json.pretty)
        FileHandle.standardError.write(Data("fingerprint \(m.fingerprint)\n".utf8))
    }
}

struct ManifestCapabilities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capabilities",
        abstract: "List what this planscope can plan with (planners, table factories, functions), derived from what is registered.")
    @Option(help: "text or json.")
    var format: TextOrJSON = .text
    @Option(name: .customLong("set"), help: ArgumentHelp("A setting, name=value (repeatable).", valueName: "name=value"))
    var settings: [String] = []


    func run() throws {
        let snapshot = ManifestCommand.session(settings, format: format).capabilities
        print(format == .json ? snapshot.json.pretty : snapshot.text)
    }
}

struct ManifestSave: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Write this planscope's manifest to a file.")
    @Option(name: .customLong("set"), help: ArgumentHelp("A setting, name=value (repeatable).", valueName: "name=value"))
    var settings: [String] = []
    @Option(help: "text or json (the file and its fingerprint).")
    var format: TextOrJSON = .text
    @Argument(help: "The file to write.")
    var file: String


    func run() throws {
        let m = ManifestCommand.session(settings, format: format).manifest
        do { try (m.json.pretty + "\n").write(toFile: file, atomically: true, encoding: .utf8) } catch {
            Planscope.fail(Failure("cannot write \(file): \(error.localizedDescription)", kind: "io", file: file), format: format, code: 2)
        }
        print(format == .json
              ? JSONValue.object([("schema_version", .int(1)), ("file", .string(file)), ("fingerprint", .string(m.fingerprint.description))]).pretty
              : "\(file): \(m.fingerprint)")
    }
}

struct ManifestDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Diff two manifests (or one against this planscope's): exit 0 when the same, 1 when different, 2 on an error.")
    @Option(help: "human, brief or json.")
    var format: ManifestDiffFormat = .human
    @Option(name: .customLong("set"), help: ArgumentHelp("With one file: settings of the current side, name=value.", valueName: "name=value"))
    var settings: [String] = []
    @Option(help: ArgumentHelp("Plan this query under both manifests and show the plan change and which differences cause it.", valueName: "sql"))
    var query: String?
    @Option(help: ArgumentHelp("With --query: a SQL script run first (CREATE TABLE …) to give the query its tables.", valueName: "file"))
    var setup: String?
    @Flag(help: "With --query: plan against the bundled demo tables.")
    var demo = false
    @Argument(help: "The old manifest.")
    var old: String
    @Argument(help: "The new manifest (default: this planscope's).")
    var new: String?

    func run() throws {
        let a = ManifestCommand.read(old, format: format)
        let session = new == nil ? ManifestCommand.session(settings, format: format) : nil
        let b = new.map { ManifestCommand.read($0, format: format) } ?? session?.manifest ?? a
        if let query {
            try explainPlanChange(query, a, b)
            return
        }
        // One file: the engine diffs it against this session; two: the files against each other.
        let diff = session?.manifestDiff(against: a) ?? ManifestDiff(from: a, to: b)
        switch format {
        case .json: print(diff.json.pretty)
        case .brief: print(diff.brief)
        case .human: print(diff.human(colour: isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }

    /// `--query`: the plan of one query under both manifests, and why it changed.
    func explainPlanChange(_ query: String, _ a: PlanningSurfaceManifest, _ b: PlanningSurfaceManifest) throws {
        let session = ManifestCommand.session(settings, format: format)
        if demo { DemoWorkspace.load(into: session) }
        if let setup {
            let script: String
            do { script = try TextFile.read(setup) } catch {
                Planscope.fail(Failure("cannot read setup script '\(setup)': \(error.reason)", kind: "io", file: setup), format: format, code: 2)
            }
            do { _ = try session.execute(script) } catch {
                var failure = Failure(error, file: setup)
                failure.text = "error: \(setup): \(error.rendered)"
                Planscope.fail(failure, format: format, code: 2)
            }
        }
        let change: PlanChange
        do { change = try session.planChange(of: query, from: a, to: b) } catch {
            Planscope.fail(Failure(error), format: format, code: 2)
        }
        switch format {
        case .json: print(change.json.pretty)
        case .brief: print(change.manifestDiff.brief + "; " + (change.planChanged ? "plan changed" : "plan unchanged"))
        case .human: print(change.text)
        }
        if !change.manifestDiff.isEmpty || change.planChanged { throw ExitCode(1) }
    }
}
