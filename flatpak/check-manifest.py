#!/usr/bin/env python3
# Checks the Flatpak manifest: valid JSON, and consistent with the project
# (application id, command, the GNOME runtime, Errata built last with meson,
# no broad filesystem access since files come through the portal), and that
# every library a meson.build asks for is either in the runtime or a module
# of the manifest (runtime-libraries.txt says which).
# Usage: check-manifest.py MANIFEST APP_ID [SOURCE_ROOT]

import json
import os
import re
import sys

DEPENDENCY = re.compile(r"dependency\(\s*'([^']+)'")
SKIPPED_FOLDERS = {'.git', 'subprojects'}


def meson_dependencies(root):
    """The pkg-config names of every dependency() call under root."""
    names = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [f for f in subfolders
                         if f not in SKIPPED_FOLDERS and not f.startswith('_build')]
        if 'meson.build' in files:
            with open(os.path.join(folder, 'meson.build'), encoding='utf-8') as f:
                names.update(DEPENDENCY.findall(f.read()))
    return names


def runtime_libraries(path):
    """{pkg-config name: 'runtime' or the module's name}"""
    where = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].split()
            if not line:
                continue
            if line[0] in where:
                raise ValueError(path + ': ' + line[0] + ' listed twice')
            if line[1:] == ['runtime']:
                where[line[0]] = 'runtime'
            elif len(line) == 3 and line[1] == 'module':
                where[line[0]] = line[2]
            else:
                raise ValueError(path + ': cannot read "' + ' '.join(line) + '"')
    return where


def library_problems(manifest, manifest_path, root):
    listed = runtime_libraries(os.path.join(os.path.dirname(manifest_path),
                                            'runtime-libraries.txt'))
    wanted = meson_dependencies(root)
    modules = {m.get('name') for m in manifest.get('modules', [])} - {'errata'}
    problems = []
    for name in sorted(wanted - set(listed)):
        problems.append(name + ' is asked for by meson but neither in the runtime nor a module '
                        '(add it to runtime-libraries.txt, and a module if the runtime lacks it)')
    for name in sorted(set(listed) - wanted):
        problems.append(name + ' is listed in runtime-libraries.txt but no meson.build asks for it')
    needed_modules = {where for where in listed.values() if where != 'runtime'}
    for module in sorted(needed_modules - modules):
        problems.append('module ' + module + ' is named in runtime-libraries.txt but missing')
    for module in sorted(modules - needed_modules):
        problems.append('module ' + module + ' is built but no library in runtime-libraries.txt '
                        'comes from it')
    return problems


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

    if len(sys.argv) > 3:
        problems += library_problems(manifest, path, sys.argv[3])

    for problem in problems:
        print(path + ': ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
