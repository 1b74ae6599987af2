//===--- ExecutionContext.cpp - Locks and contexts along a path -----------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ExecutionContext.h"
#include "ApiCalls.h"
#include "MacroChain.h"
#include "PathSensitive.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Builtins.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <tuple>

using namespace clang;

namespace memtidy {

namespace {

/// Lock helpers call lock helpers; deeper chains are not worth following.
constexpr unsigned MaxEffectDepth = 6;
/// Effects come from small functions; large ones are not lock helpers.
constexpr unsigned MaxEffectBlocks = 400;
/// Bounds on walks through expressions and locals.
constexpr unsigned MaxStripDepth = 16;
constexpr unsigned MaxLocalRewrites = 8;

bool isAcquire(const ApiEntry *E) { return E && E->Kind == ApiKind::Acquire; }
bool isRelease(const ApiEntry *E) { return E && E->Kind == ApiKind::Release; }

/// A trylock succeeds on a non-zero result unless it reports failure by a
/// non-zero or negative one (down_trylock(), mutex_lock_interruptible()).
bool succeedsWhenNonZero(const ApiEntry &E) {
  return E.Fails == FailureConvention::Zero;
}

/// Keeps the entries of \p Into that \p Other maps to the same value.
template <typename Map> void keepAgreeing(Map &Into, const Map &Other) {
  for (auto It = Into.begin(); It != Into.end();) {
    auto Found = Other.find(It->first);
    if (Found == Other.end() || !(Found->second == It->second))
      It = Into.erase(It);
    else
      ++It;
  }
}

std::optional<AccessPath> withSteps(AccessPath Base,
                                    llvm::ArrayRef<AccessPath::Step> Steps) {
  for (const AccessPath::Step &S : Steps)
    Base.addStep(S);
  return Base;
}

} // namespace

bool Hold::operator==(const Hold &O) const {
  return Entry == O.Entry && Object == O.Object && Site == O.Site &&
         Instance == O.Instance && Inner == O.Inner && Tentative == O.Tentative;
}

bool Hold::operator<(const Hold &O) const {
  return std::make_tuple(Entry, Object, Site, Instance.getRawEncoding(), Inner,
                         Tentative) <
         std::make_tuple(O.Entry, O.Object, O.Site, O.Instance.getRawEncoding(),
                         O.Inner, O.Tentative);
}

bool ContextState::operator==(const ContextState &O) const {
  return Holds == O.Holds && Trylocks == O.Trylocks &&
         TrylockVars == O.TrylockVars &&
         ReleasedInstances == O.ReleasedInstances && Sleepable == O.Sleepable &&
         Arms == O.Arms && ForeignReleases == O.ForeignReleases;
}

bool ContextState::sameProperty(const ContextState &O) const {
  return Holds == O.Holds && Sleepable == O.Sleepable;
}

void ContextState::joinWith(const ContextState &O) {
  llvm::erase_if(
      Holds, [&](const Hold &H) { return !llvm::is_contained(O.Holds, H); });
  keepAgreeing(Trylocks, O.Trylocks);
  keepAgreeing(TrylockVars, O.TrylockVars);
  keepAgreeing(Arms, O.Arms);
  ReleasedInstances.insert(O.ReleasedInstances.begin(),
                           O.ReleasedInstances.end());
  Sleepable = Sleepable || O.Sleepable;
  for (const auto &Release : O.ForeignReleases)
    if (!llvm::is_contained(ForeignReleases, Release))
      ForeignReleases.push_back(Release);
}

const Hold *ContextState::atomicHold() const {
  for (auto It = Holds.rbegin(); It != Holds.rend(); ++It)
    if (It->atomic())
      return &*It;
  return nullptr;
}

const Hold *ContextState::holdOf(llvm::StringRef Family) const {
  for (auto It = Holds.rbegin(); It != Holds.rend(); ++It)
    if (!It->Tentative && It->Entry && It->Entry->Family == Family)
      return &*It;
  return nullptr;
}

struct ContextTracker::Impl {
  const RuleSet &Rules;
  ASTContext &Ctx;
  const SourceManager &SM;

