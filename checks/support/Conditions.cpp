//===--- Conditions.cpp - What a branch condition proves ------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Conditions.h"
#include "AccessPath.h"
#include "ApiCalls.h"

#include "clang/Basic/Builtins.h"

using namespace clang;

namespace memtidy {

const ApiEntry *predicateCalled(const Expr *E, const RuleSet &Rules) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call)
    return nullptr;
  const ApiEntry *Entry = lookupCallee(Call, Rules);
  if (!Entry || Entry->Kind != ApiKind::Predicate ||
      Entry->PredicateArg >= Call->getNumArgs())
    return nullptr;
  return Entry;
}

std::optional<int64_t> integerConstant(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull) !=
      Expr::NPCK_NotNull)
    return 0;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  const llvm::APSInt &Value = Result.Val.getInt();
  if (Value.getSignificantBits() > 64)
    return std::nullopt;
  return Value.getExtValue();
}

bool switchLabelAdmits(const SwitchStmt &Switch, const SwitchCase *Label,
                       int64_t Value, const ASTContext &Ctx) {
  auto Matches = [&](const CaseStmt *Case) {
    auto Low = integerConstant(Case->getLHS(), Ctx);
    if (!Low)
      return true;
    if (!Case->getRHS())
      return *Low == Value;
    auto High = integerConstant(Case->getRHS(), Ctx);
    return !High || (*Low <= Value && Value <= *High);
  };
  if (const auto *Case = dyn_cast_or_null<CaseStmt>(Label))
    return Matches(Case);
  for (const SwitchCase *Other = Switch.getSwitchCaseList(); Other;
       Other = Other->getNextSwitchCase())
    if (const auto *Case = dyn_cast<CaseStmt>(Other); Case && Matches(Case))
      return false;
  return true;
}

namespace {

const Expr *stripTruthPreserving(const Expr *E) {
  while (true) {
    E = stripValuePreserving(E);
    const auto *Cast = dyn_cast<CastExpr>(E);
    if (Cast && (Cast->getCastKind() == CK_PointerToBoolean ||
                 Cast->getCastKind() == CK_IntegralToBoolean ||
                 Cast->getCastKind() == CK_MemberPointerToBoolean)) {
      E = Cast->getSubExpr();
      continue;
    }
    return E;
  }
}

class FactCollector {
public:
  FactCollector(const RuleSet &Rules, const ASTContext &Ctx,
                SmallVectorImpl<BranchFact> &Out)
      : Rules(Rules), Ctx(Ctx), Out(Out) {}

  /// \p Written is the outermost expression of a chain of negations, what
  /// the programmer wrote for this test.
  void visit(const Expr *E, bool Branch, unsigned Depth = 0,
             const Expr *Written = nullptr) {
    if (!E || Depth > 16)
      return;
    E = stripTruthPreserving(E);
    if (!Written)
      Written = E;

    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_LNot)
      return visit(Unary->getSubExpr(), !Branch, Depth + 1, Written);
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      unsigned Builtin = Call->getBuiltinCallee();
      if ((Builtin == Builtin::BI__builtin_expect ||
           Builtin == Builtin::BI__builtin_expect_with_probability) &&
          Call->getNumArgs() >= 1)
        return visit(Call->getArg(0), Branch, Depth + 1);
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      switch (Binary->getOpcode()) {
      case BO_LAnd:
        // Both operands were true; nothing is known of which one was false.
        if (Branch) {
          visit(Binary->getLHS(), true, Depth + 1);
          visit(Binary->getRHS(), true, Depth + 1);
        }
        return;
      case BO_LOr:
        if (!Branch) {
          visit(Binary->getLHS(), false, Depth + 1);
          visit(Binary->getRHS(), false, Depth + 1);
        }
        return;
      case BO_EQ:
      case BO_NE:
      case BO_LT:
      case BO_LE:
      case BO_GT:
      case BO_GE:
        return comparison(Binary, Branch, Depth);
      default:
        break;
      }
    }
    // A plain truth value is nonzero exactly on the true branch.
    emit(E, TestKind::IsZero, !Branch, Written, Depth);
  }

