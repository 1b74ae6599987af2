#!/usr/bin/env python3
"""Runs a command, echoes its stdout and stderr, then prints its exit code as
"exit code: N", so tests can FileCheck exit codes along with the output."""
import subprocess
import sys

proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                      text=True, errors="replace")
sys.stdout.write(proc.stdout)
print(f"exit code: {proc.returncode}")