  llvm::DenseMap<std::pair<const Stmt *, unsigned>, MacroMatch> Macros;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ContextEffects>> Effects;
  llvm::DenseSet<const FunctionDecl *> InProgress;
  llvm::DenseMap<const FunctionDecl *, bool> MayChange;
  llvm::DenseMap<const FunctionDecl *, llvm::DenseSet<const VarDecl *>>
      Reassigned;
  llvm::DenseMap<const FunctionDecl *,
                 llvm::DenseMap<const Expr *, const ConditionalOperator *>>
      Conditionals;
  unsigned Depth = 0;

  Impl(const RuleSet &Rules, ASTContext &Ctx)
      : Rules(Rules), Ctx(Ctx), SM(Ctx.getSourceManager()) {}

  // --- holds -------------------------------------------------------------

  static void add(ContextState &S, Hold H) {
    if (!llvm::is_contained(S.Holds, H))
      S.Holds.push_back(std::move(H));
    // A new hold opens a new region: a macro release met again is real.
    S.ReleasedInstances.clear();
  }

  /// Drops the most recent hold of the entry's family on the same object,
  /// else the most recent of the family: lock expressions are spelled
  /// differently at lock and unlock often enough.
  static void release(ContextState &S, const ApiEntry *Entry,
                      const std::optional<AccessPath> &Object) {
    auto Matches = [&](const Hold &H, bool SameObject) {
      return H.Entry && H.Entry->Family == Entry->Family &&
             (!SameObject || H.Object == Object);
    };
    for (bool SameObject : {true, false})
      for (auto It = S.Holds.rbegin(); It != S.Holds.rend(); ++It)
        if (Matches(*It, SameObject)) {
          S.Holds.erase(std::next(It).base());
          return;
        }
    if (S.RecordForeignReleases) {
      auto Release = std::make_pair(Entry, Object);
      if (!llvm::is_contained(S.ForeignReleases, Release))
        S.ForeignReleases.push_back(std::move(Release));
    }
  }

  // --- elements ----------------------------------------------------------

  void transfer(const CFGElement &Element, const FunctionDecl *Function,
                ContextState &S) {
    if (auto Cleanup = Element.getAs<CFGCleanupFunction>()) {
      cleanup(*Cleanup, Function, S);
      return;
    }
    auto StmtElement = Element.getAs<CFGStmt>();
    if (!StmtElement)
      return;
    const Stmt *Node = StmtElement->getStmt();
    SourceLocation Instance;
    if (const ApiEntry *Entry =
            macroEntry(Node, EntryGroup::Resource, &Instance)) {
      // Every statement of the invocation comes here: the first takes the
      // hold.
      if (isAcquire(Entry) && llvm::none_of(S.Holds, [&](const Hold &H) {
            return H.Instance == Instance;
          }))
        add(S, Hold{Entry, std::nullopt, Node, Instance, nullptr, false});
      else if (isRelease(Entry) &&
               S.ReleasedInstances.insert(Instance.getPtrEncoding()).second)
        release(S, Entry, std::nullopt);
    }
    if (const auto *Decl = dyn_cast<DeclStmt>(Node)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          bindTrylockResult(Var, Var->getInit(), S);
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(Node);
               Binary && Binary->getOpcode() == BO_Assign) {
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Binary->getLHS()->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
          bindTrylockResult(Var, Binary->getRHS(), S);
    } else if (const auto *Call = dyn_cast<CallExpr>(Node)) {
      call(Call, Function, S);
    }
  }

  void bindTrylockResult(const VarDecl *Var, const Expr *Value,
                         ContextState &S) {
    S.TrylockVars.erase(Var);
    if (!Value)
      return;
    if (const auto *Call =
            dyn_cast<CallExpr>(stripValuePreserving(Value)->IgnoreParenCasts()))
      if (isTrylock(Call))
        S.TrylockVars[Var] = Call;
  }

  bool isTrylock(const CallExpr *Call) const {
    const ApiEntry *Entry = lookupCallee(Call, Rules);
    return isAcquire(Entry) && Entry->canFail();
  }

  void call(const CallExpr *Call, const FunctionDecl *Function,
            ContextState &S) {
    const ApiEntry *Entry = lookupCallee(Call, Rules);
    if (isAcquire(Entry) || isRelease(Entry)) {
      std::optional<AccessPath> Object;
      if (Entry->HeldArg && *Entry->HeldArg < Call->getNumArgs())
        Object = heldObject(Call->getArg(*Entry->HeldArg), Function);
      if (isRelease(Entry))
        release(S, Entry, Object);
      else
        add(S, Hold{Entry, Object, Call, SourceLocation(), nullptr,
                    Entry->canFail()});
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Entry || !Callee || Call->getBuiltinCallee())
      return;
    if (const ContextEffects *E = effectsOf(Callee))
      apply(*E, Call, Function, S, [&](const AccessPath &Inner) {
        return toCaller(Inner, Call, Function);
      });
  }

