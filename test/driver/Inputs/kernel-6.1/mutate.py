#!/usr/bin/env python3
"""mutate.py SOURCE OUT [ORIGINAL MUTATED]: copies SOURCE to OUT, replacing
the one occurrence of ORIGINAL (Python escapes: \\n, \\t) with MUTATED; fails
if ORIGINAL does not occur exactly once, so a changed kernel source is a
test failure rather than a silent pass."""
import sys

source, out = sys.argv[1], sys.argv[2]
text = open(source, encoding="utf-8").read()
if len(sys.argv) == 5:
    original, mutated = (a.encode().decode("unicode_escape") for a in sys.argv[3:5])
    count = text.count(original)
    if count != 1:
        sys.exit(f"{source}: expected one occurrence of {original!r}, found {count}")
    text = text.replace(original, mutated)
open(out, "w", encoding="utf-8").write(text)
