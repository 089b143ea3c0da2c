#!/usr/bin/env bash
# Where the proposers rank the auxiliary constructions that proved problems: for each
# problem of a `gougu bench` report proved with auxiliary points, the first auxiliary clause
# of its proof, its rank in the heuristic's candidates at the root and its rank when the
# same candidates are ordered by the model's log-probability (docs/neural-proposer.md).
# Usage: scripts/neural/clause_ranks.sh PROBLEMS REPORT [MODEL]
# (MODEL: a model file instead of the shipped one). Prints one line per problem, then the
# geometric means of the ranks over the clauses found among the first 400 candidates.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROBLEMS="$1"
REPORT="$2"
MODEL_OPTION=()
if [ -n "${3:-}" ]; then MODEL_OPTION=(--proposer-model "$3"); fi
swift build -c release --product gougu >/dev/null
G=.build/release/gougu
# "name<TAB>first auxiliary clause" for the report's proofs with auxiliary points.
awk -F'|' '$3 ~ /proved/ && $3 !~ /not/ && $8 ~ /=/ && $8 !~ /identification/ {
        gsub(/^ +| +$/, "", $2); split($8, clauses, ";"); c = clauses[1]; gsub(/^ +| +$/, "", c); print $2 "\t" c }' "$REPORT" |
while IFS=$'\t' read -r name clause; do
    # (--no-aux stops after deduction, which does not prove these: exit status 1.)
    { "$G" solve "$PROBLEMS" --problem "$name" --proposer rescored --rescore-weight 0 --proposals 400 --no-aux \
        "${MODEL_OPTION[@]}" </dev/null 2>/dev/null || true; } |
    awk -v name="$name" -v clause="$clause" '
        # A clause with its new point (the word before "=") written X, so that x1 and x3 compare equal.
        function shape(text,   words, n, i, out) {
            n = split(text, words, " "); out = ""
            for (i = 3; i <= n; i++) out = out " " (words[i] == words[1] ? "X" : words[i])
            return out
        }
        BEGIN { target = shape(clause) }
        $2 == "logP" {
            count++; text = $4; for (i = 5; i <= NF; i++) text = text " " $i
            logp[count] = $3
            if (shape(text) == target && !found) { found = count }
        }
        END {
            if (!found) { printf "%s\t%s\tnot among the %d candidates\n", name, clause, count; exit }
            better = 0; for (i = 1; i <= count; i++) if (logp[i] > logp[found]) better++
            printf "%s\t%s\theuristic %d\tmodel %d\n", name, clause, found, better + 1
        }'
done > "${TMPDIR:-/tmp}/clause_ranks.$$"
cat "${TMPDIR:-/tmp}/clause_ranks.$$"
awk -F'\t' '$3 ~ /heuristic/ {
        split($3, h, " "); split($4, m, " "); n++; lh += log(h[2]); lm += log(m[2]) }
    END { if (n) printf "geometric mean rank over %d clauses: heuristic %.2f, model %.2f\n", n, exp(lh / n), exp(lm / n) }' \
    "${TMPDIR:-/tmp}/clause_ranks.$$"
rm -f "${TMPDIR:-/tmp}/clause_ranks.$$"
