//===--- LeakOnErrorPathCheck.h - memtidy -----------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_LEAKONERRORPATHCHECK_H
#define MEMTIDY_CHECKS_LEAKONERRORPATHCHECK_H

#include "RuleDrivenCheck.h"
#include "support/Ownership.h"
#include "support/RulePack.h"
#include <memory>

namespace clang::tidy::memtidy {

/// Finds resources -- memory, references, descriptors, enabled devices,
/// locks -- that a function acquired and still owns when it returns an
/// error, and (an option) memory, files and descriptors still owned at a
/// successful return. Offers to jump to the unwind label that releases
/// exactly what a leaking early return holds.
///
/// For the user-facing documentation see:
/// docs/checks/leak-on-error-path.md
class LeakOnErrorPathCheck : public RuleDrivenCheck {
public:
  LeakOnErrorPathCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// A pending finding for memory or a FILE stored in a global that, once every
  /// file is seen, nothing releases.
  void pendNeverReleased(const FunctionDecl &Function,
                         const ::memtidy::FunctionOwnership &Ownership,
                         const ::memtidy::FunctionOwnership::GlobalStore &Store,
                         ASTContext &Ctx);

  const unsigned MaxPathStates;
  /// Resource kinds (rule-pack names) reported at successful returns too.
  const std::string SuccessExitResources;
  std::vector<std::string> SuccessKinds;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_LEAKONERRORPATHCHECK_H
