//===--- RuleDrivenCheck.h - memtidy ----------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_RULEDRIVENCHECK_H
#define MEMTIDY_CHECKS_RULEDRIVENCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "support/RulePack.h"
#include <memory>
#include <string>

namespace clang::tidy::memtidy {

/// The base of every memtidy check: which APIs allocate, release, lock or
/// sleep comes from the rule packs, read once per option value. A pack that
/// cannot be loaded is a configuration error naming the check, which then
/// registers nothing (Rules stays null).
class RuleDrivenCheck : public ClangTidyCheck {
protected:
  RuleDrivenCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context),
        RulePacks(Options.getLocalOrGlobal("RulePacks", "")) {
    auto Loaded = ::memtidy::getRuleSet(RulePacks);
    if (!Loaded) {
      configurationDiag("cannot load rule packs for %0: %1",
                        DiagnosticIDs::Error)
          << Name << llvm::toString(Loaded.takeError());
      return;
    }
    Rules = std::move(*Loaded);
  }

  /// The RulePacks option: `;`-separated pack files, also a global option.
  const std::string RulePacks;
  std::shared_ptr<const ::memtidy::RuleSet> Rules;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_RULEDRIVENCHECK_H
