import Foundation

/// What says a file is still the one a cache entry was made from: its size, its
/// modification time in nanoseconds, its inode and device. A file rewritten in place
/// (same size, a new modification time), replaced by a rename (a new inode) or grown
/// gets a new identity. (Not caught: a rewrite within the same nanosecond tick that keeps
/// the size — file systems with coarse timestamps make that possible; documented.)
public struct FileIdentity: Hashable, Sendable {
    public let size: Int64
    public let modifiedNanos: Int64
    public let inode: UInt64
    public let device: UInt64

    /// The identity of the file at `path` now, nil when it cannot be read.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let nanos = Int64(info.st_mtim.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        let modified = nanos.overflow ? Int64.max : nanos.partialValue.addingReportingOverflow(Int64(info.st_mtim.tv_nsec)).partialValue
        return FileIdentity(size: Int64(info.st_size), modifiedNanos: modified, inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }
}
