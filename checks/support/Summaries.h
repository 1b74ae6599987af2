//===--- Summaries.h - Function summaries across files ----------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What a function does with what its callers give it, in a form that crosses
// translation units: which inputs (parameters, globals, and what they point
// to) it dereferences before testing them, what it passes on to functions
// defined elsewhere, and whether it returns a result that may have failed.
//
// The driver analyzes every file once. A use whose verdict depends on another
// file's function -- an unchecked pointer passed to it, its result used
// unchecked -- becomes a pending finding, rendered in full where it is found;
// once every file's summaries are in, the driver keeps the pending findings
// whose condition holds. Summaries written to a file let the clang-tidy
// plugin see across files too.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_SUMMARIES_H
#define MEMTIDY_SUPPORT_SUMMARIES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace memtidy {

/// A value a function reads that its caller controls: a parameter or a
/// global, then dereferences ("*") and field selections (field names).
struct InputPath {
  bool IsGlobal = false;
  unsigned Param = 0; ///< For parameters.
  std::string Global; ///< For globals: the variable's USR.
  std::vector<std::string> Steps;

  bool operator<(const InputPath &O) const;
  bool operator==(const InputPath &O) const;
  /// True if this path is \p Prefix followed by zero or more steps.
  bool startsWith(const InputPath &Prefix) const;
};

/// A place in a file, for diagnostics that outlive their translation unit.
struct FileRange {
  std::string File; ///< Absolute path.
  unsigned Offset = 0;
  unsigned Length = 0;
};

struct DiagnosticText {
  FileRange Where;
  std::string Message;
};

/// The function dereferences an input before testing it.
struct DerefFact {
  InputPath Input;
  std::string Spelling; ///< The input as the function spells it, "*dataPtr".
  FileRange Where;
};

/// The function passes one of its inputs to another function.
struct ForwardFact {
  InputPath From;
  std::string Callee; ///< USR.
  InputPath To;       ///< The input as the callee sees it.

  /// \p Input (which starts with From) as the callee sees it: the rest of
  /// its steps apply to To.
  InputPath forward(const InputPath &Input) const;
};

/// The function returns a result that may be a failed allocation.
struct ReturnFact {
  std::string Convention; ///< Rule-pack spelling: "null", "err-ptr", ...
  std::string Api;        ///< The allocator it comes from.
  FileRange Where;        ///< The return statement.
  /// The function's parameter that carries the allocation's GFP mask: a
  /// caller passing __GFP_NOFAIL there gets a result that cannot fail.
  std::optional<unsigned> GfpParam;
};

/// The function may sleep when called (memtidy-sleep-in-atomic).
struct SleepFact {
  /// Only if the GFP mask of this input lets the allocator sleep; none:
  /// whatever it is passed.
  std::optional<InputPath> IfInput;
  /// Notes from the function's own call or operation down to the one that
  /// sleeps, the mask's definition last.
  std::vector<DiagnosticText> Chain;
};

/// What a GFP mask passed as an argument lets the callee do.
struct ArgMask {
  enum ReclaimKind { Unknown, Allows, Forbids, FromInput };
  ReclaimKind Reclaim = Unknown;
  std::optional<InputPath> Input;       ///< For FromInput: the caller's input.
  std::optional<DiagnosticText> Origin; ///< Where an allowing mask is set.
};

/// The function calls one of another file, outside atomic context: it
/// sleeps if that one does.
struct SleepCallFact {
  std::string Callee; ///< USR.
  std::string CalleeName;
  FileRange Where;
  std::vector<ArgMask> Args;
};

/// The function registers another file's function as a callback that runs
/// in the given context (a rule-pack context name).
struct CallbackFact {
  std::string Callee; ///< USR.
  std::string Context;
  std::string Api; ///< The registering API as written ("request_irq").
  FileRange Where;
};

/// What a function does with a resource its caller hands it
/// (memtidy-leak-on-error-path, memtidy-mismatched-deallocator).
struct LifecycleFact {
  enum FateKind {
    Keeps,    ///< Stores, returns or hands it to code that may keep it.
    Releases, ///< Releases it on every path.
  };
  InputPath Input;
  FateKind Fate = Keeps;
  /// For Releases: the release as written, and the rule-pack family it
  /// releases (with the families its entry also releases); empty for a
  /// release that drops a reference rather than freeing.
  std::string Api;
  std::string Family;
  std::vector<std::string> AlsoReleases;
  FileRange Where;
};

