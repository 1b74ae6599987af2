//===--- WasmMemoryViewEscapeCheck.cpp - memtidy --------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A path-sensitive walk over each function that makes a memory view (the
// rule packs' memory-view entries). A view is classified by the storage its
// pointer argument shows: a local array or object, a temporary, the
// elements of a container (v.data(), &v[0]), or other memory. Local
// variables that hold a view -- the view itself, a val or any object
// constructed from it, a local val that received it through set() -- are
// followed through copies. A view of local or temporary storage that is
// returned, or stored anywhere but in a local variable, escapes. A held
// view becomes unusable after a call that may allocate (memory may grow,
// which detaches every view) and after a growth of the viewed container
// (its elements move); a later use of the holder is reported.
//
//===----------------------------------------------------------------------===//

#include "WasmMemoryViewEscapeCheck.h"
#include "support/AccessPath.h"
#include "support/ApiCalls.h"
#include "support/PathSensitive.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <map>
#include <set>

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

enum class Storage { Other, Local, Temporary };

/// A memory view some local variable holds, or an expression yields.
struct View {
  const Expr *Creation = nullptr;
  Storage Kind = Storage::Other;
  /// For Storage::Local: the variable whose memory it shows.
  const VarDecl *Local = nullptr;
  /// The container whose elements it shows, as (variable, field): (v, null)
  /// for v.data(), (null, m) for this->m.data(), (p, m) for p->m.data().
  const ValueDecl *ContainerBase = nullptr;
  const ValueDecl *ContainerField = nullptr;
  const Expr *ContainerExpr = nullptr;
  /// The allocation after which it may be detached, if any.
  const Expr *StaleBy = nullptr;
  /// The growth of the viewed container after which it may dangle, if any.
  const Expr *ReallocBy = nullptr;

  bool escapes() const { return Kind != Storage::Other; }
  bool operator==(const View &O) const {
    return Creation == O.Creation && StaleBy == O.StaleBy &&
           ReallocBy == O.ReallocBy;
  }
};

struct State {
  std::map<const VarDecl *, View> Holders;
  bool operator==(const State &O) const { return Holders == O.Holders; }
  bool sameProperty(const State &O) const { return *this == O; }
  /// A variable holds a view where every path says so; the view is stale
  /// where some path made it so.
  void joinWith(const State &O) {
    for (auto It = Holders.begin(); It != Holders.end();) {
      auto Other = O.Holders.find(It->first);
      if (Other == O.Holders.end() ||
          Other->second.Creation != It->second.Creation) {
        It = Holders.erase(It);
        continue;
      }
      if (!It->second.StaleBy)
        It->second.StaleBy = Other->second.StaleBy;
      if (!It->second.ReallocBy)
        It->second.ReallocBy = Other->second.ReallocBy;
      ++It;
    }
  }
};

enum class UseKind { Realloc, Stale, Temporary };

struct Use {
  const DeclRefExpr *At;
  const VarDecl *Holder;
  View What;
  UseKind Kind;
};

struct Escape {
  const Stmt *At;
  View What;
  /// Where it goes: empty for the return value.
  std::string Into;
};

bool inNamespace(const Decl *D, llvm::StringRef Namespace) {
  const auto *NS = dyn_cast<NamespaceDecl>(D->getDeclContext());
  return NS && NS->getName() == Namespace &&
         NS->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

/// std::vector and std::basic_string: their elements move when they grow.
bool isReallocatingContainer(QualType Type) {
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->isInStdNamespace())
    return false;
  llvm::StringRef Name = Record->getName();
  return Name == "vector" || Name == "basic_string";
}

/// A standard container or string, whose constructors and growing members
/// allocate.
bool isStdContainer(const CXXRecordDecl *Record) {
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(Record->getName())
      .Cases("vector", "basic_string", "deque", "list", "forward_list", true)
      .Cases("map", "multimap", "set", "multiset", true)
      .Cases("unordered_map", "unordered_multimap", "unordered_set",
             "unordered_multiset", true)
      .Default(false);
}

