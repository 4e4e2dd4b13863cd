import PlanCore

/// Why a trace from another engine could not be read, with the place: the file's line
/// (1-based) where the problem is, or 0 when it is about the whole trace (a section
/// missing at its end).
public struct ForeignTraceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    /// `line 12: …`, or the message alone for the whole trace; quoted input is shown as
    /// errors show input (``PlanCore/ReadableText``: control characters escaped, long
    /// quotes cut).
    public var description: String { ReadableText.message(line > 0 ? "line \(line): \(message)" : message) }
}
