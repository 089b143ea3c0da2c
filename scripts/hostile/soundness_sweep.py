#!/usr/bin/env python3
"""Soundness sweep: ask `gougu solve` to prove goals that are false or degenerate.

For every problem of the benchmark files that `gougu diagram` can read, the goal is
replaced by

  (a) FALSE goals: random statements over the problem's points (coll, cyclic, para, perp,
      cong, midp, circle, eqangle, eqratio, simtri, simtri2, contri, contri2, aconst,
      rconst), kept only when `gougu diagram` reports them FALSE in the diagram;
  (b) DEGENERATE goals: a point repeated where the predicate needs distinct points
      (perp a a b c, para a a b c, eqangle a a b c b c a a, midp a a a, cyclic a b c a,
      cong a a b c, rconst a a b c 1/2, aconst b b b c 0/1, ...).

Each goal is solved alone (`gougu solve FILE --timeout S --json`, the default pipeline:
deduction, coordinates, search). Outcomes: refused as bad input (exit 2; what a
degenerate goal should get), not proved (exit 1), PROVED (exit 0: a soundness failure),
crashed (a signal or another exit status) or hung (killed at timeout + 30 s).

Exit status: 0 when nothing was proved, crashed or hung; 1 otherwise.
Standard library only.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_BENCH = os.path.join(os.path.dirname(REPO), "shared", "benchmarks")

# Predicate name -> number of point arguments (and a value generator for constants).
ANGLES = ["30", "45", "60", "90", "120", "150", "1pi/3", "2pi/5", "1pi/4", "3pi/7"]
RATIOS = ["1/2", "2", "3/4", "1", "5/3", "1/3"]
PREDICATES = {
    "coll": 3, "cyclic": 4, "para": 4, "perp": 4, "cong": 4, "midp": 3, "circle": 4,
    "eqangle": 8, "eqratio": 8, "simtri": 6, "simtri2": 6, "contri": 6, "contri2": 6,
    "aconst": 4, "rconst": 4,
}

# Degenerate templates over placeholders a b c d e f (distinct points of the problem).
DEGENERATE = [
    "perp a a b c",
    "para a a b c",
    "eqangle a a b c b c a a",
    "midp a a a",
    "cyclic a b c a",
    "cong a a b c",
    "rconst a a b c 1/2",
    "aconst b b b c 0/1",
    "aconst a a b c 90",
    "perp a b a b",
    "para a b c c",
    "eqratio a a b c d d e f",
    # (Not "eqangle a b a b c d e f": a zero angle on the left says cd is parallel to ef,
    # a statement that may well be true and proved.)
    "eqangle a b c d e e f a",
    "simtri a a b c d e",
    "contri a a b c c d",
    "circle a b b c",
    "midp a b b",
    "cyclic a a b c",
]


@dataclass
class Goal:
    problem: str
    source: str
    kind: str          # "false" or "degenerate"
    goal: str
    statement: str     # the whole problem statement with this goal


@dataclass
class Outcome:
    goal: Goal
    category: str      # refused / not_proved / PROVED / crashed / hung
    status: int | None
    seconds: float
    how: str = ""
    stderr: str = ""


def read_pairs(path: str) -> list[tuple[str, str]]:
    """Name/statement pairs of a problem file, read without Gougu's parser."""
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    lines = [line for line in lines if line and not line.startswith("#")]
    pairs = []
    for i in range(0, len(lines) - 1, 2):
        pairs.append((lines[i], lines[i + 1]))
    return pairs


def with_goal(statement: str, goal: str) -> str:
    head = statement.rsplit("?", 1)[0].rstrip() if "?" in statement else statement.rstrip()
    return f"{head} ? {goal}"


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name)[:80] or "problem"


def run(cmd: list[str], timeout: float, cwd: str | None = None) -> tuple[int | None, str, str, float]:
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd)
        return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
                proc.stderr.decode("utf-8", "replace"), time.monotonic() - start)
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"").decode("utf-8", "replace")
        err = (expired.stderr or b"").decode("utf-8", "replace")
        return None, out, err, time.monotonic() - start


