import Foundation

/// What is in a folder, listed once per version of the folder through the process's
/// listing cache (``CacheManager/fileListings``): a listing is served again only while
/// the folder and every subfolder it went into keeps its identity (a folder's
/// modification time changes when an entry is added, removed or renamed in it).
public enum FileListing {
    /// Every file under `root`, at any depth (not into symbolic links to folders, which
    /// could loop), as paths relative to `root` (`year=2024/part-0.csv`), sorted; nil when
    /// `root` is not a folder.
    public static func files(under root: String) -> [String]? {
        guard isDirectory(root) else { return nil }
        return CacheManager.shared.fileListings.value(for: root, variant: "tree") {
            var watched: [String: FileIdentity] = [:]
            var files: [String] = []
            walk(root, relative: "", into: &files, watched: &watched)
            files.sort()
            return (files, bytes: files.reduce(64) { $0 + $1.utf8.count + 32 }, watched: watched)
        }
    }

    /// The names in the folder `directory` (one level, files and folders), sorted; nil
    /// when it is not a folder or cannot be read.
    public static func entries(of directory: String) -> [String]? {
        guard isDirectory(directory) else { return nil }
        return CacheManager.shared.fileListings.value(for: directory, variant: "entries") {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            return (names, bytes: names.reduce(64) { $0 + $1.utf8.count + 32 }, watched: [:])
        }
    }

    /// The files under `directory` into `files`, each folder's identity taken before it is read.
    private static func walk(_ directory: String, relative: String, into files: inout [String],
                             watched: inout [String: FileIdentity]) {
        if let identity = FileIdentity.of(directory) { watched[directory] = identity }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let inside = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(path, relative: inside, into: &files, watched: &watched)
            case S_IFLNK: if !isDirectory(path) { files.append(inside) }
            default: files.append(inside)
            }
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
