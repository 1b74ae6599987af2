//===--- WasmStaleMemoryPointerCheck.cpp - memtidy ------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A path-sensitive walk over each function that handles WebAssembly memory.
// Host pointers into linear memory come from memory-base calls
// (wasm_memory_data), guest-address conversions (addr_app_to_native), the
// '*', '*~' and '$' parameters of WAMR natives, and copies of these and
// pointers derived from them. A call that may move memory (rule-pack
// moves-memory and calls-guest entries, and functions of the file that make
// one) turns every such pointer stale; a stale pointer dereferenced or
// passed to a function is reported. Assigning a fresh pointer refreshes it.
// Shared memories grow in place and are not tracked.
//
//===----------------------------------------------------------------------===//

#include "WasmStaleMemoryPointerCheck.h"
#include "support/AccessPath.h"
#include "support/ApiCalls.h"
#include "support/PathSensitive.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <map>
#include <set>

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

using mt::AccessPath;

/// A pointer into linear memory held in a location.
struct Held {
  /// Where it was obtained (a call, or the parameter it arrived in).
  const Decl *Param = nullptr;
  const Expr *Origin = nullptr;
  /// The call after which it may dangle, if any.
  const CallExpr *StaleBy = nullptr;
  bool operator==(const Held &O) const {
    return Param == O.Param && Origin == O.Origin && StaleBy == O.StaleBy;
  }
};

struct State {
  std::map<AccessPath, Held> Ptrs;
  bool operator==(const State &O) const { return Ptrs == O.Ptrs; }
  bool sameProperty(const State &O) const { return *this == O; }
  /// A location holds a linear-memory pointer where every path says so; it
  /// is stale where some path made it so.
  void joinWith(const State &O) {
    for (auto It = Ptrs.begin(); It != Ptrs.end();) {
      auto Other = O.Ptrs.find(It->first);
      if (Other == O.Ptrs.end() || Other->second.Origin != It->second.Origin ||
          Other->second.Param != It->second.Param) {
        It = Ptrs.erase(It);
        continue;
      }
      if (!It->second.StaleBy)
        It->second.StaleBy = Other->second.StaleBy;
      ++It;
    }
  }
};

struct Use {
  const Expr *At;
  AccessPath Pointer;
  Held What;
  /// For a pointer cached by an earlier call: where it was stored.
  const Expr *CachedAt = nullptr;
};

const CallExpr *freshPointer(const Expr *E, const mt::RuleSet &Rules,
                             unsigned Depth = 0);

/// True if every return of \p F that is not NULL gives a fresh pointer into
/// linear memory (a helper such as memory_base(inst)).
bool returnsFreshPointer(const FunctionDecl *F, const mt::RuleSet &Rules,
                         unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (Depth > 2 || !F->getReturnType()->isPointerType() ||
      !F->hasBody(Definition) || !Definition)
    return false;
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    ASTContext &Ctx;
    unsigned Depth;
    bool Fresh = false, Other = false;
    Finder(const mt::RuleSet &Rules, ASTContext &Ctx, unsigned Depth)
        : Rules(Rules), Ctx(Ctx), Depth(Depth) {}
    bool VisitReturnStmt(ReturnStmt *Return) {
      const Expr *Value = Return->getRetValue();
      if (!Value || Value->IgnoreParenCasts()->isNullPointerConstant(
                        Ctx, Expr::NPC_ValueDependentIsNotNull))
        return true;
      if (freshPointer(Value, Rules, Depth + 1))
        Fresh = true;
      else
        Other = true;
      return !Other;
    }
  } Find(Rules, Definition->getASTContext(), Depth);
  Find.TraverseStmt(Definition->getBody());
  return Find.Fresh && !Find.Other;
}

