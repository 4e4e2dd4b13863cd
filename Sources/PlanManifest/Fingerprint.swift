import Crypto
import Foundation
import PlanCore

/// A SHA-256 over canonical JSON (sorted keys, no whitespace): equal documents give equal
/// fingerprints on every machine. Never hash a description or an ad-hoc encoding.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    public init(of document: JSONValue) {
        let digest = SHA256.hash(data: Data(document.canonical.utf8))
        hex = digest.map { String(format: "%02x", $0) }.joined()
    }

    /// `sha256:` and the first 16 hex digits, for display.
    public var short: String { "sha256:" + hex.prefix(16) }
    public var description: String { "sha256:" + hex }
}
