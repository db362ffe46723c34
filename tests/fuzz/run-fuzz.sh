#!/bin/sh
# run-fuzz.sh FUZZER SEEDS RUNS [MAX_LEN] — a bounded libFuzzer campaign from the
# committed seeds, in a scratch corpus (libFuzzer adds what it finds to its
# corpus folder; the seeds stay as they are). Fails on any crash or
# sanitizer report.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
fuzzer=$(readlink -f "$1")
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$2"/*.seed "$corpus"/
cd "$corpus"
"$fuzzer" -runs="$3" -seed=1 -max_len="${4:-4096}" -timeout=10 -rss_limit_mb=2048 "$corpus"
