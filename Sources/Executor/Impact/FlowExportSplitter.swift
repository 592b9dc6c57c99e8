import Foundation

/// Splits one export download into one file per flow. A `Yaml` export of several flows is one
/// document per flow, `---` between them; each document's top-level key is the flow type in
/// Archy's spelling (`inboundCall`) and its `name` the flow's name (docs/live-platform.md).
/// A document is matched to a flow by name and type; a single flow's download is its file.
enum FlowExportSplitter {
    static func split(_ data: Data, flows: [(id: String, name: String, type: String?)]) -> [String: Data] {
        let text = String(decoding: data, as: UTF8.self)
        var documents: [[Substring]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "---" { documents.append([]) } else { documents[documents.count - 1].append(line) }
        }
        let files = documents.filter { $0.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
        if flows.count == 1, files.count == 1, let only = flows.first { return [only.id: data] }
        var byKey: [String: String] = [:]
        for flow in flows { byKey[key(name: flow.name, type: flow.type)] = flow.id }
        var result: [String: Data] = [:]
        for lines in files {
            guard let (name, type) = identity(lines), let id = byKey[key(name: name, type: type)] ?? byKey[key(name: name, type: nil)] else { continue }
            result[id] = Data((lines.joined(separator: "\n") + "\n").utf8)
        }
        return result
    }

    /// `INBOUNDCALL` and `inboundCall` are the same type.
    static func key(name: String, type: String?) -> String {
        "\(type.map { $0.lowercased().replacingOccurrences(of: "_", with: "") } ?? "*")\u{1F}\(name.lowercased())"
    }

    /// The document's flow name (its `name` under the top-level key) and type key.
    static func identity(_ lines: [Substring]) -> (String, String)? {
        guard let top = lines.first(where: { !$0.hasPrefix(" ") && !$0.hasPrefix("#") && $0.hasSuffix(":") }) else { return nil }
        let type = String(top.dropLast())
        guard let nameLine = lines.first(where: { $0.hasPrefix("  name:") }) else { return nil }
        var name = nameLine.dropFirst("  name:".count).trimmingCharacters(in: .whitespaces)
        if name.count >= 2, let first = name.first, first == "\"" || first == "'", name.last == first {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        return (name, type)
    }
}
