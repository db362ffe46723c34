#!/usr/bin/env bash
# validate.sh CHECK SOURCE_ROOT BUILD_ROOT — one of the validate suite's checks.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

check=$1
src=$2
build=$3
app_id=io.github.wangge.Wangge

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

case "$check" in
  desktop)
    desktop-file-validate "$build/data/$app_id.desktop"
    ;;

  metainfo)
    appstreamcli validate --no-net --explain "$build/data/$app_id.metainfo.xml"
    ;;

  schema)
    glib-compile-schemas --strict --dry-run "$src/data"
    ;;

  po-complete)
    # zh_CN.po must translate every string the sources have today, not only
    # those it knew when it was last merged.
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cd "$src"
    grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
    xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
      --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
      -f "$tmp/files" -o "$tmp/wangge.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; fail xgettext; }
    msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/zh_CN.po "$tmp/wangge.pot"
    stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
    echo "$stats"
    case "$stats" in
      *untranslated*|*fuzzy*)
        msgattrib --untranslated --only-fuzzy -o - "$tmp/merged.po" >&2 || true
        msgattrib --untranslated -o - "$tmp/merged.po" | grep '^msgid' >&2 || true
        fail "po/zh_CN.po is not complete: $stats"
        ;;
    esac
    msgfmt --check -o /dev/null po/zh_CN.po
    ;;

  potfiles)
    # Every file with a translatable string is listed in POTFILES.in, and
    # every listed file exists.
    cd "$src"
    listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
    for f in $listed; do
      [ -f "$f" ] || fail "po/POTFILES.in lists $f, which does not exist"
    done
    found=$( (grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext) ?\(' src --include='*.c' || true;
              grep -rlE 'translatable="yes"' resources data --include='*.ui' --include='*.xml*' || true;
              grep -lE 'gettext-domain' data/*.gschema.xml || true;
              ls data/*.desktop.in data/*.metainfo.xml.in) | sort -u)
    missing=$(comm -13 <(echo "$listed") <(echo "$found"))
    [ -z "$missing" ] || fail "po/POTFILES.in does not list: $missing"
    ;;

  app-options)
    # --help and --version work where the application's GSettings schema is
    # not installed (a fresh build tree, a packager's check).
    app="$build/src/app/wangge"
    out=$(env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS=/nonexistent "$app" --version 2>&1) ||
      fail "wangge --version failed without the schema: $out"
    case "$out" in
      *"wangge "*) ;;
      *) fail "wangge --version printed: $out" ;;
    esac
    out=$(env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS=/nonexistent "$app" --help 2>&1) ||
      fail "wangge --help failed without the schema: $out"
    case "$out" in
      *--database*) ;;
      *) fail "wangge --help printed: $out" ;;
    esac
    ;;

  *)
    fail "unknown check $check"
    ;;
esac