def write_problems(folder: str, stem: str, problems: list[tuple[str, str]]) -> str:
    path = os.path.join(folder, stem + ".txt")
    with open(path, "w", encoding="utf-8") as handle:
        for name, statement in problems:
            handle.write(f"{name}\n{statement}\n")
    return path


DIAGRAM_PROBLEM = re.compile(r"^problem (\S+)")
DIAGRAM_POINT = re.compile(r"^\s+(\S+)\s+(-?[0-9.eE+-]+|nan|inf)\s+(-?[0-9.eE+-]+|nan|inf)\s*$")
DIAGRAM_GOAL = re.compile(r"^goal .*:\s*(.*)$")


def parse_diagram(text: str) -> dict[str, dict]:
    """problem name -> {"points": [...], "verdict": "holds"/"FALSE"/...}."""
    result: dict[str, dict] = {}
    current = None
    for line in text.splitlines():
        m = DIAGRAM_PROBLEM.match(line)
        if m:
            current = result.setdefault(m.group(1), {"points": [], "verdict": None})
            continue
        if current is None:
            continue
        m = DIAGRAM_GOAL.match(line)
        if m:
            verdict = m.group(1)
            current["verdict"] = "FALSE" if "FALSE" in verdict else ("holds" if "holds" in verdict else verdict)
            continue
        m = DIAGRAM_POINT.match(line)
        if m and current["verdict"] is None:
            current["points"].append(m.group(1))
    return result


def random_goal(rng: random.Random, points: list[str]) -> str:
    predicate = rng.choice(sorted(PREDICATES))
    n = PREDICATES[predicate]

    def distinct(k: int) -> list[str]:
        if len(points) >= k:
            return rng.sample(points, k)
        return [rng.choice(points) for _ in range(k)]

    if predicate in ("eqangle", "eqratio"):
        args = distinct(2) + distinct(2) + distinct(2) + distinct(2)
    elif predicate in ("para", "perp", "cong"):
        args = distinct(2) + distinct(2)
        if predicate == "cong" and len(points) >= 3:
            args = distinct(4) if len(points) >= 4 else args
    elif predicate in ("simtri", "simtri2", "contri", "contri2"):
        args = distinct(3) + distinct(3)
    elif predicate in ("aconst", "rconst"):
        args = distinct(2) + distinct(2)
    else:
        args = distinct(n)
    text = f"{predicate} {' '.join(args)}"
    if predicate == "aconst":
        text += " " + rng.choice(ANGLES)
    if predicate == "rconst":
        text += " " + rng.choice(RATIOS)
    return text


def degenerate_goals(rng: random.Random, points: list[str], count: int, start: int) -> list[str]:
    """`count` degenerate goals, templates taken in turn from `start` (so that every
    template gets its share across problems), points drawn at random."""
    goals = []
    for k in range(count):
        template = DEGENERATE[(start + k) % len(DEGENERATE)]
        chosen = rng.sample(points, min(6, len(points)))
        while len(chosen) < 6:
            chosen.append(rng.choice(points))
        mapping = dict(zip("abcdef", chosen))
        goals.append(" ".join(mapping.get(word, word) for word in template.split()))
    return goals


def diagram_verdicts(gougu: str, folder: str, stem: str, variants: list[tuple[str, str]],
                     timeout: float) -> dict[str, str | None]:
    """Diagram verdict of each variant, one batch call, falling back to one call each."""
    path = write_problems(folder, stem, variants)
    status, out, _, _ = run([gougu, "diagram", path], timeout)
    parsed = parse_diagram(out)
    if status in (0, 1) and all(name in parsed for name, _ in variants):
        return {name: parsed[name]["verdict"] for name, _ in variants}
    verdicts: dict[str, str | None] = {}
    for i, (name, statement) in enumerate(variants):
        one = write_problems(folder, f"{stem}_{i}", [(name, statement)])
        status, out, _, _ = run([gougu, "diagram", one], timeout)
        parsed = parse_diagram(out)
        verdicts[name] = parsed.get(name, {}).get("verdict") if status in (0, 1) else "refused"
    return verdicts