  /// A cleanup.h guard's destructor, called with the guard's address when
  /// it goes out of scope.
  void cleanup(const CFGCleanupFunction &Cleanup, const FunctionDecl *Function,
               ContextState &S) {
    const FunctionDecl *Destructor = Cleanup.getFunctionDecl();
    if (!Destructor)
      return;
    const ContextEffects *E = effectsOf(Destructor);
    if (!E)
      return;
    const VarDecl *Guard = Cleanup.getVarDecl();
    apply(*E, nullptr, Function, S,
          [&](const AccessPath &Inner) -> std::optional<AccessPath> {
            if (Inner.steps().empty() || Inner.steps()[0].Field)
              return std::nullopt;
            return withSteps(AccessPath(Guard), Inner.steps().drop_front());
          });
  }

  template <typename MapFn>
  void apply(const ContextEffects &E, const CallExpr *Call,
             const FunctionDecl *Function, ContextState &S, MapFn Map) {
    for (const ContextEffects::Released &R : E.Releases)
      release(S, R.Entry, R.Object ? Map(*R.Object) : std::nullopt);
    for (const ContextEffects::Acquired &A : E.Acquires)
      add(S, Hold{A.Entry, A.Object ? Map(*A.Object) : std::nullopt,
                  Call ? static_cast<const Stmt *>(Call) : A.Site,
                  SourceLocation(), A.Site, false});
  }

  // --- branches ----------------------------------------------------------

  /// Strips what does not change a condition's truth, counting negations.
  const Expr *stripTruth(const Expr *E, bool &Value) const {
    for (unsigned I = 0; E && I < MaxStripDepth; ++I) {
      E = E->IgnoreParens();
      if (const auto *Cast = dyn_cast<CastExpr>(E)) {
        E = Cast->getSubExpr();
        continue;
      }
      if (const auto *Unary = dyn_cast<UnaryOperator>(E);
          Unary && Unary->getOpcode() == UO_LNot) {
        Value = !Value;
        E = Unary->getSubExpr();
        continue;
      }
      if (const auto *Call = dyn_cast<CallExpr>(E);
          Call && Call->getNumArgs() > 0 &&
          (Call->getBuiltinCallee() == Builtin::BI__builtin_expect ||
           Call->getBuiltinCallee() ==
               Builtin::BI__builtin_expect_with_probability)) {
        E = Call->getArg(0);
        continue;
      }
      if (const auto *StmtE = dyn_cast<StmtExpr>(E)) {
        const CompoundStmt *Body = StmtE->getSubStmt();
        const auto *Last =
            Body->body_empty() ? nullptr : dyn_cast<Expr>(Body->body_back());
        if (!Last)
          return E;
        E = Last;
        continue;
      }
      if (const auto *Binary = dyn_cast<BinaryOperator>(E);
          Binary && Binary->isEqualityOp()) {
        const Expr *Other = nullptr;
        if (isZero(Binary->getRHS()))
          Other = Binary->getLHS();
        else if (isZero(Binary->getLHS()))
          Other = Binary->getRHS();
        if (!Other)
          return E;
        if (Binary->getOpcode() == BO_EQ)
          Value = !Value;
        E = Other;
        continue;
      }
      // c ? 1 : 0 is c; c ? 0 : 1 is !c (spin_trylock_irqsave()).
      if (const auto *Conditional = dyn_cast<ConditionalOperator>(E)) {
        std::optional<bool> T = truthConstant(Conditional->getTrueExpr());
        std::optional<bool> F = truthConstant(Conditional->getFalseExpr());
        if (!T || !F || *T == *F)
          return E;
        if (!*T)
          Value = !Value;
        E = Conditional->getCond();
        continue;
      }
      return E;
    }
    return E;
  }

  bool isZero(const Expr *E) const {
    Expr::EvalResult R;
    return !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
           R.Val.getInt() == 0;
  }

