#!/usr/bin/env python3
"""Run Gougu and Newclid+Yuclid on the same problem file, one problem at a time
each, and print a per-problem table and the totals (solve counts, total
seconds, time ratio Newclid/Gougu), with AlphaGeometry's DD+AR reference beside
them. Called by scripts/bench/compare.sh, which sets up everything; standard
library only, but must run with the venv's interpreter (run_newclid.py is
started with the same interpreter).

    compare.py --gougu BIN --file FILE [--timeout S] [--seed N]
               [--reference TSV] [--report OUT.md] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def problem_names(path: Path) -> list[str]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    return lines[0::2]


# ----------------------------------------------------------------- Gougu


def gougu_has_bench(gougu: str) -> bool:
    try:
        r = subprocess.run([gougu, "bench", "--help"], capture_output=True, text=True,
                           timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and "--report" in r.stdout


def deduction_only(gougu: str, command: str) -> list[str]:
    """`--no-aux` when this Gougu has the search: the comparison is DD+AR against DD+AR."""
    try:
        r = subprocess.run([gougu, command, "--help"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return ["--no-aux"] if "--no-aux" in r.stdout else []


def run_gougu_bench(gougu: str, file: Path, timeout: float, seed: int) -> dict[str, dict]:
    """`gougu bench --jobs 1`: every problem in its own process, one at a time;
    per-problem seconds are that process's wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "gougu.json"
        cmd = [gougu, "bench", str(file), "--timeout", str(timeout), "--jobs", "1",
               "--seed", str(seed), "--report", str(report)] + deduction_only(gougu, "bench")
        log("$ " + " ".join(cmd))
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        data = json.loads(report.read_text())
    out = {}
    for p in data["problems"]:
        out[p["problem"]] = {"proved": bool(p["proved"]), "status": p["status"],
                             "seconds": float(p["seconds"]), "steps": p.get("steps")}
    return out


SOLVE_LINE = re.compile(r"^(?P<name>\S+): (?P<reason>.+?) after \d+ rounds, \d+ facts, "
                        r"(?P<secs>[0-9.]+) s(?:, (?P<steps>\d+) steps)?$")


def run_gougu_solve(gougu: str, file: Path, names: list[str], timeout: float,
                    seed: int) -> dict[str, dict]:
    """Fallback for a Gougu without `bench`: `gougu solve FILE --problem NAME
    --quiet` per problem in its own process, timed here (wall, diagram building
    included), killed at 1.5 x timeout + 5 s like bench does."""
    out = {}
    hard = timeout * 1.5 + 5
    for i, name in enumerate(names, 1):
        cmd = [gougu, "solve", str(file), "--problem", name, "--quiet",
               "--timeout", str(timeout), "--seed", str(seed)] + deduction_only(gougu, "solve")
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=hard)
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            killed = True
        wall = time.perf_counter() - t0
        rec = {"proved": False, "status": "error", "seconds": wall, "steps": None}
        m = next((SOLVE_LINE.match(ln) for ln in stdout.splitlines()
                  if SOLVE_LINE.match(ln)), None)
        if killed:
            rec["status"] = "killed"
        elif m:
            reason = m["reason"]
            rec["proved"] = reason == "goal proved"
            rec["status"] = ("proved" if rec["proved"] else
                             "timeout" if "timeout" in reason else
                             "goal false in diagram" if "false" in reason else
                             "not proved")
            if not rec["proved"]:
                rec["detail"] = reason
            rec["steps"] = int(m["steps"]) if m["steps"] else None
        elif proc.returncode < 0:
            rec["status"] = "crashed"
        else:
            rec["detail"] = (stderr.strip().splitlines() or [""])[-1]
        out[name] = rec
        log(f"[gougu {i}/{len(names)}] {name}: {rec['status']} ({wall:.2f} s)")
    return out


# ----------------------------------------------------------------- Newclid


def run_newclid(file: Path, timeout: float, seed: int, tables: str = "default",
                author_aux: bool = False) -> dict[str, dict]:
    cmd = [sys.executable, str(HERE / "run_newclid.py"), str(file),
           "--timeout", str(timeout), "--seed", str(seed), "--backend", "yuclid",
           "--tables", tables] + (["--author-aux"] if author_aux else [])
    log("$ " + " ".join(cmd))
    out = {}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        rec = json.loads(line)
        out[rec["problem"]] = rec
        extra = f" - {rec['error']}" if rec.get("error") else ""
        log(f"[newclid {len(out)}] {rec['problem']}: {rec['status']} "
            f"({rec['seconds']:.2f} s in-process, {rec['wall_seconds']:.2f} s process)"
            f"{' [translated]' if rec.get('translated') else ''}{extra}")
    if proc.wait() != 0:
        raise SystemExit(f"run_newclid.py exited {proc.returncode}")
    return out


