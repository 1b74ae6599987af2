//===--- MismatchedDeallocatorCheck.h - memtidy -----------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_MISMATCHEDDEALLOCATORCHECK_H
#define MEMTIDY_CHECKS_MISMATCHEDDEALLOCATORCHECK_H

#include "RuleDrivenCheck.h"
#include "support/RulePack.h"
#include <memory>

namespace memtidy {
struct Acquisition;
struct FunctionOwnership;
struct ReleaseSite;
} // namespace memtidy

namespace clang::tidy::memtidy {

/// Finds memory released with a routine of another family than the one that
/// allocated it: new/free, malloc/delete, new[]/delete, kmalloc/vfree,
/// devm_kzalloc/kfree, and any family mismatch of the rule packs, following
/// the value through copies, fields and helpers of the same file.
///
/// For the user-facing documentation see:
/// docs/checks/mismatched-deallocator.md
class MismatchedDeallocatorCheck : public RuleDrivenCheck {
public:
  MismatchedDeallocatorCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void releasedElsewhere(const ::memtidy::FunctionOwnership &Ownership,
                         ASTContext &Ctx);
  void releasingExternalResult(const ::memtidy::Acquisition &A,
                               const ::memtidy::ReleaseSite &R,
                               ASTContext &Ctx);
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_MISMATCHEDDEALLOCATORCHECK_H
