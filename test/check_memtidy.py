#!/usr/bin/env python3
"""Runs one memtidy check on one test file through the clang-tidy plugin and
through the memtidy driver, and verifies its expectations with FileCheck.

  check_memtidy.py [options] <source> <check> <temp-prefix>
                   [-- <tool args> [-- <compiler args>]]

Expectations live in the source, below the line they are about:
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: ... [memtidy-unchecked-alloc]
  // CHECK-NOTES:    like CHECK-MESSAGES, but every note must be matched too
  // CHECK-FIXES:    a line of the file after fix-its were applied
Each may carry a suffix chosen with --check-suffixes (CHECK-MESSAGES-K612).
A file with no CHECK-MESSAGES or CHECK-NOTES must produce no warning at all.
The CHECK comments are blanked to '//' before the run, keeping line numbers.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

CHECK_LINE = re.compile(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*")


def run(cmd, expect_error):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    print("$ " + " ".join(shlex.quote(c) for c in cmd))
    print(proc.stdout, end="")
    # memtidy: 0 clean, 1 findings; clang-tidy: 0. Either way 2 and above
    # mean the tool could not do its job.
    if expect_error:
        if proc.returncode == 0:
            sys.exit("expected the tool to fail, it exited 0")
    elif proc.returncode not in (0, 1):
        sys.exit(f"tool exited {proc.returncode}")
    return proc.stdout


def filecheck(args, check_file, input_text, prefixes, extra):
    for prefix in prefixes:
        cmd = [args.filecheck, "-input-file=-", check_file,
               "-check-prefixes=" + prefix, "-dump-input=fail"] + extra
        proc = subprocess.run(cmd, input=input_text, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            print(proc.stdout)
            sys.exit(f"FileCheck failed for {prefix}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--memtidy", required=True)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--filecheck", required=True)
    ap.add_argument("--check-suffixes", default="")
    ap.add_argument("--frontend", choices=["both", "plugin", "driver"],
                    default="both")
    ap.add_argument("--expect-error", action="store_true")
    ap.add_argument("--compile-fixed", action="store_true",
                    help="also compile the fixed file with clang -fsyntax-only")
    ap.add_argument("source")
    ap.add_argument("check")
    ap.add_argument("temp")
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        i = argv.index("--")
        argv, rest = argv[:i], argv[i + 1:]
    args = ap.parse_args(argv)
    tool_args, compiler_args = rest, []
    if "--" in rest:
        i = rest.index("--")
        tool_args, compiler_args = rest[:i], rest[i + 1:]

    text = open(args.source, encoding="utf-8").read()
    suffixes = [s for s in args.check_suffixes.split(",") if s] or [""]
    messages, notes, fixes = [], [], []
    for suffix in suffixes:
        tail = "-" + suffix if suffix else ""
        has_messages = ("CHECK-MESSAGES" + tail + ":") in text
        has_notes = ("CHECK-NOTES" + tail + ":") in text
        if has_messages and has_notes:
            sys.exit(f"CHECK-MESSAGES{tail} and CHECK-NOTES{tail} cannot be mixed")
        if has_messages:
            messages.append("CHECK-MESSAGES" + tail)
        if has_notes:
            notes.append("CHECK-NOTES" + tail)
        if ("CHECK-FIXES" + tail + ":") in text:
            fixes.append("CHECK-FIXES" + tail)

    ext = os.path.splitext(args.source)[1]
    cleaned = CHECK_LINE.sub("//", text)
    has_config = any(a.startswith(("-config", "--config")) for a in tool_args)
    frontends = ["plugin", "driver"] if args.frontend == "both" else [args.frontend]
    for frontend in frontends:
        work = f"{args.temp}.{frontend}{ext}"
        os.makedirs(os.path.dirname(os.path.abspath(work)), exist_ok=True)
        with open(work, "w", encoding="utf-8") as f:
            f.write(cleaned)
        common = ["-fix", "--checks=-*," + args.check]
        if not has_config:
            common.append("--config={}")
        if frontend == "plugin":
            cmd = [args.clang_tidy, "--load=" + args.plugin] + common
        else:
            cmd = [args.memtidy, "--quiet"] + common
        cmd += tool_args + [work, "--"] + compiler_args
        print(f"=== {frontend} ===")
        output = run(cmd, args.expect_error)
        fixed = open(work, encoding="utf-8").read()
        # The fix-it notes clang-tidy adds are not diagnostics of the check.
        output_notes = "\n".join(
            line for line in output.splitlines()
            if "note: FIX-IT applied suggested code changes" not in line)
        if messages:
            filecheck(args, args.source, output, messages,
                      ["-implicit-check-not={{warning|error}}:"])
        if notes:
            filecheck(args, args.source, output_notes, notes,
                      ["-implicit-check-not={{note|warning|error}}:"])
        if not messages and not notes:
            bad = [l for l in output.splitlines()
                   if re.search(r"\b(warning|error): ", l)]
            if bad and not args.expect_error:
                sys.exit("expected no diagnostics, got:\n" + "\n".join(bad))
        if fixes:
            filecheck(args, args.source, fixed, fixes,
                      ["-strict-whitespace"])
        if args.compile_fixed:
            proc = subprocess.run([args.clang, "-fsyntax-only"] + compiler_args +
                                  [work], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            if proc.returncode != 0:
                print(proc.stdout)
                sys.exit("the fixed file does not compile")


if __name__ == "__main__":
    main()