  std::optional<bool> truthConstant(const Expr *E) const {
    bool Ignored = true;
    E = stripTruth(E, Ignored);
    Expr::EvalResult R;
    if (!E || E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    return R.Val.getInt() != 0;
  }

  bool assume(const Expr *Cond, bool Taken, const FunctionDecl *Function,
              ContextState &S) {
    if (const ConditionalOperator *Op = conditionalOf(Cond, Function))
      S.Arms[Op] = Taken;

    bool Value = Taken;
    const Expr *Tested = stripTruth(Cond, Value);
    if (!Tested)
      return true;
    if (const ApiEntry *Test = contextTest(Tested);
        Test && Value != Test->Atomic)
      S.Sleepable = true;

    const CallExpr *Trylock = dyn_cast<CallExpr>(Tested);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Tested)) {
      auto Bound = S.TrylockVars.find(dyn_cast<VarDecl>(Ref->getDecl()));
      Trylock = Bound == S.TrylockVars.end() ? nullptr : Bound->second;
    }
    if (!Trylock || !isTrylock(Trylock))
      return true;
    const ApiEntry *Entry = lookupCallee(Trylock, Rules);
    bool Succeeded = succeedsWhenNonZero(*Entry) ? Value : !Value;
    auto [Known, Inserted] = S.Trylocks.try_emplace(Trylock, Succeeded);
    if (!Inserted)
      return Known->second == Succeeded;
    for (auto It = S.Holds.begin(); It != S.Holds.end(); ++It)
      if (It->Tentative && It->Site == Trylock) {
        if (Succeeded)
          It->Tentative = false;
        else
          S.Holds.erase(It);
        break;
      }
    return true;
  }

