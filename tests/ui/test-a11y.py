#!/usr/bin/python3
# test-a11y.py — the application as a screen reader sees it (AT-SPI, through
# pyatspi): every button on screen — icon-only ones too — has a name, on the
# county's page and with the alert panel open. Run by the ui suite under its
# own session bus and X server; prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

BUTTON_ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
                pyatspi.ROLE_RADIO_BUTTON}


def find_app(name, deadline):
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.2)
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def unnamed_buttons(window):
    found, unnamed = 0, []
    for node in walk(window):
        try:
            role = node.getRole()
            states = node.getState()
        except Exception:
            continue
        if role not in BUTTON_ROLES or not states.contains(pyatspi.STATE_VISIBLE):
            continue
        found += 1
        if not (node.name or "").strip():
            parent = node.parent
            unnamed.append("%s in %s %r" % (node.getRoleName(), parent.getRoleName() if parent else "?",
                                            parent.name if parent else ""))
    return found, unnamed


# TAP on fd 3 when run-a11y.sh gives one (stdout also carries the AT-SPI
# registry's own chatter), else on stdout.
try:
    TAP = os.fdopen(3, "w", buffering=1)
except OSError:
    TAP = sys.stdout


def tap(line):
    print(line, file=TAP)


def main():
    cli = os.environ["WANGGE_CLI"]
    app_path = os.environ["WANGGE_APP"]
    tmp = tempfile.mkdtemp(prefix="wangge-a11y-")
    db = os.path.join(tmp, "small.db")
    subprocess.run([cli, "--db", db, "demo", "--scale", "small"], check=True, stdout=subprocess.DEVNULL)

    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    env["WANGGE_OPERATOR"] = "值班员"
    for d in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[d] = os.path.join(tmp, d)
    app = subprocess.Popen([app_path, "--database", db], env=env)
    tap("1..2")
    status = 0
    try:
        accessible = find_app("wangge", time.monotonic() + 30)
        if accessible is None:
            tap("not ok 1 - the application appears on the accessibility bus")
            tap("not ok 2 - no application")
            return 1
        time.sleep(2)
        window = None
        for i in range(accessible.childCount):
            child = accessible.getChildAtIndex(i)
            if child.getRole() == pyatspi.ROLE_FRAME:
                window = child
                break
        found, unnamed = unnamed_buttons(window)
        ok = found > 5 and not unnamed
        tap("%s 1 - every button on the county page has a name (%d buttons)" % ("ok" if ok else "not ok", found))
        for u in unnamed:
            tap("# unnamed: %s" % u)
        status |= 0 if ok else 1

        # The alert panel open (its header holds icon-only buttons).
        for node in walk(window):
            try:
                if node.getRole() == pyatspi.ROLE_TOGGLE_BUTTON and node.name in ("Sensor Alerts",):
                    if not node.getState().contains(pyatspi.STATE_CHECKED):
                        node.queryAction().doAction(0)
                    break
            except Exception:
                continue
        time.sleep(1)
        found, unnamed = unnamed_buttons(window)
        ok = not unnamed
        tap("%s 2 - every button with the alert panel open has a name (%d buttons)" % ("ok" if ok else "not ok", found))
        for u in unnamed:
            tap("# unnamed: %s" % u)
        status |= 0 if ok else 1
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
    return status


if __name__ == "__main__":
    sys.exit(main())
