//===--- ExecutionContext.h - Locks and contexts along a path ---*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What a path holds at each point: spinlocks and other locks (with the
// object locked, "priv->lock"), contexts such as disabled interrupts,
// disabled preemption, RCU read sections and memalloc scopes, whether a
// context test (in_atomic(), gfpflags_allow_blocking()) proved sleeping
// allowed. Rule-pack acquire/release entries drive it, whether they name
// functions or macros; trylocks hold only where a branch saw them succeed;
// lock helpers of the translation unit and the constructors and destructors
// of cleanup.h guards act through summaries of their effects.
//
// The tracker is a building block for PathClients: a client keeps a
// ContextState in its own state and forwards elements and branches to it.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_EXECUTIONCONTEXT_H
#define MEMTIDY_SUPPORT_EXECUTIONCONTEXT_H

#include "AccessPath.h"
#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace memtidy {

/// Something a path holds.
struct Hold {
  /// The acquire entry (a lock, a context, a memalloc scope).
  const ApiEntry *Entry = nullptr;
  /// What is held: the lock object ("priv->lock"); none for contexts.
  std::optional<AccessPath> Object;
  /// The acquiring call or statement in the analyzed function; for a hold
  /// taken inside a callee, the call of that callee.
  const clang::Stmt *Site = nullptr;
  /// For macro entries: the invocation, one hold per invocation.
  clang::SourceLocation Instance;
  /// For holds taken inside a callee: where the callee takes it.
  const clang::Stmt *Inner = nullptr;
  /// A trylock (or an acquire that can fail) no branch has tested yet: not
  /// held until one sees it succeed.
  bool Tentative = false;

  bool atomic() const { return Entry && Entry->Atomic && !Tentative; }
  bool operator==(const Hold &O) const;
  bool operator<(const Hold &O) const;
};

struct ContextState {
  llvm::SmallVector<Hold, 2> Holds;
  /// Trylocks whose outcome a branch decided on this path.
  std::map<const clang::CallExpr *, bool> Trylocks;
  /// Variables that hold a trylock's result (locked = spin_trylock(l)).
  std::map<const clang::VarDecl *, const clang::CallExpr *> TrylockVars;
  /// Macro releases applied: every statement of one invocation passes
  /// through the tracker, the release happens once.
  std::set<const void *> ReleasedInstances;
  /// A context test proved that sleeping is allowed here.
  bool Sleepable = false;
  /// The arms of conditional operators this path took.
  std::map<const clang::ConditionalOperator *, bool> Arms;
  /// When summarizing: releases of holds the function did not take, which
  /// are its caller's.
  bool RecordForeignReleases = false;
  std::vector<std::pair<const ApiEntry *, std::optional<AccessPath>>>
      ForeignReleases;

  bool operator==(const ContextState &O) const;
  /// States that hold the same things may be merged.
  bool sameProperty(const ContextState &O) const;
  /// Keeps what both paths hold, so a merged state never claims a lock
  /// one of its paths released.
  void joinWith(const ContextState &O);
  /// The most recently taken hold that makes the context atomic, or null.
  const Hold *atomicHold() const;
  /// The most recently taken hold of a family, or null.
  const Hold *holdOf(llvm::StringRef Family) const;
};

/// What calling a function does to its caller's context, with objects named
/// as the function's parameters see them.
struct ContextEffects {
  struct Acquired {
    const ApiEntry *Entry;
    std::optional<AccessPath> Object;
    const clang::Stmt *Site;
  };
  struct Released {
    const ApiEntry *Entry;
    std::optional<AccessPath> Object;
  };
  std::vector<Acquired> Acquires; ///< Held at every return.
  std::vector<Released> Releases; ///< Dropped on some path.
};

class ContextTracker {
public:
  ContextTracker(const RuleSet &Rules, clang::ASTContext &Ctx);
  ~ContextTracker();
  ContextTracker(const ContextTracker &) = delete;
  ContextTracker &operator=(const ContextTracker &) = delete;

  /// Applies one CFG element of \p Function to \p State.
  void transfer(const clang::CFGElement &Element,
                const clang::FunctionDecl *Function, ContextState &State);
  /// Refines \p State for the branch edge where \p Cond is \p Taken; false if
  /// that edge cannot be taken (a trylock tested twice).
  bool assume(const clang::Expr *Cond, bool Taken,
              const clang::FunctionDecl *Function, ContextState &State);

  /// The macro entry of \p Group that \p S was expanded from.
  const ApiEntry *macroEntry(const clang::Stmt *S, EntryGroup Group,
                             clang::SourceLocation *Instance = nullptr);
  /// The effects of calling \p Function (with a body); null while it is
  /// being computed (recursion) or when it changes nothing.
  const ContextEffects *effectsOf(const clang::FunctionDecl *Function);
  /// The object an acquire or release argument designates, named through
  /// the locals of \p Function that were initialized once ("&priv->lock"
  /// and "spinlock_check(&priv->lock)" are "priv->lock").
  std::optional<AccessPath> heldObject(const clang::Expr *Arg,
                                       const clang::FunctionDecl *Function);
  /// Drops what a release of \p Entry on \p Object drops: the most recent
  /// hold of its family on that object, else of its family; with nothing
  /// to drop, notes a release of the caller's hold if \p State records
  /// them.
  static void release(ContextState &State, const ApiEntry *Entry,
                      const std::optional<AccessPath> &Object);
  /// The callee's path \p Inner, as the caller of \p Call names it.
  std::optional<AccessPath> toCaller(const AccessPath &Inner,
                                     const clang::CallExpr *Call,
                                     const clang::FunctionDecl *Caller);

  /// The API as written at a hold ("spin_lock_irqsave", "rcu_read_lock").
  std::string apiName(const Hold &H) const;
  /// Where a hold was taken, for a note.
  clang::SourceLocation holdLocation(const Hold &H) const;
  /// "while spinlock 'priv->lock' is held", "while interrupts are
  /// disabled": the context a hold makes, for messages.
  std::string describe(const Hold &H) const;
  /// "spinlock 'priv->lock' is taken here": a note at the hold's site.
  std::string takenHere(const Hold &H) const;
  /// True for holds of a lock (rather than of a CPU context).
  static bool isLock(const Hold &H) {
    return H.Entry && H.Entry->Resource == "lock";
  }

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_EXECUTIONCONTEXT_H
