import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an HTML report as XML: the reports are written as well-formed XHTML-style markup, so
/// a parse failure is a broken page. Collects what the checks look at: element names, every
/// `src`/`href`, and the text as a reader sees it (entities decoded).
public final class XHTMLCheck: NSObject, XMLParserDelegate, @unchecked Sendable {
    public private(set) var elements: [String] = []
    public private(set) var links: [String] = []
    public private(set) var text = ""
    public private(set) var error: String?

    public static func parse(_ html: String) -> XHTMLCheck {
        let check = XHTMLCheck()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = check
        if !parser.parse() {
            check.error = "\(parser.parserError.map { "\($0)" } ?? "parse failed") at line \(parser.lineNumber), column \(parser.columnNumber)"
        }
        return check
    }

    public func count(_ element: String) -> Int { elements.filter { $0 == element }.count }

    /// Anything a browser would fetch: elements that load resources, and links that are not
    /// relative (a scheme, a protocol-relative `//`, or an absolute path).
    public var externalResources: [String] {
        let loaders: Set = ["script", "link", "img", "iframe", "object", "embed", "audio", "video", "source", "image", "use", "base"]
        return elements.filter { loaders.contains($0) }
            + links.filter { $0.contains(":") || $0.hasPrefix("//") || $0.hasPrefix("/") }
    }

    public func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(element)
        for (name, value) in attributes where ["src", "href", "xlink:href", "action", "srcset"].contains(name) { links.append(value) }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
