import GouguAlgebraicProof
import GouguDeduction
import GouguFigures
import GouguGeometry
import GouguLanguage
import GouguProof

/// A proof as one self-contained HTML page: the figure beside the numbered proof.
///
/// Selecting a step (by mouse, or with the arrow keys, Enter and Space) lights up on the
/// figure the points, lines, circles and triangles its statement speaks of, and marks the
/// steps it cites. Premises and the goal are marked in the list; auxiliary points are drawn
/// in their own colour. A proof by coordinates shows its parametrisation and the identity
/// it reduces. The page needs no network: style, script and figure are inline. A page
/// opened at `#step-N` starts with step N selected (the list item is `#line-N`).
///
///     let page = ProofPage(diagram: diagram, proof: proof, statementPoints: 4)
///     try page.html.write(to: url, atomically: true, encoding: .utf8)
public struct ProofPage: Sendable {
    /// The diagram of the problem the proof proves (with its auxiliary points).
    public let diagram: Diagram
    /// The synthetic proof, if that is what the page shows.
    public let proof: Proof?
    /// The proof by coordinates, if that is what the page shows.
    public let coordinateProof: AlgebraicProof?
    /// How many points the statement has; later points are auxiliary.
    public let statementPoints: Int

    public init(diagram: Diagram, proof: Proof? = nil, coordinateProof: AlgebraicProof? = nil, statementPoints: Int? = nil) {
        self.diagram = diagram
        self.proof = proof
        self.coordinateProof = coordinateProof
        self.statementPoints = statementPoints ?? diagram.problem.points.count
    }

    /// One line of the proof as the page lists it.
    struct Line {
        var number: Int
        var statement: String
        var reason: String
        var cites: [Int]
        var isPremise: Bool
        var isGoal: Bool
    }

    /// The proof's lines: premises, then steps, the last step being the goal.
    var lines: [Line] {
        guard let proof else { return [] }
        let premises = proof.premises.map {
            Line(number: $0.number, statement: $0.statement, reason: $0.reason ?? "", cites: $0.cites, isPremise: true, isGoal: false)
        }
        let steps = proof.steps.enumerated().map { index, step in
            Line(number: step.number, statement: step.statement, reason: step.reason ?? "", cites: step.cites, isPremise: false,
                 isGoal: index == proof.steps.count - 1)
        }
        return premises + steps
    }

