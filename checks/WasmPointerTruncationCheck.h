//===--- WasmPointerTruncationCheck.h - memtidy -----------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_WASMPOINTERTRUNCATIONCHECK_H
#define MEMTIDY_CHECKS_WASMPOINTERTRUNCATIONCHECK_H

#include "RuleDrivenCheck.h"
#include "llvm/ADT/DenseMap.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::memtidy {

/// Finds pointers and sizes squeezed into 32-bit integers in WebAssembly
/// guest code: results of EM_ASM_INT (an int32-result API) used as pointers
/// or sizes, and pointers or size_t values narrowed to 32 bits where linear
/// memory can exceed what the narrow type holds (wasm64, or wasm32 with more
/// than 2 GiB of memory).
///
/// For the user-facing documentation see:
/// docs/checks/wasm-pointer-truncation.md
class WasmPointerTruncationCheck : public RuleDrivenCheck {
public:
  WasmPointerTruncationCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  enum class Model { Unknown, Wasm32, Wasm64 };

  const std::string Memory64;
  const unsigned MaximumMemoryMiB;
  Preprocessor *PP = nullptr;
  /// The memory model of the translation unit, once known.
  std::optional<Model> TUModel;
  /// Local integers that hold an int32-result call's value.
  llvm::DenseMap<const VarDecl *, const CallExpr *> Int32Vars;

  Model model(const ASTContext &Ctx);
  /// The highest number of bytes linear memory may have.
  uint64_t memoryLimit(const ASTContext &Ctx);
  void checkInt32Use(const Expr *Value, const CallExpr *Call,
                     const VarDecl *Via, const ASTContext &Ctx);
  void checkNarrowing(const CastExpr *Cast, const ASTContext &Ctx);
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_WASMPOINTERTRUNCATIONCHECK_H
