#!/usr/bin/env python3
# Checks the Flatpak manifest: valid JSON, and consistent with the project
# (application id, command, the GNOME runtime, Errata built last with meson,
# no broad filesystem access since files come through the portal).
# Usage: check-manifest.py MANIFEST APP_ID

import json
import sys


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    problems = []
    if manifest.get('id', manifest.get('app-id')) != app_id:
        problems.append('id is not ' + app_id)
    if manifest.get('command') != 'errata':
        problems.append('command is not errata')
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append('runtime is not org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('sdk is not org.gnome.Sdk')
    args = manifest.get('finish-args', [])
    for arg in args:
        if arg.startswith('--filesystem=home') or arg == '--filesystem=host':
            problems.append('broad filesystem access: ' + arg)
    for needed in ('--share=ipc', '--socket=wayland', '--share=network'):
        if needed not in args:
            problems.append('missing finish-arg ' + needed)
    modules = manifest.get('modules', [])
    if not modules or modules[-1].get('name') != 'errata':
        problems.append('the last module must be errata')
    elif modules[-1].get('buildsystem') != 'meson':
        problems.append('errata must build with meson')
    for module in modules:
        for source in module.get('sources', []):
            if source.get('type') in ('archive', 'file') and 'url' in source:
                if len(source.get('sha256', '')) != 64:
                    problems.append(module['name'] + ': archive without sha256')

    for problem in problems:
        print(path + ': ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
