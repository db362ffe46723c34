#!/usr/bin/env bash
# run-demo.sh — on a fresh Debian 12 desktop: install every dependency, build
# and install Wangge into ./_install, build the Quwo-scale demo county into
# the application's database if it holds no county yet, and start the app.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
prefix="$top/_install"

if [ "${WANGGE_SKIP_DEPS:-0}" != 1 ]; then
  bash build-aux/install-deps.sh
fi

if [ ! -d build ]; then
  meson setup build --prefix="$prefix" --buildtype=debugoptimized
fi
meson compile -C build
meson install -C build --quiet

export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"
export PATH="$prefix/bin:$PATH"

# Wangge is made for Chinese command centres: Chinese unless told otherwise.
case "${LANG:-C}" in
  C|C.*|POSIX|"") export LANG=zh_CN.UTF-8 ;;
esac

# Creates the application's database if there is none; refuses one it cannot use.
wangge-cli init
if wangge-cli stats --json | grep -q '"county": null'; then
  echo "Building the demo county (about 15 s)…"
  wangge-cli demo --scale quwo --seed 1
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found. On a machine without one, run:" >&2
  echo "  xvfb-run -a -s '-screen 0 1440x900x24' $prefix/bin/wangge" >&2
  exit 1
fi

exec wangge "$@"
