#!/usr/bin/env bash
# install-deps.sh — install every Debian 12 package Wangge needs to build, run and test.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  build-essential meson ninja-build pkg-config gettext locales dbus dbus-x11 \
  libgtk-4-dev libadwaita-1-dev libgdk-pixbuf-2.0-dev libsecret-1-dev libsqlite3-dev libqrencode-dev libpoppler-glib-dev \
  libjson-glib-dev libmosquitto-dev mosquitto mosquitto-clients \
  appstream desktop-file-utils xvfb xauth fonts-noto-cjk \
  zbar-tools qpdf poppler-utils imagemagick at-spi2-core python3-dogtail \
  libglib2.0-bin gsettings-desktop-schemas adwaita-icon-theme hicolor-icon-theme \
  libxml2-utils sqlite3 librsvg2-common tzdata libgtk-4-bin python3-fonttools fontconfig qrencode zint xdotool weasyprint \
  clang libclang-rt-14-dev libfuzzer-14-dev \
  libgsf-1-dev libxml2-dev libxlsxwriter-dev python3-openpyxl \
  libpq-dev postgresql-15 postgresql-contrib gnome-keyring

# Without a generated zh_CN locale, LANG=zh_CN.UTF-8 silently falls back to C.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
  if ! grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null; then
    echo "zh_CN.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
  fi
  $SUDO locale-gen
fi