/// Members that may allocate, and move the elements of a vector or string.
bool isGrowthMethod(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("push_back", "emplace_back", "push_front", "emplace_front", true)
      .Cases("insert", "emplace", "emplace_hint", "append", "assign", true)
      .Cases("resize", "reserve", "shrink_to_fit", "swap", true)
      .Cases("insert_or_assign", "try_emplace", "operator+=", "operator=", true)
      .Default(false);
}

bool isValClass(const CXXRecordDecl *Record) {
  return Record && Record->getIdentifier() && Record->getName() == "val" &&
         inNamespace(Record, "emscripten");
}

/// Skips what yields the same object: parentheses, implicit nodes,
/// functional casts and copies or moves.
const Expr *strip(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      E = ICE->getSubExpr();
      continue;
    }
    return E;
  }
  return E;
}

const VarDecl *localVariable(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
    return nullptr;
  return Var;
}

/// What storage the pointer argument \p Ptr of a view shows.
View viewedStorage(const Expr *Ptr) {
  View V;
  const Expr *E =
      mt::pointerBaseOf(mt::stripValuePreserving(Ptr))->IgnoreParenImpCasts();
  const Expr *Object = nullptr;
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
    E = AddrOf->getSubExpr()->IgnoreParens();
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase()->IgnoreParenImpCasts();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_Subscript) {
      Object = Op->getArg(0);
    } else if (const VarDecl *Var = localVariable(E)) {
      // &local: an object or scalar of this frame.
      V.Kind = Storage::Local;
      V.Local = Var;
      return V;
    }
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        (Method->getName() == "data" || Method->getName() == "c_str"))
      Object = Member->getImplicitObjectArgument();
  }
  if (!Object) {
    const VarDecl *Var = localVariable(E);
    if (Var && !Var->isStaticLocal() && Var->getType()->isArrayType()) {
      V.Kind = Storage::Local;
      V.Local = Var;
    }
    return V;
  }
  const Expr *Plain = Object->IgnoreParenImpCasts();
  if (isReallocatingContainer(Plain->getType())) {
    V.ContainerExpr = Plain;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Plain)) {
      V.ContainerBase = Ref->getDecl();
    } else if (const auto *Field = dyn_cast<MemberExpr>(Plain)) {
      const Expr *Base = Field->getBase()->IgnoreParenImpCasts();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Base))
        V.ContainerBase = Ref->getDecl();
      if (V.ContainerBase || isa<CXXThisExpr>(Base))
        V.ContainerField = Field->getMemberDecl();
    }
  }
  if (const VarDecl *Var = localVariable(Plain)) {
    V.Kind = Storage::Local;
    V.Local = Var;
  } else if (Object->isPRValue() ||
             isa<MaterializeTemporaryExpr>(Object->IgnoreParens())) {
    V.Kind = Storage::Temporary;
  }
  return V;
}

/// True if the growth call \p Call acts on the container \p V shows.
bool growsViewedContainer(const CXXMemberCallExpr *Call, const View &V) {
  if (!V.ContainerBase && !V.ContainerField)
    return false;
  const Expr *Object = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
    return !V.ContainerField && Ref->getDecl() == V.ContainerBase;
  const auto *Field = dyn_cast<MemberExpr>(Object);
  if (!Field || Field->getMemberDecl() != V.ContainerField)
    return false;
  const Expr *Base = Field->getBase()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Base))
    return Ref->getDecl() == V.ContainerBase;
  return isa<CXXThisExpr>(Base) && !V.ContainerBase;
}