/// A fresh pointer into linear memory that \p E obtains, if it calls for
/// one: memory_base(...), to_native(inst, off), offsets from them, and
/// helpers of the file that return them.
const CallExpr *freshPointer(const Expr *E, const mt::RuleSet &Rules,
                             unsigned Depth) {
  E = mt::pointerBaseOf(E->IgnoreParenCasts())->IgnoreParenCasts();
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return nullptr;
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
  if (!Entry) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && returnsFreshPointer(Callee, Rules, Depth) ? Call : nullptr;
  }
  if (Entry->Kind == mt::ApiKind::MemoryBase)
    return Entry->SharedMemory ? nullptr : Call;
  if (Entry->Kind == mt::ApiKind::GuestAddress)
    return Call;
  return nullptr;
}

/// Globals and fields that some function of the file stores a fresh
/// linear-memory pointer in, with one such store.
struct CachedBases {
  llvm::DenseMap<const Decl *, const Expr *> Stores;

  void collect(const FunctionDecl *F, const mt::RuleSet &Rules) {
    struct Finder : RecursiveASTVisitor<Finder> {
      CachedBases &Into;
      const mt::RuleSet &Rules;
      Finder(CachedBases &Into, const mt::RuleSet &Rules)
          : Into(Into), Rules(Rules) {}
      bool VisitBinaryOperator(BinaryOperator *Assign) {
        if (Assign->getOpcode() != BO_Assign ||
            !freshPointer(Assign->getRHS(), Rules))
          return true;
        const Expr *Target = Assign->getLHS()->IgnoreParenImpCasts();
        const Decl *Where = nullptr;
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Target)) {
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
              Var && Var->hasGlobalStorage())
            Where = Var;
        } else if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
          Where = dyn_cast<FieldDecl>(Member->getMemberDecl());
        }
        if (Where)
          Into.Stores.try_emplace(Where, Assign);
        return true;
      }
    } Find(*this, Rules);
    Find.TraverseStmt(F->getBody());
  }

  /// The store that cached what \p P holds, if P is such a global or field.
  const Expr *cachedIn(const AccessPath &P) const {
    const Decl *Last = P.base();
    if (!P.steps().empty()) {
      if (!P.steps().back().Field)
        return nullptr;
      Last = P.steps().back().Field;
    } else if (const auto *Var = dyn_cast<VarDecl>(P.base());
               !Var || !Var->hasGlobalStorage()) {
      return nullptr;
    }
    return Stores.lookup(Last);
  }
};

class Analysis : public mt::PathClient<State> {
public:
  Analysis(WasmStaleMemoryPointerCheck &Check, const mt::RuleSet &Rules,
           const mt::GuestEntryPoints &Entries, const CachedBases &Cached,
           const FunctionDecl *Function)
      : Check(Check), Rules(Rules), Entries(Entries), Cached(Cached),
        Function(Function), Callback(Entries.isEntryPoint(Function)) {}

  bool Reporting = false;
  std::map<const Expr *, Use> Uses;

  void initial(State &S) {
    // WAMR converted these parameters to host pointers before the call.
    const mt::NativeFunction *Native = Entries.native(Function);
    if (!Native || Native->Raw)
      return;
    for (unsigned I = 1; I < Function->getNumParams(); ++I) {
      std::optional<mt::NativeParam> Kind = Native->paramKind(I);
      if (!Kind || (*Kind != mt::NativeParam::Pointer &&
                    *Kind != mt::NativeParam::Buffer &&
                    *Kind != mt::NativeParam::String))
        continue;
      const ParmVarDecl *Param = Function->getParamDecl(I);
      if (Param->getType()->isPointerType())
        S.Ptrs[AccessPath(Param)] = Held{Param, nullptr, nullptr};
    }
  }

