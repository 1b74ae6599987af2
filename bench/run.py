#!/usr/bin/env python3
"""Times memtidy against clang-19 -fsyntax-only (the parse floor) and peers on
the same files of a compilation database.

  bench/run.py --memtidy build/bin/memtidy -p <dir|compile_commands.json>
               [--files-from LIST] [--limit N] [--peers] [--repeat R]

Every tool runs once per file, in a process of its own, given the file's
compile flags directly (memtidy after '--', so it reads no compilation
database): the ratio is the cost of analyzing a file against the cost of
parsing it, process start-up included on both sides. Reported: the summed
wall time of each tool, the CPU time of its processes, the peak RSS of the
largest process, and the ratio to the parse floor.
With --peers: clang-tidy-19 with the memtidy plugin, and the Clang Static
Analyzer with the checkers closest to memtidy's (core, unix.Malloc).
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time


def load_db(path):
    path = os.path.abspath(path)
    if os.path.isdir(path):
        path = os.path.join(path, "compile_commands.json")
    entries = json.load(open(path))
    db = {}
    for e in entries:
        args = e.get("arguments") or shlex.split(e["command"])
        f = os.path.normpath(os.path.join(e["directory"], e["file"]))
        db.setdefault(f, {"directory": e["directory"], "arguments": args})
    return path, db


def compiler_flags(args, file):
    """The flags of a compile command without the compiler, the input, the
    output and dependency-file options."""
    out, skip = [], False
    for i, a in enumerate(args[1:]):
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-Wp,-M"):
            continue
        if os.path.normpath(a) == os.path.normpath(file) or a.endswith(os.path.basename(file)) and not a.startswith("-"):
            continue
        out.append(a)
    return out


def measure(cmd, cwd):
    """Wall time, CPU time and peak RSS (KiB) of one process."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
            os.waitstatus_to_exitcode(status))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--memtidy", required=True)
    ap.add_argument("-p", dest="db", required=True)
    ap.add_argument("--files-from", help="a file listing the files to time")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per tool and file; the fastest counts")
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--llvm-bin", default="/usr/lib/llvm-19/bin")
    a = ap.parse_args()

    db_path, db = load_db(a.db)
    files = sorted(db)
    if a.files_from:
        wanted = [os.path.normpath(os.path.abspath(l.strip()))
                  for l in open(a.files_from) if l.strip()]
        files = [f for f in wanted if f in db]
    if a.limit:
        files = files[:a.limit]
    if not files:
        sys.exit("no files to time")

    clang = os.path.join(a.llvm_bin, "clang")
    plugin = os.path.join(os.path.dirname(os.path.abspath(a.memtidy)), "..",
                          "lib", "memtidy-plugin.so")
    tools = {
        "clang-19 -fsyntax-only": lambda f, flags: [clang, "-fsyntax-only"] + flags + [f],
        "memtidy": lambda f, flags: [a.memtidy, "--quiet", "-j1", f, "--"] + flags,
    }
    if a.peers:
        tools["clang-tidy-19 + plugin"] = lambda f, flags: [
            os.path.join(a.llvm_bin, "clang-tidy"), "--load=" + plugin,
            "--checks=-*,memtidy-*", "--quiet", f, "--"] + flags
        tools["clang-19 --analyze (core, unix.Malloc)"] = lambda f, flags: [
            clang, "--analyze", "-Xclang", "-analyzer-checker=core,unix.Malloc",
            "-o", os.devnull] + flags + [f]

    totals = {name: [0.0, 0.0, 0] for name in tools}
    failures = {name: 0 for name in tools}
    for f in files:
        entry = db[f]
        flags = compiler_flags(entry["arguments"], f)
        for name, make in tools.items():
            best = None
            for _ in range(a.repeat):
                wall, cpu, rss, rc = measure(make(f, flags), entry["directory"])
                if best is None or wall < best[0]:
                    best = (wall, cpu, rss, rc)
            totals[name][0] += best[0]
            totals[name][1] += best[1]
            totals[name][2] = max(totals[name][2], best[2])
            # memtidy exits 1 on findings; clang --analyze 0; 2+ is a failure.
            if best[3] not in (0, 1):
                failures[name] += 1

    floor = totals["clang-19 -fsyntax-only"][0]
    print(f"{len(files)} files from {db_path}")
    print(f"{'tool':42} {'wall s':>9} {'cpu s':>9} {'max RSS MiB':>12} {'x parse':>8}")
    for name, (wall, cpu, rss) in totals.items():
        note = f"  ({failures[name]} failed)" if failures[name] else ""
        print(f"{name:42} {wall:9.2f} {cpu:9.2f} {rss / 1024:12.0f} {wall / floor:8.2f}{note}")
    print(f"memtidy/parse time {totals['memtidy'][0] / floor:.2f}x on {len(files)} files")


if __name__ == "__main__":
    main()
