#!/usr/bin/env bash
# Sets up memtidy on Debian 12 and runs it. Run as root or with sudo.
#
#   scripts/setup.sh --example   install, build, run memtidy on examples/:
#                                findings on the terminal, SARIF in memtidy.sarif
#   scripts/setup.sh --test      install, build, run the whole test suite (ctest)
#
# Idempotent: installed packages and finished builds are reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MEMTIDY_BUILD_DIR:-$ROOT/build}"
MODE="${1:---example}"
case "$MODE" in
  --example|--test) ;;
  *) echo "usage: $0 --example|--test" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }

# --- packages ---------------------------------------------------------------
PACKAGES=(llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tidy-19
          llvm-19-tools nlohmann-json3-dev cmake ninja-build g++ python3)
if [[ "$MODE" == --test ]]; then
  PACKAGES+=(curl ca-certificates)
  # Emscripten's headers and libc++ for the wasm guest-side tests.
  PACKAGES+=(emscripten)
  command -v node >/dev/null || PACKAGES+=(nodejs)
  command -v npm >/dev/null || PACKAGES+=(npm)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  step "installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "run as root: apt-get install ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- test tools -------------------------------------------------------------
SCHEMA_ARG=()
if [[ "$MODE" == --test ]]; then
  step "JSON Schema validator (npm)"
  (cd "$ROOT/test/tools" && npm ci --no-audit --no-fund --loglevel=error)
  # The OASIS SARIF 2.1.0 schema: beside the repository in ../shared, or
  # fetched once into the build tree.
  SCHEMA="$ROOT/../shared/sarif/sarif-schema-2.1.0.json"
  if [[ ! -f "$SCHEMA" ]]; then
    SCHEMA="$BUILD/sarif-schema-2.1.0.json"
    if [[ ! -f "$SCHEMA" ]]; then
      mkdir -p "$BUILD"
      curl -fsSL -o "$SCHEMA.tmp" \
        https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
      mv "$SCHEMA.tmp" "$SCHEMA"
    fi
  fi
  SCHEMA_ARG=(-DMEMTIDY_SARIF_SCHEMA="$SCHEMA")
fi

# --- build ------------------------------------------------------------------
step "building memtidy in $BUILD"
# The example needs no test tools; a tree configured with tests keeps them.
TESTING=()
if [[ "$MODE" == --test ]]; then
  TESTING=(-DBUILD_TESTING=ON)
elif [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  TESTING=(-DBUILD_TESTING=OFF)
fi
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      "${TESTING[@]}" "${SCHEMA_ARG[@]}" >/dev/null
cmake --build "$BUILD"

if [[ "$MODE" == --test ]]; then
  step "tests"
  cd "$BUILD"
  exec ctest --output-on-failure -j "$(nproc)"
fi

# --- example ----------------------------------------------------------------
step "memtidy on examples/"
cmake -S "$ROOT/examples" -B "$ROOT/examples/build" -G Ninja \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
cd "$ROOT/examples"
status=0
"$BUILD/bin/memtidy" -p build --format=sarif -o "$ROOT/memtidy.sarif" || status=$?
if [[ $status -gt 1 ]]; then
  echo "memtidy failed (exit $status)" >&2
  exit $status
fi
echo "SARIF for GitHub code scanning: $ROOT/memtidy.sarif"
