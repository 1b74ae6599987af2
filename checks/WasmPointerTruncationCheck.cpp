//===--- WasmPointerTruncationCheck.cpp - memtidy -------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Two syntactic rules over the guest's code. The results of int32-result
// calls (EM_ASM_INT expands to emscripten_asm_const_int) are followed up
// through parentheses and integer conversions, and through one local int
// they initialize, to the conversion that gives them meaning: to a pointer
// or uintptr_t (a pointer use), or to size_t (a size use). Conversions of
// pointers, uintptr_t and size_t values to 32-bit integers are weighed
// against the largest address the target's linear memory may have.
//
//===----------------------------------------------------------------------===//

#include "WasmPointerTruncationCheck.h"
#include "support/ApiCalls.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

constexpr uint64_t TwoGiB = uint64_t(1) << 31;
constexpr uint64_t FourGiB = uint64_t(1) << 32;

enum class Width { None, Pointer, Size };

/// Whether \p Type is spelled with a pointer-width typedef, through any
/// chain of typedefs (std::vector<T>::size_type is size_t): uintptr_t and
/// intptr_t hold pointers, size_t and ssize_t sizes.
std::pair<Width, StringRef> pointerWidthTypedef(QualType Type) {
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const auto *Typedef = Type->getAs<TypedefType>();
    if (!Typedef)
      break;
    StringRef Name = Typedef->getDecl()->getName();
    if (Name == "uintptr_t" || Name == "intptr_t")
      return {Width::Pointer, Name};
    if (Name == "size_t" || Name == "ssize_t")
      return {Width::Size, Name};
    Type = Typedef->getDecl()->getUnderlyingType();
  }
  return {Width::None, ""};
}

/// The type of \p E as the program spells it. Calls of library builtins
/// (strlen) have the builtin's canonical type; their declaration has the
/// typedefs.
QualType spelledType(const Expr *E) {
  if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParens()))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->getDeclaredReturnType();
  return E->getType();
}

/// The type \p Conversion converts to as the program spells it: for an
/// argument, its parameter's declared type (memset's size_t).
QualType spelledTarget(const CastExpr *Conversion, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*Conversion);
  const auto *Call = Parents.size() == 1 ? Parents[0].get<CallExpr>() : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !isa<ImplicitCastExpr>(Conversion))
    return Conversion->getType();
  for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
       ++I)
    if (Call->getArg(I) == Conversion)
      if (const TypeSourceInfo *Info =
              Callee->getParamDecl(I)->getTypeSourceInfo())
        return Info->getType();
  return Conversion->getType();
}

/// A conversion in arithmetic or a comparison, not one into a variable,
/// parameter or return value.
bool isOperandConversion(const Expr *Conversion, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*Conversion);
  for (unsigned Depth = 0; Depth < 4 && Parents.size() == 1; ++Depth) {
    if (const auto *Paren = Parents[0].get<ParenExpr>()) {
      Parents = Ctx.getParents(*Paren);
      continue;
    }
    if (const auto *Binary = Parents[0].get<BinaryOperator>())
      return !Binary->isAssignmentOp();
    return Parents[0].get<ConditionalOperator>() != nullptr;
  }
  return false;
}

/// Pointers that are no addresses: function pointers (table indices), and
/// the lone void * parameter of a callback, which carries an integer
/// (pthread_create(&t, 0, run, (void *)i); long n = (long)arg;).
bool isSmuggledInteger(const Expr *Pointer) {
  Pointer = Pointer->IgnoreParenImpCasts();
  if (Pointer->getType()->isFunctionPointerType())
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(Pointer);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param || !Param->getType()->isVoidPointerType() ||
      Param->getType()->getPointeeType().isConstQualified())
    return false;
  const auto *Function = dyn_cast<FunctionDecl>(Param->getDeclContext());
  return Function && Function->getNumParams() == 1;
}

/// Masks, remainders and shifts by constants pick bits on purpose.
bool picksBits(const Expr *E, const ASTContext &Ctx) {
  const auto *Binary = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  if (!Binary)
    return false;
  BinaryOperatorKind Op = Binary->getOpcode();
  if (Op != BO_And && Op != BO_Rem && Op != BO_Shr)
    return false;
  return Binary->getRHS()->isIntegerConstantExpr(Ctx) ||
         (Op == BO_And && Binary->getLHS()->isIntegerConstantExpr(Ctx));
}

} // namespace

WasmPointerTruncationCheck::WasmPointerTruncationCheck(
    StringRef Name, ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context), Memory64(Options.get("Memory64", "auto")),
      MaximumMemoryMiB(Options.get("MaximumMemoryMiB", 0u)) {
  if (Memory64 != "auto" && Memory64 != "true" && Memory64 != "false")
    configurationDiag("invalid Memory64 value '%0' for %1; expected 'auto', "
                      "'true' or 'false'",
                      DiagnosticIDs::Error)
        << Memory64 << Name;
}

void WasmPointerTruncationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "Memory64", Memory64);
  Options.store(Opts, "MaximumMemoryMiB", MaximumMemoryMiB);
}

