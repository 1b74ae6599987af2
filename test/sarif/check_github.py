#!/usr/bin/env python3
"""Checks a memtidy SARIF file against what GitHub code scanning requires and
uses (beyond the JSON schema): one run, every rule with its help and
properties, repository-relative locations with full regions, stable
fingerprints, code flows. Prints one line per violation; exit 1 if any.

  check_github.py <file.sarif> <source root>

The line fingerprints are recomputed here, independently of memtidy, with
upload-sarif's algorithm; --self-test checks this implementation against the
published test vectors first.
"""
import json
import os
import re
import sys
from urllib.parse import unquote

MASK = (1 << 64) - 1


def line_hashes(text):
    """upload-sarif's primaryLocationLineHash for every line of text."""
    block, mod = 100, 37
    first_mod = pow(mod, block, 1 << 64)
    window = [0] * block
    line_at = [-1] * block
    state = {"hash": 0, "index": 0, "line": 0, "start": True, "cr": False}
    counts, out = {}, {}

    def output():
        value = format(state["hash"], "x")
        counts[value] = counts.get(value, 0) + 1
        out[line_at[state["index"]]] = f"{value}:{counts[value]}"
        line_at[state["index"]] = -1

    def update(current):
        i = state["index"]
        begin = window[i]
        window[i] = current
        state["hash"] = (mod * state["hash"] + current - first_mod * begin) & MASK
        state["index"] = (i + 1) % block

    def process(current):
        if current in (0x20, 0x09) or (state["cr"] and current == 0x0A):
            state["cr"] = False
            return
        if current == 0x0D:
            current, state["cr"] = 0x0A, True
        else:
            state["cr"] = False
        if line_at[state["index"]] != -1:
            output()
        if state["start"]:
            state["start"] = False
            state["line"] += 1
            line_at[state["index"]] = state["line"]
        if current == 0x0A:
            state["start"] = True
        update(current)

    data = text.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(data), 2):
        process(data[i] | (data[i + 1] << 8))
    process(0xFFFF)
    for _ in range(block):
        if line_at[state["index"]] != -1:
            output()
        update(0)
    return [out[k] for k in sorted(out)]


def self_test():
    # Vectors from github/codeql-action src/fingerprints.test.ts.
    assert line_hashes("") == ["c129715d7a2bc9a3:1"]
    assert line_hashes(" a\nb\n  \t\tc\n d") == [
        "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
        "a23a3dc5e078b07b:1"]
    expected = ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
                "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
                "c129715d7a2bc9a3:1"]
    assert line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n") == expected
    assert line_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n") == expected
    assert line_hashes("Lorem ipsum dolor sit amet.\n" * 10)[5:7] == [
        "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1"]


def main():
    self_test()
    sarif_path, root = sys.argv[1], os.path.realpath(sys.argv[2])
    log = json.load(open(sarif_path, encoding="utf-8"))
    problems = []

    def need(cond, what):
        if not cond:
            problems.append(what)

    need(log.get("version") == "2.1.0", "version must be 2.1.0")
    need("$schema" in log, "missing $schema")
    runs = log.get("runs", [])
    need(len(runs) == 1, "exactly one run")
    run = runs[0]
    driver = run["tool"]["driver"]
    need(driver.get("name") == "memtidy", "driver.name")
    need(re.fullmatch(r"\d+\.\d+\.\d+", driver.get("semanticVersion", "")),
         "driver.semanticVersion")
    need(run.get("automationDetails", {}).get("id", "").endswith("/"),
         "automationDetails.id must end with '/'")
    need(run.get("columnKind") == "utf16CodeUnits", "columnKind")
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
    need(base.startswith("file:///") and base.endswith("/"), "%SRCROOT% uri")
    need(unquote(base[len("file://"):]).rstrip("/") == root, "%SRCROOT% is the source root")
    need(isinstance(run.get("results"), list), "results must be an array")
    need(isinstance(run["invocations"][0].get("executionSuccessful"), bool),
         "invocations[0].executionSuccessful")

    rules = driver.get("rules", [])
    need(rules, "rules must list every check")
    for rule in rules:
        rid = rule.get("id", "?")
        need(rule.get("name") and rule["name"] != rid and
             re.fullmatch(r"[A-Z][A-Za-z0-9]*", rule["name"]), f"{rid}: PascalCase name")
        for key in ("shortDescription", "fullDescription"):
            text = rule.get(key, {}).get("text", "")
            need(0 < len(text) <= 1024, f"{rid}: {key}.text")
        need(rule.get("help", {}).get("text"), f"{rid}: help.text")
        need(rule.get("help", {}).get("markdown"), f"{rid}: help.markdown")
        need(rule.get("helpUri", "").startswith("https://"), f"{rid}: helpUri")
        need(rule.get("defaultConfiguration", {}).get("level") in
             ("note", "warning", "error"), f"{rid}: defaultConfiguration.level")
        props = rule.get("properties", {})
        need(isinstance(props.get("tags"), list) and 0 < len(props["tags"]) <= 10,
             f"{rid}: properties.tags (1 to 10)")
        need(props.get("precision") in ("very-high", "high", "medium", "low"),
             f"{rid}: properties.precision")
        need(props.get("problem.severity") in ("error", "warning", "recommendation"),
             f"{rid}: properties.problem.severity")
        sev = props.get("security-severity")
        if sev is not None:
            need(isinstance(sev, str) and 0 < float(sev) <= 10,
                 f"{rid}: security-severity must be a string in (0, 10]")
            need("security" in props.get("tags", []), f"{rid}: security rules tag 'security'")

    sources = {}
    for n, result in enumerate(run.get("results", [])):
        where = f"result {n}"
        rid = result.get("ruleId")
        need(any(r["id"] == rid for r in rules), f"{where}: ruleId {rid} not in rules")
        idx = result.get("ruleIndex")
        need(isinstance(idx, int) and idx < len(rules) and rules[idx]["id"] == rid,
             f"{where}: ruleIndex")
        need(result.get("level") in ("note", "warning", "error"), f"{where}: level")
        need(result.get("message", {}).get("text"), f"{where}: message.text")
        loc = result["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        need("://" not in uri and not uri.startswith("/"), f"{where}: relative uri")
        need(loc["artifactLocation"].get("uriBaseId") == "%SRCROOT%", f"{where}: uriBaseId")
        region = loc.get("region", {})
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            need(isinstance(region.get(key), int) and region[key] >= 1,
                 f"{where}: region.{key}")
        path = os.path.join(root, unquote(uri))
        if path not in sources:
            sources[path] = line_hashes(open(path, encoding="utf-8",
                                             errors="replace", newline="").read())
        expect = sources[path][region["startLine"] - 1]
        got = result.get("partialFingerprints", {}).get("primaryLocationLineHash")
        need(got == expect, f"{where}: primaryLocationLineHash {got} != {expect}")
        if "codeFlows" in result:
            steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
            need(len(steps) >= 2, f"{where}: a code flow has steps")
            need(all(s.get("importance") in ("essential", "important", "unimportant")
                     for s in steps), f"{where}: step importance")
            need(steps[-1]["location"]["physicalLocation"] == loc,
                 f"{where}: the flow ends at the result")
            ids = [r.get("id") for r in result.get("relatedLocations", [])]
            need(len(ids) == len(set(ids)) and all(isinstance(i, int) for i in ids),
                 f"{where}: relatedLocations ids")

    for line in problems:
        print("violation: " + line)
    print(f"github requirements: {'ok' if not problems else 'FAILED'} "
          f"({len(rules)} rules, {len(run.get('results', []))} results)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
