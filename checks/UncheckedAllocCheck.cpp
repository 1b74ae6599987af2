//===--- UncheckedAllocCheck.cpp - memtidy --------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A path-sensitive walk over each function's CFG. Every fallible allocation
// site becomes a tracked value bound to the access paths that hold it; branch
// conditions refine each value's failure modes (unknown / succeeded / failed)
// edge by edge, and any use while a mode may still be unknown or failed is
// reported once per allocation, at the first such use.
//
//===----------------------------------------------------------------------===//

#include "UncheckedAllocCheck.h"
#include "support/AccessPath.h"
#include "support/ApiCalls.h"
#include "support/Conditions.h"
#include "support/PathSensitive.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include <map>

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

using ValueId = unsigned;

// Failure-mode bits. A mode starts Unknown and a test refines it.
constexpr uint8_t Unknown = 1, Succeeded = 2, Failed = 4;

/// Why a value exists.
enum class Role {
  Allocation, ///< The result of a fallible allocation.
  Status,     ///< The return code of an allocator with an out-parameter.
  Parameter,  ///< A pointer parameter, while computing a callee summary.
};

struct ValueInfo {
  Role Kind;
  const Expr *Site = nullptr; ///< The call or new-expression.
  const mt::ApiEntry *Entry = nullptr;
  mt::FailureConvention Convention = mt::FailureConvention::Null;
  ValueId StatusOf = 0;        ///< For Status values.
  unsigned ParamIndex = 0;     ///< For Parameter values.
  std::string Holder;          ///< Where the value was first stored.
  const Expr *HolderExpr = nullptr;

  /// ERR_PTR-or-NULL values have two independent failure modes.
  bool hasSecondMode() const {
    return Convention == mt::FailureConvention::ErrPtrOrNull;
  }
};

struct Modes {
  uint8_t First = 0;  ///< NULL, ERR_PTR, negative or status mode.
  uint8_t Second = 0; ///< ERR_PTR mode of ERR_PTR-or-NULL values.
  const Expr *FailedAt = nullptr; ///< Annotation only: not compared.

  bool operator==(const Modes &O) const {
    return First == O.First && Second == O.Second;
  }
  bool mayBeBad() const {
    return (First & (Unknown | Failed)) || (Second & (Unknown | Failed));
  }
  /// Every path that reaches here has tested the value; some found it
  /// failed.
  bool failedAfterTest() const {
    uint8_t All = First | Second;
    return (All & Failed) && !(All & Unknown);
  }
};

/// "Value V's mode is (or is not) failed" on some branch.
struct ResolvedFact {
  ValueId Value;
  bool SecondMode;
  bool IsFailed;
  const Expr *Test;
  bool operator==(const ResolvedFact &O) const {
    return Value == O.Value && SecondMode == O.SecondMode &&
           IsFailed == O.IsFailed;
  }
};

/// What is known of an integer or boolean variable: a constant, or the
/// facts its truth value carries (int ret = PTR_ERR_OR_ZERO(p)).
struct IntFact {
  std::optional<int64_t> Constant;
  llvm::SmallVector<ResolvedFact, 2> WhenTrue;
  llvm::SmallVector<ResolvedFact, 2> WhenFalse;
  bool operator==(const IntFact &O) const {
    return Constant == O.Constant && WhenTrue == O.WhenTrue &&
           WhenFalse == O.WhenFalse;
  }
};

struct State {
  std::map<mt::AccessPath, llvm::SmallVector<ValueId, 1>> Bindings;
  std::map<ValueId, Modes> Values;
  std::map<mt::AccessPath, IntFact> Ints;

  bool operator==(const State &O) const {
    return Bindings == O.Bindings && Values == O.Values && Ints == O.Ints;
  }

  /// States that agree on every tracked value's modes may be merged.
  bool sameProperty(const State &O) const { return Values == O.Values; }

  void joinWith(const State &O) {
    for (const auto &[Path, Ids] : O.Bindings) {
      auto &Mine = Bindings[Path];
      for (ValueId Id : Ids)
        if (!llvm::is_contained(Mine, Id))
          Mine.push_back(Id);
      llvm::sort(Mine);
    }
    for (const auto &[Id, M] : O.Values) {
      auto [It, Inserted] = Values.try_emplace(Id, M);
      if (!Inserted) {
        It->second.First |= M.First;
        It->second.Second |= M.Second;
        if (!It->second.FailedAt)
          It->second.FailedAt = M.FailedAt;
      }
    }
    for (auto It = Ints.begin(); It != Ints.end();) {
      auto Other = O.Ints.find(It->first);
      if (Other == O.Ints.end() || !(Other->second == It->second))
        It = Ints.erase(It);
      else
        ++It;
    }
  }

