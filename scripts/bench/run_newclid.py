#!/usr/bin/env python3
"""Run Newclid (DD+AR only, C++ Yuclid backend) on problems in AlphaGeometry's
problem language and print one JSON object per problem, one per line.

    run_newclid.py FILE [--problem NAME|all] [--timeout S] [--seed N]
                        [--backend yuclid|python] [--tables default|all]
                        [--author-aux]

Every problem runs in its own child process (a fresh interpreter: nothing is
cached between problems), killed with its whole process group (the `yuclid`
binary included) once the per-problem timeout has passed. Problems run one at
a time. Each output line is

    {"problem": NAME, "status": "proved"|"not proved"|"timeout"|"error",
     "proved": bool, "seconds": float, "wall_seconds": float,
     "build_seconds": float|null, "yuclid_seconds": float|null,
     "translated": bool, "error": str|null}

seconds       wall time inside the child from reading the problem to the
              verdict: building the numeric diagram + Yuclid's DD+AR + Newclid
              replaying and checking Yuclid's deductions. Python start-up and
              importing newclid are NOT included (they cost ~1-2 s a problem
              and are not the engine's work). For a timeout it is the timeout.
wall_seconds  wall time of the whole child process, interpreter start-up and
              imports included.
build_seconds the diagram-building part of `seconds`.
yuclid_seconds the part of `seconds` spent running the `yuclid` binary
              (the rest is Newclid's Python: diagram, replaying and checking
              Yuclid's deductions).

Newclid reads AlphaGeometry's problem language (JGEX): "NAME" line, then
"clauses ? goal" line, with one dialect difference handled here (see
to_newclid_dialect: AlphaGeometry may omit the defined points in a
construction, Newclid may not); "translated": true marks such a problem. No
auxiliary construction is added (AlphaGeometry files may carry them after
' | '; those are dropped so that the run is DD+AR alone) and no language model
is used. A problem that
fails to parse, to build, or crashes is reported with status "error" and the
message; the run goes on.

--tables all runs the `yuclid` binary with every table and theorem family it
has (no `--disable-*` flag: AR on distances, on squared distances, theorems
with equations, sines) instead of Newclid's default configuration
(`--disable-ar-dist --disable-ar-squared --disable-eqn-statements
--disable-ar-sin`). Newclid 3.0.1 cannot replay what those tables deduce (its
adapter knows only angle and ratio chasing), so with `all` the verdict is the
binary's own ("status": "solved"), and "seconds" is the diagram plus the
binary. --author-aux keeps the author's auxiliary clauses after ' | ' (Newclid's
problem sets carry them), as Gougu does; by default they are dropped.

Must be run with the interpreter of the virtual environment where `newclid`
and `py_yuclid` are installed (scripts/bench/compare.sh makes it).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def read_problems(path: Path) -> list[tuple[str, str]]:
    """Name line / statement line pairs; blank lines and '#' comments skipped."""
    lines = [
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    if len(lines) % 2:
        raise SystemExit(f"{path}: odd number of non-comment lines")
    return [(lines[i], lines[i + 1]) for i in range(0, len(lines), 2)]


def to_newclid_dialect(statement: str, defs: dict[str, tuple[int, list[int]]],
                       keep_aux: bool = False) -> str:
    """AlphaGeometry -> Newclid JGEX.

    1. Drop auxiliary constructions ('setup | aux ? goal') so that Newclid runs
       DD+AR alone.
    2. AlphaGeometry lets a construction omit the points it defines
       ('a b c = triangle', 'a1 = on_line b c'); Newclid wants them written
       ('a b c = triangle a b c', 'a1 = on_line a1 b c'). Where a construction
       has fewer arguments than its definition and prepending the clause's
       points makes the count right, prepend them (AlphaGeometry's own rule).
    3. A few constructions take their arguments in another order: AlphaGeometry
       writes 'x = parallelogram a b c x' (new point last), Newclid
       'x = parallelogram x a b c' (new points first, as everywhere in
       Newclid). Where the clause's new points are not at the positions of the
       Newclid definition's output points, move them there, keeping the order
       of the other arguments.
    `defs` maps a construction name to (number of arguments, positions of its
    output points).
    """
    setup, sep, goal = statement.partition("?")
    aux = ""
    if "|" in setup:
        setup, aux = (part.strip() for part in setup.split("|", 1))
    clauses = []
    for clause in setup.split(";"):
        if "=" not in clause:
            clauses.append(clause.strip())
            continue
        lhs, rhs = clause.split("=", 1)
        points = lhs.split()
        constructions = []
        for cons in rhs.split(","):
            name, *args = cons.split()
            if name not in defs:
                constructions.append(" ".join([name, *args]))
                continue
            n, out_idx = defs[name]
            if len(args) < n and len(args) + len(points) == n:
                args = points + args
            if len(args) == n and out_idx:
                new = [a for a in args if a in points]
                if (len(new) == len(out_idx) and len(set(new)) == len(new)
                        and [args[i] for i in out_idx] != new):
                    rest = iter(a for a in args if a not in points)
                    it = iter(new)
                    args = [next(it) if i in out_idx else next(rest)
                            for i in range(n)]
            constructions.append(" ".join([name, *args]))
        clauses.append(f"{' '.join(points)} = {', '.join(constructions)}")
    out = "; ".join(clauses)
    if keep_aux and aux:
        out += " | " + aux
    if sep:
        out += " ? " + goal.strip()
    return out


# --------------------------------------------------------------------------
# Child: solve one problem in this process.

YUCLID_SECONDS = [0.0]


def run_yuclid_all_tables(setup, yuclid_adapter) -> bool:  # type: ignore[no-untyped-def]
    """The `yuclid` binary on Newclid's setup with every table enabled; its own verdict."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "problem.txt"
        path.write_text("\n".join(yuclid_adapter._write_yuclid_setup(setup)))
        t = time.perf_counter()
        try:
            result = subprocess.run(
                [yuclid_adapter.YUCLID_PATH.as_posix(), "--mode", "ddar", "--use-json",
                 "--log-level", "warning", "--input-file", str(path)],
                capture_output=True, text=True, check=True)
        finally:
            YUCLID_SECONDS[0] += time.perf_counter() - t
    return json.loads(result.stdout)["status"] == "solved"


def child(name: str, statement: str, seed: int, backend: str, tables: str = "default",
          author_aux: bool = False) -> dict:
    # py_yuclid finds the `yuclid` binary with shutil.which at import time: the
    # venv's bin/ must be on PATH even when the venv is not activated.
    bindir = os.path.dirname(sys.executable)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    import logging

    logging.disable(logging.CRITICAL)
    import numpy as np
    from newclid.api import GeometricSolverBuilder, PythonDefault
    from newclid.jgex.problem_builder import JGEXProblemBuilder

    if backend == "yuclid":
        # Explicit: never silently fall back to the pure-Python engine.
        from py_yuclid import yuclid_adapter
        from py_yuclid.api_default import HEDefault

        # Time the C++ binary itself (Newclid runs it once, then replays and
        # checks its deductions in Python).
        run_yuclid = yuclid_adapter.YuclidAdapter._run_yuclid

        def timed_run_yuclid(self):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return run_yuclid(self)
            finally:
                YUCLID_SECONDS[0] += time.perf_counter() - t

        yuclid_adapter.YuclidAdapter._run_yuclid = timed_run_yuclid
        api_default = HEDefault()
    else:
        api_default = PythonDefault()

    from newclid.jgex.constructions import ALL_JGEX_CONSTRUCTIONS

    defs = {d.name.value: (len(d.args), [d.args.index(p) for p in d.output_points])
            for d in ALL_JGEX_CONSTRUCTIONS}

    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    text = to_newclid_dialect(statement, defs, keep_aux=author_aux)
    builder = JGEXProblemBuilder(rng=rng)
    if author_aux:
        builder = builder.include_auxiliary_clauses()
    setup = builder.with_problem_from_txt(text, problem_name=name).build()
    t1 = time.perf_counter()
    if tables == "all":
        proved = run_yuclid_all_tables(setup, yuclid_adapter)
    else:
        solver = GeometricSolverBuilder(rng, api_default=api_default).build(setup)
        proved = bool(solver.run())
    t2 = time.perf_counter()
    return {
        "translated": text != statement,
        "proved": proved,
        "seconds": t2 - t0,
        "build_seconds": t1 - t0,
    }


def child_main(args: argparse.Namespace) -> None:
    problems = dict(read_problems(Path(args.file)))
    started = time.perf_counter()
    try:
        res = child(args.child, problems[args.child], args.seed, args.backend,
                    args.tables, args.author_aux)
        res["status"] = "proved" if res["proved"] else "not proved"
        res["error"] = None
    except BaseException as e:  # noqa: BLE001 - report every failure per problem
        msg = f"{type(e).__name__}: {e}".strip()
        # seconds: until the failure, imports included (they are a small part)
        res = {"status": "error", "proved": False,
               "seconds": time.perf_counter() - started,
               "build_seconds": None, "error": msg[:2000]}
    res["yuclid_seconds"] = YUCLID_SECONDS[0] if args.backend == "yuclid" else None
    print("RESULT " + json.dumps(res), flush=True)


# --------------------------------------------------------------------------
# Parent: one child process per problem, one at a time, with a timeout.


def run_one(file: str, name: str, timeout: float, seed: int, backend: str,
            tables: str = "default", author_aux: bool = False) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), file, "--child", name,
           "--seed", str(seed), "--backend", backend, "--tables", tables]
    if author_aux:
        cmd.append("--author-aux")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    wall = time.perf_counter() - t0
    res: dict = {"problem": name}
    line = next((ln for ln in out.splitlines() if ln.startswith("RESULT ")), None)
    if timed_out:
        res.update(status="timeout", proved=False, seconds=float(timeout),
                   build_seconds=None, yuclid_seconds=None, error=None)
    elif line is None:
        tail = (err or "").strip().splitlines()[-3:]
        res.update(status="error", proved=False, seconds=None, build_seconds=None,
                   yuclid_seconds=None, error=f"exit {proc.returncode}: " + " | ".join(tail))
    else:
        res.update(json.loads(line[len("RESULT "):]))
    if res.get("seconds") is None:
        # crashed: charge what it took, as the run's wall time
        res["seconds"] = wall
    res["wall_seconds"] = wall
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--problem", default="all", help="problem name, or 'all'")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="per-problem timeout in seconds (default 60)")
    ap.add_argument("--seed", type=int, default=0,
                    help="seed of the numeric diagram (default 0)")
    ap.add_argument("--backend", choices=["yuclid", "python"], default="yuclid",
                    help="yuclid: C++ Yuclid DD+AR (default); python: Newclid's "
                         "pure-Python DDARN")
    ap.add_argument("--tables", choices=["default", "all"], default="default",
                    help="default: Yuclid as Newclid configures it (no AR on distances "
                         "or squared distances, no equations, no sines), replayed by "
                         "Newclid; all: every table, the binary's own verdict")
    ap.add_argument("--author-aux", action="store_true",
                    help="keep the author's auxiliary clauses after '|' (as Gougu does)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.tables == "all" and args.backend != "yuclid":
        raise SystemExit("--tables all needs --backend yuclid")
    if args.child is not None:
        child_main(args)
        return
    names = [n for n, _ in read_problems(Path(args.file))]
    if args.problem != "all":
        if args.problem not in names:
            raise SystemExit(f"{args.problem}: no such problem in {args.file}")
        names = [args.problem]
    for name in names:
        print(json.dumps(run_one(args.file, name, args.timeout, args.seed,
                                 args.backend, args.tables, args.author_aux)), flush=True)


if __name__ == "__main__":
    main()