/// A new resource a function returns to its caller.
struct LifecycleReturn {
  std::string Family;   ///< Rule-pack family ("malloc", "new[]").
  std::string Resource; ///< Rule-pack resource ("memory", "file").
  std::string Api;      ///< The allocation as written.
  FileRange Where;      ///< The return statement.
};

struct FunctionSummary {
  std::string Usr;
  std::string Name;
  std::vector<DerefFact> Derefs;
  std::vector<ForwardFact> Forwards;
  std::optional<ReturnFact> Returns;
  /// Callees (USRs) whose results this function returns without a test.
  std::vector<std::string> ReturnsResultOf;
  std::vector<SleepFact> Sleeps;
  std::vector<SleepCallFact> SleepCalls;
  std::vector<CallbackFact> Registers;
  /// The lifecycle analysis saw the function's body: an input it has no
  /// LifecycleFact for, and forwards nowhere, is only borrowed.
  bool LifecycleKnown = false;
  FileRange Definition;
  std::vector<LifecycleFact> Lifecycle;
  /// Inputs it hands on to functions of other files.
  std::vector<ForwardFact> LifecycleForwards;
  std::optional<LifecycleReturn> ReturnsFresh;
};

/// What one file knows of an integer global: its constant initial value
/// where the file defines it, and whether the file may change it.
struct GlobalFact {
  std::string Usr;
  std::optional<int64_t> Value;
  bool Written = false;
  /// For pointers: a use no summary follows (its address taken, or a read
  /// in a function that could not be summarized).
  bool Opaque = false;
  /// For pointers: an analyzed file defines it, and whether other files
  /// may name it.
  bool Defined = false;
  bool Shared = false;
};

/// A branch assumed a global of another file to be zero or not.
struct GlobalAssumption {
  std::string Usr;
  bool NonZero = false;
  /// Its name, and the file that declares it (a header, usually): where
  /// a definition missing from the compilation database may be found.
  std::string Name, DeclaredIn;
};

/// A finding that holds if a function of another file does something.
struct PendingFinding {
  enum ConditionKind {
    Always,                ///< Nothing but the assumptions of its path.
    CalleeDereferences,    ///< Callee dereferences Input before testing it.
    CalleeReturnsFallible, ///< Callee may return a failed allocation.
    CalleeMaySleep,        ///< Callee may sleep, given the masks in Args.
    /// Every callee in Handoffs only borrows what it was handed: the
    /// caller still owned it where it returned.
    CalleesBorrow,
    /// Callee releases Input with a routine that does not release Family.
    CalleeReleasesOther,
    /// Callee returns a resource of a family that neither Family nor
    /// AlsoReleases names (the caller's release routine).
    CalleeReturnsOther,
    /// Some function releases what the global Input holds with a routine
    /// that does not release Family.
    GlobalReleasedOther,
    /// No function releases, keeps or hands on what the global Input holds,
    /// and no use of it escapes the summaries.
    GlobalNeverReleased,
  };
  ConditionKind Condition = CalleeDereferences;
  std::string Callee; ///< USR.
  std::string CalleeName;
  InputPath Input;
  std::string Check;
  bool CPlusPlus = false;
  std::vector<ArgMask> Args; ///< For CalleeMaySleep.
  /// For CalleesBorrow: the callees (USR, name) and their inputs.
  struct Handoff {
    std::string Callee;
    std::string CalleeName;
    InputPath Input;
  };
  std::vector<Handoff> Handoffs;
  std::string Family; ///< For CalleeReleasesOther and CalleeReturnsOther.
  std::vector<std::string> AlsoReleases; ///< For CalleeReturnsOther.
  /// The finding is about the result of this function (USR, name): it
  /// holds only if the function returns a new resource of one of
  /// FreshResources (any, if empty).
  std::string FreshFrom, FreshFromName;
  std::vector<std::string> FreshResources;
  /// The path exists only if these globals can have these values.
  std::vector<GlobalAssumption> Assumes;
  /// The warning, complete except for the failure convention of a callee's
  /// result: "{0}" (the failure value) and "{1}" (how to check it) in the
  /// message and the notes are filled in when the condition is resolved;
  /// for CalleeReleasesOther "{0}" is the callee's release.
  DiagnosticText Warning;
  std::vector<DiagnosticText> Notes;
};