  void kill(const mt::AccessPath &Path) {
    bool Removed = false;
    for (auto It = Bindings.begin(); It != Bindings.end();) {
      if (It->first.isReachedThrough(Path)) {
        It = Bindings.erase(It);
        Removed = true;
      } else {
        ++It;
      }
    }
    forgetIntegers(Path);
    if (Removed)
      forgetUnheldValues();
  }

  void forgetIntegers(const mt::AccessPath &Path) {
    for (auto It = Ints.begin(); It != Ints.end();) {
      if (It->first.isReachedThrough(Path))
        It = Ints.erase(It);
      else
        ++It;
    }
  }

  /// A callee may store to anything but the caller's own locals.
  void forgetNonLocalIntegers() {
    for (auto It = Ints.begin(); It != Ints.end();) {
      const auto *Var = dyn_cast<VarDecl>(It->first.base());
      if (It->first.isPlainVariable() && Var && Var->hasLocalStorage())
        ++It;
      else
        It = Ints.erase(It);
    }
  }

  /// A value no access path holds can no longer be used, and its modes
  /// would only blur joins with paths where it is still held.
  void forgetUnheldValues() {
    llvm::SmallDenseSet<ValueId, 8> Held;
    for (const auto &Binding : Bindings)
      Held.insert(Binding.second.begin(), Binding.second.end());
    for (auto It = Values.begin(); It != Values.end();) {
      if (Held.count(It->first))
        ++It;
      else
        It = Values.erase(It);
    }
  }
};

enum class UseKind { Dereference, Argument };

struct UseReport {
  ValueId Value;
  std::string Subject;
  const Expr *Operand; ///< The pointer or argument that is used.
  const Expr *Use;
  UseKind Kind;
  std::string CalleeName;
  const Expr *CalleeDeref = nullptr;
  std::string CalleeParam;
  bool AfterFailure;
  const Expr *FailedAt;
};

struct ConventionReport {
  ValueId Value;
  std::string Subject;
  const Expr *Test;
  bool NullTestOfErrPtr; ///< Else an ERR_PTR test of a NULL-returning API.
  std::string PredicateName;
};

struct DirectUseReport {
  const Expr *Site;
  const Expr *Use;
  UseKind Kind;
  std::string CalleeName;
};

const Expr *ignoreCastsAndParens(const Expr *E) {
  return E ? E->IgnoreParenCasts() : nullptr;
}

/// The analysis of one function. In reporting mode it tracks allocation
/// results; in summary mode it tracks the function's pointer parameters and
/// records which are dereferenced before any test.
class Analysis : public mt::PathClient<State> {
public:
  Analysis(UncheckedAllocCheck &Check, ASTContext &Ctx,
           const mt::RuleSet &Rules, bool SummaryMode, unsigned Depth)
      : Check(Check), Ctx(Ctx), Rules(Rules), SummaryMode(SummaryMode),
        Depth(Depth) {}

  std::vector<ValueInfo> Values;
  llvm::DenseMap<const Expr *, ValueId> SiteValue;
  llvm::DenseMap<const Expr *, ValueId> StatusValue;
  std::map<ValueId, UseReport> Uses;
  std::map<const Expr *, ConventionReport> Conventions;
  std::map<const Expr *, const Expr *> ReallocSelfAssigns;
  std::map<const Expr *, DirectUseReport> DirectUses;
  std::vector<const Expr *> ParamDerefs;
  bool Reporting = false;

  ValueId newValue(ValueInfo Info) {
    Values.push_back(std::move(Info));
    return Values.size() - 1;
  }

  Modes initialModes(const ValueInfo &Info) const {
    Modes M;
    M.First = Unknown;
    if (Info.hasSecondMode())
      M.Second = Unknown;
    return M;
  }

  // --- transfer ---------------------------------------------------------

