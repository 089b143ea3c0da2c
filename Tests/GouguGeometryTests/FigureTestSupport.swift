import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GouguFigures
import GouguGeometry
import GouguLanguage

/// Problems and helpers for the figure tests.
enum FigureFixtures {
    static let orthocenter = "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"
    static let cyclic = "a b c = triangle a b c; d = on_circum d a b c; e = midpoint e a b ? cyclic a b c d"
    static let cong = "a b c = iso_triangle a b c; m = midpoint m b c ? cong a b a c"
    static let foot = "a b c = triangle a b c; h = foot h a b c ? perp a h b c"
    static let imo2004 = "a b c = triangle a b c; o = midpoint o b c; m = on_circle m o b, on_line m a b; n = on_circle n o b, on_line n a c; r = angle_bisector r b a c, angle_bisector r m o n; o1 = circle o1 b m r; o2 = circle o2 c n r; p = on_circle p o1 r, on_circle p o2 r ? coll p b c"
    /// Three nearly collinear points: the goal's circle through them is enormous.
    static let hugeCircle = "a@0_0 b@1_0 c@0.3_0.004 = triangle a b c; d = midpoint d a b ? cyclic a b c d"

    static let all = [orthocenter, cyclic, cong, foot, imo2004, hugeCircle]

    static func problem(_ statement: String, name: String = "test") throws -> Problem {
        try ProblemParser().parseProblem(name: name, statement: statement)
    }

    static func diagram(_ statement: String, seed: UInt64 = 0) throws -> Diagram {
        try DiagramBuilder().build(problem(statement), seed: seed)
    }

    static func svg(_ statement: String, seed: UInt64 = 0, name: String = "test") throws -> String {
        try Figure(diagram: DiagramBuilder().build(problem(statement, name: name), seed: seed)).svg()
    }
}

/// An SVG document read back with XMLParser: its elements in document order.
struct ParsedSVG {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// The attributes of the enclosing elements, innermost last.
        let ancestors: [[String: String]]
        var text: String

        /// The element's classes.
        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
        /// Whether the element or an ancestor has this class.
        func inside(class name: String) -> Bool {
            classes.contains(name) || ancestors.contains { ($0["class"] ?? "").split(separator: " ").contains { $0 == name } }
        }
        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    }

    let elements: [Element]
    /// The parser's error, if the document is not well-formed XML.
    let error: Error?

    init(_ text: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        let ok = parser.parse()
        elements = delegate.elements
        error = ok ? nil : (parser.parserError ?? CocoaError(.coderReadCorrupt))
    }

    var root: Element? { elements.first }

    /// The viewBox as (x, y, width, height).
    var viewBox: (Double, Double, Double, Double)? {
        let parts = (root?.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        return parts.count == 4 ? (parts[0], parts[1], parts[2], parts[3]) : nil
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let ancestors = stack.map { elements[$0].attributes }
            elements.append(Element(name: elementName, attributes: attributeDict, ancestors: ancestors, text: ""))
            stack.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Text belongs to every open element (a label's subscript is a nested tspan).
            for index in stack { elements[index].text += string }
        }
    }
}
