/// `sandbox-refresh graph --format dot|mermaid|text`.
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot, mermaid, text
}

public enum GraphExport {
    public static func render(_ graph: PlanGraph, format: GraphFormat) -> String {
        switch format {
        case .dot: return dot(graph)
        case .mermaid: return mermaid(graph)
        case .text: return text(graph)
        }
    }

    static func dot(_ graph: PlanGraph) -> String {
        var lines = ["digraph \"\(escape(graph.plan.name))\" {", "  rankdir=TB;", "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"]
        for node in graph.nodes {
            let shape = node.step.isGate ? ", shape=diamond" : ""
            lines.append("  \"\(node.id)\" [label=\"\(escape(node.title))\"\(shape)];")
        }
        for edge in graph.edges {
            let style: String
            switch edge.condition {
            case .success: style = ""
            case .failure: style = " [style=dashed, color=red, label=\"fails\"]"
            default: style = " [label=\"\(escape(edge.label))\"\(edge.limit != nil ? ", style=bold" : "")]"
            }
            lines.append("  \"\(edge.from)\" -> \"\(edge.to)\"\(style);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func mermaid(_ graph: PlanGraph) -> String {
        var lines = ["flowchart TD"]
        func id(_ raw: String) -> String { raw.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_") }
        for node in graph.nodes {
            let label = node.title.replacingOccurrences(of: "\"", with: "'")
            lines.append(node.step.isGate ? "  \(id(node.id)){\"\(label)\"}" : "  \(id(node.id))[\"\(label)\"]")
        }
        for edge in graph.edges {
            switch edge.condition {
            case .success: lines.append("  \(id(edge.from)) --> \(id(edge.to))")
            case .failure: lines.append("  \(id(edge.from)) -. fails .-> \(id(edge.to))")
            default: lines.append("  \(id(edge.from)) -- \"\(edge.label)\" --> \(id(edge.to))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ graph: PlanGraph) -> String {
        var lines: [String] = []
        for node in graph.nodes {
            lines.append("\(node.id)  (\(node.title))")
            for edge in graph.successors(of: node.id) where edge.condition != .failure {
                lines.append("  -> \(edge.to)\(edge.condition == .success ? "" : "  [\(edge.label)]")")
            }
        }
        let failing = graph.edges.filter { $0.condition == .failure }.map(\.from)
        lines.append("on failure (\(failing.count) steps) -> artifacts")
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
