import PlanscopeCommands
import Testing

/// At the prompt a statement's lines are its own, whatever commands came before or inside
/// it (an error's line is the statement's line); a script's positions stay the file's.
@Suite struct InputBufferTests {
    @Test func aCommandBeforeAStatementCountsNoLineAtThePrompt() {
        var input = InputBuffer(positionsPerStatement: true)
        #expect(input.feed("\\timing off") == [.command("\\timing off")])
        #expect(input.feed("SELECT l_shipdat FROM lineitem;") == [.sql("SELECT l_shipdat FROM lineitem;")])
    }

    @Test func aCommandInsideAStatementCountsNoLineAtThePrompt() {
        var input = InputBuffer(positionsPerStatement: true)
        #expect(input.feed("SELECT 1 AS one").isEmpty)
        #expect(input.feed("\\timing off") == [.command("\\timing off")])
        #expect(input.feed("FROM t;") == [.sql("SELECT 1 AS one\nFROM t;")])
    }

    @Test func aScriptKeepsCountingTheFilesLines() {
        var input = InputBuffer()
        #expect(input.feed("\\timing off") == [.command("\\timing off")])
        #expect(input.feed("SELECT 1;") == [.sql("\nSELECT 1;")])
    }
}