  void transfer(const CFGElement &Element, State &S) override {
    auto Stmt = Element.getAs<CFGStmt>();
    if (!Stmt)
      return;
    const clang::Stmt *Node = Stmt->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(Node)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const Expr *Init = Var->getInit())
            assign(mt::AccessPath(Var), Var->getType(), Init,
                   Var->getLocation(), S);
      return;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(Node)) {
      if (Binary->getOpcode() == BO_Assign) {
        std::optional<mt::AccessPath> Target =
            mt::accessPathOf(Binary->getLHS());
        checkReallocSelfAssign(Target, Binary->getRHS(), S);
        if (Target)
          assign(*Target, Binary->getLHS()->getType(), Binary->getRHS(),
                 Binary->getLHS()->getBeginLoc(), S);
      } else if (Binary->isCompoundAssignmentOp()) {
        forgetInteger(Binary->getLHS(), S);
      }
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Node)) {
      switch (Unary->getOpcode()) {
      case UO_Deref:
        use(Unary->getSubExpr(), Unary, UseKind::Dereference, S);
        break;
      case UO_AddrOf:
        // Whoever receives the address may store through it.
        if (auto Path = mt::accessPathOf(Unary->getSubExpr()))
          S.kill(*Path);
        break;
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
        forgetInteger(Unary->getSubExpr(), S);
        break;
      default:
        break;
      }
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Node)) {
      if (Member->isArrow())
        use(Member->getBase(), Member, UseKind::Dereference, S);
      return;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Node)) {
      const Expr *Base = Subscript->getBase();
      if (Base->IgnoreParenImpCasts()->getType()->isPointerType())
        use(Base, Subscript, UseKind::Dereference, S);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Node)) {
      callTransfer(Call, S);
      return;
    }
  }

  void forgetInteger(const Expr *E, State &S) {
    if (auto Path = mt::accessPathOf(E))
      S.forgetIntegers(*Path);
  }

  /// The allocation site a value-producing expression is, if any.
  const mt::ApiEntry *allocationSite(const Expr *E) const {
    if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
      const mt::ApiEntry *Entry = mt::lookupNew(New, Rules);
      return Entry && Entry->canFail() ? Entry : nullptr;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      return nullptr;
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (!Entry || !Entry->canFail() || Entry->OutArg)
      return nullptr;
    switch (Entry->Kind) {
    case mt::ApiKind::Allocator:
    case mt::ApiKind::ManagedAllocator:
    case mt::ApiKind::Reallocator:
      break;
    default:
      return nullptr;
    }
    if (mt::hasNoFailFlag(Call, *Entry, Rules, Ctx))
      return nullptr;
    return Entry;
  }

  ValueId valueForSite(const Expr *Site, const mt::ApiEntry *Entry) {
    auto It = SiteValue.find(Site);
    if (It != SiteValue.end())
      return It->second;
    ValueInfo Info;
    Info.Kind = Role::Allocation;
    Info.Site = Site;
    Info.Entry = Entry;
    Info.Convention = Entry->Fails;
    ValueId Id = newValue(std::move(Info));
    SiteValue[Site] = Id;
    return Id;
  }

  void assign(const mt::AccessPath &Target, QualType TargetType,
              const Expr *RHS, SourceLocation TargetLoc, State &S) {
    const Expr *Value = mt::stripValuePreserving(RHS);
    llvm::SmallVector<ValueId, 1> NewBinding;
    if (!SummaryMode && Value) {
      if (const mt::ApiEntry *Entry = allocationSite(Value)) {
        ValueId Id = valueForSite(Value, Entry);
        ValueInfo &Info = Values[Id];
        if (!Info.HolderExpr) {
          Info.Holder = Target.spelling();
          Info.HolderExpr = RHS;
        }
        S.Values[Id] = initialModes(Info);
        NewBinding.push_back(Id);
      } else if (auto Status = StatusValue.find(Value);
                 Status != StatusValue.end()) {
        NewBinding.push_back(Status->second);
      }
    }
    if (NewBinding.empty() && Value) {
      if (auto Source = mt::accessPathOf(Value)) {
        auto It = S.Bindings.find(*Source);
        if (It != S.Bindings.end()) {
          NewBinding = It->second;
          for (ValueId Id : NewBinding)
            preferProgrammersName(Values[Id], Target, RHS, TargetLoc);
        }
      }
    }
    // Record what an integer's value says before the old binding goes:
    // "ok = !p" must be read against p's current values.
    std::optional<IntFact> Fact;
    if (NewBinding.empty() && TargetType->isIntegralOrEnumerationType())
      Fact = integerFact(RHS, S);
    else if (NewBinding.empty() && TargetType->isPointerType())
      if (auto Null = mt::integerConstant(RHS, Ctx); Null && *Null == 0)
        Fact = IntFact{Null, {}, {}};
    S.kill(Target);
    if (!NewBinding.empty())
      S.Bindings[Target] = NewBinding;
    if (Fact)
      S.Ints[Target] = std::move(*Fact);
  }

  /// Values first stored inside a macro body (kthread_run's __k) are named
  /// after the variable the programmer stores them in.
  void preferProgrammersName(ValueInfo &Info, const mt::AccessPath &Target,
                             const Expr *RHS, SourceLocation TargetLoc) {
    if (!Info.HolderExpr || !isInMacroBody(Info.HolderExpr->getBeginLoc()) ||
        isInMacroBody(TargetLoc))
      return;
    Info.Holder = Target.spelling();
    Info.HolderExpr = RHS;
  }

  bool isInMacroBody(SourceLocation Loc) const {
    const SourceManager &SM = Ctx.getSourceManager();
    while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
      Loc = SM.getImmediateSpellingLoc(Loc);
    return Loc.isMacroID();
  }

  std::optional<IntFact> integerFact(const Expr *RHS, State &S) {
    IntFact Fact;
    if (auto C = mt::integerConstant(RHS, Ctx)) {
      Fact.Constant = *C;
      return Fact;
    }
    mt::ConditionFacts Facts = mt::collectConditionFacts(RHS, Rules, Ctx);
    for (const mt::BranchFact &F : Facts.WhenTrue)
      resolve(F, S, Fact.WhenTrue);
    for (const mt::BranchFact &F : Facts.WhenFalse)
      resolve(F, S, Fact.WhenFalse);
    applySuppressions(S);
    if (Fact.WhenTrue.empty() && Fact.WhenFalse.empty())
      return std::nullopt;
    return Fact;
  }

  void checkReallocSelfAssign(const std::optional<mt::AccessPath> &Target,
                              const Expr *RHS, const State &S) {
    if (SummaryMode || !Target || !Reporting)
      return;
    // realloc(NULL, n) is malloc(n): nothing can leak.
    if (auto Known = S.Ints.find(*Target);
        Known != S.Ints.end() && Known->second.Constant == 0)
      return;
    const auto *Call = dyn_cast<CallExpr>(mt::stripValuePreserving(RHS));
    if (!Call)
      return;
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (!Entry || Entry->Kind != mt::ApiKind::Reallocator || !Entry->PtrArg ||
        *Entry->PtrArg >= Call->getNumArgs() || !Entry->canFail() ||
        mt::hasNoFailFlag(Call, *Entry, Rules, Ctx))
      return;
    auto Source = mt::accessPathOf(Call->getArg(*Entry->PtrArg));
    if (Source && *Source == *Target)
      ReallocSelfAssigns.emplace(Call, Call->getArg(*Entry->PtrArg));
  }

  void callTransfer(const CallExpr *Call, State &S) {
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (!Call->getBuiltinCallee() &&
        !(Entry && Entry->Kind == mt::ApiKind::Predicate))
      S.forgetNonLocalIntegers();
    // Allocators that deliver through an out-parameter: posix_memalign.
    if (!SummaryMode && Entry && Entry->OutArg && Entry->canFail() &&
        *Entry->OutArg < Call->getNumArgs() &&
        (Entry->Kind == mt::ApiKind::Allocator ||
         Entry->Kind == mt::ApiKind::ManagedAllocator)) {
      const Expr *Out = ignoreCastsAndParens(Call->getArg(*Entry->OutArg));
      std::optional<mt::AccessPath> Target;
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Out);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        Target = mt::accessPathOf(AddrOf->getSubExpr());
      else if (auto Pointer = mt::accessPathOf(Out)) {
        Target = *Pointer;
        Target->addDeref();
      }
      if (Target) {
        ValueId Id = valueForSite(Call, Entry);
        ValueInfo &Info = Values[Id];
        if (!Info.HolderExpr) {
          Info.Holder = Target->spelling();
          Info.HolderExpr = Call;
        }
        S.Values[Id] = initialModes(Info);
        S.kill(*Target);
        S.Bindings[*Target] = {Id};
        if (!StatusValue.count(Call)) {
          ValueInfo StatusInfo;
          StatusInfo.Kind = Role::Status;
          StatusInfo.Site = Call;
          StatusInfo.Entry = Entry;
          StatusInfo.Convention = Entry->Fails;
          StatusInfo.StatusOf = Id;
          StatusValue[Call] = newValue(std::move(StatusInfo));
        }
      }
    }

    for (unsigned Index : mt::argumentsRequiringValidity(Call, Rules))
      use(Call->getArg(Index), Call, UseKind::Argument, S);

    // Same-TU callees that dereference a parameter before testing it.
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Entry || Depth >= 2)
      return;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
         ++I) {
      const Expr *Arg = Call->getArg(I);
      if (!Arg->getType()->isPointerType() || !mayBeBadArgument(Arg, S))
        continue;
      const ParamDerefSummary *Summary = Check.summaryOf(Callee, Ctx, Depth);
      if (!Summary)
        return;
      if (I < Summary->DerefAt.size() && Summary->DerefAt[I])
        use(Arg, Call, UseKind::Argument, S, Summary->DerefAt[I],
            Callee->getParamDecl(I)->getName().str());
    }
  }

  bool mayBeBadArgument(const Expr *Arg, const State &S) const {
    const Expr *Subject = mt::pointerBaseOf(Arg);
    if (!SummaryMode && allocationSite(Subject))
      return true;
    auto Path = mt::accessPathOf(Subject);
    if (!Path)
      return false;
    auto It = S.Bindings.find(*Path);
    if (It == S.Bindings.end())
      return false;
    for (ValueId Id : It->second) {
      auto M = S.Values.find(Id);
      if (M != S.Values.end() && Values[Id].Kind != Role::Status &&
          M->second.mayBeBad())
        return true;
    }
    return false;
  }

  // --- uses -------------------------------------------------------------

  void use(const Expr *Operand, const Expr *UseExpr, UseKind Kind, State &S,
           const Expr *CalleeDeref = nullptr, std::string CalleeParam = "") {
    const Expr *Subject = mt::pointerBaseOf(Operand);
    std::string CalleeName;
    if (Kind == UseKind::Argument)
      if (const auto *Call = dyn_cast<CallExpr>(UseExpr))
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          CalleeName = Callee->getNameAsString();

    if (!SummaryMode && allocationSite(Subject)) {
      if (Reporting)
        DirectUses.emplace(Subject,
                           DirectUseReport{Subject, UseExpr, Kind, CalleeName});
      return;
    }
    auto Path = mt::accessPathOf(Subject);
    if (!Path)
      return;
    auto It = S.Bindings.find(*Path);
    if (It == S.Bindings.end())
      return;
    for (ValueId Id : It->second) {
      auto M = S.Values.find(Id);
      const ValueInfo &Info = Values[Id];
      if (M == S.Values.end() || Info.Kind == Role::Status)
        continue;
      if (M->second.mayBeBad()) {
        if (SummaryMode) {
          if (Info.Kind == Role::Parameter &&
              !ParamDerefs[Info.ParamIndex])
            ParamDerefs[Info.ParamIndex] =
                CalleeDeref ? CalleeDeref : UseExpr;
        } else if (Reporting) {
          UseReport R{Id,
                      Path->spelling(),
                      Operand,
                      UseExpr,
                      Kind,
                      CalleeName,
                      CalleeDeref,
                      CalleeParam,
                      M->second.failedAfterTest(),
                      M->second.FailedAt};
          auto Known = Uses.find(Id);
          if (Known == Uses.end() ||
              Ctx.getSourceManager().isBeforeInTranslationUnit(
                  UseExpr->getBeginLoc(), Known->second.Use->getBeginLoc()))
            Uses[Id] = R;
        }
      }
      // Execution only continues past a use if the value was valid.
      markSucceeded(Id, S);
    }
  }

  // --- branches ---------------------------------------------------------

  /// Maps a branch fact to facts about tracked values. Returns false if the
  /// fact contradicts a known integer constant.
  bool resolve(const mt::BranchFact &F, State &S,
               llvm::SmallVectorImpl<ResolvedFact> &Out) {
    const Expr *Subject = F.Subject;
    // posix_memalign(&p, ...) used directly as a condition.
    if (auto Status = StatusValue.find(Subject); Status != StatusValue.end())
      return resolveValue(Status->second, F, Out);

    auto Path = mt::accessPathOf(Subject);
    if (!Path)
      return true;
    if (auto Int = S.Ints.find(*Path); Int != S.Ints.end())
      return resolveInteger(Int->second, F, Out);
    if (F.Test == mt::TestKind::IsEqualTo)
      return true;
    auto It = S.Bindings.find(*Path);
    if (It == S.Bindings.end())
      return true;
    for (ValueId Id : It->second)
      resolveValue(Id, F, Out);
    return true;
  }

  bool resolveInteger(const IntFact &Fact, const mt::BranchFact &F,
                      llvm::SmallVectorImpl<ResolvedFact> &Out) {
    if (Fact.Constant) {
      bool Actual = F.Holds;
      switch (F.Test) {
      case mt::TestKind::IsZero:
        Actual = *Fact.Constant == 0;
        break;
      case mt::TestKind::IsNegative:
        Actual = *Fact.Constant < 0;
        break;
      case mt::TestKind::IsEqualTo:
        Actual = *Fact.Constant == F.Value;
        break;
      default:
        break;
      }
      return Actual == F.Holds;
    }
    if (F.Test == mt::TestKind::IsZero)
      Out.append(F.Holds ? Fact.WhenFalse : Fact.WhenTrue);
    else if (F.Test == mt::TestKind::IsNegative && F.Holds)
      Out.append(Fact.WhenTrue);
    return true;
  }

  bool resolveValue(ValueId Id, const mt::BranchFact &F,
                    llvm::SmallVectorImpl<ResolvedFact> &Out) {
    const ValueInfo &Info = Values[Id];
    using mt::FailureConvention;
    using mt::TestKind;
    auto Emit = [&](ValueId V, bool Second, bool IsFailed) {
      Out.push_back({V, Second, IsFailed, nullptr});
    };
    if (Info.Kind == Role::Status) {
      if (Info.Convention == FailureConvention::NonZero &&
          F.Test == TestKind::IsZero)
        Emit(Info.StatusOf, false, !F.Holds);
      else if (Info.Convention == FailureConvention::Negative &&
               F.Test == TestKind::IsNegative)
        Emit(Info.StatusOf, false, F.Holds);
      return true;
    }
    switch (Info.Convention) {
    case FailureConvention::Null:
    case FailureConvention::NonZero:
      // IS_ERR_OR_NULL() is a correct, if broad, test of a NULL result.
      if (F.Test == TestKind::IsZero || F.Test == TestKind::IsErrPtrOrNull) {
        Emit(Id, false, F.Holds);
      } else if (F.Test == TestKind::IsErrPtr) {
        wrongConvention(Id, F, /*NullTestOfErrPtr=*/false);
      }
      break;
    case FailureConvention::ErrPtr:
      if (F.Test == TestKind::IsErrPtr || F.Test == TestKind::IsErrPtrOrNull)
        Emit(Id, false, F.Holds);
      else if (F.Test == TestKind::IsZero && Info.Kind != Role::Parameter)
        wrongConvention(Id, F, /*NullTestOfErrPtr=*/true);
      break;
    case FailureConvention::ErrPtrOrNull:
      if (F.Test == TestKind::IsZero)
        Emit(Id, false, F.Holds);
      else if (F.Test == TestKind::IsErrPtr)
        Emit(Id, true, F.Holds);
      else if (F.Test == TestKind::IsErrPtrOrNull && !F.Holds) {
        Emit(Id, false, false);
        Emit(Id, true, false);
      }
      break;
    case FailureConvention::Negative:
      if (F.Test == TestKind::IsNegative)
        Emit(Id, false, F.Holds);
      break;
    default:
      break;
    }
    return true;
  }

  void wrongConvention(ValueId Id, const mt::BranchFact &F,
                       bool NullTestOfErrPtr) {
    PendingSuppressions.push_back(Id);
    if (!Reporting)
      return;
    std::string Predicate = F.Predicate ? F.Predicate->Name : "";
    auto Path = mt::accessPathOf(F.Subject);
    std::string Subject = Path ? Path->spelling() : Values[Id].Holder;
    Conventions.emplace(F.TestExpr, ConventionReport{Id, Subject, F.TestExpr,
                                                     NullTestOfErrPtr,
                                                     Predicate});
  }

  /// Applies one fact; false if it contradicts the state.
  bool apply(const ResolvedFact &Fact, State &S) {
    auto It = S.Values.find(Fact.Value);
    if (It == S.Values.end())
      return true;
    uint8_t &Bits = Fact.SecondMode ? It->second.Second : It->second.First;
    if (!Bits)
      return true;
    uint8_t Allowed = Fact.IsFailed ? (Unknown | Failed) : (Unknown | Succeeded);
    if (!(Bits & Allowed))
      return false;
    Bits = Fact.IsFailed ? Failed : Succeeded;
    if (Fact.IsFailed && !It->second.FailedAt)
      It->second.FailedAt = Fact.Test;
    return true;
  }

  bool assumeCase(const SwitchStmt &Switch, const SwitchCase *Label,
                  State &S) override {
    auto Path = mt::accessPathOf(Switch.getCond());
    if (!Path)
      return true;
    auto Int = S.Ints.find(*Path);
    if (Int == S.Ints.end() || !Int->second.Constant)
      return true;
    int64_t Value = *Int->second.Constant;
    auto Matches = [&](const CaseStmt *Case) {
      auto Low = mt::integerConstant(Case->getLHS(), Ctx);
      if (!Low)
        return true;
      if (!Case->getRHS())
        return *Low == Value;
      auto High = mt::integerConstant(Case->getRHS(), Ctx);
      return !High || (*Low <= Value && Value <= *High);
    };
    if (const auto *Case = dyn_cast_or_null<CaseStmt>(Label))
      return Matches(Case);
    // The default edge runs only if no case matches.
    for (const SwitchCase *Other = Switch.getSwitchCaseList(); Other;
         Other = Other->getNextSwitchCase())
      if (const auto *Case = dyn_cast<CaseStmt>(Other); Case && Matches(Case))
        return false;
    return true;
  }

  bool assume(const Expr *Cond, bool Taken, State &S) override {
    llvm::SmallVector<mt::BranchFact, 4> Facts;
    mt::collectBranchFacts(Cond, Taken, Rules, Ctx, Facts);
    llvm::SmallVector<ResolvedFact, 4> Resolved;
    for (const mt::BranchFact &F : Facts)
      if (!resolve(F, S, Resolved))
        return false;
    for (ResolvedFact &R : Resolved) {
      // The failure is detected where the program branches on it, also when
      // the test was stored in a flag first.
      R.Test = Cond;
      if (!apply(R, S))
        return false;
    }
    applySuppressions(S);
    return true;
  }

  /// A test of the wrong convention is reported once; afterwards the value
  /// counts as tested so that its uses are not reported a second time.
  void applySuppressions(State &S) {
    for (ValueId Id : PendingSuppressions)
      markSucceeded(Id, S);
    PendingSuppressions.clear();
  }

  static void markSucceeded(ValueId Id, State &S) {
    auto It = S.Values.find(Id);
    if (It == S.Values.end())
      return;
    if (It->second.First)
      It->second.First = Succeeded;
    if (It->second.Second)
      It->second.Second = Succeeded;
  }

