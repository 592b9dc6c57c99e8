import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The pre-refresh masking job (guide edge case 3): masks one export file into another,
/// streaming, never in place. The output is written to a temporary file beside the target
/// and renamed into place only when complete, so a failure never leaves half a file.
public struct ExportMasker: Sendable {
    public let engine: MaskingEngine

    public init(engine: MaskingEngine) { self.engine = engine }

    /// Masks `input` (JSON, NDJSON or CSV; the extension or the content decides) to `output`.
    public func mask(input: String, output: String, kind: DocumentKind) throws(MaskError) -> MaskStats {
        let source: FileByteSource
        do { source = try FileByteSource(path: input) } catch { throw MaskError(error.description) }
        var head = [UInt8](repeating: 0, count: min(source.size, 4096))
        let n = head.withUnsafeMutableBytes { source.read(at: 0, into: $0) }
        let format = ExportFormat.detect(path: input, head: Array(head.prefix(n)))
        guard format != .text else {
            throw MaskError("\(input): not a JSON, NDJSON or CSV export (by its extension or content); only those are masked")
        }
        if Self.sameFile(input, output) { throw MaskError("\(input): the output would overwrite the input; masking never writes in place") }

        let directory = (output as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((output as NSString).lastPathComponent).partial-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw MaskError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let writer = ByteWriter(descriptor: descriptor)
        var reader = ByteReader(source)
        var stats: MaskStats
        do throws(MaskError) {
            switch format {
            case .csv:
                var masker = CSVStreamMasker(engine: engine, kind: kind, name: input)
                try masker.run(&reader, writer)
                stats = masker.stats
            default:
                var masker = JSONStreamMasker(engine: engine, kind: kind, name: input)
                try masker.run(&reader, writer)
                stats = masker.stats
            }
            writer.flush()
            if let failure = writer.failure { throw MaskError("cannot write \(output): \(failure)") }
            guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw MaskError("cannot write \(output): \(String(cString: strerror(errno)))") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, output) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw MaskError("cannot write \(output): \(reason)")
        }
        stats.bytesRead = source.size
        stats.bytesWritten = writer.written
        return stats
    }

    /// Whether two paths name one file (hard links, symlinks and `./` spellings included).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
