#!/usr/bin/env python3
"""Hostile-input fuzzer for the `gougu` command-line tool.

Generates (seeded) inputs and runs the CLI on each, every run in its own sandbox folder:

  bytes        problem files with bytes flipped, inserted or deleted (NUL, 0xFF, CR, ...)
  truncate     problem files cut at a random byte
  tokens       words swapped, dropped, duplicated or replaced (unknown words included)
  crlf         CRLF or CR line endings, a byte-order mark, tabs
  nul          NUL bytes in names, statements, or a file of NULs
  huge         huge problem or point names, very long statement lines
  many_points  250-1000 free points (`free` clauses, `triangle`s) with a real goal
  chains       long dependency chains (midpoint of midpoint of ...), deep nesting
  numbers      1e308, nan, inf, 1/0 ... in `@` coordinates and numeric arguments
  unknown      unknown constructions / predicates, non-ASCII names
  options      hostile option values (--timeout inf/nan/-1/1e-9, --memory nan/inf/0/1, --seed -1, ...)
  check        real proofs (written with --proof-out on imo_ag_30 and Problems/classics.txt,
               plus proofs by coordinates) mutated as text and as JSON, given to `gougu check`,
               including coordinate proofs with the coordinates line changed; each run
               is given `--timeout 5`, its budget
  nonregular   /dev/zero, /dev/null, a FIFO nobody writes, a directory, a symlink loop as input
  outputs      --proof-out with problem names like ../../escaped, `draw -o` at a FIFO, a
               directory, a symlink, a missing folder

Every run records its exit status, wall time against its budget (the --timeout given, for
commands without one a fixed budget; a value that is not a finite positive number counts
as 1 s, since it should be refused), and checks:

  crash     a signal, an exit status other than 0, 1, 2, or "Fatal error" in stderr
  overrun   wall time past budget + 2 s (the run is killed at budget + 10 s)
  memory    resident memory past --rss-limit MiB (the run is killed)
  nul       stderr contains a raw NUL byte
  quote     stderr quotes more than ~200 characters of one input line
  escape    a file was written outside the run's own folder

Exit status 1 when any run failed one of these checks. Standard library only.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures
import json
import math
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "benchmarks")

CONSTRUCTIONS = ("free segment triangle quadrangle pentagon iso_triangle r_triangle risos ieq_triangle "
                 "on_line on_pline on_tline on_bline on_circle on_circum on_dia eqdistance angle_bisector "
                 "on_aline s_angle intersection_ll intersection_lc intersection_cc foot midpoint mirror reflect "
                 "circle orthocenter incenter excenter parallelogram square centroid trisect tangent cc_tangent").split()
PREDICATES = "coll cyclic para perp cong midp circle eqangle eqratio simtri contri aconst rconst ncoll diff".split()
UNKNOWN = ["frobnicate", "on_lines", "triangle2", "Triangle", "PERP", "∀", "λ", "ü", "😀", "on_line_", "_", "--",
           "?", "??", "=", "==", ";;", ",", "@", "@@", "a@", "@1_2", "#", "|", "\\", "\"", "'", "(", ")", "[", "{"]
NUMBERS = ["1e308", "-1e308", "1e309", "nan", "NaN", "inf", "-inf", "infinity", "1/0", "0/0", "-0", "0", "1e-320",
           "1e-400", "99999999999999999999999999999999999999", "123456789012345678901234567890/7", "1pi/0",
           "0pi/1", "1pi/3", "-1/2", "1.5e", "0x1p3", "1_000", "2/-3", "+5", ".5", "5.", "1e", "e5"]
BYTE_ALPHABET = list(b"abcxyz019 =,;?@_.-/\n\r\t#|") + [0, 0xFF, 0xC3, 0xE2, 0x80, 0x0B, 0x0C, 0x1B, 0x7F]


# --------------------------------------------------------------------------- runs

@dataclass
class Case:
    category: str
    args: list[str]                       # after the binary; {dir} is the run folder
    files: dict[str, bytes] = field(default_factory=dict)
    budget: float = 5.0
    setup: str = ""                       # fifo / dirs / symlinks to make before the run
    note: str = ""


@dataclass
class Record:
    case: Case
    index: int
    status: int | None
    seconds: float
    killed: str = ""
    failures: list[str] = field(default_factory=list)
    stderr_head: str = ""
    escaped: list[str] = field(default_factory=list)
    peak_rss_mib: float = 0.0


def rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def long_lines(files: dict[str, bytes]) -> list[bytes]:
    lines = []
    for content in files.values():
        for line in content.replace(b"\r", b"\n").split(b"\n"):
            if len(line) > 200:
                lines.append(line)
    return lines


def quotes_input(stderr: bytes, lines: list[bytes]) -> bool:
    """Whether stderr holds 250+ contiguous bytes of one long input line (windows of 201
    bytes every 50 bytes: any quote of 250 bytes contains one)."""
    if not lines or len(stderr) < 201:
        return False
    for line in lines:
        windows = 0
        for start in range(0, len(line) - 200, 50):
            if line[start:start + 201] in stderr:
                return True
            windows += 1
            if windows > 400:
                break
    return False


def prepare(case: Case, sandbox: str, run_dir: str) -> None:
    for name, content in case.files.items():
        path = os.path.join(run_dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content.replace(b"{dir}", run_dir.encode()))
    for item in filter(None, case.setup.split(";")):
        kind, _, target = item.partition(":")
        path = os.path.join(run_dir, target.split(">")[0])
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir":
            os.makedirs(path, exist_ok=True)
        elif kind == "link":           # link:NAME>TARGET (TARGET relative to the sandbox)
            name, target_path = target.split(">")
            os.symlink(os.path.join(sandbox, target_path) if target_path != "self" else os.path.join(run_dir, name),
                       os.path.join(run_dir, name))
        elif kind == "outside":        # a folder outside the run folder, for symlinks to point at
            os.makedirs(os.path.join(sandbox, target), exist_ok=True)


def snapshot(root: str) -> set[str]:
    paths = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            paths.add(os.path.join(folder, name))
    return paths


def execute(gougu: str, base: str, index: int, case: Case, rss_limit: float) -> Record:
    sandbox = tempfile.mkdtemp(prefix=f"run{index}-", dir=base)
    run_dir = os.path.join(sandbox, "l1", "l2", "l3", "run")
    io_dir = os.path.join(sandbox, "io")
    os.makedirs(run_dir)
    os.makedirs(io_dir)
    os.makedirs(os.path.join(run_dir, "home"))
    os.makedirs(os.path.join(run_dir, "tmp"))
    prepare(case, sandbox, run_dir)
    before = snapshot(sandbox)
    args = [a.replace("{dir}", run_dir) for a in case.args]
    env = dict(os.environ, HOME=os.path.join(run_dir, "home"), TMPDIR=os.path.join(run_dir, "tmp"))
    out_path, err_path = os.path.join(io_dir, "stdout"), os.path.join(io_dir, "stderr")
    kill_at = case.budget + 10
    killed = ""
    peak = 0.0
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen([gougu] + args, cwd=run_dir, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                env=env, start_new_session=True)
        while True:
            try:
                proc.wait(timeout=0.02)
                break
            except subprocess.TimeoutExpired:
                pass
            elapsed = time.monotonic() - start
            peak = max(peak, rss_mib(proc.pid))
            if peak > rss_limit:
                killed = f"resident memory past {rss_limit:.0f} MiB"
            elif elapsed > kill_at:
                killed = f"killed at {kill_at:.1f} s"
            if killed:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
                break
    seconds = time.monotonic() - start
    status = None if killed else proc.returncode
    with open(err_path, "rb") as handle:
        stderr = handle.read(2_000_000)
    # `elsewhere` is a folder a symlink given by the user points at: writing there is asked for.
    allowed = (run_dir + os.sep, io_dir, os.path.join(sandbox, "elsewhere") + os.sep)
    escaped = sorted(p for p in snapshot(sandbox) - before if not p.startswith(allowed))
    record = Record(case, index, status, seconds, killed, [], stderr[:400].decode("utf-8", "replace"),
                    [os.path.relpath(p, sandbox) for p in escaped], peak)
    if killed.startswith("resident"):
        record.failures.append("memory")
    elif killed or seconds > case.budget + 2:
        record.failures.append("overrun")
    if proc.returncode is not None and not killed and (proc.returncode < 0 or proc.returncode not in (0, 1, 2)):
        record.failures.append("crash")
    elif b"Fatal error" in stderr:
        record.failures.append("crash")
    if b"\x00" in stderr:
        record.failures.append("nul")
    if quotes_input(stderr, long_lines(case.files)):
        record.failures.append("quote")
    if escaped:
        record.failures.append("escape")
    shutil.rmtree(sandbox, ignore_errors=True)
    return record


# --------------------------------------------------------------------------- inputs

def read_pairs(path: str) -> list[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = [l.strip() for l in handle.read().replace("\r", "").split("\n")]
    except OSError:
        return []
    lines = [l for l in lines if l and not l.startswith("#")]
    return [(lines[i], lines[i + 1]) for i in range(0, len(lines) - 1, 2)]


def problem_text(pairs: list[tuple[str, str]]) -> bytes:
    return "".join(f"{n}\n{s}\n" for n, s in pairs).encode()


def budget_of(timeout: str) -> float:
    try:
        value = float(timeout)
    except ValueError:
        return 1.0
    return value if math.isfinite(value) and value > 0 else 1.0


class Generator:
    def __init__(self, rng: random.Random, pairs: list[tuple[str, str]], proofs: list[dict], timeout: float,
                 hard: list[tuple[str, str]] | None = None):
        self.rng = rng
        self.pairs = pairs
        self.hard = hard or pairs
        self.proofs = proofs
        self.timeout = timeout
        self.easy = ("orthocenter", "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")

    # A command on the file `p.txt`: diagram, solve or draw, with its budget.
    def command(self, text: bytes, problems: int = 1) -> tuple[list[str], float]:
        t = self.timeout
        choice = self.rng.random()
        if choice < 0.4:
            return ["diagram", "p.txt"], 5.0
        if choice < 0.65:
            return ["solve", "p.txt", "--timeout", str(t), "--quiet"], t * max(1, problems)
        if choice < 0.85:
            return ["solve", "p.txt", "--timeout", str(t), "--json", "--proof-out", "out"], t * max(1, problems)
        return ["draw", "p.txt", "-o", "out.svg"], 5.0

    def problem_case(self, category: str, text: bytes, note: str = "", problems: int | None = None) -> Case:
        if problems is None:
            problems = max(1, len([l for l in text.replace(b"\r", b"\n").split(b"\n") if l.strip()]) // 2)
        args, budget = self.command(text, problems)
        return Case(category, args, {"p.txt": text}, budget, note=note)

    def some_pairs(self) -> list[tuple[str, str]]:
        count = 1 if self.rng.random() < 0.8 else self.rng.randint(2, 4)
        return [self.rng.choice(self.pairs) for _ in range(count)]

    def bytes_case(self) -> Case:
        data = bytearray(problem_text(self.some_pairs()))
        for _ in range(self.rng.randint(1, 6)):
            if not data:
                break
            i = self.rng.randrange(len(data))
            op = self.rng.randrange(3)
            if op == 0:
                data[i] = self.rng.choice(BYTE_ALPHABET)
            elif op == 1:
                del data[i]
            else:
                data.insert(i, self.rng.choice(BYTE_ALPHABET))
        return self.problem_case("bytes", bytes(data))

    def truncate_case(self) -> Case:
        data = problem_text(self.some_pairs())
        return self.problem_case("truncate", data[: self.rng.randrange(len(data) + 1)])

    def tokens_case(self) -> Case:
        name, statement = self.rng.choice(self.pairs)
        words = statement.split(" ")
        points = sorted({w for w in words if 0 < len(w) <= 3 and w.isalnum() and w[0].isalpha()})
        for _ in range(self.rng.randint(1, 3)):
            i = self.rng.randrange(len(words))
            op = self.rng.randrange(6)
            if op == 0:
                words[i], words[self.rng.randrange(len(words))] = words[self.rng.randrange(len(words))], words[i]
            elif op == 1 and len(words) > 1:
                del words[i]
            elif op == 2:
                words.insert(i, words[self.rng.randrange(len(words))])
            elif op == 3:
                words[i] = self.rng.choice(CONSTRUCTIONS + PREDICATES)
            elif op == 4:
                words[i] = self.rng.choice(UNKNOWN)
            elif points:
                words[i] = self.rng.choice(points)
        return self.problem_case("tokens", problem_text([(name, " ".join(words))]))

    def crlf_case(self) -> Case:
        data = problem_text(self.some_pairs())
        op = self.rng.randrange(6)
        if op == 0:
            data = data.replace(b"\n", b"\r\n")
        elif op == 1:
            data = data.replace(b"\n", b"\r")
        elif op == 2:
            data = b"\xef\xbb\xbf" + data
        elif op == 3:
            lines = data.split(b"\n")
            data = b"\n".join(l + (b"\r" if self.rng.random() < 0.5 else b"") for l in lines)
        elif op == 4:
            data = data.replace(b" ", b"\t")
        else:
            data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
        return self.problem_case("crlf", data, note=["CRLF", "CR", "BOM", "mixed CR", "tabs", "BOM+CRLF"][op])

    def nul_case(self) -> Case:
        data = bytearray(problem_text(self.some_pairs()))
        op = self.rng.randrange(5)
        if op == 0:
            data.insert(self.rng.randrange(len(data)), 0)
        elif op == 1:
            data = bytearray(b"\x00" * self.rng.choice([1, 100, 100_000]))
        elif op == 2:
            data = bytearray(data.replace(b"\n", b"\x00\n", 1))
        elif op == 3:
            for _ in range(20):
                data.insert(self.rng.randrange(len(data)), 0)
        else:
            data += b"\x00" * 1000
        return self.problem_case("nul", bytes(data))

    def huge_case(self) -> Case:
        name, statement = self.rng.choice(self.pairs)
        op = self.rng.randrange(5)
        n = self.rng.choice([300, 5_000, 100_000, 1_000_000])
        if op == 0:
            text = problem_text([("n" * n, statement)])
            note = f"{n}-character problem name"
        elif op == 1:
            long = "p" * n
            text = problem_text([(name, statement.replace(" a ", f" {long} ").replace("a b c =", f"{long} b c =", 1))])
            note = f"{n}-character point name"
        elif op == 2:
            text = problem_text([(name, statement + " " + "x" * n)])
            note = f"{n} characters after the goal"
        elif op == 3:
            clauses = "; ".join(f"q{i} = midpoint q{i} a b" for i in range(min(n // 20, 20000)))
            head, _, goal = self.easy[1].partition(" ? ")
            text = problem_text([(name, f"{head}; {clauses} ? {goal}")])
            note = "very long statement line of midpoint clauses"
        else:
            text = problem_text([(name, statement.replace(";", ";" + " " * n, 1))])
            note = f"{n} spaces in a statement"
        return self.problem_case("huge", text, note)

    def many_points_case(self) -> Case:
        n = self.rng.randint(250, 1000)
        head, _, goal = self.easy[1].partition(" ? ")
        op = self.rng.randrange(3)
        if op == 0:
            extra = "; ".join(f"p{i} = free p{i}" for i in range(n))
            note = f"{n} free points"
        elif op == 1:
            extra = "; ".join(f"t{i}a t{i}b t{i}c = triangle t{i}a t{i}b t{i}c" for i in range(n // 3))
            note = f"{n // 3} triangles"
        else:
            extra = "; ".join(f"p{i} = on_line p{i} a b" for i in range(n))
            note = f"{n} points on one line"
        text = problem_text([("many", f"{head}; {extra} ? {goal}")])
        case = self.problem_case("many_points", text, note, problems=1)
        return case

    def chains_case(self) -> Case:
        n = self.rng.choice([50, 200, 500, 1000])
        op = self.rng.randrange(3)
        if op == 0:
            clauses = ["m0 = midpoint m0 a b"] + [f"m{i} = midpoint m{i} m{i - 1} b" for i in range(1, n)]
            goal = f"coll a b m{n - 1}"
            note = f"chain of {n} midpoints"
        elif op == 1:
            clauses = ["m0 = foot m0 c a b"] + [f"m{i} = foot m{i} m{i - 1} {'ab'[i % 2]} c" for i in range(1, n)]
            goal = f"perp m{n - 1} m{n - 2} {'ab'[(n - 1) % 2]} c"
            note = f"chain of {n} feet"
        else:
            clauses = ["m0 = on_circle m0 a b"] + [f"m{i} = on_circle m{i} m{i - 1} b" for i in range(1, n)]
            goal = f"cong m{n - 1} b m{n - 1} m{n - 1}"
            note = f"chain of {n} circles"
        text = problem_text([("chain", "a b c = triangle a b c; " + "; ".join(clauses) + " ? " + goal)])
        return self.problem_case("chains", text, note, problems=1)

    def numbers_case(self) -> Case:
        x, y = self.rng.choice(NUMBERS), self.rng.choice(NUMBERS)
        op = self.rng.randrange(5)
        if op == 0:
            statement = f"a@{x}_{y} b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"
        elif op == 1:
            statement = f"a@0_0 b@{x}_0 c@0_{y} = triangle a b c ? perp a b a c"
        elif op == 2:
            statement = f"a b c = triangle a b c ? aconst a b b c {x}"
        elif op == 3:
            statement = f"a b c = triangle a b c ? rconst a b b c {x}"
        else:
            statement = f"a b = segment a b; x = s_angle a b x {x} ? aconst b x b a {y}"
        return self.problem_case("numbers", problem_text([("numbers", statement)]), f"{x} {y}")

    def unknown_case(self) -> Case:
        name, statement = self.rng.choice(self.pairs)
        op = self.rng.randrange(4)
        word = self.rng.choice(UNKNOWN + ["frob", "zork_line"])
        if op == 0:
            statement = statement.replace(" ? ", f"; x9 = {word} x9 a b ? ", 1)
        elif op == 1:
            statement = statement.rsplit("?", 1)[0] + f"? {word} a b c d"
        elif op == 2:
            statement = "α β γ = triangle α β γ; η = on_tline η β α γ, on_tline η γ α β ? perp α η β γ"
            name = self.rng.choice(["ünïcode", "名前", "😀", name])
        else:
            statement = f"{word} {statement}"
        return self.problem_case("unknown", problem_text([(name, statement)]))

    def options_case(self) -> Case:
        hostile_time = ["inf", "-inf", "nan", "-1", "0", "1e-9", "1e308", "-0", "abc", "", "1e-320", "0x10", "99999999999999999999"]
        hostile_memory = ["nan", "inf", "-inf", "1", "0", "-5", "1e308", "1e-9", "abc"]
        hostile_seed = ["-1", "18446744073709551616", "99999999999999999999999", "abc", "1.5", "nan", "-9223372036854775809"]
        op = self.rng.randrange(8)
        # Hostile --timeout values on competition problems (which outlast a short budget), the rest on any.
        pair = self.rng.choice(self.hard) if op in (0, 7) else self.easy if self.rng.random() < 0.5 else self.rng.choice(self.pairs)
        files = {"p.txt": problem_text([pair])}
        t = str(self.timeout)
        if op == 0:
            value = self.rng.choice(hostile_time)
            return Case("options", ["solve", "p.txt", "--timeout", value, "--quiet"], files, budget_of(value), note=f"--timeout {value!r}")
        if op == 1:
            value = self.rng.choice(hostile_memory)
            return Case("options", ["solve", "p.txt", "--timeout", t, "--memory", value, "--quiet"], files, self.timeout, note=f"--memory {value!r}")
        if op == 2:
            value = self.rng.choice(hostile_seed)
            cmd = self.rng.choice([["solve", "p.txt", "--timeout", t, "--quiet"], ["diagram", "p.txt"], ["draw", "p.txt", "-o", "o.svg"]])
            return Case("options", cmd + ["--seed", value], files, self.timeout if cmd[0] == "solve" else 5.0, note=f"{cmd[0]} --seed {value!r}")
        if op == 3:
            option, value = self.rng.choice([("--max-states", "-1"), ("--max-states", "0"), ("--max-depth", "-1"),
                                             ("--max-depth", "1000000"), ("--search-workers", "0"), ("--search-workers", "-1"),
                                             ("--search-workers", "64"), ("--coordinates-seconds", "nan"),
                                             ("--coordinates-seconds", "inf"), ("--coordinates-seconds", "-1"),
                                             ("--beam", "0"), ("--beam", "-3"), ("--proposals", "-1"),
                                             ("--rescore-weight", "nan"), ("--neural-depth", "-1")])
            return Case("options", ["solve", "p.txt", "--timeout", t, "--quiet", option, value], files, self.timeout, note=f"{option} {value}")
        if op == 4:
            value = self.rng.choice(["nan", "inf", "0", "-5", "1e308", "1e-9", "abc"])
            return Case("options", ["draw", "p.txt", "-o", "o.svg", "--width", value], files, 5.0, note=f"--width {value}")
        if op == 5:
            value = self.rng.choice(["0", "-1", "99999999999999999999", "abc", "1e3"])
            return Case("options", ["diagram", "p.txt", "--seeds", value], files, 5.0, note=f"--seeds {value}")
        if op == 6:
            value = self.rng.choice(["", "nonexistent", "x" * 100_000, "../p", "-", "--timeout"])
            cmd = self.rng.choice([["solve", "p.txt", "--timeout", t, "--quiet"], ["diagram", "p.txt"]])
            return Case("options", cmd + ["--problem", value], files, self.timeout if cmd[0] == "solve" else 5.0,
                        note=f"--problem {value[:20]!r}{'...' if len(value) > 20 else ''}")
        value = self.rng.choice(hostile_time)
        memory = self.rng.choice(hostile_memory)
        return Case("options", ["solve", "p.txt", "--timeout", value, "--memory", memory, "--json"], files, budget_of(value),
                    note=f"--timeout {value!r} --memory {memory!r}")

    def check_case(self) -> Case:
        coordinate = [p for p in self.proofs if p["coordinates"]]
        pool = coordinate if coordinate and self.rng.random() < 0.4 else self.proofs
        proof = self.rng.choice(pool)
        files = {"p.txt": proof["problem_file"]}
        text = proof["text"]
        kind = proof["kind"]
        op = self.rng.randrange(10)
        note = f"{proof['name']} ({kind})"
        if proof["coordinates"] and op < 7:
            if kind == "json":
                try:
                    data = json.loads(text)
                    field_path = find_coordinate_text(data)
                    if field_path is not None:
                        holder, key = field_path
                        mutated, what = self.mutate_coordinates(holder[key].encode())
                        holder[key] = mutated.decode("utf-8", "replace")
                        text = json.dumps(data).encode()
                        note += f": {what}"
                except ValueError:
                    pass
            else:
                text, what = self.mutate_coordinates(text)
                note += f": {what}"
        elif kind == "json" and op < 8:
            try:
                data = json.loads(text)
                data, what = self.mutate_json(data)
                text = json.dumps(data)
                if what.startswith("steps nested"):
                    depth = int(what.split()[2])
                    text = text.replace(f'"__NESTED_{depth}__"', "[" * depth + "]" * depth)
                text = text.encode()
                note += f": {what}"
            except (ValueError, RecursionError):
                pass
        else:
            data = bytearray(text)
            for _ in range(self.rng.randint(1, 8)):
                if not data:
                    break
                i = self.rng.randrange(len(data))
                choice = self.rng.randrange(4)
                if choice == 0:
                    data[i] = self.rng.choice(BYTE_ALPHABET + list(b"0123456789{}[]\":,"))
                elif choice == 1:
                    del data[i]
                elif choice == 2:
                    data.insert(i, self.rng.choice(BYTE_ALPHABET))
                else:
                    data = data[: i]
            text = bytes(data)
            note += ": bytes"
        files["proof"] = text
        return Case("check", ["check", "p.txt", "--problem", proof["name"], "--timeout", "5", "proof"], files, 5.0, note=note)

    def mutate_json(self, data):
        rng = self.rng
        op = rng.randrange(9)
        proof = data.get("proof", data) if isinstance(data, dict) else data
        if op == 0 and isinstance(proof, dict) and proof.get("steps"):
            rng.shuffle(proof["steps"])
            return data, "steps shuffled"
        if op == 1 and isinstance(proof, dict):
            key = rng.choice(sorted(proof))
            del proof[key]
            return data, f"key {key} deleted"
        if op == 2 and isinstance(proof, dict):
            key = rng.choice(sorted(proof))
            proof[key] = rng.choice([None, 1e308, -1, "x", [], {}, [[[[]]]], 2 ** 70, True])
            return data, f"key {key} retyped"
        if op == 3 and isinstance(proof, dict):
            depth = rng.choice([100, 5000, 50000])
            proof["steps"] = f"__NESTED_{depth}__"     # spelled out after json.dumps
            return data, f"steps nested {depth} deep"
        if op == 4 and isinstance(proof, dict):
            proof["seed"] = rng.choice([-1, 2 ** 64, 1e308, "nan", 0.5])
            return data, f"seed {proof['seed']!r}"
        if op == 5 and isinstance(proof, dict):
            proof["configuration"] = rng.choice([-1, 2 ** 63, 2 ** 70, 1 << 40, 3.5])
            return data, f"configuration {proof['configuration']!r}"
        if op == 6 and isinstance(proof, dict) and proof.get("steps"):
            step = rng.choice(proof["steps"])
            if isinstance(step, dict):
                key = rng.choice(sorted(step))
                value = step[key]
                if isinstance(value, int):
                    step[key] = rng.choice([value + 1, -value, 0, 10 ** 9, 2 ** 63 - 1])
                elif isinstance(value, str):
                    step[key] = rng.choice([value[::-1], value + " x", "", value * 50, "perp a a b c"])
                elif isinstance(value, list):
                    step[key] = value[:-1] if value else [999]
                return data, f"step field {key} changed"
        if op == 7 and isinstance(proof, dict):
            proof["format"] = rng.choice(["gougu-proof/1", "gougu-proof/4", "", "gougu-proof/3\u0000"])
            return data, f"format {proof['format']!r}"
        # Replace every string holding a point name with another point name.
        blob = json.dumps(data)
        blob = blob.replace(" a ", " b ", rng.randint(1, 3))
        return json.loads(blob), "a point renamed in places"

    def mutate_coordinates(self, text: bytes):
        rng = self.rng
        lines = text.split(b"\n")
        op = rng.randrange(7)
        header = next((i for i, l in enumerate(lines) if l.strip().startswith(b"in ") and b"coordinates (" in l), None)
        if op <= 2 and header is not None:
            replacement = rng.choice([b"  in cartesian coordinates (x, y)", b"  in cartesian coordinates (x, y)",
                                      b"  in cartesian coordinates (x, y)", b"  in isotropic coordinates (z, w) = (x + iy, x - iy)",
                                      b"  in polar coordinates (r, t)", b"  in cartesian coordinates (y, x)", b"",
                                      b"  in isotropic coordinates (w, z) = (x - iy, x + iy)"])
            lines[header] = replacement
            return b"\n".join(lines), f"coordinates line -> {replacement.decode().strip()!r}"
        body = [i for i, l in enumerate(lines) if b"=" in l and b"(" in l]
        if op == 3 and body:
            i = rng.choice(body)
            lines[i] = lines[i].replace(b"z_", b"w_", 1) if rng.random() < 0.5 else lines[i].replace(b"w_", b"z_", 1)
            return b"\n".join(lines), "a coordinate variable swapped"
        if op == 4 and body:
            i = rng.choice(body)
            lines[i] = lines[i].replace(b")", b"^999999999)", 1)
            return b"\n".join(lines), "a huge exponent"
        if op == 5 and body:
            i = rng.choice(body)
            lines[i] = lines[i].replace(b"1", b"123456789012345678901234567890", 3)
            return b"\n".join(lines), "huge numbers"
        if op == 6:
            return text.replace(b"QED", b""), "QED removed"
        return text.replace(b"(0, 0)", b"(1, 0)", 1), "origin moved"

    def nonregular_case(self) -> Case:
        op = self.rng.randrange(8)
        files = {"p.txt": problem_text([self.easy])}
        if op == 0:
            return Case("nonregular", ["diagram", "/dev/zero"], {}, 5.0, note="diagram /dev/zero")
        if op == 1:
            return Case("nonregular", ["solve", "/dev/zero", "--timeout", "1"], {}, 1.0, note="solve /dev/zero")
        if op == 2:
            return Case("nonregular", ["diagram", "fifo"], {}, 5.0, setup="fifo:fifo", note="diagram on a FIFO nobody writes")
        if op == 3:
            return Case("nonregular", ["solve", "adir", "--timeout", "1"], {}, 1.0, setup="dir:adir", note="solve a directory")
        if op == 4:
            return Case("nonregular", ["diagram", "loop"], {}, 5.0, setup="link:loop>self", note="diagram a symlink loop")
        if op == 5:
            return Case("nonregular", ["check", "p.txt", "--problem", "orthocenter", "/dev/zero"], files, 5.0, note="check a proof from /dev/zero")
        if op == 6:
            return Case("nonregular", ["check", "p.txt", "--problem", "orthocenter", "fifo"], files, 5.0, setup="fifo:fifo",
                        note="check a proof from a FIFO nobody writes")
        return Case("nonregular", ["solve", "/dev/null", "--timeout", "1"], {}, 1.0, note="solve /dev/null")

    def outputs_case(self) -> Case:
        op = self.rng.randrange(9)
        statement = self.easy[1]
        if op <= 2:
            name = self.rng.choice(["../../escaped", "../../../../escaped", "../escaped", "a/../../b", "..", ".", "/",
                                    "sub/dir/name", "{abs}"])
            if name == "{abs}":
                name = "{dir}/../../abs_escaped"    # an absolute path into the sandbox, outside the run folder
            return Case("outputs", ["solve", "p.txt", "--timeout", str(self.timeout), "--quiet", "--proof-out", "out"],
                        {"p.txt": problem_text([(name, statement)])}, self.timeout, note=f"problem named {name!r} with --proof-out")
        files = {"p.txt": problem_text([self.easy])}
        if op == 3:
            return Case("outputs", ["draw", "p.txt", "-o", "fifo"], files, 5.0, setup="fifo:fifo", note="draw -o a FIFO nobody reads")
        if op == 4:
            return Case("outputs", ["draw", "p.txt", "-o", "adir"], files, 5.0, setup="dir:adir", note="draw -o a directory")
        if op == 5:
            return Case("outputs", ["draw", "p.txt", "-o", "link.svg"], files, 5.0, setup="outside:elsewhere;link:link.svg>elsewhere/target.svg",
                        note="draw -o a symlink to a file outside the run folder (user-directed)")
        if op == 6:
            return Case("outputs", ["draw", "p.txt", "-o", "missing/deeper/o.svg"], files, 5.0, note="draw -o in a missing folder")
        if op == 7:
            return Case("outputs", ["solve", "p.txt", "--timeout", str(self.timeout), "--proof-out", "p.txt"], files, self.timeout,
                        note="--proof-out an existing file")
        return Case("outputs", ["solve", "p.txt", "--timeout", str(self.timeout), "--proof-out", "fifo"], files, self.timeout,
                    setup="fifo:fifo", note="--proof-out a FIFO")


# --------------------------------------------------------------------------- proofs

def find_coordinate_text(data):
    """(holder, key) of the string in a JSON proof that holds a proof by coordinates."""
    stack = [data]
    while stack:
        item = stack.pop()
        entries = item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else []
        for key, value in entries:
            if isinstance(value, str) and "coordinates (" in value:
                return item, key
            if isinstance(value, (dict, list)):
                stack.append(value)
    return None


def collect_proofs(gougu: str, folder: str, sources: list[str], timeout: float) -> list[dict]:
    """Solve the given files with --proof-out and collect the proofs (text and JSON)."""
    proofs = []
    extra = [("coordinate", "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b; m = midpoint m a b ? cong m a m b"),
             ("coordinate2", "a b c = triangle a b c; o = circle o a b c; m = midpoint m b c ? perp o m b c"),
             ("coordinate3", "a b c = triangle a b c; d = midpoint d a b; e = midpoint e a c ? para d e b c")]
    jobs = [(path, read_pairs(path)) for path in sources]
    jobs.append(("extra", extra))
    for path, pairs in jobs:
        if not pairs:
            continue
        for index, (name, statement) in enumerate(pairs):
            problem_file = problem_text([(name, statement)])
            source = os.path.join(folder, f"src_{len(proofs)}_{index}.txt")
            with open(source, "wb") as handle:
                handle.write(problem_file)
            out = os.path.join(folder, f"proofs_{os.path.basename(path)}_{index}")
            for mode in ([[], ["--no-aux", "--coordinates", "first"]] if path == "extra" else [[]]):
                try:
                    subprocess.run([gougu, "solve", source, "--timeout", str(timeout), "--quiet", "--proof-out", out] + mode,
                                   capture_output=True, timeout=timeout + 20)
                except subprocess.TimeoutExpired:
                    continue
                for suffix, kind in ((".json", "json"), (".txt", "text")):
                    proof = os.path.join(out, name + suffix)
                    if os.path.exists(proof):
                        with open(proof, "rb") as handle:
                            content = handle.read()
                        proofs.append({"name": name, "kind": kind, "text": content, "problem_file": problem_file,
                                       "coordinates": b"coordinates (" in content})
                shutil.rmtree(out, ignore_errors=True)
    return proofs


# --------------------------------------------------------------------------- main

QUOTA = {  # share of the runs by category (the rest of --runs is split in proportion)
    "bytes": 600, "truncate": 250, "tokens": 450, "crlf": 120, "nul": 120, "huge": 80, "many_points": 40,
    "chains": 40, "numbers": 200, "unknown": 120, "options": 350, "check": 560, "nonregular": 24, "outputs": 76,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gougu", default=os.path.join(REPO, ".build", "release", "gougu"))
    parser.add_argument("--runs", type=int, default=sum(QUOTA.values()), help=f"inputs to run (default {sum(QUOTA.values())})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1.0, help="--timeout given to solve (default 1)")
    parser.add_argument("--rss-limit", type=float, default=3072, help="MiB of resident memory before a run is killed (default 3072)")
    parser.add_argument("--proof-timeout", type=float, default=10, help="--timeout when solving for the proofs to mutate (default 10)")
    parser.add_argument("--categories", default="", help="comma-separated subset of: " + ",".join(QUOTA))
    parser.add_argument("--out", default="fuzz_report.md")
    args = parser.parse_args()
    gougu = os.path.abspath(args.gougu)
    if not os.access(gougu, os.X_OK):
        print(f"no gougu binary at {gougu}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    chosen = [c for c in args.categories.split(",") if c] or list(QUOTA)
    scale = args.runs / sum(QUOTA[c] for c in chosen)
    started = time.monotonic()

    sources = [os.path.join(SHARED, "imo_ag_30.txt"), os.path.join(REPO, "Problems", "classics.txt")]
    pairs = [p for s in sources for p in read_pairs(s)] or [("orthocenter", "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")]
    base = tempfile.mkdtemp(prefix="gougu-fuzz-")
    try:
        proofs = []
        if "check" in chosen:
            print("solving imo_ag_30 and classics for proofs to mutate...", file=sys.stderr)
            proofs = collect_proofs(gougu, base, sources, args.proof_timeout)
            proofs.sort(key=lambda p: (p["name"], p["kind"]))
            print(f"  {len(proofs)} proofs ({sum(p['coordinates'] for p in proofs)} by coordinates) in "
                  f"{time.monotonic() - started:.0f} s", file=sys.stderr)
            if not proofs:
                chosen.remove("check")
        generator = Generator(rng, pairs, proofs, args.timeout, read_pairs(sources[0]))
        cases: list[Case] = []
        for category in chosen:
            make = getattr(generator, f"{category}_case")
            for _ in range(max(1, round(QUOTA[category] * scale))):
                cases.append(make())
        rng.shuffle(cases)
        records: list[Record] = []
        lock = threading.Lock()

        def run_one(i: int, case: Case) -> Record:
            return execute(gougu, base, i, case, args.rss_limit)

        with futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            jobs = [pool.submit(run_one, i, c) for i, c in enumerate(cases)]
            for done, job in enumerate(futures.as_completed(jobs), 1):
                with lock:
                    records.append(job.result())
                if done % 250 == 0:
                    print(f"  {done}/{len(jobs)} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    elapsed = time.monotonic() - started
    return report(records, args, gougu, elapsed, len(proofs))


def report(records: list[Record], args, gougu: str, elapsed: float, proof_count: int) -> int:
    kinds = ["crash", "overrun", "memory", "nul", "quote", "escape"]
    by_category: dict[str, dict[str, int]] = {}
    for r in records:
        row = by_category.setdefault(r.case.category, {"runs": 0, "exit 0": 0, "exit 1": 0, "exit 2": 0, "killed": 0, "other": 0})
        row["runs"] += 1
        if r.status is None:
            row["killed"] += 1
        elif r.status in (0, 1, 2):
            row[f"exit {r.status}"] += 1
        else:
            row["other"] += 1
        for kind in kinds:
            row[kind] = row.get(kind, 0) + (kind in r.failures)
    failing = [r for r in records if r.failures]
    command = " ".join(shlex.quote(a) for a in [os.path.relpath(sys.argv[0], os.getcwd())] + sys.argv[1:])
    lines = ["# Hostile-input fuzz", "", f"Command: `python3 {command}`", "",
             f"Binary: `{gougu}`; seed {args.seed}; solve `--timeout {args.timeout}`; jobs {args.jobs}; "
             f"{len(records)} runs in {elapsed:.0f} s; {proof_count} real proofs mutated for `check`.", "",
             "Budgets: solve's --timeout (times the problems in the file; a value that is not a finite positive number "
             "counts as 1 s), 5 s for diagram, draw and check. Overrun: wall time past budget + 2 s; killed at budget + 10 s.", "",
             "| category | runs | exit 0 | exit 1 | exit 2 | killed | other exit | " + " | ".join(kinds) + " |",
             "| --- | " + " | ".join("---:" for _ in range(6 + len(kinds))) + " |"]
    totals: dict[str, int] = {}
    for category in QUOTA:
        row = by_category.get(category)
        if not row:
            continue
        for k, v in row.items():
            totals[k] = totals.get(k, 0) + v
        lines.append(f"| {category} | {row['runs']} | {row['exit 0']} | {row['exit 1']} | {row['exit 2']} | {row['killed']} | "
                     f"{row['other']} | " + " | ".join(str(row.get(k, 0)) for k in kinds) + " |")
    lines.append(f"| all | {totals.get('runs', 0)} | {totals.get('exit 0', 0)} | {totals.get('exit 1', 0)} | {totals.get('exit 2', 0)} | "
                 f"{totals.get('killed', 0)} | {totals.get('other', 0)} | " + " | ".join(str(totals.get(k, 0)) for k in kinds) + " |")
    lines += ["", f"Runs with at least one failure: {len(failing)}.", ""]
    for kind in kinds:
        hits = sorted((r for r in records if kind in r.failures), key=lambda r: r.index)
        if not hits:
            continue
        lines += [f"## {kind} ({len(hits)})", ""]
        for r in hits[:20]:
            shown = " ".join(shlex.quote(a) if len(a) < 80 else shlex.quote(a[:60] + "...") for a in r.case.args)
            detail = f"exit {r.status}" if r.status is not None else r.killed
            extra = f"; wrote {', '.join(r.escaped[:3])}" if r.escaped else ""
            err = r.stderr_head.replace("\x00", "\\0").replace("\n", " ").replace("|", "\\|")[:160]
            lines.append(f"- run {r.index} [{r.case.category}] `gougu {shown}` — {r.case.note[:120]}; {detail}, "
                         f"{r.seconds:.1f} s (budget {r.case.budget:g} s), peak {r.peak_rss_mib:.0f} MiB{extra}; stderr: `{err}`")
        lines.append("")
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines[:12 + len(by_category) + 3]))
    print(f"report: {args.out}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
