//===--- WasmCapiOwnershipCheck.h - memtidy ---------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_WASMCAPIOWNERSHIPCHECK_H
#define MEMTIDY_CHECKS_WASMCAPIOWNERSHIPCHECK_H

#include "RuleDrivenCheck.h"
#include "support/RulePack.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

namespace clang::tidy::memtidy {

/// Enforces wasm.h's "own" contract: owned objects and vectors (rule-pack
/// resource "wasm-own") that reach an exit neither deleted, nor handed to a
/// function that takes them, nor returned or stored; deleting what a
/// "borrowed" API only lends (wasm_extern_as_func, wasm_importtype_name);
/// and deleting what a consumer already took (wasm_functype_new takes its
/// vectors).
///
/// For the user-facing documentation see:
/// docs/checks/wasm-capi-ownership.md
class WasmCapiOwnershipCheck : public RuleDrivenCheck {
public:
  WasmCapiOwnershipCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkLeaks(const FunctionDecl *Function, ASTContext &Ctx);
  void checkDeletes(const FunctionDecl *Function, ASTContext &Ctx);
  void checkStringReads(const CallExpr *Call, ASTContext &Ctx);

  const unsigned MaxPathStates;
  /// Variables wasm_trap_message filled: messages end in a NUL, whatever
  /// type the variable is declared with.
  llvm::SmallPtrSet<const VarDecl *, 4> Messages;
  /// Report leaks on paths that end the process (return from main).
  const bool ReportProcessExits;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_WASMCAPIOWNERSHIPCHECK_H