  /// The context-test entry a condition is: a call of one, or exactly one
  /// invocation of a macro that is one.
  const ApiEntry *contextTest(const Expr *E) {
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const ApiEntry *Entry =
              lookupCallee(Call, Rules, EntryGroup::ContextTest))
        return Entry;
    SourceLocation Instance;
    const ApiEntry *Entry = macroEntry(E, EntryGroup::ContextTest, &Instance);
    if (Entry && isFromInstance(E->getEndLoc(), Instance, SM))
      return Entry;
    return nullptr;
  }

  const ConditionalOperator *conditionalOf(const Expr *Cond,
                                           const FunctionDecl *Function) {
    auto [It, Inserted] = Conditionals.try_emplace(Function);
    if (Inserted && Function->getBody()) {
      struct Finder : RecursiveASTVisitor<Finder> {
        llvm::DenseMap<const Expr *, const ConditionalOperator *> &Out;
        explicit Finder(
            llvm::DenseMap<const Expr *, const ConditionalOperator *> &Out)
            : Out(Out) {}
        bool VisitConditionalOperator(ConditionalOperator *Op) {
          Out[Op->getCond()->IgnoreParens()] = Op;
          return true;
        }
      } F(It->second);
      F.TraverseStmt(Function->getBody());
    }
    return It->second.lookup(Cond->IgnoreParens());
  }

  // --- macros ------------------------------------------------------------

  const ApiEntry *macroEntry(const Stmt *S, EntryGroup Group,
                             SourceLocation *Instance) {
    if (!Rules.hasMacroEntries() || !S->getBeginLoc().isMacroID())
      return nullptr;
    auto [It, Inserted] =
        Macros.try_emplace({S, static_cast<unsigned>(Group)}, MacroMatch());
    if (Inserted)
      It->second =
          lookupMacro(S->getBeginLoc(), Rules, Group, SM, Ctx.getLangOpts());
    if (Instance)
      *Instance = It->second.Instance;
    return It->second.Entry;
  }

  // --- objects -----------------------------------------------------------

  std::optional<AccessPath> heldObject(const Expr *Arg,
                                       const FunctionDecl *Function) {
    const Expr *E = Arg->IgnoreParenCasts();
    // Helpers such as spinlock_check(lock) hand back a member of their
    // argument: the lock is named by what they were given.
    for (unsigned I = 0; I < MaxStripDepth; ++I) {
      const auto *Call = dyn_cast<CallExpr>(E);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (!Callee || Call->getNumArgs() != 1 || !Callee->hasBody() ||
          lookupCallee(Call, Rules) ||
          !Call->getArg(0)->getType()->isPointerType())
        break;
      E = Call->getArg(0)->IgnoreParenCasts();
    }
    std::optional<AccessPath> Path;
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      Path = accessPathOf(AddrOf->getSubExpr());
    } else if ((Path = accessPathOf(E))) {
      Path->addDeref();
    }
    if (!Path)
      return std::nullopt;
    return resolveLocals(*Path, Function);
  }

  /// Rewrites a path through locals that are initialized once and never
  /// assigned: "_T->lock" with "_T = &_t" and "_t = { .lock = l }" is "*l".
  AccessPath resolveLocals(AccessPath P, const FunctionDecl *Function) {
    for (unsigned I = 0; I < MaxLocalRewrites; ++I) {
      const auto *Var = dyn_cast<VarDecl>(P.base());
      if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
          !Var->getInit() || reassigned(Function).count(Var))
        return P;
      std::optional<AccessPath> Next = throughInit(
          Var->getInit()->IgnoreParenCasts(), P.steps(), /*Depth=*/0);
      if (!Next)
        return P;
      P = *Next;
    }
    return P;
  }

  std::optional<AccessPath> throughInit(const Expr *Init,
                                        llvm::ArrayRef<AccessPath::Step> Steps,
                                        unsigned Depth) {
    if (Depth > MaxStripDepth)
      return std::nullopt;
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Init);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      if (Steps.empty() || Steps[0].Field)
        return std::nullopt;
      std::optional<AccessPath> Base = accessPathOf(AddrOf->getSubExpr());
      return Base ? withSteps(*Base, Steps.drop_front()) : std::nullopt;
    }
    if (const auto *List = dyn_cast<InitListExpr>(Init)) {
      if (Steps.empty() || !Steps[0].Field)
        return std::nullopt;
      const InitListExpr *Semantic =
          List->isSemanticForm() ? List : List->getSemanticForm();
      unsigned Index = Steps[0].Field->getFieldIndex();
      if (!Semantic || Index >= Semantic->getNumInits())
        return std::nullopt;
      return throughInit(Semantic->getInit(Index)->IgnoreParenCasts(),
                         Steps.drop_front(), Depth + 1);
    }
    std::optional<AccessPath> Base = accessPathOf(Init);
    return Base ? withSteps(*Base, Steps) : std::nullopt;
  }

  const llvm::DenseSet<const VarDecl *> &
  reassigned(const FunctionDecl *Function) {
    auto [It, Inserted] = Reassigned.try_emplace(Function);
    if (Inserted && Function->getBody()) {
      struct Finder : RecursiveASTVisitor<Finder> {
        llvm::DenseSet<const VarDecl *> &Out;
        explicit Finder(llvm::DenseSet<const VarDecl *> &Out) : Out(Out) {}
        void note(const Expr *E) {
          if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
            if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
              Out.insert(Var);
        }
        bool VisitBinaryOperator(BinaryOperator *B) {
          if (B->isAssignmentOp())
            note(B->getLHS());
          return true;
        }
        bool VisitUnaryOperator(UnaryOperator *U) {
          if (U->isIncrementDecrementOp())
            note(U->getSubExpr());
          return true;
        }
      } F(It->second);
      F.TraverseStmt(Function->getBody());
    }
    return It->second;
  }

  std::optional<AccessPath> toCaller(const AccessPath &Inner,
                                     const CallExpr *Call,
                                     const FunctionDecl *Caller) {
    const auto *Param = dyn_cast<ParmVarDecl>(Inner.base());
    if (!Param)
      return std::nullopt;
    unsigned Index = Param->getFunctionScopeIndex();
    if (Index >= Call->getNumArgs())
      return std::nullopt;
    const Expr *Arg = Call->getArg(Index)->IgnoreParenCasts();
    std::optional<AccessPath> Mapped;
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      if (Inner.steps().empty() || Inner.steps()[0].Field)
        return std::nullopt;
      if (std::optional<AccessPath> Base = accessPathOf(AddrOf->getSubExpr()))
        Mapped = withSteps(*Base, Inner.steps().drop_front());
    } else if (std::optional<AccessPath> Base = accessPathOf(Arg)) {
      Mapped = withSteps(*Base, Inner.steps());
    }
    if (!Mapped)
      return std::nullopt;
    return resolveLocals(*Mapped, Caller);
  }

  // --- callee effects ----------------------------------------------------

  /// True if a function, or one it calls, can take or drop a hold: most
  /// inline helpers of kernel headers cannot, and need no analysis.
  bool mayChangeContext(const FunctionDecl *Function) {
    auto [It, Inserted] = MayChange.try_emplace(Function, false);
    if (!Inserted)
      return It->second;
    struct Finder : RecursiveASTVisitor<Finder> {
      Impl &Self;
      const FunctionDecl *Function;
      bool Found = false;
      Finder(Impl &Self, const FunctionDecl *Function)
          : Self(Self), Function(Function) {}
      bool VisitStmt(Stmt *S) {
        const ApiEntry *Macro = Self.macroEntry(S, EntryGroup::Resource,
                                                /*Instance=*/nullptr);
        Found = Found || isAcquire(Macro) || isRelease(Macro);
        return !Found;
      }
      bool VisitVarDecl(VarDecl *Var) {
        Found = Found || Var->hasAttr<CleanupAttr>();
        return !Found;
      }
      bool VisitCallExpr(CallExpr *Call) {
        const ApiEntry *Entry = lookupCallee(Call, Self.Rules);
        if (isAcquire(Entry) || isRelease(Entry)) {
          Found = true;
        } else if (!Entry) {
          const FunctionDecl *Definition = nullptr;
          if (const FunctionDecl *Callee = Call->getDirectCallee();
              Callee && Callee->hasBody(Definition) && Definition != Function)
            Found = Self.mayChangeContext(Definition);
        }
        return !Found;
      }
    } F(*this, Function);
    F.TraverseStmt(Function->getBody());
    MayChange[Function] = F.Found;
    return F.Found;
  }

  class EffectsClient : public PathClient<ContextState> {
  public:
    EffectsClient(Impl &Self, const FunctionDecl *Function)
        : Self(Self), Function(Function) {}
    bool transfer(const CFGElement &Element, ContextState &S) override {
      Self.transfer(Element, Function, S);
      return true;
    }
    bool assume(const Expr *Cond, bool Taken, ContextState &S) override {
      return Self.assume(Cond, Taken, Function, S);
    }

  private:
    Impl &Self;
    const FunctionDecl *Function;
  };

  const ContextEffects *effectsOf(const FunctionDecl *Function) {
    const FunctionDecl *Definition = nullptr;
    if (!Function->hasBody(Definition) || !Definition ||
        !mayChangeContext(Definition))
      return nullptr;
    if (auto Known = Effects.find(Definition); Known != Effects.end())
      return Known->second.get();
    if (Depth >= MaxEffectDepth || !InProgress.insert(Definition).second)
      return nullptr;
    ++Depth;
    std::unique_ptr<ContextEffects> Result = compute(Definition);
    --Depth;
    InProgress.erase(Definition);
    auto &Slot = Effects[Definition];
    Slot = std::move(Result);
    return Slot.get();
  }

  std::unique_ptr<ContextEffects> compute(const FunctionDecl *Function) {
    std::unique_ptr<CFG> Graph = buildAnalysisCFG(Function, Ctx);
    if (!Graph || Graph->size() > MaxEffectBlocks)
      return nullptr;
    EffectsClient Client(*this, Function);
    PathSensitiveAnalysis<ContextState> Engine(*Graph, Ctx, 8, 100000);
    ContextState Initial;
    Initial.RecordForeignReleases = true;
    if (!Engine.run(Client, std::move(Initial)))
      return nullptr;
    llvm::ArrayRef<ContextState> Exits = Engine.statesAt(Graph->getExit());
    if (Exits.empty())
      return nullptr;
    auto Result = std::make_unique<ContextEffects>();
    // Objects are kept when the caller can name them: through parameters.
    auto Visible = [](const std::optional<AccessPath> &Object) {
      if (Object && !isa<ParmVarDecl>(Object->base()))
        return std::optional<AccessPath>();
      return Object;
    };
    for (const Hold &H : Exits.front().Holds) {
      if (H.Tentative || !llvm::all_of(Exits, [&](const ContextState &S) {
            return llvm::is_contained(S.Holds, H);
          }))
        continue;
      Result->Acquires.push_back(
          {H.Entry, Visible(H.Object), H.Inner ? H.Inner : H.Site});
    }
    for (const ContextState &Exit : Exits)
      for (const auto &[Entry, Object] : Exit.ForeignReleases)
        Result->Releases.push_back({Entry, Visible(Object)});
    if (Result->Acquires.empty() && Result->Releases.empty())
      return nullptr;
    return Result;
  }
};

