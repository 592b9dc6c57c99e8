import Crypto
import Foundation

/// How identifiers become path components. Nothing a platform returns (an id, a file name
/// from an export job) may leave the snapshot directory, so every component is checked here,
/// on write and again on read (a manifest is a file anyone with access can edit).
enum SnapshotPaths {
    static let manifestName = "manifest.json"
    /// The unfinished write's object log (see `SnapshotWriter`).
    static let logName = "objects.log"
    static let maxComponentBytes = 200

    /// A sandbox id, run id or explicit file name: one path component, as given.
    static func checkComponent(_ value: String, what: String) throws {
        if let reason = problem(value) { throw SnapshotError.unsafeComponent(what: what, value: value, reason: reason) }
    }

    /// A sandbox or run id is also a directory the catalog lists, which skips hidden entries
    /// (temporary files, an operator's dot files), so it may not start with a dot.
    static func checkDirectoryName(_ value: String, what: String) throws {
        try checkComponent(value, what: what)
        if value.hasPrefix(".") { throw SnapshotError.unsafeComponent(what: what, value: value, reason: "it starts with a dot") }
    }

    /// A kind names a directory beside `manifest.json` and the object log, so it is held to
    /// a plain word: `queue`, `flow`, `dataTable`, `wrapup-code`.
    static func checkKind(_ kind: String) throws {
        try checkComponent(kind, what: "kind")
        let bytes = Array(kind.utf8)
        let plain = bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        guard plain, isAlphanumeric(bytes[0]), bytes.count <= 64 else {
            throw SnapshotError.unsafeComponent(what: "kind", value: kind, reason: "a kind is 1 to 64 of A-Z a-z 0-9 _ -, starting with a letter or digit")
        }
    }

    /// An object id is refused outright when it could mean a path (`..`, `/`, NUL), then
    /// spelt as a portable file name: A-Z a-z 0-9 . _ - as they are, every other byte as
    /// %XX (so two ids never share a name), a leading dot escaped (no hidden files), and a
    /// long id cut with its SHA-256 appended.
    static func fileName(forId id: String) throws -> String {
        if let reason = problem(id, limitLength: false) { throw SnapshotError.unsafeComponent(what: "object id", value: id, reason: reason) }
        var name = ""
        for (index, byte) in id.utf8.enumerated() {
            let kept = isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || (byte == UInt8(ascii: ".") && index > 0)
            name += kept ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        if name.utf8.count > 150 {
            let digest = SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
            name = String(name.prefix(80)) + "~" + digest
        }
        return name + ".json"
    }

    /// The object file's path relative to the snapshot directory: `<kind>/<file>`.
    static func relativePath(kind: String, id: String, file: String?) throws -> String {
        try checkKind(kind)
        if let file {
            try checkComponent(file, what: "file name")
            guard !file.hasPrefix("."), file != manifestName else {
                throw SnapshotError.unsafeComponent(what: "file name", value: file, reason: "it starts with a dot")
            }
            _ = try fileName(forId: id)
            return kind + "/" + file
        }
        return kind + "/" + (try fileName(forId: id))
    }

    /// Checks a relative path read from a manifest: exactly `<kind>/<file>`, both safe.
    static func checkRelativePath(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            throw SnapshotError.unsafeComponent(what: "file", value: path, reason: "an object file is <kind>/<name>")
        }
        try checkKind(parts[0])
        try checkComponent(parts[1], what: "file name")
    }

    private static func problem(_ value: String, limitLength: Bool = true) -> String? {
        if value.isEmpty { return "it is empty" }
        if value == "." || value == ".." { return "it is '\(value)'" }
        if value.contains("/") { return "it contains '/'" }
        if value.utf8.contains(0) { return "it contains a NUL byte" }
        if limitLength && value.utf8.count > maxComponentBytes { return "it is longer than \(maxComponentBytes) bytes" }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
