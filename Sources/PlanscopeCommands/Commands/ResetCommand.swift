/// `\r`: forget the statement being typed (as psql's); the front end that gathers
/// statements does it (the REPL says so, scripts do it silently).
enum ResetCommand: Command {
    static let name = "r"
    static let aliases = ["reset"]
    static let summary = "forget the statement being typed"
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        Outcome(state: state, effects: [.resetInput])
    }
}
