#!/usr/bin/env bash
# Installs what building Gougu needs beyond the Swift toolchain: GMP and pkg-config.
# Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists gmp 2>/dev/null && [ ! -f /usr/include/gmp.h ] && [ ! -f "/usr/include/$(uname -m)-linux-gnu/gmp.h" ]; then
  missing+=(libgmp-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "setup: the Swift toolchain (6.0 or later) is required: https://swift.org/install" >&2; exit 1; }