  bool transfer(const CFGElement &Element, State &S) override {
    std::optional<CFGStmt> Stmt = Element.getAs<CFGStmt>();
    if (!Stmt)
      return true;
    const auto *S0 = Stmt->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(S0)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          assign(AccessPath(Var), Var->getInit(), S);
      return true;
    }
    const auto *E = dyn_cast<Expr>(S0);
    if (!E)
      return true;
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      if (Binary->getOpcode() == BO_Assign)
        if (auto Path = mt::accessPathOf(Binary->getLHS()))
          assign(*Path, Binary->getRHS(), S);
      return true;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() == UO_Deref)
        used(Unary, Unary->getSubExpr(), S);
      return true;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      used(Subscript, Subscript->getBase(), S);
      return true;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        used(Member, Member->getBase(), S);
      return true;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return call(Call, S);
    return true;
  }

  bool assume(const Expr *, bool, State &) override { return true; }

private:
  WasmStaleMemoryPointerCheck &Check;
  const mt::RuleSet &Rules;
  const mt::GuestEntryPoints &Entries;
  const CachedBases &Cached;
  const FunctionDecl *Function;
  /// The guest calls it: memory may have moved since anything was cached.
  bool Callback;

  /// The location whose linear-memory pointer \p E computes from: p for
  /// (char *)p + n, &p[i] and &p->f.
  std::optional<AccessPath> heldIn(const Expr *E, const State &S) const {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = mt::pointerBaseOf(E->IgnoreParenCasts())->IgnoreParenCasts();
      if (auto Path = mt::accessPathOf(E); Path && S.Ptrs.count(*Path))
        return Path;
      const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
        return std::nullopt;
      const Expr *Sub = AddrOf->getSubExpr()->IgnoreParens();
      if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Sub))
        E = Subscript->getBase();
      else if (const auto *Member = dyn_cast<MemberExpr>(Sub);
               Member && Member->isArrow())
        E = Member->getBase();
      else
        return std::nullopt;
    }
    return std::nullopt;
  }

  void assign(const AccessPath &Target, const Expr *Value, State &S) {
    std::optional<Held> New;
    if (Value) {
      if (const CallExpr *Fresh = freshPointer(Value, Rules))
        New = Held{nullptr, Fresh, nullptr};
      else if (auto From = heldIn(Value, S))
        New = S.Ptrs[*From];
    }
    for (auto It = S.Ptrs.begin(); It != S.Ptrs.end();)
      It =
          It->first.isReachedThrough(Target) ? S.Ptrs.erase(It) : std::next(It);
    if (New)
      S.Ptrs[Target] = *New;
  }

  void used(const Expr *At, const Expr *Pointer, State &S) {
    std::optional<AccessPath> Path = heldIn(Pointer, S);
    if (!Path) {
      // A base cached by an earlier call, not fetched again here.
      if (!Callback || !Reporting || Uses.count(At))
        return;
      std::optional<AccessPath> Cache = mt::accessPathOf(
          mt::pointerBaseOf(Pointer->IgnoreParenCasts())->IgnoreParenCasts());
      if (!Cache)
        return;
      if (const Expr *Store = Cached.cachedIn(*Cache))
        Uses.emplace(At, Use{At, *Cache, {}, Store});
      return;
    }
    const Held &H = S.Ptrs[*Path];
    if (!H.StaleBy || !Reporting || Uses.count(At))
      return;
    Uses.emplace(At, Use{At, *Path, H});
  }

  bool call(const CallExpr *Call, State &S) {
    // Arguments are read before the callee runs.
    for (const Expr *Arg : Call->arguments())
      if (Arg->getType()->isPointerType())
        used(Arg, Arg, S);
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (Entry && Entry->Kind == mt::ApiKind::NoReturn)
      return false;
    const CallExpr *Moving = nullptr;
    if (Entry && (Entry->Kind == mt::ApiKind::MovesMemory ||
                  Entry->Kind == mt::ApiKind::CallsGuest))
      Moving = Call;
    else if (const FunctionDecl *Callee = Call->getDirectCallee();
             !Entry && Callee && Check.movingCall(Callee))
      Moving = Call;
    if (!Moving)
      return true;
    for (auto &[Path, H] : S.Ptrs)
      if (!H.StaleBy)
        H.StaleBy = Call;
    // wasm_runtime_module_malloc(inst, size, &p): p is fresh.
    if (Entry && Entry->Kind == mt::ApiKind::MovesMemory && Entry->OutArg &&
        *Entry->OutArg < Call->getNumArgs()) {
      const Expr *Out = Call->getArg(*Entry->OutArg)->IgnoreParenCasts();
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Out);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        if (auto Path = mt::accessPathOf(AddrOf->getSubExpr()))
          S.Ptrs[*Path] = Held{nullptr, Call, nullptr};
    }
    return true;
  }
};