private:
  UncheckedAllocCheck &Check;
  ASTContext &Ctx;
  const mt::RuleSet &Rules;
  bool SummaryMode;
  unsigned Depth;
  llvm::SmallVector<ValueId, 2> PendingSuppressions;
};

/// True if a body contains an allocation the check tracks, which most
/// functions (and nearly all inline functions of kernel headers) do not.
bool containsFallibleAllocation(const Stmt *Body, const mt::RuleSet &Rules) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    bool Found = false;
    explicit Finder(const mt::RuleSet &Rules) : Rules(Rules) {}
    bool VisitCallExpr(CallExpr *Call) {
      const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
      if (Entry && Entry->canFail() &&
          (Entry->Kind == mt::ApiKind::Allocator ||
           Entry->Kind == mt::ApiKind::ManagedAllocator ||
           Entry->Kind == mt::ApiKind::Reallocator))
        Found = true;
      return !Found;
    }
    bool VisitCXXNewExpr(CXXNewExpr *New) {
      const mt::ApiEntry *Entry = mt::lookupNew(New, Rules);
      if (Entry && Entry->canFail())
        Found = true;
      return !Found;
    }
  } F(Rules);
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

const char *failureValue(mt::FailureConvention Convention, bool CPlusPlus) {
  switch (Convention) {
  case mt::FailureConvention::Null:
    return CPlusPlus ? "a null pointer" : "NULL";
  case mt::FailureConvention::ErrPtr:
    return "an ERR_PTR";
  case mt::FailureConvention::ErrPtrOrNull:
    return "NULL or an ERR_PTR";
  case mt::FailureConvention::Negative:
    return "a negative value";
  case mt::FailureConvention::NonZero:
    return "non-zero";
  default:
    return "an error";
  }
}

