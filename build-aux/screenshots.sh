#!/usr/bin/env bash
# screenshots.sh [BUILD_DIR] — start the app on the demo county under Xvfb and
# save PNGs of its main views into data/screenshots/ (used by the README and
# the AppStream metainfo). Needs a built tree (meson compile -C build).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
out="$top/data/screenshots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

export WANGGE_FONTDIR="$build/fonts"
"$build/src/cli/wangge-cli" --db "$tmp/demo.db" demo --scale quwo --seed 1 >/dev/null

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build/data"
export WANGGE_LOCALEDIR="$build/po"
export LANG=zh_CN.UTF-8
export GDK_BACKEND=x11
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

# shoot NAME KEYS: start the app, press KEYS (xdotool), save the screen.
shoot () {
  local name=$1 keys=$2 geometry=$3
  xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- sh -c "
    '$build/src/app/wangge' --database '$tmp/demo.db' >/dev/null 2>&1 &
    pid=\$!
    sleep 4
    for key in $keys; do
      case \$key in
        click:*) xy=\${key#click:}; xdotool mousemove \${xy%,*} \${xy#*,} click 1; sleep 4 ;;
        *) xdotool key \$key; sleep 0.5 ;;
      esac
    done
    sleep 2
    import -window root '$tmp/$name-full.png'
    kill \$pid"
  # Without a window manager windows sit at 0,0 at their default size.
  convert "$tmp/$name-full.png" -crop "$geometry" +repage "$out/$name.png"
  echo "$out/$name.png"
}

shoot main-window "" 1200x800+0+0
shoot print-view "ctrl+p" 1100x760+0+0
# Down the tree with the keyboard to a household.
shoot household "Down plus Down plus Down plus Down plus Down plus Down" 1200x800+0+0
shoot search "ctrl+f 1 3 9 1 2" 1200x800+0+0
shoot temperature-round "Down Down plus Down plus Down ctrl+t" 860x720+0+0
# A returnee in home quarantine: the person page, and the dossier's preview
# (Print… on the page; Escape closes the print dialog over it). The one
# query here only picks whom to show.
id=$(sqlite3 "$tmp/demo.db" "SELECT p.id_number FROM person p JOIN quarantine q ON q.person_id = p.id
                              WHERE q.kind = 1 AND p.residency = 2 ORDER BY p.id LIMIT 1")
shoot person "ctrl+f $(echo "$id" | sed 's/./& /g') Return" 1200x800+0+0
shoot dossier "ctrl+f $(echo "$id" | sed 's/./& /g') Return click:558,559 Escape" 1100x760+0+0


# The alert panel, live: a private mosquitto and the simulator.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\n%s' "$port" "$( [ "$(id -u)" = 0 ] && echo 'user root' )" \
  > "$tmp/mosquitto.conf"
mosquitto -c "$tmp/mosquitto.conf" 2>/dev/null &
broker=$!
sleep 0.5
xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- sh -c "
  '$build/src/app/wangge' --database '$tmp/demo.db' --broker mqtt://127.0.0.1:$port >/dev/null 2>&1 &
  pid=\$!
  sleep 4
  '$build/src/cli/wangge-cli' --db '$tmp/demo.db' simulate --broker mqtt://127.0.0.1:$port --rate 40 --duration 5 >/dev/null 2>&1
  sleep 2
  import -window root '$tmp/alerts-full.png'
  kill \$pid"
kill $broker
convert "$tmp/alerts-full.png" -crop 1200x800+0+0 +repage "$out/alerts.png"
echo "$out/alerts.png"