/// True if the function may deal with linear memory: a WAMR native, or a
/// body that calls an API of the WebAssembly packs.
bool handlesMemory(const FunctionDecl *F, const mt::RuleSet &Rules,
                   const mt::GuestEntryPoints &Entries) {
  if (Entries.native(F))
    return true;
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    bool Found = false;
    explicit Finder(const mt::RuleSet &Rules) : Rules(Rules) {}
    bool VisitCallExpr(CallExpr *Call) {
      if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules))
        if (Entry->Kind == mt::ApiKind::MemoryBase ||
            Entry->Kind == mt::ApiKind::GuestAddress)
          Found = true;
      return !Found;
    }
  } Find(Rules);
  Find.TraverseStmt(F->getBody());
  return Find.Found;
}

/// A boolean option as clang-tidy spells them. The plugin cannot use
/// OptionsView::get<bool>: clang-tidy-19 does not export it.
bool isTrue(llvm::StringRef Value) {
  return Value.equals_insensitive("true") || Value == "1";
}

} // namespace

WasmStaleMemoryPointerCheck::WasmStaleMemoryPointerCheck(
    StringRef Name, ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      AssumeStaticMemory(isTrue(Options.get("AssumeStaticMemory", "false"))) {}

void WasmStaleMemoryPointerCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "AssumeStaticMemory",
                AssumeStaticMemory ? "true" : "false");
}

void WasmStaleMemoryPointerCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  mt::GuestEntryPoints::addMatchers(Finder, this, *Rules);
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

void WasmStaleMemoryPointerCheck::check(
    const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Entries.record(Result, *Rules))
    return;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  const SourceManager &SM = Result.Context->getSourceManager();
  if (SM.isInMainFile(SM.getExpansionLoc(Function->getLocation())))
    Functions.push_back(Function);
}

const CallExpr *
WasmStaleMemoryPointerCheck::movingCall(const FunctionDecl *Function,
                                        unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition || Depth > 4)
    return nullptr;
  auto [It, Inserted] = Moves.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    WasmStaleMemoryPointerCheck &Check;
    const mt::RuleSet &Rules;
    unsigned Depth;
    const CallExpr *Found = nullptr;
    Finder(WasmStaleMemoryPointerCheck &Check, const mt::RuleSet &Rules,
           unsigned Depth)
        : Check(Check), Rules(Rules), Depth(Depth) {}
    bool VisitCallExpr(CallExpr *Call) {
      if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules)) {
        if (Entry->Kind == mt::ApiKind::MovesMemory ||
            Entry->Kind == mt::ApiKind::CallsGuest)
          Found = Call;
      } else if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        if (const CallExpr *Inner = Check.movingCall(Callee, Depth + 1))
          Found = Inner;
      }
      return !Found;
    }
  } Find(*this, *Rules, Depth);
  Find.TraverseStmt(Definition->getBody());
  Moves[Definition] = Find.Found;
  return Find.Found;
}

