#!/usr/bin/env python3
"""Prints one Markdown table row per libFuzzer log (run-fuzz.sh writes them):
target | runs | exec/s | cov | ft | corpus | seconds | outcome."""
import re
import sys

def row(path):
    target = path.rsplit('/', 1)[-1].removesuffix('.log')
    text = open(path, errors='replace').read()
    status = [l for l in text.splitlines() if re.match(r'#\d+\s', l) and 'cov:' in l]
    last = status[-1] if status else ''
    def field(name, line=last):
        m = re.search(name + r':\s*(\S+)', line)
        return m.group(1) if m else '?'
    done = re.search(r'Done (\d+) runs in (\d+) second', text)
    runs = done.group(1) if done else (re.match(r'#(\d+)', last).group(1) if last else '?')
    secs = done.group(2) if done else '?'
    eps = re.search(r'stat::average_exec_per_sec:\s*(\d+)', text)
    outcome = 'no crash'
    m = re.search(r'SUMMARY: (\S+: \S+)|ERROR: libFuzzer: (\S+)|==\d+==ERROR: (\S+: \S+)', text)
    if m:
        outcome = next(g for g in m.groups() if g)
    return (f"| {target} | {runs} | {eps.group(1) if eps else field('exec/s')} | "
            f"{field('cov')} | {field('ft')} | {field('corp')} | {secs} | {outcome} |")

print('| target | runs | exec/s | cov | ft | corpus | s | outcome |')
print('|---|---|---|---|---|---|---|---|')
for p in sys.argv[1:]:
    print(row(p))
