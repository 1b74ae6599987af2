//===--- GfpMisuseCheck.h - memtidy -----------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_GFPMISUSECHECK_H
#define MEMTIDY_CHECKS_GFPMISUSECHECK_H

#include "RuleDrivenCheck.h"
#include "support/GfpMasks.h"
#include "support/RulePack.h"
#include <memory>

namespace clang::tidy::memtidy {

/// Finds GFP mask mistakes that do not depend on the calling context: size
/// and mask arguments swapped, masks that combine a non-sleeping and a
/// sleeping mask, __GFP_NOFAIL with a mask that cannot sleep, and
/// GFP_KERNEL hard-coded in a function that receives a gfp_t from its
/// callers (outside memalloc_nofs_save()/memalloc_noio_save() scopes);
/// optionally, GFP_ATOMIC where a held mutex proves process context.
///
/// For the user-facing documentation see:
/// docs/checks/gfp-misuse.md
class GfpMisuseCheck : public RuleDrivenCheck {
public:
  GfpMisuseCheck(StringRef Name, ClangTidyContext *Context);
  ~GfpMisuseCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkCall(const CallExpr *Call, ASTContext &Ctx);
  void checkCombination(const Expr *Mask, ASTContext &Ctx);
  void checkFunctionMasks(const FunctionDecl *Function, ASTContext &Ctx);

  const unsigned MaxPathStates;
  const bool ReportAtomicInProcessContext;
  std::unique_ptr<::memtidy::GfpFlagValues> Flags;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_GFPMISUSECHECK_H
