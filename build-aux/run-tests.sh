#!/usr/bin/env bash
# run-tests.sh — on a fresh Debian 12 machine: install every dependency, build
# with warnings as errors, run every suite (the unit and integration suites
# on both store engines: SQLite, and PostgreSQL on a private cluster), then
# the unit and integration suites again in an address + undefined-behaviour
# sanitizer build (the integration suite on SQLite), and a bounded libFuzzer
# campaign over the sensor message parser. Ends with
# one line "N passed, N failed" and exits non-zero if anything failed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ "${WANGGE_SKIP_DEPS:-0}" != 1 ]; then
  bash build-aux/install-deps.sh || { echo "Installing the dependencies failed." >&2; exit 1; }
fi

jobs=$(nproc 2>/dev/null || echo 2)
status=0

# meson test's own summary is not read as a count: tally testlog.json.
count () {
  python3 - "$@" <<'PY'
import json, sys
passed = failed = skipped = 0
for log in sys.argv[1:]:
    try:
        lines = open(log, encoding='utf-8').read().splitlines()
    except FileNotFoundError:
        continue
    for line in lines:
        if not line.strip():
            continue
        result = json.loads(line).get('result')
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(passed, failed, skipped)
PY
}

echo "== Build (-Dwerror=true) and every suite =="
rm -rf build-ci
if meson setup build-ci -Dwerror=true -Dprint_fonts=enabled --buildtype=debugoptimized >build-ci.log 2>&1 &&
   meson compile -C build-ci -j "$jobs"; then
  meson test -C build-ci --num-processes "$jobs" --print-errorlogs || status=1
else
  cat build-ci.log >&2
  echo "The build failed." >&2
  status=1
fi

echo "== Sanitizer build (address, undefined): unit and integration suites =="
rm -rf build-asan
if meson setup build-asan -Dwerror=true -Dprint_fonts=enabled -Dbench=false -Db_sanitize=address,undefined \
     -Db_lundef=false --buildtype=debug >build-asan.log 2>&1 &&
   meson compile -C build-asan -j "$jobs"; then
  # The runs on the county server ("server") run in the build above: here
  # test-store-pg covers the server's statement layer, and the suite stays
  # nearer its quarter of an hour.
  meson test -C build-asan --suite unit --suite integration --no-suite server --num-processes "$jobs" \
    --print-errorlogs --timeout-multiplier 3 || status=1
else
  cat build-asan.log >&2
  echo "The sanitizer build failed." >&2
  status=1
fi

echo "== libFuzzer (clang, address + undefined): the sensor message parser and the spreadsheet reader =="
rm -rf build-fuzz
if CC=clang meson setup build-fuzz -Dfuzzing=true -Dwerror=true -Dprint_fonts=disabled -Dbench=false \
     -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug >build-fuzz.log 2>&1 &&
   meson compile -C build-fuzz fuzz-sensor-message fuzz-table-reader >>build-fuzz.log 2>&1; then
  meson test -C build-fuzz --no-rebuild --suite fuzz --print-errorlogs || status=1
else
  cat build-fuzz.log >&2
  echo "The fuzzing build failed." >&2
  status=1
fi

read -r passed failed skipped < <(count build-ci/meson-logs/testlog.json build-asan/meson-logs/testlog.json \
                                        build-fuzz/meson-logs/testlog.json)
if [ "$passed" = 0 ]; then
  status=1
fi
if [ "$failed" != 0 ]; then
  status=1
fi
if [ "$skipped" != 0 ]; then
  echo "$skipped tests were skipped: no suite may skip." >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit $status