/// An allocation \p S makes itself: an allocator or memory-growing API of
/// the rule packs, operator new, a new-expression, a standard container
/// constructed with contents or grown.
const Expr *directAllocation(const Stmt *S, const mt::RuleSet &Rules) {
  if (const auto *New = dyn_cast<CXXNewExpr>(S))
    return mt::lookupNew(New, Rules) ? New : nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    return Construct->getNumArgs() > 0 && !Ctor->isMoveConstructor() &&
                   isStdContainer(Ctor->getParent())
               ? Construct
               : nullptr;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    return Method && isStdContainer(Method->getParent()) &&
                   isGrowthMethod(Method->getNameAsString())
               ? Call
               : nullptr;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    return Method && isStdContainer(Method->getParent()) &&
                   isGrowthMethod(Method->getNameAsString())
               ? Call
               : nullptr;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  OverloadedOperatorKind Op = Callee->getOverloadedOperator();
  if (Op == OO_New || Op == OO_Array_New)
    return Call;
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
  if (!Entry)
    return nullptr;
  switch (Entry->Kind) {
  case mt::ApiKind::Allocator:
  case mt::ApiKind::Reallocator:
  case mt::ApiKind::MovesMemory:
  case mt::ApiKind::CallsGuest:
    return Call;
  default:
    return nullptr;
  }
}

/// How a call or object is spelled at \p E, for messages: "v.push_back",
/// "malloc", "new".
std::string spelled(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    CharSourceRange Range =
        CharSourceRange::getTokenRange(Member->getCallee()->getSourceRange());
    std::string Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
    if (!Text.empty())
      return Text;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getType().getAsString(Ctx.getPrintingPolicy()) +
           "::" + Construct->getConstructor()->getNameAsString();
  if (isa<CallExpr>(E) || isa<CXXNewExpr>(E))
    return mt::spelledApiName(E, Ctx);
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()), SM,
             Ctx.getLangOpts())
      .str();
}

class Analysis : public mt::PathClient<State> {
public:
  Analysis(WasmMemoryViewEscapeCheck &Check, const mt::RuleSet &Rules,
           ASTContext &Ctx)
      : Check(Check), Rules(Rules), Ctx(Ctx) {}

  bool Reporting = false;
  std::map<std::pair<const VarDecl *, const Expr *>, Use> Uses;
  std::map<const Stmt *, Escape> Escapes;
  /// Variables assigned a new value there: that reference is no use.
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Assigned;

  /// The view \p E yields, if any.
  std::optional<View> viewIn(const Expr *E, const State &S) const {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = strip(E);
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
        const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        auto It = Var ? S.Holders.find(Var) : S.Holders.end();
        if (It == S.Holders.end())
          return std::nullopt;
        return It->second;
      }
      if (const auto *Call = dyn_cast<CallExpr>(E)) {
        const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
        if (!Entry || Entry->Kind != mt::ApiKind::MemoryView ||
            !Entry->PtrArg || *Entry->PtrArg >= Call->getNumArgs())
          return std::nullopt;
        View V = viewedStorage(Call->getArg(*Entry->PtrArg));
        V.Creation = Call;
        return V;
      }
      const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      if (!Construct)
        return std::nullopt;
      const CXXRecordDecl *Record = Construct->getConstructor()->getParent();
      const mt::ApiEntry *Entry =
          Rules.lookup(Record->getQualifiedNameAsString());
      if (Entry && Entry->Kind == mt::ApiKind::MemoryView) {
        if (!Entry->PtrArg || *Entry->PtrArg >= Construct->getNumArgs())
          return std::nullopt;
        View V = viewedStorage(Construct->getArg(*Entry->PtrArg));
        V.Creation = Construct;
        return V;
      }
      // val(view), or any object made from a view, holds it.
      const Expr *Next = nullptr;
      for (const Expr *Arg : Construct->arguments())
        if (viewIn(Arg, S)) {
          Next = Arg;
          break;
        }
      E = Next;
    }
    return std::nullopt;
  }

  bool transfer(const CFGElement &Element, State &S) override {
    std::optional<CFGStmt> Stmt = Element.getAs<CFGStmt>();
    if (!Stmt)
      return true;
    const clang::Stmt *S0 = Stmt->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(S0)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          declare(Var, S);
      return true;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(S0)) {
      if (const Expr *Value = Return->getRetValue())
        if (std::optional<View> V = viewIn(Value, S); V && V->escapes())
          escape(Return, *V, "");
      return true;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S0)) {
      used(Ref, S);
      return true;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(S0)) {
      if (Binary->getOpcode() == BO_Assign)
        assign(Binary, Binary->getLHS(), Binary->getRHS(), S);
      return true;
    }
    const auto *E = dyn_cast<Expr>(S0);
    if (!E)
      return true;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        !isStdContainer(Op->getArg(0)->getType()->getAsCXXRecordDecl()))
      assign(Op, Op->getArg(0), Op->getArg(1), S);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
      storeIntoVal(Member, S);
    allocates(E, S);
    return true;
  }

  bool assume(const Expr *, bool, State &) override { return true; }

  /// Marks the left-hand sides of assignments to variables, which are not
  /// uses of what they held.
  void collectAssigned(const clang::Stmt *Body) {
    struct Finder : RecursiveASTVisitor<Finder> {
      llvm::SmallPtrSet<const DeclRefExpr *, 8> &Into;
      explicit Finder(llvm::SmallPtrSet<const DeclRefExpr *, 8> &Into)
          : Into(Into) {}
      void add(const Expr *LHS) {
        if (const auto *Ref = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts()))
          Into.insert(Ref);
      }
      bool VisitBinaryOperator(BinaryOperator *Binary) {
        if (Binary->getOpcode() == BO_Assign)
          add(Binary->getLHS());
        return true;
      }
      bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
        if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
          add(Op->getArg(0));
        return true;
      }
    } Find(Assigned);
    Find.TraverseStmt(const_cast<clang::Stmt *>(Body));
  }