private:
  const RuleSet &Rules;
  const ASTContext &Ctx;
  SmallVectorImpl<BranchFact> &Out;

  /// Records Test(Subject) == Holds, looking through predicate calls and
  /// negations: "IS_ERR(p) is zero" means "p is not an ERR_PTR".
  void emit(const Expr *Subject, TestKind Test, bool Holds,
            const Expr *TestExpr, unsigned Depth) {
    Subject = stripTruthPreserving(Subject);
    if (const ApiEntry *Pred = predicateCalled(Subject, Rules)) {
      const auto *Call = cast<CallExpr>(Subject);
      TestKind PredTest = Pred->Tests == PredicateTest::ErrPtrOrNull
                              ? TestKind::IsErrPtrOrNull
                              : TestKind::IsErrPtr;
      const Expr *Arg = stripTruthPreserving(Call->getArg(Pred->PredicateArg));
      // A predicate is nonzero (and PTR_ERR_OR_ZERO negative) exactly when
      // it detects a failure.
      if (Test == TestKind::IsZero)
        Out.push_back({Arg, PredTest, !Holds, TestExpr, Pred});
      else if (Test == TestKind::IsNegative)
        Out.push_back({Arg, PredTest, Holds, TestExpr, Pred});
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Subject);
        Unary && Unary->getOpcode() == UO_LNot) {
      // (!x) == 0 is x != 0; nothing else about !x says more.
      if (Test == TestKind::IsZero)
        visit(Unary->getSubExpr(), Holds, Depth + 1);
      return;
    }
    Out.push_back({Subject, Test, Holds, TestExpr, nullptr});
  }

  // Comparisons against a constant: normalise to "X op C" and translate the
  // relation into zero and negative tests of X.
  void comparison(const BinaryOperator *Binary, bool Branch, unsigned Depth) {
    BinaryOperatorKind Op = Binary->getOpcode();
    const Expr *Subject = Binary->getLHS();
    std::optional<int64_t> C = integerConstant(Binary->getRHS(), Ctx);
    if (!C) {
      C = integerConstant(Binary->getLHS(), Ctx);
      if (!C) {
        // i < size: decidable when both sides hold known constants.
        BranchFact F{stripTruthPreserving(Subject), TestKind::Relation, true,
                     Binary, nullptr};
        F.Other = stripTruthPreserving(Binary->getRHS());
        F.Op = Branch ? Op : BinaryOperator::negateComparisonOp(Op);
        Out.push_back(F);
        return;
      }
      Subject = Binary->getRHS();
      Op = BinaryOperator::reverseComparisonOp(Op);
    }
    if (!Branch) {
      Op = BinaryOperator::negateComparisonOp(Op);
    }
    // From here on: "Subject Op C" holds.
    auto Emit = [&](TestKind Test, bool Holds) {
      emit(Subject, Test, Holds, Binary, Depth);
    };
    auto EmitEquals = [&](bool Holds) {
      Out.push_back({stripTruthPreserving(Subject), TestKind::IsEqualTo, Holds,
                     Binary, nullptr, *C});
    };
    switch (Op) {
    case BO_EQ:
      if (*C == 0) {
        Emit(TestKind::IsZero, true);
      } else {
        Emit(TestKind::IsZero, false);
        Emit(TestKind::IsNegative, *C < 0);
        EmitEquals(true);
      }
      break;
    case BO_NE:
      // x != -1 is how descriptor checks are written: the only failure value
      // is -1.
      if (*C == 0)
        Emit(TestKind::IsZero, false);
      else if (*C == -1)
        Emit(TestKind::IsNegative, false);
      if (*C != 0)
        EmitEquals(false);
      break;
    case BO_LT: // x < C
      if (*C <= 0)
        Emit(TestKind::IsNegative, true);
      break;
    case BO_LE: // x <= C
      if (*C < 0)
        Emit(TestKind::IsNegative, true);
      break;
    case BO_GT: // x > C
      if (*C >= -1)
        Emit(TestKind::IsNegative, false);
      if (*C >= 0)
        Emit(TestKind::IsZero, false);
      break;
    case BO_GE: // x >= C
      if (*C >= 0)
        Emit(TestKind::IsNegative, false);
      if (*C >= 1)
        Emit(TestKind::IsZero, false);
      break;
    default:
      break;
    }
  }
};

} // namespace

void collectBranchFacts(const Expr *Cond, bool Branch, const RuleSet &Rules,
                        const ASTContext &Ctx,
                        SmallVectorImpl<BranchFact> &Out) {
  FactCollector(Rules, Ctx, Out).visit(Cond, Branch);
}

ConditionFacts collectConditionFacts(const Expr *Cond, const RuleSet &Rules,
                                     const ASTContext &Ctx) {
  ConditionFacts Facts;
  collectBranchFacts(Cond, true, Rules, Ctx, Facts.WhenTrue);
  collectBranchFacts(Cond, false, Rules, Ctx, Facts.WhenFalse);
  return Facts;
}

} // namespace memtidy
