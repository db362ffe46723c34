#!/usr/bin/env bash
# reference-qrencode.sh [N] — the route a county office would otherwise take
# for household labels: one PNG per label with the qrencode tool, laid out
# 3 × 8 on A4 pages with ImageMagick's montage at 150 dpi. (Debian's
# ImageMagick policy forbids writing PDF, so the pages stay PNG: the
# reference is timed without that last step, which only flatters it.)
# Prints labels per second for N labels (default 480) to compare with
# bench-print. Needs the qrencode package (build-aux/install-deps.sh).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

n=${1:-480}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

start=$(date +%s.%N)
for i in $(seq 1 "$n"); do
  code=$(printf 'H%09d' "$i")
  qrencode -l M -s 6 -m 2 -o "$tmp/$i.png" "WG1:$code:0123456789"
  convert "$tmp/$i.png" -gravity east -extent 413x212 -font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
    -pointsize 14 -annotate +10-40 "$code" -annotate +10+0 "曲沃县乐昌镇东韩村一组$i号" \
    "$tmp/label-$(printf %06d "$i").png"
done
montage "$tmp"/label-*.png -tile 3x8 -geometry +0+0 "$tmp/page-%03d.png"
end=$(date +%s.%N)

pages=$(( (n + 23) / 24 ))
awk -v n="$n" -v p="$pages" -v s="$start" -v e="$end" 'BEGIN {
  t = e - s
  printf "reference (qrencode + ImageMagick): %d labels, %d pages in %.1f s: %.0f labels/s, %.2f pages/s\n", n, p, t, n / t, p / t
  printf "  at that rate the county'"'"'s 49,000 labels take %.0f min\n", 49000 / (n / t) / 60
}'
du -k -c "$tmp"/page-*.png | tail -n 1 | awk '{ printf "  PNG pages: %.1f KB per page\n", $1 / '"$pages"' }'

# zint, the other common tool: the symbols alone, without the layout.
if command -v zint >/dev/null; then
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    code=$(printf 'H%09d' "$i")
    zint -b 58 --scale=3 -o "$tmp/z$i.png" -d "WG1:$code:0123456789" >/dev/null
  done
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN {
    printf "reference (zint, symbols only): %d symbols in %.1f s: %.0f symbols/s\n", n, e - s, n / (e - s)
  }'
fi
