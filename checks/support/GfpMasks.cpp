//===--- GfpMasks.cpp - GFP mask values -----------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GfpMasks.h"
#include "MacroChain.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace memtidy {

/// How many expansions of one flag are kept: the first that resolves wins,
/// and one nearly always does.
constexpr unsigned MaxExpansionsPerFlag = 8;

MaskValue MaskValue::meet(const MaskValue &O) const {
  MaskValue M;
  M.Known = Known & O.Known & ~(Bits ^ O.Bits);
  M.Bits = Bits & M.Known;
  if (Input == O.Input)
    M.Input = Input;
  M.Origin = Origin ? Origin : O.Origin;
  return M;
}

bool isGfpType(QualType T) {
  for (const auto *Typedef = T->getAs<TypedefType>(); Typedef;
       Typedef = Typedef->getDecl()->getUnderlyingType()->getAs<TypedefType>())
    if (Typedef->getDecl()->getName() == "gfp_t")
      return true;
  return false;
}

namespace {

class FlagExpansions : public PPCallbacks {
public:
  FlagExpansions(GfpFlagValues &Values, const GfpFlags &Names)
      : Values(Values) {
    for (const std::string *Name :
         {&Names.NoFail, &Names.DirectReclaim, &Names.Io, &Names.Fs})
      if (!Name->empty())
        Wanted.insert(*Name);
  }

  void MacroExpands(const Token &NameToken, const MacroDefinition &,
                    SourceRange, const MacroArgs *) override {
    const IdentifierInfo *Id = NameToken.getIdentifierInfo();
    if (Id && Wanted.contains(Id->getName()))
      Values.noteExpansion(Id->getName(), NameToken.getLocation());
  }

private:
  GfpFlagValues &Values;
  llvm::StringSet<> Wanted;
};

/// The outermost expression of a function body that is exactly one
/// expansion of a macro: its first and last tokens both come from it.
class ExpansionFinder : public RecursiveASTVisitor<ExpansionFinder> {
public:
  ExpansionFinder(SourceLocation Instance, const SourceManager &SM)
      : Instance(Instance), SM(SM) {}
  const Expr *Found = nullptr;

  bool VisitExpr(Expr *E) {
    if (E->getBeginLoc().isMacroID() &&
        isFromInstance(E->getBeginLoc(), Instance, SM) &&
        isFromInstance(E->getEndLoc(), Instance, SM))
      Found = E;
    return !Found;
  }

private:
  SourceLocation Instance;
  const SourceManager &SM;
};

} // namespace

GfpFlagValues::GfpFlagValues(const GfpFlags &Names, const SourceManager &SM)
    : Names(Names), SM(SM) {}

std::unique_ptr<PPCallbacks> GfpFlagValues::makeCallbacks() {
  return std::make_unique<FlagExpansions>(*this, Names);
}

void GfpFlagValues::noteExpansion(llvm::StringRef Flag,
                                  SourceLocation Instance) {
  auto &List = Expansions[Flag];
  if (List.size() < MaxExpansionsPerFlag)
    List.push_back(Instance);
}

std::optional<uint64_t> GfpFlagValues::value(llvm::StringRef Flag,
                                             ASTContext &Ctx) {
  if (Flag.empty())
    return std::nullopt;
  auto [Cached, Inserted] = Values.try_emplace(Flag);
  if (!Inserted)
    return Cached->second;
  if (SortedDecls.empty())
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (D->getBeginLoc().isValid() && !D->isImplicit())
        SortedDecls.push_back(D);
  std::optional<uint64_t> Result;
  for (SourceLocation Instance : Expansions.lookup(Flag)) {
    // The top-level declaration whose text holds the expansion; declarations
    // are in translation-unit order.
    SourceLocation At = SM.getExpansionLoc(Instance);
    auto It = llvm::partition_point(SortedDecls, [&](const Decl *D) {
      return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(D->getEndLoc()),
                                          At);
    });
    if (It == SortedDecls.end())
      continue;
    const Stmt *Body = nullptr;
    if (const auto *Function = dyn_cast<FunctionDecl>(*It))
      Body = Function->getBody();
    else if (const auto *Var = dyn_cast<VarDecl>(*It))
      Body = Var->getInit();
    if (!Body)
      continue;
    ExpansionFinder Finder(Instance, SM);
    Finder.TraverseStmt(const_cast<Stmt *>(Body));
    Expr::EvalResult Value;
    if (Finder.Found && !Finder.Found->isValueDependent() &&
        Finder.Found->EvaluateAsInt(Value, Ctx)) {
      Result = Value.Val.getInt().getZExtValue();
      break;
    }
  }
  Values[Flag] = Result;
  return Result;
}

