/// A Parquet file that cannot be read, or a column planscope cannot read: which file, which
/// column (when one is being read) and the byte offset in the file where reading stopped.
public struct ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let column: String?
    public let offset: Int?
    public let message: String

    public init(path: String, column: String? = nil, offset: Int? = nil, message: String) {
        self.path = path
        self.column = column
        self.offset = offset
        self.message = message
    }

    /// `data.parquet: column 'l_comment', byte 4123: a page's data ends early`.
    public var description: String {
        var where_ = [String]()
        if let column { where_.append("column '\(column)'") }
        if let offset { where_.append("byte \(offset)") }
        return "\(path): " + (where_.isEmpty ? "" : where_.joined(separator: ", ") + ": ") + message
    }
}

/// A failure inside one buffer (a footer, a page header, a page's values): what went wrong
/// and where in that buffer. The reader that owns the buffer adds the file, the column and
/// the buffer's place in the file (``ParquetError``).
public struct DecodeError: Error, Sendable, Equatable {
    public let message: String
    /// The byte offset in the buffer being decoded.
    public let position: Int

    public init(_ message: String, at position: Int) {
        self.message = message
        self.position = position
    }
}
