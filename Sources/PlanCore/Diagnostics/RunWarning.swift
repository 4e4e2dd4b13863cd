/// A warning a statement or a pipeline run produced: a stable code, the stage it came
/// from, and a message (`[PUSHDOWN_VIOLATION] execution: …`).
public struct RunWarning: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let stage: String
    public let message: String
    public init(code: String, stage: String, message: String) {
        self.code = code
        self.stage = stage
        self.message = message
    }
    public var description: String { "[\(code)] \(stage): \(message)" }
}
