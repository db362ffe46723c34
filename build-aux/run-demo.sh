#!/usr/bin/env bash
# run-demo.sh — on a fresh Debian 12 desktop: install every dependency, build
# and install Wangge into ./_install, build the Quwo-scale demo county into
# the application's database if it holds no county yet, start a private
# mosquitto on a free loopback port with the simulator publishing the demo
# county's door sensors, and start the app on it: the alert panel is live.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
prefix="$top/_install"

if [ "${WANGGE_SKIP_DEPS:-0}" != 1 ]; then
  bash build-aux/install-deps.sh
fi

# A build folder of its own: one made by hand may have another prefix.
if [ ! -d _build-demo ]; then
  meson setup _build-demo --prefix="$prefix" --buildtype=debugoptimized
fi
meson compile -C _build-demo
meson install -C _build-demo --quiet

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

# A private broker and the sensors' traffic, for as long as the app runs.
state="${XDG_STATE_HOME:-$HOME/.local/state}/wangge/demo-broker"
mkdir -p "$state"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
{
  # What Wangge needs of any broker (persistence, queueing for absent
  # sessions), then this demo's own listener and folders.
  cat data/mosquitto/wangge.conf
  echo "listener $port 127.0.0.1"
  echo "allow_anonymous true"
  echo "persistence_location $state/"
  echo "log_dest file $state/broker.log"
  # As root, mosquitto would drop to its own user and could not save its state here.
  if [ "$(id -u)" = 0 ]; then echo "user root"; fi
} > "$state/mosquitto.conf"
mosquitto -c "$state/mosquitto.conf" &
broker_pid=$!
simulator_pid=
trap 'kill $simulator_pid $broker_pid 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
for _ in $(seq 50); do
  (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
wangge-cli simulate --broker "mqtt://127.0.0.1:$port" --rate 2 --duration 0 >/dev/null &
simulator_pid=$!
echo "Door sensors: mqtt://127.0.0.1:$port (the simulator publishes the demo county's 200 sensors)"

wangge --broker "mqtt://127.0.0.1:$port" "$@"