private:
  WasmMemoryViewEscapeCheck &Check;
  const mt::RuleSet &Rules;
  ASTContext &Ctx;

  void escape(const clang::Stmt *At, const View &V, std::string Into) {
    if (Reporting)
      Escapes.try_emplace(At, Escape{At, V, std::move(Into)});
  }

  void declare(const VarDecl *Var, State &S) {
    std::optional<View> V;
    if (const Expr *Init = Var->getInit())
      V = viewIn(Init, S);
    if (!V) {
      S.Holders.erase(Var);
      return;
    }
    if (Var->hasLocalStorage() && !Var->getType()->isReferenceType()) {
      S.Holders[Var] = *V;
      return;
    }
    if (V->escapes() && !Var->getType()->isReferenceType())
      escape(Var->getInit(), *V, Var->getNameAsString());
  }

  void assign(const Expr *At, const Expr *LHS, const Expr *RHS, State &S) {
    std::optional<View> V = viewIn(RHS, S);
    if (const VarDecl *Var = localVariable(LHS)) {
      if (V)
        S.Holders[Var] = *V;
      else
        S.Holders.erase(Var);
      return;
    }
    if (V && V->escapes())
      escape(At, *V, spelled(LHS, Ctx));
  }

  /// object.set(key, view), object.call<void>("push", view): the JavaScript
  /// object now holds the view.
  void storeIntoVal(const CXXMemberCallExpr *Call, State &S) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !isValClass(Method->getParent()) || Call->getNumArgs() < 2)
      return;
    if (Method->getName() == "call") {
      const auto *Name =
          dyn_cast<StringLiteral>(Call->getArg(0)->IgnoreParenImpCasts());
      if (!Name ||
          (Name->getString() != "push" && Name->getString() != "unshift"))
        return;
    } else if (Method->getName() != "set") {
      return;
    }
    std::optional<View> V;
    for (unsigned I = 1; I < Call->getNumArgs() && !V; ++I)
      V = viewIn(Call->getArg(I), S);
    if (!V)
      return;
    const Expr *Object = Call->getImplicitObjectArgument();
    if (const VarDecl *Var = localVariable(Object)) {
      S.Holders[Var] = *V;
      return;
    }
    if (V->escapes())
      escape(Call, *V, "a JavaScript object");
  }

  void allocates(const Expr *E, State &S) {
    const Expr *Allocation = directAllocation(E, Rules);
    if (!Allocation)
      if (const auto *Call = dyn_cast<CallExpr>(E))
        if (const FunctionDecl *Callee = Call->getDirectCallee();
            Callee && !mt::lookupCallee(Call, Rules) &&
            Check.allocation(Callee))
          Allocation = Call;
    if (!Allocation)
      return;
    const auto *Growth = dyn_cast<CXXMemberCallExpr>(Allocation);
    for (auto &[Var, V] : S.Holders) {
      if (!V.StaleBy)
        V.StaleBy = Allocation;
      if (Growth && !V.ReallocBy && growsViewedContainer(Growth, V))
        V.ReallocBy = Growth;
    }
  }

  void used(const DeclRefExpr *Ref, State &S) {
    if (!Reporting || Assigned.count(Ref))
      return;
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    auto It = Var ? S.Holders.find(Var) : S.Holders.end();
    if (It == S.Holders.end())
      return;
    const View &V = It->second;
    if (V.ReallocBy)
      Uses.try_emplace({Var, V.ReallocBy}, Use{Ref, Var, V, UseKind::Realloc});
    else if (V.StaleBy)
      Uses.try_emplace({Var, V.StaleBy}, Use{Ref, Var, V, UseKind::Stale});
    else if (V.Kind == Storage::Temporary)
      Uses.try_emplace({Var, V.Creation}, Use{Ref, Var, V, UseKind::Temporary});
  }
};

