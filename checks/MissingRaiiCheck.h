//===--- MissingRaiiCheck.h - memtidy ---------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_MISSINGRAIICHECK_H
#define MEMTIDY_CHECKS_MISSINGRAIICHECK_H

#include "RuleDrivenCheck.h"
#include "support/RulePack.h"
#include <memory>

namespace clang::tidy::memtidy {

/// Finds C++ resources managed by hand where a RAII type would release them
/// on every path: local raw pointers that own memory from new, new[] or
/// malloc and are released in the same function, FILE pointers closed with
/// fclose, descriptors closed with close, std::mutex and pthread mutexes
/// locked and unlocked by hand, and classes that own a raw pointer member
/// but keep the implicit copy operations. Fix-its rewrite the
/// mechanical cases to std::unique_ptr and std::lock_guard.
///
/// For the user-facing documentation see:
/// docs/checks/missing-raii.md
class MissingRaiiCheck : public RuleDrivenCheck {
public:
  MissingRaiiCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkOwnedPointers(const FunctionDecl *Function, ASTContext &Ctx);
  void checkManualLocks(const FunctionDecl *Function, const CompoundStmt *Block,
                        ASTContext &Ctx);
  void checkOwningClass(const CXXRecordDecl *Record, ASTContext &Ctx);

  const std::string SmartPointer;
  const std::string SmartPointerHeader;
  const std::string LockGuard;
  const std::string UniqueLock;
  const std::string MutexTypes;
  const bool ReportUnreleased;
  /// The owning descriptor type to suggest (unique_fd); empty: none.
  const std::string DescriptorWrapper;
  llvm::SmallVector<StringRef, 4> MutexTypeList;
  /// A fix-it of this translation unit includes the smart pointer's header.
  bool HeaderInserted = false;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_MISSINGRAIICHECK_H
