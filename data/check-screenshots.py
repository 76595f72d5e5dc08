#!/usr/bin/env python3
# check-screenshots.py METAINFO SCREENSHOTS_DIR
#
# Each screenshot the metainfo lists is a PNG in SCREENSHOTS_DIR with the
# width and height the metainfo gives, has a caption, and is named by the
# raw GitHub address of the homepage's repository on its main branch; and
# every PNG in SCREENSHOTS_DIR is listed. appstreamcli checks the form of
# the file; this checks that what it points at is there.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import struct
import sys
import xml.etree.ElementTree as ET


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    root = ET.parse(metainfo).getroot()
    homepage = root.find("url[@type='homepage']").text
    prefix = homepage.replace('https://github.com/', 'https://raw.githubusercontent.com/') \
        + '/main/data/screenshots/'
    errors = []
    listed = set()
    shots = root.findall('screenshots/screenshot')
    if not shots:
        errors.append('the metainfo lists no screenshot')
    for shot in shots:
        image = shot.find('image')
        url = image.text.strip()
        if not url.startswith(prefix):
            errors.append(f'{url}: not under {prefix}')
            continue
        name = url[len(prefix):]
        listed.add(name)
        path = os.path.join(folder, name)
        if shot.find('caption') is None or not shot.find('caption').text.strip():
            errors.append(f'{name}: no caption')
        if not os.path.exists(path):
            errors.append(f'{name}: not in {folder}')
            continue
        size = png_size(path)
        want = (int(image.get('width')), int(image.get('height')))
        if size != want:
            errors.append(f'{name}: {size} pixels, the metainfo says {want}')
    for name in sorted(os.listdir(folder)):
        if name.endswith('.png') and name not in listed:
            errors.append(f'{name}: in {folder} but not in the metainfo')
    for error in errors:
        print(error)
    print(f'{len(shots)} screenshots checked')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
