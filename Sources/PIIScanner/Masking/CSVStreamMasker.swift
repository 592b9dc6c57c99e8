import Foundation

/// Masks a CSV export as a stream, record by record (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks). The first record is the header and names the columns
/// that rules match; it is copied as it is. A field that is not masked is copied byte for
/// byte; a masked field is quoted when it was quoted or when its new value needs it. Line
/// endings are kept.
struct CSVStreamMasker {
    let engine: MaskingEngine
    let kind: DocumentKind
    let name: String
    static let maxFieldBytes = 64 << 20

    private var header: [String] = []
    private var decisions: [MaskingEngine.Decision] = []
    private(set) var stats = MaskStats()

    init(engine: MaskingEngine, kind: DocumentKind, name: String) {
        self.engine = engine
        self.kind = kind
        self.name = name
    }

    private struct Field {
        var raw: [UInt8] = []
        var quoted = false
    }

    mutating func run(_ reader: inout ByteReader, _ writer: ByteWriter) throws(MaskError) {
        var isHeader = true
        while reader.peek() != nil {
            var column = 0
            while true {
                let field = try readField(&reader)
                if isHeader {
                    header.append(String(decoding: field.quoted ? Self.unquote(field.raw) : field.raw, as: UTF8.self).trimmingCharacters(in: .whitespaces))
                    writer.write(field.raw)
                } else {
                    write(field, column: column, writer)
                }
                column += 1
                guard let next = reader.peek() else { break }
                if next == UInt8(ascii: ",") {
                    writer.write(reader.next()!)
                    continue
                }
                // End of record: \n or \r\n, copied as they are.
                if next == 0x0D { writer.write(reader.next()!) }
                if reader.peek() == 0x0A { writer.write(reader.next()!) }
                break
            }
            if isHeader {
                isHeader = false
                decisions = header.map { engine.decision(path: [$0], kind: kind) }
            } else {
                stats.records += 1
            }
        }
    }

    private mutating func write(_ field: Field, column: Int, _ writer: ByteWriter) {
        let decision = column < decisions.count ? decisions[column] : engine.decision(path: ["column \(column + 1)"], kind: kind)
        guard decision != .keep, !field.raw.isEmpty else { return writer.write(field.raw) }
        let value = String(decoding: field.quoted ? Self.unquote(field.raw) : field.raw, as: UTF8.self)
        guard let masked = engine.apply(decision, to: value) else { return writer.write(field.raw) }
        stats.count(decision)
        let needsQuotes = field.quoted || masked.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if needsQuotes {
            writer.write(UInt8(ascii: "\""))
            writer.write(masked.replacingOccurrences(of: "\"", with: "\"\""))
            writer.write(UInt8(ascii: "\""))
        } else {
            writer.write(masked)
        }
    }

    /// One field's raw bytes (quotes included when quoted), stopping before `,`, CR/LF or EOF.
    private func readField(_ reader: inout ByteReader) throws(MaskError) -> Field {
        var field = Field()
        guard reader.peek() == UInt8(ascii: "\"") else {
            while let byte = reader.peek(), byte != UInt8(ascii: ","), byte != 0x0A, byte != 0x0D {
                field.raw.append(reader.next()!)
                guard field.raw.count <= Self.maxFieldBytes else { throw tooLong(reader) }
            }
            return field
        }
        field.quoted = true
        field.raw.append(reader.next()!)
        while true {
            guard let byte = reader.next() else {
                throw MaskError.syntax(name, line: reader.line, column: reader.column, "not valid CSV: a quoted field is not closed")
            }
            field.raw.append(byte)
            guard field.raw.count <= Self.maxFieldBytes else { throw tooLong(reader) }
            if byte == UInt8(ascii: "\"") {
                if reader.peek() == UInt8(ascii: "\"") {
                    field.raw.append(reader.next()!)
                } else {
                    break
                }
            }
        }
        // Anything between the closing quote and the separator is kept with the field.
        while let byte = reader.peek(), byte != UInt8(ascii: ","), byte != 0x0A, byte != 0x0D {
            field.raw.append(reader.next()!)
            guard field.raw.count <= Self.maxFieldBytes else { throw tooLong(reader) }
        }
        return field
    }

    private func tooLong(_ reader: ByteReader) -> MaskError {
        MaskError.syntax(name, line: reader.line, column: reader.column, "a CSV field longer than \(Self.maxFieldBytes >> 20) MiB")
    }

    /// The value of a quoted field: outer quotes removed, doubled quotes undone.
    static func unquote(_ raw: [UInt8]) -> [UInt8] {
        guard raw.count >= 2, raw.first == UInt8(ascii: "\"") else { return raw }
        let closing = raw.lastIndex(of: UInt8(ascii: "\"")) ?? raw.count - 1
        guard closing > 0 else { return raw }
        var out: [UInt8] = []
        var i = 1
        while i < closing {
            if raw[i] == UInt8(ascii: "\""), i + 1 < closing, raw[i + 1] == UInt8(ascii: "\"") { i += 1 }
            out.append(raw[i])
            i += 1
        }
        return out
    }
}