/// True if \p F makes a memory view.
bool makesView(const FunctionDecl *F, const mt::RuleSet &Rules) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    bool Found = false;
    explicit Finder(const mt::RuleSet &Rules) : Rules(Rules) {}
    bool VisitCallExpr(CallExpr *Call) {
      if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules))
        Found = Entry->Kind == mt::ApiKind::MemoryView;
      return !Found;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      const mt::ApiEntry *Entry = Rules.lookup(
          Construct->getConstructor()->getParent()->getQualifiedNameAsString());
      Found = Entry && Entry->Kind == mt::ApiKind::MemoryView;
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

WasmMemoryViewEscapeCheck::WasmMemoryViewEscapeCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      AssumeStaticMemory(isTrue(Options.get("AssumeStaticMemory", "false"))) {}

void WasmMemoryViewEscapeCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "AssumeStaticMemory",
                AssumeStaticMemory ? "true" : "false");
}

void WasmMemoryViewEscapeCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

void WasmMemoryViewEscapeCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  const SourceManager &SM = Result.Context->getSourceManager();
  if (SM.isInMainFile(SM.getExpansionLoc(Function->getLocation())))
    Functions.push_back(Function);
}

const Expr *WasmMemoryViewEscapeCheck::allocation(const FunctionDecl *Function,
                                                  unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition || Depth > 4)
    return nullptr;
  auto [It, Inserted] = Allocations.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    WasmMemoryViewEscapeCheck &Check;
    const mt::RuleSet &Rules;
    unsigned Depth;
    const Expr *Found = nullptr;
    Finder(WasmMemoryViewEscapeCheck &Check, const mt::RuleSet &Rules,
           unsigned Depth)
        : Check(Check), Rules(Rules), Depth(Depth) {}
    bool VisitStmt(Stmt *S) {
      Found = directAllocation(S, Rules);
      if (const auto *Call = dyn_cast<CallExpr>(S); Call && !Found)
        if (const FunctionDecl *Callee = Call->getDirectCallee();
            Callee && !mt::lookupCallee(Call, Rules))
          Found = Check.allocation(Callee, Depth + 1);
      return !Found;
    }
  } Find(*this, *Rules, Depth);
  Find.TraverseStmt(Definition->getBody());
  Allocations[Definition] = Find.Found;
  return Find.Found;
}