ContextTracker::ContextTracker(const RuleSet &Rules, ASTContext &Ctx)
    : P(std::make_unique<Impl>(Rules, Ctx)) {}

ContextTracker::~ContextTracker() = default;

void ContextTracker::release(ContextState &State, const ApiEntry *Entry,
                             const std::optional<AccessPath> &Object) {
  Impl::release(State, Entry, Object);
}

void ContextTracker::transfer(const CFGElement &Element,
                              const FunctionDecl *Function,
                              ContextState &State) {
  P->transfer(Element, Function, State);
}

bool ContextTracker::assume(const Expr *Cond, bool Taken,
                            const FunctionDecl *Function, ContextState &State) {
  return P->assume(Cond, Taken, Function, State);
}

const ApiEntry *ContextTracker::macroEntry(const Stmt *S, EntryGroup Group,
                                           SourceLocation *Instance) {
  return P->macroEntry(S, Group, Instance);
}

const ContextEffects *ContextTracker::effectsOf(const FunctionDecl *Function) {
  return P->effectsOf(Function);
}

std::optional<AccessPath>
ContextTracker::heldObject(const Expr *Arg, const FunctionDecl *Function) {
  return P->heldObject(Arg, Function);
}

std::optional<AccessPath> ContextTracker::toCaller(const AccessPath &Inner,
                                                   const CallExpr *Call,
                                                   const FunctionDecl *Caller) {
  return P->toCaller(Inner, Call, Caller);
}