/// A pending finding whose condition holds, with the note that proves it.
struct ResolvedFinding {
  std::string Check;
  DiagnosticText Warning;
  std::vector<DiagnosticText> Notes;
};

/// Everything the checks learn in one process: summaries of the functions of
/// the analyzed files, summaries read from files, and pending findings.
class SummaryStore {
public:
  static SummaryStore &instance();

  /// Whether checks export summaries and pending findings (the driver turns
  /// this on; in clang-tidy nobody would read them).
  void setCollecting(bool On);
  bool collecting() const;
  /// Whether the run analyzes every file of the compilation database, so
  /// that what no analyzed file does to a global, no file does.
  void setWholeDatabase(bool On);

  void add(FunctionSummary Summary);
  void addPending(PendingFinding Finding);
  void addGlobal(const GlobalFact &Fact);

  /// Summaries read from a file (the SummaryFile option); parsed once per
  /// path. Errors name the file.
  llvm::Error loadFile(llvm::StringRef Path);

  /// What checks may rely on while files are still being analyzed: only
  /// summaries loaded from a file. This run's summaries are combined after
  /// the run (resolvePending), so that results do not depend on the order
  /// in which files are analyzed.
  ///
  /// True if the function (transitively, through functions it calls)
  /// dereferences \p Input; sets \p Proof to the final dereference.
  bool dereferences(llvm::StringRef Usr, const InputPath &Input,
                    DerefFact *Proof = nullptr) const;
  /// The return fact of the function or of a callee whose result it returns.
  std::optional<ReturnFact> returnsFallible(llvm::StringRef Usr) const;
  /// The notes that show how the function may sleep when its arguments'
  /// masks are \p Args, through functions of any file; none if it cannot.
  std::optional<std::vector<DiagnosticText>>
  sleepChain(llvm::StringRef Usr, llvm::ArrayRef<ArgMask> Args) const;
  /// A registration of the function as a callback, in a loaded file.
  std::optional<CallbackFact> registration(llvm::StringRef Usr) const;

  /// The globals pending findings assume whose definition no analyzed file
  /// has: their names, by the files that declare them.
  std::map<std::string, std::set<std::string>> undefinedAssumedGlobals() const;

  /// The pending findings whose condition holds, sorted and unique.
  std::vector<ResolvedFinding> resolvePending() const;

  /// All summaries of this run, as JSON for a SummaryFile.
  llvm::json::Value exportSummaries() const;

private:
  mutable std::mutex Mutex;
  bool Collecting = false;
  bool WholeDatabase = false;
  std::map<std::string, FunctionSummary> Collected;
  std::map<std::string, FunctionSummary> Loaded;
  std::map<std::string, bool> LoadedFiles;
  std::map<std::string, CallbackFact> LoadedRegistrations;
  std::vector<PendingFinding> Pending;
  std::map<std::string, GlobalFact> Globals;

  /// False if some assumption contradicts a global that every file leaves
  /// at its constant initial value.
  bool feasibleLocked(const std::vector<GlobalAssumption> &Assumes) const;

  const FunctionSummary *find(llvm::StringRef Usr, bool WithCollected) const;
  bool dereferencesLocked(llvm::StringRef Usr, const InputPath &Input,
                          DerefFact *Proof, bool WithCollected,
                          unsigned Depth) const;
  std::optional<ReturnFact>
  returnsLocked(llvm::StringRef Usr, bool WithCollected, unsigned Depth) const;
  /// What a function (transitively) does with an input: Keeps, Releases,
  /// or none when it only borrows it; Known is false without a summary.
  struct Fate {
    bool Known = false;
    std::optional<LifecycleFact> Fact;
    std::string Via; ///< The function whose fact it is.
  };
  Fate fateLocked(llvm::StringRef Usr, const InputPath &Input,
                  unsigned Depth) const;
  std::optional<std::vector<DiagnosticText>>
  sleepChainLocked(llvm::StringRef Usr, llvm::ArrayRef<ArgMask> Args,
                   bool WithCollected, unsigned Depth) const;
};

/// The failure value of a convention in messages ("NULL", "an ERR_PTR").
llvm::StringRef failureValueText(llvm::StringRef Convention, bool CPlusPlus);
/// How to check a result of that convention ("check it for NULL before use").
llvm::StringRef howToCheckText(llvm::StringRef Convention);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_SUMMARIES_H
