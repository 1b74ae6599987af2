//===--- AccessPath.cpp - Named storage locations -------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AccessPath.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace memtidy {

bool AccessPath::isReachedThrough(const AccessPath &Other) const {
  if (Base != Other.Base || Steps.size() < Other.Steps.size())
    return false;
  return std::equal(Other.Steps.begin(), Other.Steps.end(), Steps.begin());
}

bool AccessPath::operator<(const AccessPath &O) const {
  if (Base != O.Base)
    return std::less<const ValueDecl *>()(Base, O.Base);
  return std::lexicographical_compare(Steps.begin(), Steps.end(),
                                      O.Steps.begin(), O.Steps.end());
}

std::string AccessPath::spelling() const {
  std::string Text = Base->getName().str();
  unsigned PendingDerefs = 0;
  for (const Step &S : Steps) {
    if (!S.Field && S.Index != 0) {
      // p[k]: earlier plain dereferences bind tighter than the subscript.
      if (PendingDerefs > 0)
        Text = "(" + std::string(PendingDerefs, '*') + Text + ")";
      PendingDerefs = 0;
      Text += "[" + std::to_string(S.Index) + "]";
      continue;
    }
    if (!S.Field) {
      ++PendingDerefs;
      continue;
    }
    if (PendingDerefs > 0) {
      // A dereference followed by a field is spelled with '->'.
      Text = std::string(PendingDerefs - 1, '*') +
             (PendingDerefs > 1 ? "(" + Text + ")" : Text) + "->";
      PendingDerefs = 0;
    } else {
      Text += ".";
    }
    Text += S.Field->getName().str();
  }
  return std::string(PendingDerefs, '*') + Text;
}

const Expr *stripValuePreserving(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_NoOp:
      case CK_BitCast:
      case CK_LValueToRValue:
      case CK_LValueBitCast:
      case CK_IntegralCast:
      case CK_PointerToIntegral:
      case CK_IntegralToPointer:
      case CK_ArrayToPointerDecay:
      case CK_FunctionToPointerDecay:
      case CK_NullToPointer:
      case CK_AddressSpaceConversion:
      case CK_UncheckedDerivedToBase:
      case CK_DerivedToBase:
      case CK_BaseToDerived:
        E = Cast->getSubExpr();
        continue;
      default:
        return E;
      }
    }
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Opaque = dyn_cast<OpaqueValueExpr>(E)) {
      if (!Opaque->getSourceExpr())
        return E;
      E = Opaque->getSourceExpr();
      continue;
    }
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
      continue;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      // (a, b) yields b; (p = q) yields p once the assignment is done.
      if (Binary->getOpcode() == BO_Comma) {
        E = Binary->getRHS();
        continue;
      }
      if (Binary->getOpcode() == BO_Assign) {
        E = Binary->getLHS();
        continue;
      }
    }
    if (const auto *StmtE = dyn_cast<StmtExpr>(E)) {
      // ({ ...; value; }) yields its last expression.
      const CompoundStmt *Body = StmtE->getSubStmt();
      if (Body->body_empty())
        return E;
      const auto *Last = dyn_cast<Expr>(Body->body_back());
      if (!Last)
        return E;
      E = Last;
      continue;
    }
    return E;
  }
  return E;
}

const Expr *pointerBaseOf(const Expr *E) {
  E = stripValuePreserving(E);
  const auto *BO = dyn_cast_or_null<BinaryOperator>(E);
  if (!BO || !BO->isAdditiveOp())
    return E;
  if (BO->getLHS()->getType()->isPointerType())
    return pointerBaseOf(BO->getLHS());
  if (BO->getRHS()->getType()->isPointerType())
    return pointerBaseOf(BO->getRHS());
  return E;
}

/// What accessPathOf reads, optionally through constant subscripts.
static std::optional<AccessPath> pathOf(const Expr *E,
                                        const ASTContext *Indices) {
  E = stripValuePreserving(E);
  if (!E)
    return std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return std::nullopt;
    return AccessPath(Var);
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    std::optional<AccessPath> Base = pathOf(Member->getBase(), Indices);
    if (!Base)
      return std::nullopt;
    if (Member->isArrow())
      Base->addDeref();
    Base->addField(Field);
    return Base;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->getOpcode() != UO_Deref)
      return std::nullopt;
    std::optional<AccessPath> Base = pathOf(Unary->getSubExpr(), Indices);
    if (!Base)
      return std::nullopt;
    Base->addDeref();
    return Base;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E);
      Subscript && Indices) {
    Expr::EvalResult Index;
    if (Subscript->getIdx()->isValueDependent() ||
        !Subscript->getIdx()->EvaluateAsInt(Index, *Indices))
      return std::nullopt;
    // A subscript of an array (s.a[k]) selects within the array's storage,
    // which the array's own path names.
    std::optional<AccessPath> Base = pathOf(Subscript->getBase(), Indices);
    if (!Base)
      return std::nullopt;
    Base->addIndex(Index.Val.getInt().getExtValue());
    return Base;
  }
  return std::nullopt;
}

std::optional<AccessPath> accessPathOf(const Expr *E) {
  return pathOf(E, nullptr);
}

std::optional<AccessPath> accessPathWithIndicesOf(const Expr *E,
                                                  const ASTContext &Ctx) {
  return pathOf(E, &Ctx);
}

} // namespace memtidy
