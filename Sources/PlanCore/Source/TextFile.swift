import Foundation

/// Why a file could not be read, in words: `no such file`, `permission denied`, `is a
/// folder` (from `errno`, so every reader of a user's file says the same).
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot read 'x.json': no such file`.
    public var description: String { "cannot read '\(path)': \(reason)" }

    /// The words for an `errno` value.
    public static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a folder"
        case ENOTDIR: "a part of the path is not a folder"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

/// The one way a user's file (script, spec, manifest, trace) is read whole.
public enum TextFile {
    /// The file's bytes (pipes such as `<(…)` too), or why they cannot be read.
    public static func data(_ path: String) throws(FileReadError) -> Data {
        let handle = try openForReading(path)
        do { return try handle.readToEnd() ?? Data() } catch {
            throw FileReadError(path: path, reason: (error as NSError).localizedDescription.lowercased())
        }
    }

    /// A handle open for reading at the file's start (it closes when released), or why the
    /// file cannot be read: the one way a data file (CSV, JSON lines) is opened too.
    public static func openForReading(_ path: String) throws(FileReadError) -> FileHandle {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(path: path, reason: FileReadError.reason(errno: errno)) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw FileReadError(path: path, reason: FileReadError.reason(errno: EISDIR))
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// A handle open for writing to the emptied file (created if need be; it closes when
    /// released), or why the file cannot be written (`is a folder`, `permission denied`,
    /// `no such folder` when the folder it would be in does not exist): ``FileReadError``'s
    /// reasons, for a message that says `cannot write`.
    public static func openForWriting(_ path: String) throws(FileReadError) -> FileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw FileReadError(path: path, reason: code == ENOENT ? "no such folder" : FileReadError.reason(errno: code))
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// The file's text (UTF-8; invalid bytes replaced), or why it cannot be read.
    public static func read(_ path: String) throws(FileReadError) -> String {
        String(decoding: try data(path), as: UTF8.self)
    }
}