def pattern(goal: str) -> str:
    """The goal with its points renamed a, b, c, ... in order of appearance."""
    words = goal.split()
    names: dict[str, str] = {}
    arity = PREDICATES.get(words[0], len(words) - 1)
    out = [words[0]]
    for i, w in enumerate(words[1:]):
        if i < arity:
            out.append(names.setdefault(w, "abcdefghijklmnop"[len(names)]))
        else:
            out.append(w)
    return " ".join(out)


def how_proved(out: str) -> str:
    for line in out.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not record.get("proved"):
            continue
        if record.get("coordinate_proof"):
            first = [l for l in record["coordinate_proof"].splitlines() if l.strip()]
            last = first[-1].strip() if first else ""
            return f"by coordinates ({first[1].strip() if len(first) > 1 else ''}; {last[:160]})"
        proof = record.get("proof") or {}
        if proof.get("identification"):
            return "by identification"
        aux = proof.get("auxiliary_constructions") or []
        steps = proof.get("steps") or []
        last = steps[-1] if steps else {}
        rule = last.get("rule") or last.get("reason") or ""
        kind = f"by search with {len(aux)} auxiliary construction(s): {'; '.join(aux)}" if aux else "by deduction"
        return f"{kind}, {len(steps)} steps, last step {json.dumps(rule)[:120]}, stop_reason {record.get('stop_reason')!r}"
    return "exit 0 without a proved record"


