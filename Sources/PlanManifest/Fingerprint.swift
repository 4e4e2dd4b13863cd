import Crypto
import Foundation
import PlanCore

/// A SHA-256 over canonical JSON (sorted keys, no whitespace): equal documents give equal
/// fingerprints on every machine. Never hash a description or an ad-hoc encoding.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    init(hex: String) { self.hex = hex }

    public init(of document: JSONValue) {
        self.init(canonicalBytes: document.canonicalBytes)
    }

    /// The fingerprint of a document already written in canonical form.
    public init(canonicalBytes: [UInt8]) {
        let digest = SHA256.hash(data: canonicalBytes)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest { text.append(digits[Int(byte >> 4)]); text.append(digits[Int(byte & 0xF)]) }
        hex = String(decoding: text, as: UTF8.self)
    }

    /// `sha256:` and the first 16 hex digits, for display.
    public var short: String { "sha256:" + hex.prefix(16) }
    public var description: String { "sha256:" + hex }
}
