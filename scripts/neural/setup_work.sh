# Sourced by the training scripts: from the repository's root, builds `gougu` (release, in
# $SCRATCH, default .build-neural) as $G and makes the work directory $WORK (the script's
# first argument, or DEFAULT_WORK).
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK="${1:-$DEFAULT_WORK}"
SCRATCH="${SCRATCH:-.build-neural}"
swift build -c release --scratch-path "$SCRATCH" --product gougu >/dev/null
G="$SCRATCH/release/gougu"
mkdir -p "$WORK"