void WasmPointerTruncationCheck::registerPPCallbacks(const SourceManager &,
                                                     Preprocessor *PP,
                                                     Preprocessor *) {
  this->PP = PP;
}

void WasmPointerTruncationCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(callExpr().bind("call"), this);
  Finder->addMatcher(castExpr().bind("cast"), this);
  Finder->addMatcher(declRefExpr().bind("ref"), this);
}

WasmPointerTruncationCheck::Model
WasmPointerTruncationCheck::model(const ASTContext &Ctx) {
  if (TUModel)
    return *TUModel;
  const llvm::Triple &Triple = Ctx.getTargetInfo().getTriple();
  if (Memory64 == "true")
    TUModel = Model::Wasm64;
  else if (Memory64 == "false")
    TUModel = Model::Wasm32;
  else if (Triple.getArch() == llvm::Triple::wasm64 ||
           (PP && PP->isMacroDefined("__wasm64__")))
    TUModel = Model::Wasm64;
  else if (Triple.getArch() == llvm::Triple::wasm32)
    TUModel = Model::Wasm32;
  else
    TUModel = Model::Unknown;
  return *TUModel;
}

uint64_t WasmPointerTruncationCheck::memoryLimit(const ASTContext &Ctx) {
  Model M = model(Ctx);
  if (M == Model::Unknown)
    return 0;
  if (MaximumMemoryMiB)
    return uint64_t(MaximumMemoryMiB) << 20;
  // Emscripten's default MAXIMUM_MEMORY on wasm32; wasm64 has no bound
  // that a 32-bit integer could hold.
  return M == Model::Wasm32 ? TwoGiB : UINT64_MAX;
}

void WasmPointerTruncationCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, *Rules);
    if (Entry && Entry->Kind == mt::ApiKind::Int32Result)
      checkInt32Use(Call, Call, nullptr, Ctx);
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (const CallExpr *Call = Var ? Int32Vars.lookup(Var) : nullptr)
      checkInt32Use(Ref, Call, Var, Ctx);
    return;
  }
  if (const auto *Cast = Result.Nodes.getNodeAs<CastExpr>("cast"))
    checkNarrowing(Cast, Ctx);
}

void WasmPointerTruncationCheck::checkInt32Use(const Expr *Value,
                                               const CallExpr *Call,
                                               const VarDecl *Via,
                                               const ASTContext &ConstCtx) {
  auto &Ctx = const_cast<ASTContext &>(ConstCtx);
  const SourceManager &SM = Ctx.getSourceManager();
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, *Rules);
  // Swapping the macro is right only while nothing between the call and the
  // pointer conversion converts implicitly: EM_ASM_PTR yields a void *.
  bool Fixable = !Via;
  const Expr *E = Value;
  const CastExpr *Use = nullptr;
  Width Kind = Width::None;
  StringRef Target;
  for (unsigned Depth = 0; Depth < 8 && !Use; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(*E);
    if (Parents.size() != 1)
      return;
    if (const auto *Var = Parents[0].get<VarDecl>()) {
      // int p = EM_ASM_INT(...): its uses decide.
      if (!Via && Var->hasLocalStorage() && Var->getInit() == E &&
          Var->getType()->isIntegerType())
        Int32Vars.try_emplace(Var, Call);
      return;
    }
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent)
      return;
    if (isa<ParenExpr>(Parent)) {
      E = Parent;
      continue;
    }
    const auto *Cast = dyn_cast<CastExpr>(Parent);
    if (!Cast)
      return;
    if (Cast->getCastKind() == CK_IntegralToPointer) {
      // Function pointers are table indices, which fit 32 bits.
      if (Cast->getType()->isFunctionPointerType())
        return;
      Use = Cast;
      Kind = Width::Pointer;
      Target = "pointer";
      break;
    }
    auto [Typedef, Name] = pointerWidthTypedef(spelledTarget(Cast, Ctx));
    if (Typedef != Width::None && Cast->getCastKind() == CK_IntegralCast) {
      if (isa<ImplicitCastExpr>(Cast) && isOperandConversion(Cast, Ctx))
        return;
      Use = Cast;
      Kind = Typedef;
      Target = Name;
      // size_t n = EM_ASM_PTR(...) would not compile; (size_t)EM_ASM_PTR()
      // does.
      Fixable = Fixable && isa<ExplicitCastExpr>(Cast);
      break;
    }
    if (Cast->getCastKind() != CK_IntegralCast &&
        Cast->getCastKind() != CK_NoOp &&
        Cast->getCastKind() != CK_LValueToRValue)
      return;
    if (isa<ImplicitCastExpr>(Cast))
      Fixable = false;
    E = Cast;
  }
  if (!Use)
    return;

  Model M = model(Ctx);
  bool InsteadDefined =
      PP && !Entry->Instead.empty() && PP->isMacroDefined(Entry->Instead);
  uint64_t Limit = memoryLimit(Ctx);
  if (Kind == Width::Pointer &&
      !(M == Model::Wasm64 || (Memory64 == "auto" && InsteadDefined)))
    return;
  if (Kind == Width::Size && Limit <= TwoGiB)
    return;

  std::string Api = mt::spelledApiName(Call, Ctx);
  std::string Instead = Entry->Instead.empty() ? "a pointer-sized result"
                                               : "'" + Entry->Instead + "'";
  SourceLocation At =
      mt::reportLocation(Via ? Use->getBeginLoc() : Call->getBeginLoc(), SM);
  // Replace the macro name when the programmer spelled an int flavour of
  // the same macro family (EM_ASM_INT, EM_ASM_, MAIN_THREAD_EM_ASM_INT) and
  // the pointer flavour exists in this Emscripten.
  SourceLocation Spelled = SM.getExpansionLoc(Call->getBeginLoc());
  StringRef Stem = Entry->Instead;
  bool Fix = Fixable && InsteadDefined && Call->getBeginLoc().isMacroID() &&
             Stem.consume_back("_PTR") && StringRef(Api).starts_with(Stem) &&
             Api != Entry->Instead;
  {
    DiagnosticBuilder Diag = diag(
        At, Kind == Width::Pointer
                ? "result of '%0' used as %select{a pointer|'%2'}1: it is a "
                  "32-bit int, which cannot hold a wasm64 address; use %3 "
                  "instead"
                : "result of '%0' used as '%2': it is a 32-bit int, which "
                  "cannot hold every size %select{on wasm64|of a linear "
                  "memory of up to %4 MiB}1; use %3 instead");
    Diag << Api
         << (Kind == Width::Pointer ? Target != "pointer"
                                    : MaximumMemoryMiB != 0)
         << Target << Instead << MaximumMemoryMiB << Use->getSourceRange();
    if (Fix)
      Diag << FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Spelled, Spelled), Entry->Instead);
  }
  if (Via)
    diag(mt::reportLocation(Call->getBeginLoc(), SM),
         "'%0' holds the result of '%1' here", DiagnosticIDs::Note)
        << Via->getName() << Api;
}