MaskValue evaluateMask(
    const Expr *E, const ASTContext &Ctx, const MaskLeafResolver &Leaf,
    const std::function<std::optional<bool>(const ConditionalOperator *)>
        &Arm) {
  if (!E)
    return MaskValue::unknown();
  E = E->IgnoreParens();
  Expr::EvalResult Value;
  if (!E->isValueDependent() && E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(Value, Ctx))
    return MaskValue::constant(Value.Val.getInt().getZExtValue(), E);
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return evaluateMask(Cast->getSubExpr(), Ctx, Leaf, Arm);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_Not) {
    MaskValue Inner = evaluateMask(Unary->getSubExpr(), Ctx, Leaf, Arm);
    return {Inner.Known, ~Inner.Bits & Inner.Known, std::nullopt, Inner.Origin};
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = Binary->getOpcode();
    if (Op == BO_Comma)
      return evaluateMask(Binary->getRHS(), Ctx, Leaf, Arm);
    if (Op == BO_Or || Op == BO_And || Op == BO_OrAssign ||
        Op == BO_AndAssign) {
      MaskValue L = evaluateMask(Binary->getLHS(), Ctx, Leaf, Arm);
      MaskValue R = evaluateMask(Binary->getRHS(), Ctx, Leaf, Arm);
      bool IsOr = Op == BO_Or || Op == BO_OrAssign;
      uint64_t Ones = (L.Known & L.Bits) | (R.Known & R.Bits);
      uint64_t Zeros = (L.Known & ~L.Bits) | (R.Known & ~R.Bits);
      uint64_t BothOnes = L.Known & L.Bits & R.Known & R.Bits;
      uint64_t BothZeros = L.Known & ~L.Bits & R.Known & ~R.Bits;
      MaskValue M;
      M.Known = IsOr ? Ones | BothZeros : Zeros | BothOnes;
      M.Bits = (IsOr ? Ones : BothOnes) & M.Known;
      // The unknown bits are an input's when the other side is constant.
      if (L.Input && R.isConstant())
        M.Input = L.Input;
      else if (R.Input && L.isConstant())
        M.Input = R.Input;
      M.Origin = L.Origin ? L.Origin : R.Origin;
      return M;
    }
    return MaskValue::unknown();
  }
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(E)) {
    std::optional<bool> Taken = Arm ? Arm(Conditional) : std::nullopt;
    if (Taken)
      return evaluateMask(*Taken ? Conditional->getTrueExpr()
                                 : Conditional->getFalseExpr(),
                          Ctx, Leaf, Arm);
    return evaluateMask(Conditional->getTrueExpr(), Ctx, Leaf, Arm)
        .meet(evaluateMask(Conditional->getFalseExpr(), Ctx, Leaf, Arm));
  }
  if (Leaf)
    if (std::optional<MaskValue> Resolved = Leaf(E))
      return *Resolved;
  return MaskValue::unknown();
}

/// Every macro name the expansion chain of a subexpression of \p E passes
/// through, outermost last, subexpressions in pre-order.
static void
forEachSpelledMacro(const Expr *E, const ASTContext &Ctx,
                    const std::function<bool(llvm::StringRef)> &Visit) {
  struct Walker : RecursiveASTVisitor<Walker> {
    const ASTContext &Ctx;
    const std::function<bool(llvm::StringRef)> &Visit;
    bool Stopped = false;
    Walker(const ASTContext &Ctx,
           const std::function<bool(llvm::StringRef)> &Visit)
        : Ctx(Ctx), Visit(Visit) {}
    bool VisitExpr(Expr *Sub) {
      forEachMacroInstance(Sub->getBeginLoc(), Ctx.getSourceManager(),
                           Ctx.getLangOpts(),
                           [&](llvm::StringRef Name, SourceLocation) {
                             Stopped = Stopped || Visit(Name);
                             return !Stopped;
                           });
      return !Stopped;
    }
  } W(Ctx, Visit);
  W.TraverseStmt(const_cast<Expr *>(E));
}

llvm::StringRef spelledMask(const Expr *E, const GfpFlags &Names,
                            const ASTContext &Ctx) {
  llvm::StringRef Found;
  if (!E)
    return Found;
  forEachSpelledMacro(E, Ctx, [&](llvm::StringRef Name) {
    if (llvm::is_contained(Names.SleepingMasks, Name) ||
        llvm::is_contained(Names.AtomicMasks, Name))
      Found = Name; // Outer macros come later: keep the last.
    return false;
  });
  return Found;
}

Reclaim allowsReclaim(const MaskValue &Mask, const Expr *Spelled,
                      GfpFlagValues &Flags, ASTContext &Ctx) {
  if (std::optional<uint64_t> Bit = Flags.directReclaim(Ctx); Bit && *Bit) {
    if ((Mask.Known & *Bit) == *Bit)
      return (Mask.Bits & *Bit) ? Reclaim::Allowed : Reclaim::Forbidden;
    return Mask.Input ? Reclaim::OnInput : Reclaim::Unknown;
  }
  if (Mask.Input)
    return Reclaim::OnInput;
  if (!Mask.isConstant() || !Spelled)
    return Reclaim::Unknown;
  llvm::StringRef Name = spelledMask(Spelled, Flags.names(), Ctx);
  if (Name.empty())
    return Reclaim::Unknown;
  return llvm::is_contained(Flags.names().SleepingMasks, Name)
             ? Reclaim::Allowed
             : Reclaim::Forbidden;
}

bool looksLikeMask(const Expr *E, const GfpFlags &Names,
                   const ASTContext &Ctx) {
  if (!E)
    return false;
  if (isGfpType(E->IgnoreImpCasts()->getType()))
    return true;
  return !spelledMask(E, Names, Ctx).empty();
}

} // namespace memtidy
