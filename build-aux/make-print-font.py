#!/usr/bin/python3
# make-print-font.py SOURCE INDEX FAMILY OUTPUT
#
# Makes the font Wangge prints with from a face of the system's Noto Sans
# CJK collection: every glyph kept, charstrings desubroutinized and hints
# dropped, the family renamed so it never competes with the system font.
#
# Why: cairo 1.16 (Debian 12) embeds a broken subset of some glyphs of Noto
# Sans CJK SC Regular — 如 prints as nothing — and PDF viewers then draw no
# glyph. The glyph outlines are untouched here; only the way they are
# encoded changes, and the subset cairo makes from this font is sound.
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

from fontTools import subset


def main():
    source, index, family, output = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

    options = subset.Options()
    options.desubroutinize = True
    options.hinting = False
    options.notdef_outline = True
    options.layout_features = ['*']
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.glyph_names = False
    options.legacy_kern = True

    options.font_number = index
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=font.getGlyphOrder())
    subsetter.subset(font)

    style = font['name'].getDebugName(2) or 'Regular'
    ps_family = family.replace(' ', '')
    for record in font['name'].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f'{family} {style}'
        elif record.nameID == 6:
            record.string = f'{ps_family}-{style}'
        elif record.nameID == 3:
            record.string = f'{ps_family}-{style};wangge'
    subset.save_font(font, output, options)


if __name__ == '__main__':
    main()
