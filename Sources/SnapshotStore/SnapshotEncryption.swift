import Crypto
import Foundation

/// Whether a snapshot's object files are sealed. The caller resolves the key (from the plan's
/// secret reference); this store never reads the environment or a secret store itself.
public enum SnapshotEncryption: Sendable {
    case none
    /// AES-256-GCM: each object file sealed on its own, in the combined representation
    /// (12-byte nonce, ciphertext, 16-byte tag), with the file's path inside the snapshot as
    /// authenticated data so two sealed files cannot be swapped unnoticed.
    case aesGCM(SymmetricKey)

    var key: SymmetricKey? {
        if case let .aesGCM(key) = self { return key }
        return nil
    }

    /// Bytes a sealed file adds to its content.
    static let overhead = 12 + 16

    /// A value derived from the key that the manifest records, so a wrong key is told apart
    /// from a tampered file (both fail authentication). An HMAC of a fixed label: it reveals
    /// nothing of the key.
    static func keyCheck(_ key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("sandbox-refresh snapshot key check v1".utf8), using: key)
        return Data(mac).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    static func seal(_ content: Data, key: SymmetricKey, path: String) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(content, using: key, authenticating: Data(path.utf8)).combined else {
                throw SnapshotError.io(path: path, operation: "encrypt", reason: "no combined representation")
            }
            return combined
        } catch let error as SnapshotError {
            throw error
        } catch {
            throw SnapshotError.io(path: path, operation: "encrypt", reason: "\(type(of: error))")
        }
    }

    /// Nil when the file fails authentication (tampered, or sealed for another path).
    static func open(_ sealed: Data, key: SymmetricKey, path: String) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: key, authenticating: Data(path.utf8))
    }
}

/// A 256-bit key from text, as a secret store or an environment variable holds it.
public enum SnapshotKey {
    /// Accepts 64 hex digits or the base64 (standard or URL-safe, padding optional) of 32
    /// bytes; surrounding whitespace is ignored. The error says what is wrong with the text,
    /// never the text.
    public static func parse(_ text: String) throws -> SymmetricKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SnapshotError.invalidKey(reason: "the key text is empty") }
        if trimmed.utf8.count == 64, let bytes = hex(trimmed) { return SymmetricKey(data: bytes) }
        var base64 = trimmed.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let bytes = Data(base64Encoded: base64) else {
            throw SnapshotError.invalidKey(reason: "the key text (\(trimmed.utf8.count) characters) is neither 64 hex digits nor base64")
        }
        guard bytes.count == 32 else {
            throw SnapshotError.invalidKey(reason: "the key decodes to \(bytes.count) bytes, not 32")
        }
        return SymmetricKey(data: bytes)
    }

    /// A new random key as 64 hex digits, for an operator setting one up.
    public static func generateHex() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
    }

    private static func hex(_ text: String) -> Data? {
        var bytes = Data(capacity: text.utf8.count / 2)
        var high: UInt8?
        for char in text.utf8 {
            let value: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = char - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high { bytes.append(h << 4 | value); high = nil } else { high = value }
        }
        return bytes
    }
}
