#!/usr/bin/env bash
# Proof pages rendered by headless Chromium, for a look and for docs/figures/:
#
#   scripts/proof-page/screenshots.sh [OUT_DIR]      (default docs/figures)
#
# Writes proof-page-simson.png (the Simson line, step 12 selected), proof-page-imo-2019-p6.png
# (IMO 2019 P6, auxiliary points, step 60 selected), proof-page-imo-2000-p6.png (a proof of
# more than 150 lines, a late step selected) and proof-page-coordinates.png (IMO 2021 P3, a
# proof by coordinates), each from `gougu solve --html`. Needs a release build and Debian's
# chromium (`apt-get install chromium`); run from the repository root. The test suite's
# ProofPageTests checks in the same browser that selecting a step lights up its objects.
set -euo pipefail
out=${1:-docs/figures}
mkdir -p "$out"
gougu=${GOUGU:-.build/release/gougu}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome) \
    || { echo "error: no chromium on PATH (apt-get install chromium)" >&2; exit 2; }
[ -x "$gougu" ] || { echo "error: $gougu is not built (swift build -c release --product gougu)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot() {  # shot FILE PROBLEM STEP NAME
    "$gougu" solve "$1" --problem "$2" --timeout 60 --quiet --html "$work/$4.html" > /dev/null || true
    [ -f "$work/$4.html" ] || { echo "error: no proof page for $2" >&2; exit 1; }
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,900 \
        --screenshot="$out/proof-page-$4.png" "file://$work/$4.html${3:+#step-$3}" 2> /dev/null
    echo "$out/proof-page-$4.png"
}
shot Problems/classics.txt simson_line 12 simson
shot ../shared/benchmarks/imo_ag_30.txt translated_imo_2019_p6 60 imo-2019-p6
shot ../shared/benchmarks/imo_ag_30.txt translated_imo_2000_p6 140 imo-2000-p6
shot ../shared/benchmarks/imo_ag_30.txt translated_imo_2021_p3 "" coordinates
