//===--- SleepInAtomicCheck.h - memtidy -------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_SLEEPINATOMICCHECK_H
#define MEMTIDY_CHECKS_SLEEPINATOMICCHECK_H

#include "RuleDrivenCheck.h"
#include "support/RulePack.h"
#include <memory>

namespace clang::tidy::memtidy {

class SleepInAtomicTU;

/// Finds calls that may sleep -- allocations whose GFP mask allows direct
/// reclaim, mutex_lock(), msleep(), wait_event(), copy_from_user(), ... --
/// made in atomic context: under a spinlock, with interrupts or preemption
/// disabled, in an RCU read section, or in a function that runs as a hard-IRQ
/// handler, timer, tasklet, RCU callback, NAPI poll or URB completion.
/// Follows sleeps through the functions of the file, and of other files
/// through summaries.
///
/// For the user-facing documentation see:
/// docs/checks/sleep-in-atomic.md
class SleepInAtomicCheck : public RuleDrivenCheck {
public:
  SleepInAtomicCheck(StringRef Name, ClangTidyContext *Context);
  ~SleepInAtomicCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  llvm::StringRef name() const { return getID(); }
  /// Reports through clang-tidy (the analysis runs after matching).
  DiagnosticBuilder
  report(SourceLocation Loc, StringRef Message,
         DiagnosticIDs::Level Level = DiagnosticIDs::Warning) {
    return diag(Loc, Message, Level);
  }

private:
  const std::string SummaryFile;
  const unsigned MaxPathStates;
  std::unique_ptr<SleepInAtomicTU> TU;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_SLEEPINATOMICCHECK_H