def solve(gougu: str, folder: str, index: int, goal: Goal, timeout: float, extra: list[str]) -> Outcome:
    name = safe_name(goal.problem)
    path = write_problems(folder, f"goal_{index}", [(name, goal.statement)])
    proofs = os.path.join(folder, f"proofs_{index}")
    cmd = [gougu, "solve", path, "--timeout", str(timeout), "--json", "--proof-out", proofs] + extra
    status, out, err, seconds = run(cmd, timeout + 30)
    if status is None:
        category = "hung"
    elif status == 0:
        category = "PROVED"
    elif status == 1:
        category = "not_proved"
    elif status == 2:
        category = "refused"
    else:
        category = "crashed"
    if category != "hung" and "Fatal error" in err:
        category = "crashed"
    how = how_proved(out) if category == "PROVED" else ""
    if category == "PROVED":
        # Does the independent checker accept the proof?
        proof = os.path.join(proofs, name + ".json")
        if not os.path.exists(proof):
            proof = os.path.join(proofs, name + ".txt")
        if os.path.exists(proof):
            checked, _, _, _ = run([gougu, "check", path, "--problem", name, proof], 60)
            verdict = {0: "accepts", 1: "rejects", 2: "cannot read"}.get(checked, f"exit {checked}") if checked is not None else "hangs"
            how += f"; gougu check {verdict} the proof"
        else:
            how += "; no proof file written"
    return Outcome(goal, category, status, seconds, how, err.strip()[:300])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gougu", default=os.path.join(REPO, ".build", "release", "gougu"))
    parser.add_argument("files", nargs="*", help="benchmark files (default: every .txt in ../shared/benchmarks)")
    parser.add_argument("--per-problem", type=int, default=3, help="FALSE goals per problem (default 3)")
    parser.add_argument("--degenerate", type=int, default=3,
                        help=f"DEGENERATE goals per problem, the {len(DEGENERATE)} templates taken in turn (default 3)")
    parser.add_argument("--timeout", type=float, default=2.0, help="gougu solve --timeout (default 2)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-aux", action="store_true", help="pass --no-aux --coordinates first to solve")
    parser.add_argument("--max-problems", type=int, default=0, help="use at most this many problems (0: all)")
    parser.add_argument("--only", choices=["false", "degenerate", "both"], default="both")
    parser.add_argument("--out", default="soundness_report.md")
    args = parser.parse_args()

    gougu = os.path.abspath(args.gougu)
    if not os.access(gougu, os.X_OK):
        print(f"no gougu binary at {gougu}", file=sys.stderr)
        return 2
    files = args.files or sorted(os.path.join(DEFAULT_BENCH, f) for f in os.listdir(DEFAULT_BENCH) if f.endswith(".txt"))
    rng = random.Random(args.seed)
    extra = ["--no-aux", "--coordinates", "first"] if args.no_aux else []
    started = time.monotonic()

    counts = {"problems_seen": 0, "problems_refused": 0, "files_unreadable": 0, "candidates_checked": 0}
    goals: list[Goal] = []
    per_file: dict[str, list[int]] = {}
    degenerate_start = 0
    with tempfile.TemporaryDirectory(prefix="gougu-sweep-") as folder:
        # 1. Which problems can be read, and their points.
        for path in files:
            try:
                pairs = read_pairs(path)
            except OSError as error:
                print(f"cannot read {path}: {error}", file=sys.stderr)
                counts["files_unreadable"] += 1
                continue
            source = os.path.basename(path)
            per_file[source] = [len(pairs), 0, 0]
            for name, statement in pairs:
                if args.max_problems and counts["problems_seen"] - counts["problems_refused"] >= args.max_problems:
                    break
                counts["problems_seen"] += 1
                stem = f"p{counts['problems_seen']}"
                one = write_problems(folder, stem, [(safe_name(name), statement)])
                status, out, _, _ = run([gougu, "diagram", one], 60)
                parsed = parse_diagram(out).get(safe_name(name))
                if status not in (0, 1) or not parsed or len(parsed["points"]) < 3:
                    counts["problems_refused"] += 1
                    per_file[source][1] += 1
                    continue
                per_file[source][2] += 1
                points = parsed["points"]
                # 2. FALSE goals: draw candidates, keep those the diagram reports FALSE.
                if args.only in ("false", "both") and args.per_problem > 0:
                    kept: list[str] = []
                    seen: set[str] = set()
                    for attempt in range(4):
                        candidates = []
                        while len(candidates) < 4 * args.per_problem:
                            g = random_goal(rng, points)
                            if g not in seen:
                                seen.add(g)
                                candidates.append(g)
                            elif len(seen) > 5000:
                                break
                        variants = [(f"{safe_name(name)}_g{attempt}_{i}", with_goal(statement, g)) for i, g in enumerate(candidates)]
                        counts["candidates_checked"] += len(variants)
                        verdicts = diagram_verdicts(gougu, folder, f"{stem}_c{attempt}", variants, 120)
                        for (vname, _), g in zip(variants, candidates):
                            if verdicts.get(vname) == "FALSE" and len(kept) < args.per_problem:
                                kept.append(g)
                        if len(kept) >= args.per_problem:
                            break
                    goals += [Goal(name, source, "false", g, with_goal(statement, g)) for g in kept]
                # 3. DEGENERATE goals.
                if args.only in ("degenerate", "both"):
                    for g in degenerate_goals(rng, points, args.degenerate, degenerate_start):
                        goals.append(Goal(name, source, "degenerate", g, with_goal(statement, g)))
                    degenerate_start += args.degenerate
        print(f"{len(goals)} goals from {counts['problems_seen'] - counts['problems_refused']} problems "
              f"({counts['problems_refused']} refused) in {time.monotonic() - started:.0f} s; solving...", file=sys.stderr)

        # 4. Solve each goal alone.
        outcomes: list[Outcome] = []
        with futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            jobs = [pool.submit(solve, gougu, folder, i, g, args.timeout, extra) for i, g in enumerate(goals)]
            for done, job in enumerate(futures.as_completed(jobs), 1):
                outcomes.append(job.result())
                if done % 200 == 0:
                    print(f"  {done}/{len(jobs)}", file=sys.stderr)
    elapsed = time.monotonic() - started

    table: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = table.setdefault(o.goal.kind, {})
        row[o.category] = row.get(o.category, 0) + 1
    failures = [o for o in outcomes if o.category in ("PROVED", "crashed", "hung")]
    failures.sort(key=lambda o: (o.category, o.goal.kind != "false", o.goal.source, o.goal.problem, o.goal.goal))

    command = " ".join(shlex.quote(a) for a in [os.path.relpath(sys.argv[0], os.getcwd())] + sys.argv[1:])
    categories = ["refused", "not_proved", "PROVED", "crashed", "hung"]
    lines = [
        "# Soundness sweep",
        "",
        f"Command: `python3 {command}`",
        "",
        f"Binary: `{gougu}`; seed {args.seed}; `--timeout {args.timeout}`; jobs {args.jobs}; "
        f"pipeline: {'--no-aux --coordinates first' if args.no_aux else 'default (deduction + coordinates + search)'}; "
        f"{elapsed:.0f} s wall clock.",
        "",
        f"Problems seen: {counts['problems_seen']}, refused by the parser or the diagram (skipped): "
        f"{counts['problems_refused']}, used: {counts['problems_seen'] - counts['problems_refused']}. "
        f"Candidate goals checked in the diagram: {counts['candidates_checked']}.",
        "",
        "| file | problems | refused | used |",
        "| --- | ---: | ---: | ---: |",
    ]
    for source, (n, refused, used) in sorted(per_file.items()):
        lines.append(f"| {source} | {n} | {refused} | {used} |")
    lines += ["", "| goals | tried | " + " | ".join(categories) + " |",
              "| --- | ---: | " + " | ".join("---:" for _ in categories) + " |"]
    for kind in ("false", "degenerate"):
        row = table.get(kind, {})
        lines.append(f"| {kind} | {sum(row.values())} | " + " | ".join(str(row.get(c, 0)) for c in categories) + " |")
    total = {c: sum(table.get(k, {}).get(c, 0) for k in table) for c in categories}
    lines.append(f"| all | {len(outcomes)} | " + " | ".join(str(total[c]) for c in categories) + " |")
    for category in categories:
        spent = [o.seconds for o in outcomes if o.category == category]
        if spent:
            lines.append(f"\n{category}: mean {sum(spent) / len(spent):.2f} s, max {max(spent):.1f} s per goal")
    lines += ["", "PROVED is a soundness failure (a false or degenerate goal proved); crashed and hung are failures too. "
              "A degenerate goal should be refused as bad input (exit 2).", ""]
    # Proved degenerate goals, grouped by template.
    if failures:
        lines += [f"## Failures ({len(failures)})", "", "| kind | file | problem | goal | outcome | how |", "| --- | --- | --- | --- | --- | --- |"]
        for o in failures:
            how = (o.how or o.stderr or "").replace("|", "\\|").replace("\n", " ")[:300]
            lines.append(f"| {o.goal.kind} | {o.goal.source} | {o.goal.problem} | `{o.goal.goal}` | {o.category} (exit {o.status}, {o.seconds:.1f} s) | {how} |")
        lines.append("")
        by_template: dict[str, int] = {}
        for o in failures:
            method = o.how.split(" (")[0].split(",")[0] if o.how else o.category
            checked = " (gougu check accepts)" if "check accepts" in o.how else " (gougu check rejects)" if "check rejects" in o.how else ""
            key = f"{o.goal.kind}: `{pattern(o.goal.goal)}` {o.category} {method}{checked}"
            by_template[key] = by_template.get(key, 0) + 1
        lines += ["Failures by goal pattern (points renamed a, b, c, ... in order) and how they were proved:", ""]
        lines += [f"- {k}: {v}" for k, v in sorted(by_template.items())] + [""]
        lines += ["Reproduce one: write the problem with the goal above to a file and run "
                  f"`gougu solve FILE --timeout {args.timeout} --json`.", ""]
        first = failures[0]
        lines += ["```", f"printf '%s\\n%s\\n' {shlex.quote(safe_name(first.goal.problem))} {shlex.quote(first.goal.statement)} > /tmp/repro.txt",
                  f"gougu solve /tmp/repro.txt --timeout {args.timeout} --json", "```", ""]
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines[:24 + len(per_file)]))
    print(f"report: {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