void WasmPointerTruncationCheck::checkNarrowing(const CastExpr *Cast,
                                                const ASTContext &ConstCtx) {
  auto &Ctx = const_cast<ASTContext &>(ConstCtx);
  QualType To = Cast->getType();
  if (!To->isIntegerType() || To->isBooleanType() || To->isEnumeralType() ||
      Ctx.getIntWidth(To) != 32 || Cast->getType()->isDependentType())
    return;
  const Expr *From = Cast->getSubExpr();
  Width Kind = Width::None;
  StringRef FromName;
  if (Cast->getCastKind() == CK_PointerToIntegral) {
    if (isSmuggledInteger(From))
      return;
    Kind = Width::Pointer;
  } else if (Cast->getCastKind() == CK_IntegralCast) {
    if (From->isValueDependent() || From->isIntegerConstantExpr(Ctx) ||
        picksBits(From, Ctx))
      return;
    // (uint32_t)(uintptr_t)p narrows the pointer.
    if (const auto *Inner = dyn_cast<CastExpr>(From->IgnoreParens());
        Inner && Inner->getCastKind() == CK_PointerToIntegral) {
      if (isSmuggledInteger(Inner->getSubExpr()))
        return;
      Kind = Width::Pointer;
    } else {
      std::tie(Kind, FromName) = pointerWidthTypedef(spelledType(From));
    }
    // wasm32's intptr_t to int: the loss, if any, happened before.
    QualType FromType = From->getType();
    if (Ctx.getIntWidth(FromType) <= 32 &&
        FromType->isSignedIntegerType() == To->isSignedIntegerType())
      return;
  }
  if (Kind == Width::None)
    return;
  bool Signed = To->isSignedIntegerType();
  if (memoryLimit(Ctx) <= (Signed ? TwoGiB : FourGiB))
    return;
  // static_cast<uint32_t>(n) converts in an implicit cast beneath.
  const Expr *Spelled = Cast;
  DynTypedNodeList Parents = Ctx.getParents(*Cast);
  if (isa<ImplicitCastExpr>(Cast) && Parents.size() == 1)
    if (const auto *Explicit = Parents[0].get<ExplicitCastExpr>())
      Spelled = Explicit;
  const SourceManager &SM = Ctx.getSourceManager();
  // A pointer cast says "pointer"; values name their typedef.
  bool IsPointer = Kind == Width::Pointer && FromName.empty();
  diag(mt::reportLocation(Spelled->getBeginLoc(), SM),
       "%select{pointer|'%1' value}0 converted to the 32-bit '%2', which "
       "cannot hold every %select{address|size}6 %select{on wasm64|of a "
       "linear memory of up to %4 MiB}3; keep it in '%5'")
      << !IsPointer << FromName << To.getAsString(Ctx.getPrintingPolicy())
      << (MaximumMemoryMiB != 0) << MaximumMemoryMiB
      << (IsPointer ? StringRef("uintptr_t") : FromName)
      << (Kind != Width::Pointer) << Spelled->getSourceRange();
}

void WasmPointerTruncationCheck::onEndOfTranslationUnit() {
  TUModel.reset();
  Int32Vars.clear();
}

} // namespace clang::tidy::memtidy