std::string ContextTracker::apiName(const Hold &H) const {
  if (H.Instance.isValid()) {
    SourceLocation At = P->SM.getExpansionLoc(H.Instance);
    return Lexer::getSourceText(CharSourceRange::getTokenRange(At, At), P->SM,
                                P->Ctx.getLangOpts())
        .str();
  }
  if (H.Inner) // Taken inside a callee: name the callee.
    if (const auto *Call = dyn_cast_or_null<CallExpr>(H.Site))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return Callee->getNameAsString();
  if (const auto *Call = dyn_cast_or_null<CallExpr>(H.Site))
    return spelledApiName(Call, P->Ctx);
  return H.Entry ? H.Entry->Name : "";
}

SourceLocation ContextTracker::holdLocation(const Hold &H) const {
  if (H.Instance.isValid())
    return P->SM.getExpansionLoc(H.Instance);
  return H.Site ? reportLocation(H.Site->getBeginLoc(), P->SM)
                : SourceLocation();
}

/// "spinlock 'priv->lock'", "read lock 'dev->rw'": a held lock for prose.
static std::string lockPhrase(const Hold &H) {
  llvm::StringRef Word = llvm::StringSwitch<llvm::StringRef>(H.Entry->Family)
                             .Case("rwlock-read", "read lock")
                             .Case("rwlock-write", "write lock")
                             .Case("bit_spinlock", "bit spinlock")
                             .Default(H.Entry->Family);
  if (!H.Object)
    return Word.str();
  return (Word + " '" + H.Object->spelling() + "'").str();
}

std::string ContextTracker::describe(const Hold &H) const {
  llvm::StringRef Family = H.Entry ? llvm::StringRef(H.Entry->Family) : "";
  if (isLock(H))
    return "while " + lockPhrase(H) + " is held";
  if (Family.starts_with("rcu"))
    return "inside an RCU read-side critical section";
  if (Family == "irq")
    return "while interrupts are disabled";
  if (Family == "preempt")
    return "while preemption is disabled";
  if (Family == "bh")
    return "while bottom halves are disabled";
  return "while '" + apiName(H) + "' is in effect";
}

std::string ContextTracker::takenHere(const Hold &H) const {
  llvm::StringRef Family = H.Entry ? llvm::StringRef(H.Entry->Family) : "";
  std::string Text;
  if (isLock(H))
    Text = lockPhrase(H) + " is taken here";
  else if (Family.starts_with("rcu"))
    Text = "the RCU read-side critical section starts here";
  else if (Family == "irq")
    Text = "interrupts are disabled here";
  else if (Family == "preempt")
    Text = "preemption is disabled here";
  else if (Family == "bh")
    Text = "bottom halves are disabled here";
  else
    return "'" + apiName(H) + "' is called here";
  if (H.Inner) // Taken by a helper: say which.
    Text += ", by '" + apiName(H) + "'";
  return Text;
}

} // namespace memtidy
