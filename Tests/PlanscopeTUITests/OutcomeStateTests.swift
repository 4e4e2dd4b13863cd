import Foundation
import PlanEngine
import PlanManifest
import PlanPipeline
import PlanscopeCommands
import PlanscopeTUI
import Testing

/// A command's outcome → the action the app makes of it → the state: the update is the
/// only writer, kinds (not text) decide how lines look, effects become engine work.
@Suite struct OutcomeStateTests {
    @Test func linesTakeTheirRoleFromTheirKind() throws {
        var (state, _, _) = try Support.demoState(width: 120, height: 40)
        let lines = [OutputLine(.data, "warning: this is a value in a table"), OutputLine(.warning, "warning: careful"),
                     OutputLine(.error, "no prefix, still an error"), OutputLine(.notice, "Timing is on.")]
        _ = state.update(.ran(Outcome(state: state.commands, lines: lines), statement: nil), env: Environment())
        #expect(state.messages.suffix(4).map(\.role) == [.text, .warning, .error, .dim])
    }

    @Test func quitIsAnEffect() throws {
        var (state, _, _) = try Support.demoState(width: 120, height: 40)
        #expect(state.update(.ran(Outcome(state: state.commands, effects: [.quit]), statement: nil), env: Environment()) == [.quit])
        #expect(state.quit)
    }

    @Test func aLoadedPipelineReplacesTheGraph() throws {
        var (state, session, demo) = try Support.demoState(width: 120, height: 40)
        // The same spec again: the graph stays (its selection kept).
        state.lists[.graph] = ListState(selected: 3)
        _ = state.update(.ran(Outcome(state: CommandState(pipeline: demo)), statement: nil), env: Environment())
        #expect(state.list(.graph).selected == 3)
        // Another spec: its views.
        let other = try Support.queryViewPipeline(session)
        _ = state.update(.ran(Outcome(state: CommandState(pipeline: other)), statement: nil), env: Environment())
        #expect(state.pipeline?.rows.map(\.name).contains("query") == true)
        #expect(state.commands.pipeline?.contract.specHash == other.contract.specHash)
    }

    @Test func changedSettingsRefreshTheHeaderAndManifestAndReplanTheSubject() throws {
        var (state, session, _) = try Support.demoState(width: 120, height: 40)
        let subject = try #require(state.subject)
        #expect(state.update(.ran(Outcome(state: state.commands, effects: [.settingsChanged]), statement: nil), env: Environment())
                == [.refreshSession])
        try session.set("optimizer.rule.push_down_filter", "off")
        let effects = state.update(.sessionChanged(header: Workspace.header(session, source: "demo"),
                                                   manifest: Workspace.defaultManifestDiff(session)), env: Environment())
        // Planned again, not run again.
        #expect(effects == [.inspect(subject: subject, analyze: false)])
        #expect(state.manifestTitle == "defaults ↔ session")
        #expect(state.manifestDiff?.changes.count == 1)
        #expect(state.header.rulepackFingerprint == session.manifest.rulepackFingerprint)
    }

    @Test func openTUIInsideTheTUISaysSo() throws {
        var (state, _, _) = try Support.demoState(width: 120, height: 40)
        #expect(state.update(.ran(Outcome(state: state.commands, effects: [.openTUI(spec: nil)]), statement: nil), env: Environment()).isEmpty)
        #expect(state.messages.last?.text == "already in the TUI")
    }
}

/// One key map drives key handling, the `?` overlay and the footer hints.
@Suite struct KeyMapTests {
    @Test func noKeyIsBoundTwiceInOneScope() {
        for b in KeyMap.bindings {
            for key in b.keys {
                let same = KeyMap.bindings.filter { $0.scope == b.scope && $0.keys.contains(key) }
                #expect(same.count == 1, "\(key.name) bound \(same.count) times in \(b.scope)")
            }
        }
    }

    @Test func theCommandLineEditsWithTheKeysTheMapNames() {
        for b in KeyMap.bindings where b.scope == .commandLine && b.action == .edit {
            for key in b.keys {
                var line = LineEdit("some text")
                let handled = line.apply(key, history: ["earlier"])
                #expect(handled, "\(key.name) is listed but LineEdit does not handle it")
            }
        }
    }

    @Test func helpAndHintsComeFromTheMap() throws {
        let help = KeyMap.helpSections.flatMap { $0.keys.map(\.1) }
        for b in KeyMap.bindings { #expect(help.contains(b.help)) }
        let hints = KeyMap.hints(for: .trace).map { "\($0.key) \($0.what)" }
        #expect(hints.contains("[ ] step") && hints.contains("{ } pass") && hints.first == "Tab pane")
        // The footer shows them.
        var state = try SnapshotTests.scene(width: 120, height: 40)
        state.focus = .manifest
        #expect(Screen.render(state).grid.lines.last?.contains("s side by side") == true)
    }

    @Test func arrowsNoLongerSwitchPanes() throws {
        var state = try SnapshotTests.scene(width: 80, height: 24)
        state.focus = .pushdown
        _ = state.update(.key(.right), env: Environment())
        _ = state.update(.key(.left), env: Environment())
        #expect(state.focus == .pushdown)
        _ = state.update(.key(.backTab), env: Environment())
        #expect(state.focus == .trace)
    }
}
