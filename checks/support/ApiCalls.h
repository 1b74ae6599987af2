//===--- ApiCalls.h - Classify calls with rule packs ------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The bridge between rule-pack entries and the AST: which entry a call or
// new-expression invokes, whether its GFP mask makes it infallible, which
// arguments it requires to be valid, and the name the programmer wrote for it
// (the macro, when the call comes from one, as kthread_run does).
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_APICALLS_H
#define MEMTIDY_SUPPORT_APICALLS_H

#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace memtidy {

/// The name a call is looked up under: the callee's identifier, without a
/// "__builtin_" prefix, or its qualified name for entries that contain "::".
/// Member functions and calls through pointers have no entry.
const ApiEntry *lookupCallee(const clang::CallExpr *Call, const RuleSet &Rules,
                             EntryGroup Group = EntryGroup::Resource);

/// The macro entry of \p Group that the statement at \p Loc was expanded
/// from (the outermost one when several macros of the chain have entries),
/// and the invocation it comes from.
struct MacroMatch {
  const ApiEntry *Entry = nullptr;
  clang::SourceLocation Instance;
};
MacroMatch lookupMacro(clang::SourceLocation Loc, const RuleSet &Rules,
                       EntryGroup Group, const clang::SourceManager &SM,
                       const clang::LangOptions &LO);

/// The entry of a new-expression ("new", "new[]", "new(std::nothrow)",
/// "new[](std::nothrow)"); null for placement forms that allocate nothing.
const ApiEntry *lookupNew(const clang::CXXNewExpr *New, const RuleSet &Rules);

/// The call's GFP mask argument: the entry's "gfp" index when that parameter
/// has type gfp_t (or the callee is unknown), else the first gfp_t
/// parameter, since kernel versions move it (6.12's CONFIG_SLAB_BUCKETS).
const clang::Expr *gfpArgument(const clang::CallExpr *Call,
                               const ApiEntry &Entry);

/// True if the call cannot fail although its entry can, because its GFP
/// argument spells the pack's no-fail flag (e.g. GFP_KERNEL | __GFP_NOFAIL).
bool hasNoFailFlag(const clang::CallExpr *Call, const ApiEntry &Entry,
                   const RuleSet &Rules, const clang::ASTContext &Ctx);

/// True if \p E, or a macro it was expanded from, spells macro \p Name.
bool spellsMacro(const clang::Expr *E, llvm::StringRef Name,
                 const clang::ASTContext &Ctx);

/// Argument indices the callee requires to be valid (non-null pointers,
/// open descriptors): rule-pack "dereferences" entries, deallocators marked
/// "requires-valid", and nonnull attributes.
llvm::SmallVector<unsigned, 4>
argumentsRequiringValidity(const clang::CallExpr *Call, const RuleSet &Rules);

/// The API name as the programmer wrote it: the outermost macro when the
/// call comes from a macro body (kthread_run, 6.12's kmalloc), else the
/// function's name.
std::string spelledApiName(const clang::Expr *CallOrNew,
                           const clang::ASTContext &Ctx);

/// Printf conversions that read a string: the indices of their arguments
/// among the variadic arguments, for %s without a precision.
std::vector<unsigned> stringConversions(llvm::StringRef Format);

/// The file location to report \p Loc at: the macro argument's spelling or
/// the outermost expansion, so diagnostics never point into macro bodies.
clang::SourceLocation reportLocation(clang::SourceLocation Loc,
                                     const clang::SourceManager &SM);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_APICALLS_H
