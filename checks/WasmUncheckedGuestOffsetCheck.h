//===--- WasmUncheckedGuestOffsetCheck.h - memtidy --------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_WASMUNCHECKEDGUESTOFFSETCHECK_H
#define MEMTIDY_CHECKS_WASMUNCHECKEDGUESTOFFSETCHECK_H

#include "RuleDrivenCheck.h"
#include "support/GuestEntryPoints.h"
#include "support/GuestRanges.h"
#include "support/RulePack.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <map>
#include <memory>

namespace clang::tidy::memtidy {

/// What a function of this translation unit does with linear memory it is
/// handed: accesses through its parameters that it does not validate
/// itself, and validations a caller can rely on. Forms are over the names
/// "$p<k>", the value of parameter k.
struct GuestSummary {
  struct Access {
    unsigned Param;
    bool ThroughPointer; ///< Else the parameter is a guest offset.
    ::memtidy::LinearForm Start;
    ::memtidy::Extent Size;
    const Expr *At;
    /// What the function knew of its parameters there (the access is in a
    /// loop that runs only when "$p2" is at least 1).
    std::map<unsigned, int64_t> AtLeast;
  };
  struct Validation {
    unsigned Param;
    bool Pointer;
    ::memtidy::LinearForm Start;
    ::memtidy::Extent Size;
    /// When it holds: whenever the function returns, only when it returns
    /// non-zero (a boolean validator), or only when it returns zero (a
    /// helper that returns 0 or an error code).
    enum When { Always, IfNonZero, IfZero } Holds;
    const Expr *At;
  };
  /// A pointer into linear memory it returns on every path, at an offset
  /// over its parameters (memory_base(inst), to_native(inst, off)).
  struct ReturnedPointer {
    ::memtidy::LinearForm Offset;
    bool MaybeNull; ///< An unchecked conversion that may fail.
  };
  /// What it stores through a pointer parameter on every path, as a form
  /// over its parameters and the memory size (*size = data_size(...)).
  struct Store {
    unsigned Param;
    ::memtidy::LinearForm Value;
  };
  std::vector<Access> Accesses;
  std::vector<Validation> Validations;
  std::optional<ReturnedPointer> Returns;
  std::vector<Store> Stores;
};

/// Finds host code that lets the guest choose where in linear memory it
/// reads or writes: guest offsets and lengths (WAMR native parameters, the
/// arguments of wasm.h and Wasmtime host functions, values read from guest
/// memory, results of calls into the guest) that reach a pointer into
/// linear memory without a validation that covers the access.
///
/// For the user-facing documentation see:
/// docs/checks/wasm-unchecked-guest-offset.md
class WasmUncheckedGuestOffsetCheck : public RuleDrivenCheck {
public:
  WasmUncheckedGuestOffsetCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// The summary of a function with a body in this translation unit,
  /// computed on first use; null while it is being computed or too deep.
  const GuestSummary *summaryOf(const FunctionDecl *Function, unsigned Depth);

  const ::memtidy::GuestEntryPoints &entryPoints() const { return Entries; }

  /// True for the type of what validators take besides the address (WAMR's
  /// module instance, a wasm.h memory): a function given one can validate.
  bool isValidatorHandle(QualType T);

private:
  const unsigned MaxPathStates;
  ::memtidy::GuestEntryPoints Entries;
  ASTContext *Ctx = nullptr;
  std::vector<const FunctionDecl *> Functions;
  std::map<const FunctionDecl *, std::unique_ptr<GuestSummary>> Summaries;
  bool HandlesKnown = false;
  llvm::SmallPtrSet<const Type *, 4> Handles;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_WASMUNCHECKEDGUESTOFFSETCHECK_H