# ----------------------------------------------------------------- reference


def read_reference(path: Path | None) -> dict[str, dict]:
    if path is None or not path.is_file():
        return {}
    out = {}
    for ln in path.read_text().splitlines():
        if not ln.strip() or ln.startswith("#") or ln.startswith("problem\t"):
            continue
        name, solved, secs = ln.split("\t")[:3]
        try:
            s = float(secs)
        except ValueError:  # 'timeout600'
            s = float(re.sub(r"\D", "", secs) or "nan")
        out[name] = {"proved": solved.strip() == "1", "seconds": s}
    return out


# ----------------------------------------------------------------- report


def fmt(rec: dict | None, key: str = "seconds") -> str:
    if rec is None:
        return "-"
    status = rec.get("status")
    mark = ("yes" if rec["proved"] else
            "no" if status in (None, "not proved") else
            "no (goal false in diagram)" if status == "goal false in diagram" else
            status)
    return f"{mark} {rec[key]:.2f}"


def fold_goals(results: dict[str, dict], names: list[str]) -> dict[str, dict]:
    """Gougu reads a statement with several goals (`? g1; g2`) as one problem per goal,
    NAME_goal1, NAME_goal2, ...: NAME is proved when every one is, in their summed seconds."""
    folded = dict(results)
    for name in names:
        if name in folded:
            continue
        goals = [r for k, r in results.items() if re.fullmatch(re.escape(name) + r"_goal\d+", k)]
        if not goals:
            continue
        proved = all(r["proved"] for r in goals)
        folded[name] = {**goals[0], "proved": proved, "status": "proved" if proved else
                        next(r["status"] for r in goals if not r["proved"]),
                        "seconds": sum(r["seconds"] for r in goals)}
    return folded


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gougu", required=True)
    ap.add_argument("--file", required=True, type=Path)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reference", type=Path)
    ap.add_argument("--report", type=Path, help="also write a Markdown report here")
    ap.add_argument("--json", type=Path, help="also write the raw results as JSON here")
    ap.add_argument("--yuclid-tables", choices=["default", "all", "both"], default="default")
    ap.add_argument("--author-aux", action="store_true")
    ap.add_argument("--gougu-mode", choices=["auto", "bench", "solve"], default="auto")
    args = ap.parse_args()

    names = problem_names(args.file)
    started = dt.datetime.now().astimezone()
    load_before = os.getloadavg()

    mode = args.gougu_mode
    if mode == "auto":
        mode = "bench" if gougu_has_bench(args.gougu) else "solve"
    log(f"== Gougu ({mode}), {len(names)} problems, timeout {args.timeout:g} s")
    t0 = time.perf_counter()
    if mode == "bench":
        gougu = run_gougu_bench(args.gougu, args.file, args.timeout, args.seed)
    else:
        gougu = run_gougu_solve(args.gougu, args.file, names, args.timeout, args.seed)
    gougu = fold_goals(gougu, names)
    gougu_wall = time.perf_counter() - t0

    configurations = ["default", "all"] if args.yuclid_tables == "both" else [args.yuclid_tables]
    runs = {}
    for tables in configurations:
        log(f"== Newclid + Yuclid ({tables} tables), {len(names)} problems, timeout {args.timeout:g} s")
        t0 = time.perf_counter()
        runs[tables] = (run_newclid(args.file, args.timeout, args.seed, tables, args.author_aux),
                        time.perf_counter() - t0)
    ref = read_reference(args.reference)
    load_after = os.getloadavg()

    def total(d: dict, key: str = "seconds") -> float:
        return sum(d[n][key] for n in names if n in d)

    def solved(d: dict) -> int:
        return sum(1 for n in names if n in d and d[n]["proved"])

    g_s = total(gougu)
    ref_names = [n for n in names if n in ref]
    lines = []
    lines.append(f"File: {args.file} ({len(names)} problems); per-problem timeout "
                 f"{args.timeout:g} s; seed {args.seed}; one problem at a time, each "
                 f"in its own process; the author's auxiliary clauses after '|' "
                 + ("kept for Newclid as for Gougu." if args.author_aux else
                    "dropped for Newclid."))
    lines.append(f"Run {started:%Y-%m-%d %H:%M %Z} on {platform.node()} "
                 f"({os.cpu_count()} cores), load average {load_before[0]:.2f} before, "
                 f"{load_after[0]:.2f} after. Gougu driven by `gougu {mode}`.")
    lines.append("")
    lines.append("Cells: solved (yes/no/timeout/error) and wall seconds; 'no' is "
                 "saturation without the goal. Gougu: its "
                 "process (diagram + deduction). Newclid+Yuclid: in-process (diagram + "
                 "Yuclid DD+AR + Newclid replaying the deductions), 'of which yuclid': the "
                 "C++ binary alone, 'Newclid process': the whole Python process, "
                 "interpreter start-up and imports included. "
                 "AG1: reference TSV, not re-run.")
    totals = {}
    for tables, (newclid, _) in runs.items():
        lines.append("")
        lines.append(f"### Yuclid tables: {tables}"
                     + (" (every table; the yuclid binary's own verdict, not replayed by "
                        "Newclid)" if tables == "all" else
                        " (Newclid's configuration, replayed by Newclid)"))
        lines.append("")
        header = ["problem", "Gougu", "Newclid+Yuclid", "of which yuclid", "Newclid process",
                  "AG1 DD+AR (ref)"]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("| --- | " + " | ".join("---:" for _ in header[1:]) + " |")
        for n in names:
            g, nc, r = gougu.get(n), newclid.get(n), ref.get(n)
            ncw = f"{nc['wall_seconds']:.2f}" if nc else "-"
            ycl = f"{nc['yuclid_seconds']:.2f}" if nc and nc.get("yuclid_seconds") is not None else "-"
            lines.append("| " + " | ".join([n, fmt(g), fmt(nc), ycl, ncw, fmt(r)]) + " |")
        lines.append("")
        nc_s, nc_w = total(newclid), total(newclid, "wall_seconds")
        y_s = sum(newclid[n].get("yuclid_seconds") or 0.0 for n in names if n in newclid)
        lines.append(f"Gougu:          solved {solved(gougu)}/{len(names)}, "
                     f"{g_s:.2f} s over all problems")
        lines.append(f"Newclid+Yuclid: solved {solved(newclid)}/{len(names)}, "
                     f"{nc_s:.2f} s over all problems in-process ({y_s:.2f} s of it in "
                     f"the yuclid binary), {nc_w:.2f} s with Python start-up")
        if ref_names:
            lines.append(f"AG1 DD+AR (reference TSV): solved {solved(ref)}/{len(ref_names)}, "
                         f"{total(ref):.2f} s over all problems")
        def per(x: float) -> float:
            return x / g_s if g_s > 0 else float("inf")
        lines.append(f"Time ratio to Gougu: yuclid binary {per(y_s):.2f}, Newclid in-process "
                     f"{per(nc_s):.2f}, Newclid with Python start-up {per(nc_w):.2f}")
        if ref_names and g_s > 0:
            lines.append(f"Time ratio AG1/Gougu: {per(total(ref)):.2f}")
        errors = [(n, newclid[n]["error"]) for n in names
                  if n in newclid and newclid[n].get("error")]
        if errors:
            lines.append("")
            lines.append("Newclid errors:")
            for n, e in errors:
                lines.append(f"- {n}: {e.splitlines()[0][:300]}")
        totals[tables] = {"gougu_solved": solved(gougu), "gougu_seconds": g_s,
                          "newclid_solved": solved(newclid), "newclid_seconds": nc_s,
                          "yuclid_seconds": y_s, "newclid_wall_seconds": nc_w,
                          "ratio": per(nc_s), "ratio_yuclid": per(y_s), "ratio_with_startup": per(nc_w)}
    text = "\n".join(lines)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
        log(f"wrote {args.report}")
    if args.json:
        only = configurations[0]
        args.json.write_text(json.dumps({
            "file": str(args.file), "timeout": args.timeout, "seed": args.seed,
            "yuclid_tables": args.yuclid_tables, "author_aux": args.author_aux,
            "started": started.isoformat(), "load_before": load_before,
            "load_after": load_after, "gougu_mode": mode,
            "gougu_batch_wall": gougu_wall,
            "gougu": gougu, "reference": ref,
            # One configuration: `newclid` and `totals` as before; both: per configuration.
            "newclid": runs[only][0] if len(runs) == 1 else {t: r[0] for t, r in runs.items()},
            "newclid_batch_wall": runs[only][1] if len(runs) == 1 else {t: r[1] for t, r in runs.items()},
            "totals": totals[only] if len(runs) == 1 else totals,
        }, indent=2) + "\n")
        log(f"wrote {args.json}")

if __name__ == "__main__":
    main()
