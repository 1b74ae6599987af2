//===--- Conditions.h - What a branch condition proves ----------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads a branch condition the way kernel and libc code writes failure
// checks -- !p, p == NULL, unlikely(!p), IS_ERR(p), fd < 0, ret != 0,
// WARN_ON(!p) -- and says which tests on which expressions hold on each side.
// Checks map the tested expressions to their own tracked values.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_CONDITIONS_H
#define MEMTIDY_SUPPORT_CONDITIONS_H

#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace memtidy {

enum class TestKind {
  IsZero,         ///< The value is 0 / NULL.
  IsNegative,     ///< The value is negative.
  IsErrPtr,       ///< IS_ERR(value).
  IsErrPtrOrNull, ///< IS_ERR_OR_NULL(value).
  IsEqualTo,      ///< The value equals BranchFact::Value.
  Relation,       ///< Subject Op Other (both non-constant expressions).
};

/// "Test(Subject) is Holds" on one side of a branch.
struct BranchFact {
  const clang::Expr *Subject; ///< Stripped of parentheses and casts.
  TestKind Test;
  bool Holds;
  /// The test as written: "!p" for a test of p, the whole comparison, the
  /// predicate call.
  const clang::Expr *TestExpr;
  const ApiEntry *Predicate = nullptr; ///< The predicate called, if any.
  int64_t Value = 0;                   ///< For IsEqualTo.
  const clang::Expr *Other = nullptr;  ///< For Relation.
  clang::BinaryOperatorKind Op = clang::BO_EQ; ///< For Relation.
};

/// Appends the facts that hold where \p Cond evaluated to \p Branch.
/// Predicates such as IS_ERR come from \p Rules.
void collectBranchFacts(const clang::Expr *Cond, bool Branch,
                        const RuleSet &Rules, const clang::ASTContext &Ctx,
                        llvm::SmallVectorImpl<BranchFact> &Out);

/// The facts an expression's truth value carries on either side, for
/// conditions stored in variables (int ret = PTR_ERR_OR_ZERO(p); if (ret)).
struct ConditionFacts {
  llvm::SmallVector<BranchFact, 2> WhenTrue;
  llvm::SmallVector<BranchFact, 2> WhenFalse;
  bool empty() const { return WhenTrue.empty() && WhenFalse.empty(); }
};
ConditionFacts collectConditionFacts(const clang::Expr *Cond,
                                     const RuleSet &Rules,
                                     const clang::ASTContext &Ctx);

/// The integer value of a constant expression; null pointer constants are 0.
std::optional<int64_t> integerConstant(const clang::Expr *E,
                                       const clang::ASTContext &Ctx);

/// Whether control may reach \p Label of \p Switch when its condition is
/// \p Value: a case whose bounds are unknown may match; the default label
/// only if no case matches.
bool switchLabelAdmits(const clang::SwitchStmt &Switch,
                       const clang::SwitchCase *Label, int64_t Value,
                       const clang::ASTContext &Ctx);

/// The rule-pack predicate a call invokes, if any.
const ApiEntry *predicateCalled(const clang::Expr *E, const RuleSet &Rules);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_CONDITIONS_H