void WasmStaleMemoryPointerCheck::onEndOfTranslationUnit() {
  if (!Ctx || !Rules) {
    Functions.clear();
    return;
  }
  ASTContext &Context = *Ctx;
  const SourceManager &SM = Context.getSourceManager();
  CachedBases Cached;
  for (const FunctionDecl *Function : Functions)
    Cached.collect(Function, *Rules);
  for (const FunctionDecl *Function : Functions) {
    if (!handlesMemory(Function, *Rules, Entries) &&
        !(Entries.isEntryPoint(Function) && !Cached.Stores.empty()))
      continue;
    std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Context);
    if (!Graph)
      continue;
    Analysis A(*this, *Rules, Entries, Cached, Function);
    mt::PathSensitiveAnalysis<State> Engine(*Graph, Context);
    State Initial;
    A.initial(Initial);
    if (!Engine.run(A, std::move(Initial)))
      continue;
    A.Reporting = true;
    Engine.replay(A);
    // The first use of each pointer after each moving call, in source
    // order: the later ones add nothing.
    std::vector<const Use *> Ordered;
    for (const auto &[At, U] : A.Uses)
      Ordered.push_back(&U);
    llvm::sort(Ordered, [&](const Use *L, const Use *R) {
      return SM.isBeforeInTranslationUnit(L->At->getBeginLoc(),
                                          R->At->getBeginLoc());
    });
    std::set<std::pair<AccessPath, const CallExpr *>> Reported;
    for (const Use *Each : Ordered) {
      const Use &U = *Each;
      const Expr *At = U.At;
      if (!Reported.insert({U.Pointer, U.What.StaleBy}).second)
        continue;
      if (U.CachedAt) {
        diag(mt::reportLocation(At->getBeginLoc(), SM),
             "'%0' holds a pointer into linear memory stored by an earlier "
             "call; the guest may have grown the memory since%select{|, so it "
             "may dangle: fetch the base again}1",
             AssumeStaticMemory ? DiagnosticIDs::Remark
                                : DiagnosticIDs::Warning)
            << U.Pointer.spelling() << !AssumeStaticMemory
            << At->getSourceRange();
        diag(mt::reportLocation(U.CachedAt->getBeginLoc(), SM),
             "it is stored here", DiagnosticIDs::Note)
            << U.CachedAt->getSourceRange();
        continue;
      }
      const CallExpr *Moving = U.What.StaleBy;
      std::string Mover = mt::spelledApiName(Moving, Context);
      const CallExpr *Api = Moving;
      if (!mt::lookupCallee(Moving, *Rules))
        if (const FunctionDecl *Callee = Moving->getDirectCallee())
          if (const CallExpr *Inner = movingCall(Callee))
            Api = Inner;
      diag(mt::reportLocation(At->getBeginLoc(), SM),
           "'%0' points into linear memory and is used after '%1', which may "
           "grow the memory and move it%select{|; the pointer may dangle}2",
           AssumeStaticMemory ? DiagnosticIDs::Remark : DiagnosticIDs::Warning)
          << U.Pointer.spelling() << Mover << !AssumeStaticMemory
          << At->getSourceRange();
      if (U.What.Origin)
        diag(mt::reportLocation(U.What.Origin->getBeginLoc(), SM),
             "'%0' is obtained here", DiagnosticIDs::Note)
            << U.Pointer.spelling() << U.What.Origin->getSourceRange();
      else if (U.What.Param)
        diag(mt::reportLocation(U.What.Param->getLocation(), SM),
             "'%0' is converted by the runtime before the call, as its "
             "signature asks",
             DiagnosticIDs::Note)
            << U.Pointer.spelling();
      diag(mt::reportLocation(Moving->getBeginLoc(), SM),
           Api == Moving ? "'%0' may move linear memory here"
                         : "'%0' may move linear memory here: it calls '%1'",
           DiagnosticIDs::Note)
          << Mover << mt::spelledApiName(Api, Context)
          << Moving->getSourceRange();
    }
  }
  Functions.clear();
  Moves.clear();
  Entries.clear();
}

} // namespace clang::tidy::memtidy