    /// The page.
    public var html: String {
        let problem = diagram.problem
        let lines = self.lines
        let figure = Figure(diagram: diagram)
        let frame = figure.frame
        var svg = figure.svg()
        if let start = svg.range(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        for point in problem.points[statementPoints...] {
            let name = escape(point.name)
            svg = svg.replacingOccurrences(of: "class=\"point\" data-point=\"\(name)\"", with: "class=\"point auxiliary-point\" data-point=\"\(name)\"")
        }
        let overlays = ProofOverlays(diagram: diagram, frame: frame, statementPoints: statementPoints)
            .svg(for: lines.map { ($0.number, $0.statement) })
        if let end = svg.range(of: "</svg>", options: .backwards) {
            svg.replaceSubrange(end, with: overlays + "</svg>")
        }
        var body = ""
        body += "<header><h1>\(escape(problem.name))</h1>\n"
        body += "<p class=\"statement\"><code>\(escape(problem.statementText))</code></p>\n"
        if statementPoints < problem.points.count {
            let auxiliary = problem.points[statementPoints...].map(\.name).joined(separator: ", ")
            body += "<p class=\"auxiliary-note\">Auxiliary points (drawn in blue): \(escape(auxiliary))</p>\n"
        }
        body += "</header>\n<main>\n<figure id=\"figure\" aria-label=\"figure of the problem\">\n\(svg)\n</figure>\n"
        body += "<section id=\"proof\" aria-label=\"proof\">\n"
        if proof != nil {
            body += "<h2>Proof</h2>\n<p class=\"help\">Select a step (click, or arrow keys): its objects light up in the figure, the steps it cites are marked.</p>\n"
            body += "<ol id=\"steps\" role=\"listbox\" aria-label=\"proof steps\">\n"
            for line in lines {
                var classes = ["step"]
                if line.isPremise { classes.append("premise") }
                if line.isGoal { classes.append("goal") }
                let points = pointNames(in: line.statement).joined(separator: " ")
                body += "<li id=\"line-\(line.number)\" class=\"\(classes.joined(separator: " "))\" role=\"option\" tabindex=\"-1\""
                    + " data-step=\"\(line.number)\" data-points=\"\(escape(points))\" data-cites=\"\(line.cites.map(String.init).joined(separator: " "))\">"
                body += "<span class=\"number\">(\(line.number))</span> <code class=\"statement\">\(escape(line.statement))</code>"
                if line.isPremise { body += " <span class=\"badge\">premise</span>" }
                if line.isGoal { body += " <span class=\"badge goal-badge\">goal</span>" }
                body += "<div class=\"reason\">\(linkedCitations(escape(line.reason)))</div></li>\n"
            }
            body += "</ol>\n"
        }
        if let coordinateProof {
            body += "<h2>Proof by coordinates</h2>\n<p class=\"help\">The points as rational functions of the parameters, and the goal's identity.</p>\n"
            body += "<pre class=\"coordinates\">\(escape(coordinateProof.text))</pre>\n"
        }
        body += "</section>\n</main>\n"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Proof of \(escape(problem.name))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        \(body)<script>\(Self.script)</script>
        </body>
        </html>

        """
    }

    /// The point names a statement (`perp a h b c`) speaks of, in order, each once.
    func pointNames(in statement: String) -> [String] {
        var seen = Set<String>()
        return statement.split(separator: " ").dropFirst().map(String.init).filter {
            diagram.problem.point(named: $0) != nil && seen.insert($0).inserted
        }
    }

    /// `(3)` in a reason made a link to step 3.
    func linkedCitations(_ reason: String) -> String {
        var out = ""
        var rest = Substring(reason)
        while let open = rest.firstIndex(of: "(") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            let digits = after.prefix(while: \.isNumber)
            if !digits.isEmpty, after.dropFirst(digits.count).first == ")" {
                out += "<a href=\"#step-\(digits)\" class=\"cite\" data-goto=\"\(digits)\">(\(digits))</a>"
                rest = after.dropFirst(digits.count + 1)
            } else {
                out += "("
                rest = after
            }
        }
        return out + rest
    }

    static let style = """
    body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; height: 100vh; display: flex; flex-direction: column; }
    header { padding: 12px 20px; border-bottom: 1px solid #ddd; background: #fff; flex: 0 0 auto; }
    h1 { font-size: 1.3em; margin: 0 0 6px 0; }
    h2 { font-size: 1.1em; margin: 8px 0; }
    .statement code, code.statement { font-family: ui-monospace, monospace; }
    main { display: flex; gap: 16px; padding: 12px 20px; flex: 1 1 auto; min-height: 0; }
    #figure { align-self: flex-start; margin: 0; flex: 0 0 auto; background: #fff; border: 1px solid #ddd; max-height: 100%; overflow: auto; }
    #figure svg { display: block; max-width: 56vw; max-height: calc(100vh - 180px); height: auto; width: auto; }
    #proof { flex: 1 1 auto; min-width: 320px; overflow-y: auto; position: relative; }
    .help, .auxiliary-note { color: #555; font-size: 0.9em; margin: 4px 0; }
    ol#steps { list-style: none; padding: 0; margin: 0; }
    li.step { padding: 5px 8px; border-left: 4px solid transparent; border-radius: 3px; cursor: pointer; }
    li.step:hover { background: #f0f0f0; }
    li.step:focus { outline: 2px solid #6a9ad6; outline-offset: -2px; }
    li.step.premise { color: #444; }
    li.step.goal .statement { font-weight: bold; }
    li.step.selected { background: #fff3cd; border-left-color: #e0a100; }
    li.step.cited { background: #e3efff; border-left-color: #4a7fd0; }
    .number { color: #777; font-variant-numeric: tabular-nums; }
    .badge { font-size: 0.75em; padding: 1px 5px; border-radius: 8px; background: #e6e6e6; color: #444; }
    .goal-badge { background: #d6f5d6; color: #145214; }
    .reason { font-size: 0.85em; color: #555; margin: 2px 0 0 2.2em; }
    .reason a.cite { color: #2a5db0; text-decoration: none; }
    pre.coordinates { background: #fff; border: 1px solid #ddd; padding: 8px; white-space: pre-wrap; font-size: 0.85em; }
    svg .point.auxiliary-point { fill: #2a5db0; }
    svg .point.hl { fill: #e67e00; r: 6px; }
    svg .label.hl { fill: #e67e00; font-weight: bold; }
    svg .overlay { display: none; }
    svg .overlay.shown { display: inline; }
    """

    static let script = """
    (function () {
      var steps = Array.prototype.slice.call(document.querySelectorAll('li.step'));
      function byNumber(n) { return document.getElementById('line-' + n); }
      function select(li, focus) {
        steps.forEach(function (s) { s.classList.remove('selected', 'cited'); s.setAttribute('aria-selected', 'false'); s.tabIndex = -1; });
        document.querySelectorAll('svg .hl').forEach(function (e) { e.classList.remove('hl'); });
        document.querySelectorAll('svg .overlay.shown').forEach(function (e) { e.classList.remove('shown'); });
        if (!li) { return; }
        li.classList.add('selected');
        li.setAttribute('aria-selected', 'true');
        li.tabIndex = 0;
        (li.dataset.cites || '').split(' ').filter(Boolean).forEach(function (n) {
          var c = byNumber(n); if (c) { c.classList.add('cited'); }
        });
        (li.dataset.points || '').split(' ').filter(Boolean).forEach(function (name) {
          document.querySelectorAll('svg [data-point="' + name + '"]').forEach(function (e) { e.classList.add('hl'); });
        });
        var overlay = document.getElementById('overlay-' + li.dataset.step);
        if (overlay) { overlay.classList.add('shown'); }
        var pane = document.getElementById('proof');
        var top = li.offsetTop - pane.offsetTop, bottom = top + li.offsetHeight;
        if (top < pane.scrollTop || bottom > pane.scrollTop + pane.clientHeight) { pane.scrollTop = top - pane.clientHeight / 4; }
        if (focus) { li.focus({ preventScroll: true }); }
        if (history.replaceState) { history.replaceState(null, '', '#step-' + li.dataset.step); }
      }
      steps.forEach(function (li, i) {
        li.addEventListener('click', function (event) {
          var link = event.target.closest('a.cite');
          if (link) { event.preventDefault(); select(byNumber(link.dataset.goto), true); return; }
          select(li, true);
        });
        li.addEventListener('keydown', function (event) {
          var next = null;
          if (event.key === 'ArrowDown' || event.key === 'j') { next = steps[Math.min(i + 1, steps.length - 1)]; }
          else if (event.key === 'ArrowUp' || event.key === 'k') { next = steps[Math.max(i - 1, 0)]; }
          else if (event.key === 'Home') { next = steps[0]; }
          else if (event.key === 'End') { next = steps[steps.length - 1]; }
          else if (event.key === 'Enter' || event.key === ' ') { next = li; }
          if (next) { event.preventDefault(); select(next, true); }
        });
      });
      var start = location.hash.match(/^#step-(\\d+)$/);
      // The fragment selects its step (no element has its name, so the page stays at the
      // top and only the list scrolls).
      if (start && byNumber(start[1])) { select(byNumber(start[1]), false); }
      else if (steps.length) { steps[0].tabIndex = 0; }
    })();
    """
}
