#!/usr/bin/env bash
# Gougu beside Newclid with its C++ Yuclid backend, on the same problem file, in one run.
#
#   scripts/bench/compare.sh [FILE] [--timeout S] [--seed N] [--report OUT.md] [--json OUT.json]
#                            [--gougu BIN | --scratch-path DIR] [--venv DIR]
#                            [--yuclid-tables default|all|both] [--author-aux]
#
# 1. makes a virtual environment (default .venv-bench in the repository root) and
#    pip-installs Newclid 3.0.1 + py_yuclid 3.0.0 with every dependency pinned
#    (scripts/bench/requirements-newclid.txt); skipped when already done;
# 2. builds Gougu in release (`swift build -c release --product gougu`, scratch path
#    .build unless --scratch-path; --gougu BIN uses that binary and builds nothing);
# 3. runs Gougu on FILE (`gougu bench --jobs 1`, or `gougu solve --problem` per problem
#    for a Gougu without bench), then Newclid+Yuclid (scripts/bench/run_newclid.py),
#    both DD+AR only, one problem at a time, each in its own process, with the same
#    per-problem timeout (default 60 s); --yuclid-tables all runs the yuclid binary
#    with every table (distances, squared distances, equations, sines) and takes its
#    own verdict; --yuclid-tables both runs Newclid twice, in its default configuration
#    and with every table; --author-aux keeps the author's auxiliary clauses after '|'
#    for Newclid too (Gougu always reads them);
# 4. prints per problem: Gougu, Newclid+Yuclid and AlphaGeometry's DD+AR reference
#    (solved, seconds), then the solve counts, the total seconds and the time ratios to
#    Gougu of the yuclid binary alone, of Newclid in-process and of the whole Newclid
#    process (one table per Yuclid configuration). docs/benchmarking.md says what each
#    number measures.
#
# FILE defaults to ../shared/benchmarks/imo_ag_30.txt; the reference is
# ../shared/benchmarks/ag1_ddar_reference.tsv (--reference to change). Needs Python >= 3.11
# (PYTHON=... to choose the interpreter) and PyPI.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

file="$root/../shared/benchmarks/imo_ag_30.txt"
reference="$root/../shared/benchmarks/ag1_ddar_reference.tsv"
timeout=60
seed=0
report=""
json=""
gougu=""
scratch="$root/.build"
venv="$root/.venv-bench"
python=${PYTHON:-python3}
tables=default
author_aux=""

usage() { sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

file_given=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --timeout) timeout=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --report) report=$2; shift 2 ;;
        --json) json=$2; shift 2 ;;
        --gougu) gougu=$2; shift 2 ;;
        --scratch-path) scratch=$2; shift 2 ;;
        --venv) venv=$2; shift 2 ;;
        --reference) reference=$2; shift 2 ;;
        --yuclid-tables) tables=$2; shift 2 ;;
        --author-aux) author_aux=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "compare.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *)
            if [[ -n $file_given ]]; then echo "compare.sh: one problem file only" >&2; exit 2; fi
            file=$1; file_given=1; shift ;;
    esac
done
[[ -f $file ]] || { echo "compare.sh: no problem file $file" >&2; exit 2; }
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")

# 1. Newclid + Yuclid in a virtual environment.
requirements="$here/requirements-newclid.txt"
if [[ ! -x $venv/bin/python ]]; then
    "$python" - <<'EOF' || { echo "compare.sh: Newclid needs Python >= 3.11 (set PYTHON=...)" >&2; exit 2; }
import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)
EOF
    echo "== making $venv" >&2
    "$python" -m venv "$venv"
fi
stamp="$venv/.compare-requirements"
if ! cmp -s "$requirements" "$stamp"; then
    echo "== pip install -r $requirements" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi
# Fail here, not per problem, when the C++ backend cannot be loaded.
PATH="$venv/bin:$PATH" "$venv/bin/python" -c 'import newclid, py_yuclid.api_default' \
    || { echo "compare.sh: newclid/py_yuclid do not import in $venv" >&2; exit 1; }
[[ -x $venv/bin/yuclid ]] || { echo "compare.sh: no yuclid binary in $venv/bin" >&2; exit 1; }

# 2. Gougu, release.
if [[ -z $gougu ]]; then
    echo "== swift build -c release --product gougu --scratch-path $scratch" >&2
    (cd "$root" && swift build -c release --product gougu --scratch-path "$scratch" >&2)
    gougu="$(cd "$root" && swift build -c release --product gougu --scratch-path "$scratch" --show-bin-path)/gougu"
fi
[[ -x $gougu ]] || { echo "compare.sh: no Gougu binary at $gougu" >&2; exit 1; }

# 3 and 4. Both engines, then the table.
args=(--gougu "$gougu" --file "$file" --timeout "$timeout" --seed "$seed" --reference "$reference"
      --yuclid-tables "$tables")
[[ -n $author_aux ]] && args+=(--author-aux)
[[ -n $report ]] && args+=(--report "$report")
[[ -n $json ]] && args+=(--json "$json")
exec "$venv/bin/python" "$here/compare.py" "${args[@]}"