const char *howToCheck(mt::FailureConvention Convention) {
  switch (Convention) {
  case mt::FailureConvention::Null:
    return "check it for NULL before use";
  case mt::FailureConvention::ErrPtr:
    return "check it with IS_ERR() before use";
  case mt::FailureConvention::ErrPtrOrNull:
    return "check it with IS_ERR_OR_NULL() before use";
  case mt::FailureConvention::Negative:
    return "check it for a negative value before use";
  case mt::FailureConvention::NonZero:
  default:
    return "check the call's return value before use";
  }
}

} // namespace

UncheckedAllocCheck::UncheckedAllocCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RulePacks(Options.getLocalOrGlobal("RulePacks", "")),
      MaxPathStates(std::max(1u, Options.get("MaxPathStates", 32u))) {
  auto Loaded = mt::getRuleSet(RulePacks);
  if (!Loaded) {
    configurationDiag("cannot load rule packs for %0: %1", DiagnosticIDs::Error)
        << Name << llvm::toString(Loaded.takeError());
    return;
  }
  Rules = std::move(*Loaded);
}

void UncheckedAllocCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
}

void UncheckedAllocCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

const ParamDerefSummary *
UncheckedAllocCheck::summaryOf(const FunctionDecl *Function, ASTContext &Ctx,
                               unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition)
    return nullptr;
  auto [It, Inserted] = Summaries.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second.get(); // Null while in progress: recursion.

  auto Summary = std::make_unique<ParamDerefSummary>();
  Summary->DerefAt.assign(Definition->getNumParams(), nullptr);
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Definition, Ctx);
  if (Graph && Graph->size() < 400) {
    Analysis A(*this, Ctx, *Rules, /*SummaryMode=*/true, Depth + 1);
    A.ParamDerefs.assign(Definition->getNumParams(), nullptr);
    State Initial;
    for (unsigned I = 0; I < Definition->getNumParams(); ++I) {
      const ParmVarDecl *Param = Definition->getParamDecl(I);
      if (!Param->getType()->isPointerType())
        continue;
      ValueInfo Info;
      Info.Kind = Role::Parameter;
      Info.ParamIndex = I;
      ValueId Id = A.newValue(std::move(Info));
      Initial.Values[Id] = A.initialModes(A.Values[Id]);
      Initial.Bindings[mt::AccessPath(Param)] = {Id};
    }
    mt::PathSensitiveAnalysis<State> Engine(*Graph, Ctx, 8, 100000);
    if (Engine.run(A, std::move(Initial)))
      Summary->DerefAt = A.ParamDerefs;
  }
  Summaries[Definition] = std::move(Summary);
  return Summaries[Definition].get();
}

void UncheckedAllocCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  ASTContext &Ctx = *Result.Context;
  if (!containsFallibleAllocation(Function->getBody(), *Rules))
    return;
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Ctx);
  if (!Graph)
    return;

  Analysis A(*this, Ctx, *Rules, /*SummaryMode=*/false, 0);
  mt::PathSensitiveAnalysis<State> Engine(*Graph, Ctx, MaxPathStates);
  if (!Engine.run(A, State()))
    return;
  A.Reporting = true;
  Engine.replay(A);

  const SourceManager &SM = Ctx.getSourceManager();
  const bool CPlusPlus = Ctx.getLangOpts().CPlusPlus;
  auto Where = [&](const Expr *E) {
    return mt::reportLocation(E->getBeginLoc(), SM);
  };

  for (const auto &[Call, Pointer] : A.ReallocSelfAssigns) {
    std::string Api = mt::spelledApiName(Call, Ctx);
    diag(Where(Call),
         "if '%0' fails, the block '%1' points to is leaked: '%1' is "
         "overwritten with %2; assign the result to a temporary and check it "
         "first")
        << Api << mt::accessPathOf(Pointer)->spelling()
        << (CPlusPlus ? "nullptr" : "NULL");
  }

  for (const auto &[Site, R] : A.DirectUses) {
    const mt::ApiEntry *Entry = A.allocationSite(Site);
    std::string Api = mt::spelledApiName(Site, Ctx);
    auto D = diag(Where(Site),
                  "the result of '%0' is %1 without checking whether it "
                  "succeeded; it returns %2 on failure");
    D << Api;
    if (R.Kind == UseKind::Argument)
      D << ("passed to '" + R.CalleeName + "'");
    else
      D << "dereferenced";
    D << failureValue(Entry->Fails, CPlusPlus);
  }

  for (const auto &[Test, R] : A.Conventions) {
    const ValueInfo &Info = A.Values[R.Value];
    std::string Api = mt::spelledApiName(Info.Site, Ctx);
    if (R.NullTestOfErrPtr)
      diag(Where(Test), "'%0' is tested for NULL, but '%1' returns an ERR_PTR "
                        "on failure, never NULL; test it with IS_ERR()")
          << R.Subject << Api;
    else
      diag(Where(Test), "'%0' is tested with %1(), but '%2' returns NULL on "
                        "failure, never an ERR_PTR; test it for NULL instead")
          << R.Subject << (R.PredicateName.empty() ? "IS_ERR"
                                                   : R.PredicateName)
          << Api;
    diag(Where(Info.HolderExpr), "'%0' is assigned the result of '%1' here",
         DiagnosticIDs::Note)
        << Info.Holder << Api << Info.HolderExpr->getSourceRange();
  }

  for (const auto &[Id, R] : A.Uses) {
    const ValueInfo &Info = A.Values[Id];
    std::string Api = mt::spelledApiName(Info.Site, Ctx);
    std::string How = R.Kind == UseKind::Argument
                          ? "passed to '" + R.CalleeName + "'"
                          : "dereferenced";
    // A dereference is shown whole (*p, p->f, p[i]); an argument by itself.
    const Expr *Shown = R.Kind == UseKind::Argument ? R.Operand : R.Use;
    SourceRange Highlight = Shown->getSourceRange();
    if (R.AfterFailure)
      diag(Where(Shown), "'%0' is %1 on a path where '%2' failed: the failure "
                         "is detected but execution continues")
          << R.Subject << How << Api << Highlight;
    else
      diag(Where(Shown), "'%0' is %1 without checking whether '%2' succeeded; "
                         "it returns %3 on failure")
          << R.Subject << How << Api
          << failureValue(Info.Convention, CPlusPlus) << Highlight;
    diag(Where(Info.HolderExpr), "'%0' is assigned the result of '%1' here; "
                                 "%2",
         DiagnosticIDs::Note)
        << Info.Holder << Api << howToCheck(Info.Convention)
        << Info.HolderExpr->getSourceRange();
    if (R.AfterFailure && R.FailedAt)
      diag(Where(R.FailedAt), "failure of '%0' detected here",
           DiagnosticIDs::Note)
          << Api << R.FailedAt->getSourceRange();
    if (R.CalleeDeref)
      diag(Where(R.CalleeDeref), "'%0' dereferences its parameter '%1' here",
           DiagnosticIDs::Note)
          << R.CalleeName << R.CalleeParam << R.CalleeDeref->getSourceRange();
  }
}

} // namespace clang::tidy::memtidy
