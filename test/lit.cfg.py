# -*- Python -*-
# lit configuration for memtidy. Paths come from lit.site.cfg.py, which CMake
# writes into the build tree.
import os

import lit.formats

# Paths of the build under test: lit.site.cfg.py in the build tree, named by
# --param site=... (CTest passes it) or MEMTIDY_LIT_SITE_CONFIG.
site = lit_config.params.get("site") or os.environ.get("MEMTIDY_LIT_SITE_CONFIG")
if not site or not os.path.exists(site):
    lit_config.fatal("pass --param site=<build>/test/lit.site.cfg.py")
lit_config.load_config(config, site)

config.name = "memtidy"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "check_memtidy.py", "exit_code.py", "node_modules", "tools"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.memtidy_binary_dir, "test")

# The LLVM 19 tools come first: /usr/bin may hold other versions.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# clang-tidy must not pick up configuration from outside the test.
config.environment["CLANG_NO_DEFAULT_CONFIG"] = "1"

check = " ".join([
    config.python_executable,
    os.path.join(config.test_source_root, "check_memtidy.py"),
    "--plugin=" + config.memtidy_plugin,
    "--memtidy=" + config.memtidy,
    "--clang-tidy=" + config.clang_tidy,
    "--clang=" + config.clang,
    "--filecheck=" + os.path.join(config.llvm_tools_dir, "FileCheck"),
])
headers = os.path.join(config.test_source_root, "Inputs", "Headers")
config.substitutions.append(("%check_memtidy", check))
config.substitutions.append(("%memtidy_plugin", config.memtidy_plugin))
config.substitutions.append(("%memtidy", config.memtidy))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clang + "++"))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%exit_code", config.python_executable + " " +
                             os.path.join(config.test_source_root, "exit_code.py")))
config.substitutions.append(("%headers", headers))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%rules", os.path.join(config.memtidy_source_dir, "rules")))
validator = os.path.join(config.test_source_root, "tools", "validate-json.js")
config.substitutions.append(("%sarif_validate", " ".join(
    [config.node, validator, "--draft4", config.sarif_schema])))
config.substitutions.append(("%pack_validate", " ".join(
    [config.node, validator, "--draft7",
     os.path.join(config.memtidy_source_dir, "rules", "rulepack.schema.json")])))

# A prepared linux-source-6.1 tree (../shared/eval/kernel/setup.sh makes one)
# enables the tests on real kernel code.
linux_6_1 = os.environ.get("MEMTIDY_LINUX_6_1") or os.path.join(
    os.environ.get("EVAL_CACHE", os.path.expanduser("~/.cache/memtidy-eval")),
    "linux-6.1")
if os.path.exists(os.path.join(linux_6_1, "include", "generated", "autoconf.h")):
    config.available_features.add("linux-6.1")
    config.substitutions.append(("%linux_6_1", linux_6_1))

# Emscripten's own headers and libc++ (Debian package emscripten) enable the
# tests against the real declarations.
emscripten_sysroot = os.environ.get("MEMTIDY_EMSCRIPTEN_SYSROOT",
                                    "/usr/share/emscripten/cache/sysroot")
if os.path.exists(os.path.join(emscripten_sysroot, "include", "emscripten", "val.h")):
    config.available_features.add("emscripten")
    config.substitutions.append(("%emscripten_sysroot", emscripten_sysroot))
