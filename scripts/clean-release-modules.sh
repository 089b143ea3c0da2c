#!/usr/bin/env bash
# Removes Gougu's own release build products (not the dependencies'), working around
# stale incremental builds after a struct layout changes across modules.
set -euo pipefail
cd "$(dirname "$0")/.."
for d in .build/*/release; do
  [ -d "$d" ] || continue
  rm -rf "$d"/Gougu*.build "$d"/CGMP.build "$d"/gougu "$d"/description.json
done
