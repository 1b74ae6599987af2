//===--- Ownership.h - Who owns each acquired resource ----------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The lifecycle of resources a function acquires -- memory, references,
// descriptors, enabled devices, locks -- path by path over its CFG: where
// each is acquired, whether the acquisition failed, where it is released,
// and where ownership leaves the function (returned, stored outside it,
// handed to a function that consumes it). The leak, RAII and deallocator
// checks read their findings from one run of this analysis.
//
// Calls to functions of the same translation unit are followed through
// summaries (what the callee releases, hands on or acquires for its caller,
// and whether it returns a new resource), computed on demand and cached.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_OWNERSHIP_H
#define MEMTIDY_SUPPORT_OWNERSHIP_H

#include "AccessPath.h"
#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace memtidy {

/// One acquisition site of the analyzed function.
struct Acquisition {
  enum class Origin {
    Api,     ///< A call or new-expression with a rule-pack entry.
    Wrapper, ///< A function of this file that returns a new resource.
    Callee,  ///< A function of this file that acquires an object for us.
    Input,   ///< In a summary: what a parameter points to.
    /// The result of a function another file may define: a new resource
    /// only if that file's summary says so (only while summaries are
    /// collected across files).
    External,
  };
  Origin From = Origin::Api;
  const clang::Expr *Site = nullptr;
  const ApiEntry *Entry = nullptr; ///< The acquiring entry (Api, Callee).
  std::string Api;                 ///< The API as written.
  std::string Family;
  std::string Resource = "memory"; ///< Rule-pack resource name.
  FailureConvention Fails = FailureConvention::Never;
  /// The object an acquire entry holds (dev->lock, *np); none for results.
  std::optional<AccessPath> Object;
  /// Where the result was first stored, and its name for messages.
  std::string Holder;
  /// The holder is a variable a macro declared for itself.
  bool HolderIsTemporary = false;
  /// For wrappers: where the wrapper returns its resource, and its API.
  const clang::Stmt *InnerReturn = nullptr;
  std::string InnerApi;
  /// For inputs: the parameter, and whether it is what it points to.
  unsigned Param = 0;
  bool Pointee = false;

  bool isLockLike() const {
    return Resource == "lock" || Resource == "context";
  }
};

enum class ExitKind { Error, Success };

/// Rewrites an early error return into a jump to an unwind label that
/// releases exactly what the return leaks.
struct UnwindFix {
  const clang::LabelStmt *Label = nullptr;
  /// The variable the label's code returns, to be assigned the error
  /// first; empty when it holds the error already.
  std::string ErrorVariable;
  std::string ErrorText; ///< The error as the return spells it.
};

/// A resource still owned by the function where it exits.
struct ExitLeak {
  unsigned Acq = 0;
  /// The return statement; null when control reaches the end of the body.
  const clang::ReturnStmt *Return = nullptr;
  ExitKind Kind = ExitKind::Success;
  /// The return value as the programmer wrote it ("-EINVAL", "NULL").
  std::string Returning;
  /// The branch that detected the failure leading here, if any.
  const clang::Expr *FailureBranch = nullptr;
  /// The goto that jumped into the code that returns, if any.
  const clang::GotoStmt *Goto = nullptr;
  /// Some path lent the resource to code that may keep it.
  bool Lent = false;
  /// What holds it at the exit, when not what it was first stored in
  /// (q = no_free_ptr(p)).
  std::string HeldAs;
  std::optional<UnwindFix> Fix;
  /// Indices into FunctionOwnership::Handoffs: the functions of other files
  /// this path handed it to.
  std::vector<unsigned> Handoffs;
  /// Some path lent it to code other than those handoffs.
  bool LentElsewhere = false;
  /// A leak only if those functions only borrow it: the path handed them
  /// its address (read(&p)), so the function may not own it any more.
  bool Deferred = false;
  /// What the path assumed of integer globals other files define, as
  /// (global, non-zero): the leak is real only if some run takes it.
  std::vector<std::pair<const clang::VarDecl *, bool>> Assumes;
};

/// A resource handed to a function whose body another file may have: what
/// happens to it is known once that file's summary is.
struct Handoff {
  unsigned Acq = 0;
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  /// The input as the callee sees it: its parameter, then "*" for a
  /// dereference or a field's name (summary InputPath steps).
  unsigned Param = 0;
  std::vector<std::string> Steps;
};

/// What a function does with what its callers hand it, for summaries that
/// cross files.
struct LifecycleSummary {
  struct Input {
    unsigned Param = 0;
    const clang::VarDecl *Global = nullptr; ///< Instead of a parameter.
    std::vector<std::string> Steps;
  };
  struct Fate {
    Input In;
    bool Releases = false; ///< Else it keeps it (or may).
    const clang::Expr *At = nullptr;
    const ApiEntry *Releaser = nullptr;
    std::string Api;
  };
  struct Forward {
    Input From;
    const clang::FunctionDecl *Callee = nullptr;
    Input To;
  };
  std::vector<Fate> Fates;
  std::vector<Forward> Forwards;
  /// A new resource the function returns.
  struct Returned {
    std::string Family, Resource, Api;
    const clang::Stmt *At = nullptr;
  };
  std::optional<Returned> Returns;
};

