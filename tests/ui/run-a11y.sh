#!/bin/sh
# run-a11y.sh SCRIPT — the accessibility test under its own session bus and
# X server. The AT-SPI registry the bus starts writes to the bus's stdout:
# the test's TAP goes to fd 3, the original stdout, and everything else away.
# SPDX-License-Identifier: GPL-3.0-or-later
exec 3>&1
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" /usr/bin/python3 "$1" >/dev/null