void WasmMemoryViewEscapeCheck::onEndOfTranslationUnit() {
  if (!Ctx || !Rules) {
    Functions.clear();
    return;
  }
  ASTContext &Context = *Ctx;
  const SourceManager &SM = Context.getSourceManager();
  auto Created = [&](const View &V) {
    diag(mt::reportLocation(V.Creation->getBeginLoc(), SM),
         "the view is created here", DiagnosticIDs::Note)
        << V.Creation->getSourceRange();
  };
  for (const FunctionDecl *Function : Functions) {
    if (!makesView(Function, *Rules))
      continue;
    std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Context);
    if (!Graph)
      continue;
    Analysis A(*this, *Rules, Context);
    A.collectAssigned(Function->getBody());
    mt::PathSensitiveAnalysis<State> Engine(*Graph, Context);
    if (!Engine.run(A, State()))
      continue;
    A.Reporting = true;
    Engine.replay(A);

    for (const auto &[At, E] : A.Escapes) {
      const View &V = E.What;
      unsigned What = V.Kind == Storage::Temporary           ? 1
                      : V.Local && isa<ParmVarDecl>(V.Local) ? 2
                                                             : 0;
      std::string Local = V.Local ? V.Local->getNameAsString() : "";
      if (E.Into.empty())
        diag(mt::reportLocation(At->getBeginLoc(), SM),
             "memory view of %select{local '%1'|a temporary|parameter '%1'}0 "
             "escapes through the return value; %select{'%1' is destroyed "
             "when the function returns|the temporary is destroyed at the end "
             "of the full-expression|'%1' is destroyed when the call ends}0")
            << What << Local << At->getSourceRange();
      else
        diag(mt::reportLocation(At->getBeginLoc(), SM),
             "memory view of %select{local '%1'|a temporary|parameter '%1'}0 "
             "is stored in %select{'%2'|%2}3, which outlives %select{it|the "
             "temporary|it}0")
            << What << Local << E.Into << (E.Into == "a JavaScript object")
            << At->getSourceRange();
      Created(V);
    }

    std::vector<const Use *> Ordered;
    for (const auto &[Key, U] : A.Uses)
      Ordered.push_back(&U);
    llvm::sort(Ordered, [&](const Use *L, const Use *R) {
      return SM.isBeforeInTranslationUnit(L->At->getBeginLoc(),
                                          R->At->getBeginLoc());
    });
    std::set<const VarDecl *> Reported;
    for (const Use *U : Ordered) {
      // The first unusable use of each holder says it all.
      if (!Reported.insert(U->Holder).second)
        continue;
      const View &V = U->What;
      std::string Holder = U->Holder->getNameAsString();
      SourceLocation At = mt::reportLocation(U->At->getBeginLoc(), SM);
      switch (U->Kind) {
      case UseKind::Realloc: {
        std::string Container = spelled(V.ContainerExpr, Context);
        diag(At, "'%0' is a memory view of the elements of '%1' and is used "
                 "after '%2', which may move them")
            << Holder << Container << spelled(V.ReallocBy, Context)
            << U->At->getSourceRange();
        Created(V);
        diag(mt::reportLocation(V.ReallocBy->getBeginLoc(), SM),
             "'%0' may reallocate here", DiagnosticIDs::Note)
            << Container << V.ReallocBy->getSourceRange();
        break;
      }
      case UseKind::Stale: {
        const Expr *Api = V.StaleBy;
        if (const auto *Call = dyn_cast<CallExpr>(Api))
          if (!directAllocation(Call, *Rules))
            if (const FunctionDecl *Callee = Call->getDirectCallee())
              if (const Expr *Inner = allocation(Callee))
                Api = Inner;
        std::string Mover = spelled(V.StaleBy, Context);
        diag(At,
             "'%0' holds a memory view and is used after '%1', which may "
             "allocate and grow linear memory%select{|; growth detaches the "
             "view}2",
             AssumeStaticMemory ? DiagnosticIDs::Remark
                                : DiagnosticIDs::Warning)
            << Holder << Mover << !AssumeStaticMemory
            << U->At->getSourceRange();
        Created(V);
        diag(mt::reportLocation(V.StaleBy->getBeginLoc(), SM),
             Api == V.StaleBy ? "'%0' may allocate here"
                              : "'%0' may allocate here: it calls '%1'",
             DiagnosticIDs::Note)
            << Mover << spelled(Api, Context) << V.StaleBy->getSourceRange();
        break;
      }
      case UseKind::Temporary:
        diag(At, "'%0' is a memory view of a temporary that was destroyed at "
                 "the end of the full-expression that created the view")
            << Holder << U->At->getSourceRange();
        Created(V);
        break;
      }
    }
  }
  Functions.clear();
  Allocations.clear();
}

} // namespace clang::tidy::memtidy