/// A release of an acquisition (for checks of the release routine).
struct ReleaseSite {
  unsigned Acq = 0;
  const clang::Expr *Call = nullptr; ///< The call or delete-expression.
  const ApiEntry *Releaser = nullptr;
  std::string Api; ///< The releasing API as written.
};

/// What one function does with what it acquires.
struct FunctionOwnership {
  std::vector<Acquisition> Acquisitions;
  std::vector<ExitLeak> Leaks;
  std::vector<ReleaseSite> Releases;
  std::vector<Handoff> Handoffs;
  /// Acquisitions stored in a global variable, which any function may
  /// release later.
  struct GlobalStore {
    unsigned Acq = 0;
    const clang::VarDecl *Global = nullptr;
    const clang::Expr *Store = nullptr; ///< The value stored.
  };
  std::vector<GlobalStore> GlobalStores;
};

struct OwnershipSummary;

/// What a function does with an integer it is handed (a descriptor): the
/// routine that releases it, whether it keeps it, and the functions of
/// other files it hands it to.
struct IntegerUse {
  bool Kept = false;
  const clang::CallExpr *Release = nullptr;
  const ApiEntry *Releaser = nullptr;
  std::vector<std::pair<const clang::FunctionDecl *, unsigned>> Forwards;

  /// Seen from the same file, handing it to another file's function is
  /// keeping it: that function's summary is not known yet.
  bool keepsForCallers() const { return Kept || !Forwards.empty(); }
};

/// Runs the analysis on functions of one translation unit; keeps the
/// summaries of their callees between runs.
class OwnershipAnalyzer {
public:
  OwnershipAnalyzer(const RuleSet &Rules, clang::ASTContext &Ctx,
                    unsigned MaxPathStates);
  ~OwnershipAnalyzer();

  /// True if the function may acquire something the analysis tracks;
  /// most functions do not and need no CFG.
  bool mayAcquire(const clang::FunctionDecl *Function);
  /// True if the function may drop a hold on an object, such as a lock its
  /// caller took.
  bool mayRelease(const clang::FunctionDecl *Function);

  /// The analyzer that the checks of the translation unit \p Ctx share,
  /// so that each function is analyzed once; valid until releaseShared(),
  /// which the checks call at the end of each translation unit.
  static OwnershipAnalyzer &shared(const RuleSet &Rules, clang::ASTContext &Ctx,
                                   unsigned MaxPathStates);
  static void releaseShared();

  /// Analyzes a function (once); empty if it is too large or too complex.
  const std::optional<FunctionOwnership> &
  analyze(const clang::FunctionDecl *Function);

  /// The summary of a function of this file (null while it is computed,
  /// for recursion, or past the depth limit).
  const OwnershipSummary *summaryOf(const clang::FunctionDecl *Function,
                                    unsigned Depth);

  /// What a function of this file does with the integers it is handed, by
  /// its path of them; null while it is computed (recursion).
  const std::map<AccessPath, IntegerUse> *
  integerUsesOf(const clang::FunctionDecl *Definition);

  /// What the function does with its inputs; none if it could not be
  /// summarized.
  std::optional<LifecycleSummary>
  lifecycleOf(const clang::FunctionDecl *Function);

  /// Whether calls of functions other files may define are tracked as
  /// possible acquisitions (Acquisition::Origin::External).
  bool speculates() const { return Speculates; }

  /// Adds the function's lifecycle summary to the SummaryStore, once, for
  /// callers in other files (when the store collects).
  void exportSummary(const clang::FunctionDecl *Function);

  const RuleSet &rules() const { return Rules; }
  clang::ASTContext &context() const { return Ctx; }

private:
  const RuleSet &Rules;
  clang::ASTContext &Ctx;
  unsigned MaxPathStates;
  bool Speculates = false;
  std::map<const clang::FunctionDecl *, std::unique_ptr<OwnershipSummary>>
      Summaries;
  std::map<const clang::FunctionDecl *, bool> AcquiresCache;
  std::map<const clang::FunctionDecl *, bool> ReleasesCache;
  std::map<const clang::FunctionDecl *, std::optional<FunctionOwnership>>
      Results;
  std::set<const clang::FunctionDecl *> Exported;
  std::map<const clang::FunctionDecl *,
           std::optional<std::map<AccessPath, IntegerUse>>>
      IntegerUses;

  std::optional<FunctionOwnership>
  analyzeUncached(const clang::FunctionDecl *Function);
};

/// The message verb for releasing a resource kind: "freed", "closed", ...
llvm::StringRef releasedVerb(llvm::StringRef Resource);
/// The verb for acquiring one: "allocated", "opened", "acquired", ...
llvm::StringRef acquiredVerb(llvm::StringRef Resource);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_OWNERSHIP_H
