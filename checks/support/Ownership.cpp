//===--- Ownership.cpp - Who owns each acquired resource ------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Ownership.h"
#include "ApiCalls.h"
#include "Conditions.h"
#include "PathSensitive.h"
#include "Summaries.h"
#include "SummaryLocations.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <set>

using namespace clang;

namespace memtidy {

using AcqId = unsigned;
constexpr AcqId NoAcq = ~0u;

namespace {

// Status bits of an acquisition on one path; a join may set several.
constexpr uint8_t Unchecked = 1;   ///< Acquired unless it failed: untested.
constexpr uint8_t Held = 2;        ///< Acquired.
constexpr uint8_t NotAcquired = 4; ///< The acquisition failed.
constexpr uint8_t Released = 8;
constexpr uint8_t Escaped = 16; ///< Ownership left the function.
/// Its address went to functions of other files (read_conf(&buf)): owned
/// still, unless one of them keeps it; a later release still counts.
constexpr uint8_t HandedOff = 32;
constexpr unsigned NoHandoff = ~0u;

// What a path assumed of a global of another file it tested.
constexpr uint8_t AssumedZero = 1, AssumedNonZero = 2;

// Possible signs of an integer.
constexpr uint8_t Neg = 1, Zero = 2, Pos = 4, AnySign = Neg | Zero | Pos;

struct AcqState {
  uint8_t Status = Unchecked;
  /// Handed to code that may keep it: a success exit is no evidence of a
  /// leak then.
  bool Lent = false;
  /// Lent to code other than the functions in Handoffs.
  bool LentElsewhere = false;
  /// The acquisition this one is stored in (priv->buf in priv).
  AcqId Owner = NoAcq;
  /// Functions of other files it was handed to, by handoff index (sorted).
  llvm::SmallVector<unsigned, 1> Handoffs;

  bool operator==(const AcqState &O) const {
    return Status == O.Status && Lent == O.Lent &&
           LentElsewhere == O.LentElsewhere && Owner == O.Owner &&
           Handoffs == O.Handoffs;
  }
  void addHandoff(unsigned H) {
    auto It = llvm::lower_bound(Handoffs, H);
    if (It == Handoffs.end() || *It != H)
      Handoffs.insert(It, H);
  }
  /// Still held on every path that reaches here.
  bool certainlyHeld() const {
    return Status && !(Status & ~(Unchecked | Held));
  }
  bool mayBeHeld() const { return Status & (Unchecked | Held); }
};

struct IntInfo {
  std::optional<int64_t> Constant;
  uint8_t Signs = AnySign;
  /// The return code of a status-returning acquisition.
  AcqId StatusOf = NoAcq;
  /// Annotation: the expression that assigned the known value (-ENOMEM).
  const Expr *Spelled = nullptr;

  bool operator==(const IntInfo &O) const {
    return Constant == O.Constant && Signs == O.Signs && StatusOf == O.StatusOf;
  }
  static IntInfo constant(int64_t C, const Expr *Spelled = nullptr) {
    IntInfo I;
    I.Constant = C;
    I.Signs = C < 0 ? Neg : C == 0 ? Zero : Pos;
    I.Spelled = Spelled;
    return I;
  }
};

/// A released object a summarized function did not acquire itself (its
/// caller's lock), with the family of the release.
using ReleasedObject = std::pair<AccessPath, std::string>;

struct State {
  std::map<AccessPath, llvm::SmallVector<AcqId, 1>> Bindings;
  std::map<AcqId, AcqState> Acqs;
  std::map<AccessPath, IntInfo> Ints;
  std::set<ReleasedObject> ReleasedObjects;
  /// Integer globals defined in other files, and what the branches taken
  /// assumed of them: once every file is seen, a path that assumed a
  /// constant's other value is found infeasible.
  std::map<const VarDecl *, uint8_t> Assumed;
  /// A branch on this path detected a failure.
  bool OnErrorPath = false;
  /// The last branch taken detected a failure.
  bool LastBranchFailed = false;
  // Annotations for notes, not compared: the first state to reach a block
  // wins.
  const Expr *FailureBranch = nullptr;
  const GotoStmt *Goto = nullptr;

  bool operator==(const State &O) const {
    return Bindings == O.Bindings && Acqs == O.Acqs && Ints == O.Ints &&
           ReleasedObjects == O.ReleasedObjects && Assumed == O.Assumed &&
           OnErrorPath == O.OnErrorPath &&
           LastBranchFailed == O.LastBranchFailed;
  }

  bool sameProperty(const State &O) const { return Acqs == O.Acqs; }

  void joinWith(const State &O) {
    joinBindings(Bindings, O.Bindings);
    for (const auto &[Id, A] : O.Acqs) {
      auto [It, Inserted] = Acqs.try_emplace(Id, A);
      if (Inserted)
        continue;
      It->second.Status |= A.Status;
      It->second.Lent |= A.Lent;
      It->second.LentElsewhere |= A.LentElsewhere;
      for (unsigned H : A.Handoffs)
        It->second.addHandoff(H);
      if (It->second.Owner != A.Owner)
        It->second.Owner = NoAcq;
    }
    for (auto It = Ints.begin(); It != Ints.end();) {
      auto Other = O.Ints.find(It->first);
      if (Other == O.Ints.end()) {
        It = Ints.erase(It);
        continue;
      }
      IntInfo &Mine = It->second;
      if (Mine.Constant != Other->second.Constant)
        Mine.Constant.reset();
      if (Mine.StatusOf != Other->second.StatusOf)
        Mine.StatusOf = NoAcq;
      Mine.Signs |= Other->second.Signs;
      if (!Mine.Constant && Mine.StatusOf == NoAcq && Mine.Signs == AnySign)
        It = Ints.erase(It);
      else
        ++It;
    }
    for (auto It = ReleasedObjects.begin(); It != ReleasedObjects.end();)
      It = O.ReleasedObjects.count(*It) ? std::next(It)
                                        : ReleasedObjects.erase(It);
    // Either path may be the feasible one: keep what both assumed.
    for (auto It = Assumed.begin(); It != Assumed.end();) {
      auto Other = O.Assumed.find(It->first);
      It = Other != O.Assumed.end() && Other->second == It->second
               ? std::next(It)
               : Assumed.erase(It);
    }
    OnErrorPath &= O.OnErrorPath;
    LastBranchFailed &= O.LastBranchFailed;
    if (!FailureBranch)
      FailureBranch = O.FailureBranch;
    if (!Goto)
      Goto = O.Goto;
  }

  const llvm::SmallVector<AcqId, 1> *bound(const AccessPath &P) const {
    auto It = Bindings.find(P);
    return It == Bindings.end() ? nullptr : &It->second;
  }

  /// Forgets what locations reached through \p Path hold.
  void kill(const AccessPath &Path) {
    eraseReachedThrough(Bindings, Path);
    eraseReachedThrough(Ints, Path);
  }

  /// A callee may store to anything but the caller's own locals, whose
  /// addresses it does not have. \p OtherFile: the callee is a function of
  /// another file.
  void forgetNonLocalIntegers(bool OtherFile) {
    for (auto It = Ints.begin(); It != Ints.end();) {
      const auto *Var = dyn_cast<VarDecl>(It->first.base());
      bool Local = Var && Var->hasLocalStorage() &&
                   llvm::none_of(It->first.steps(), [](const auto &Step) {
                     return Step.Field == nullptr;
                   });
      bool Global = Var && It->first.steps().empty() &&
                    Var->hasGlobalStorage() && !Var->isStaticLocal();
      // A const global cannot change: two tests of it agree. A global flag
      // tested twice is taken to keep its value across a call of another
      // file's function (if (debug) p = malloc(..); log(..); if (debug)
      // free(p)): changing a flag the caller tests is not that call's job.
      bool Kept = Global && (Var->getType().isConstQualified() || OtherFile);
      It = Local || Kept ? std::next(It) : Ints.erase(It);
    }
  }
};

/// True if \p Long is \p Short or one of its members: a lock taken through
/// spinlock_check(&l) (l.rlock) is released as l.
bool sameObject(const AccessPath &A, const AccessPath &B) {
  const AccessPath &Short = A.steps().size() <= B.steps().size() ? A : B;
  const AccessPath &Long = &Short == &A ? B : A;
  if (!Long.isReachedThrough(Short))
    return false;
  for (size_t I = Short.steps().size(); I < Long.steps().size(); ++I)
    if (!Long.steps()[I].Field)
      return false;
  return true;
}

/// The object a pointer argument designates: &x is x, a pointer p is *p, and
/// an accessor that returns the address of its parameter's member
/// (spinlock_check(lock) returns &lock->rlock) designates that member.
std::optional<AccessPath> objectPathOf(const Expr *Arg, unsigned Depth = 0) {
  const Expr *E = stripValuePreserving(Arg);
  if (!E)
    return std::nullopt;
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    return accessPathOf(AddrOf->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (Depth > 2 || !Callee || !Callee->hasBody(Definition))
      return std::nullopt;
    const auto *Body = dyn_cast<CompoundStmt>(Definition->getBody());
    if (!Body || Body->size() != 1)
      return std::nullopt;
    const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
    if (!Return || !Return->getRetValue())
      return std::nullopt;
    std::optional<AccessPath> Inner =
        objectPathOf(Return->getRetValue(), Depth + 1);
    const auto *Param = Inner ? dyn_cast<ParmVarDecl>(Inner->base()) : nullptr;
    if (!Param || Param->getDeclContext() != Definition ||
        Param->getFunctionScopeIndex() >= Call->getNumArgs() ||
        Inner->steps().empty() || Inner->steps().front().Field)
      return std::nullopt;
    std::optional<AccessPath> Outer =
        objectPathOf(Call->getArg(Param->getFunctionScopeIndex()), Depth + 1);
    if (!Outer)
      return std::nullopt;
    for (const AccessPath::Step &S : Inner->steps().drop_front())
      Outer->addStep(S);
    return Outer;
  }
  if (!E->getType()->isPointerType())
    return std::nullopt;
  std::optional<AccessPath> P = accessPathOf(E);
  if (P)
    P->addDeref();
  return P;
}

/// How messages name an object: "dev->lock" for &dev->lock, "np" for *np.
std::string objectName(const AccessPath &Object) {
  if (Object.steps().empty() || Object.steps().back().Field)
    return Object.spelling();
  AccessPath Pointer(Object.base());
  for (const AccessPath::Step &S : Object.steps().drop_back())
    Pointer.addStep(S);
  return Pointer.spelling();
}

/// The name of the object an argument designates, before accessors:
/// spinlock_check(&priv->lock) is "priv->lock", not its rlock member.
std::string displayName(const Expr *Arg) {
  const Expr *E = stripValuePreserving(Arg);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E);
      Call && Call->getNumArgs() == 1)
    E = Call->getArg(0);
  std::optional<AccessPath> Object = objectPathOf(E);
  return Object ? objectName(*Object) : "";
}

bool hasCleanup(const AccessPath &P) {
  const auto *Var = dyn_cast<VarDecl>(P.base());
  return Var && Var->hasAttr<CleanupAttr>();
}

/// The entry of a call that makes an error value (ERR_PTR(), PTR_ERR(),
/// dev_err_probe()), or null.
const ApiEntry *errorValueCall(const Expr *E, const RuleSet &Rules) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call)
    return nullptr;
  const ApiEntry *Entry = lookupCallee(Call, Rules);
  if (!Entry || Entry->Kind != ApiKind::ErrorValue ||
      (Entry->HeldArg && *Entry->HeldArg >= Call->getNumArgs()))
    return nullptr;
  return Entry;
}

/// The value an error-value call returns when it returns an argument
/// (dev_err_probe(dev, err, ...) returns err).
const Expr *errorValueArgument(const Expr *E, const RuleSet &Rules) {
  const ApiEntry *Entry = errorValueCall(E, Rules);
  if (!Entry || !Entry->HeldArg)
    return nullptr;
  return cast<CallExpr>(E)->getArg(*Entry->HeldArg);
}

std::string sourceText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM,
      Ctx.getLangOpts());
  if (Range.isInvalid())
    return "";
  return Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
}

} // namespace

/// A caller-visible location of a summarized function: a parameter, then
/// dereferences and members.
using CalleePath = AccessPath;

struct OwnershipSummary {
  enum Effect : uint8_t { Lends = 1, Escapes = 2, Releases = 4, Links = 8 };
  struct InputEffect {
    uint8_t Effects = 0;
    /// For Links: the parameter whose object now holds the input
    /// (usb_fill_control_urb(urb, ..., setup, ...) stores setup in *urb).
    unsigned LinkedInto = 0;
    const Expr *ReleasedAt = nullptr;
    const ApiEntry *Releaser = nullptr;
    /// Kept, or lent to code other than functions of other files
    /// (Forwards): the caller no longer owns it alone.
    bool Kept = false;
  };
  /// What happens to what the caller passes, by the callee's path of it.
  std::map<CalleePath, InputEffect> Inputs;
  /// An object (a lock, a context) the function acquires, or releases, on
  /// every path to its exit; paths start at a parameter, or are empty for a
  /// context of the CPU.
  struct ObjectEffect {
    std::optional<CalleePath> Object;
    std::string Family;
    const ApiEntry *Entry = nullptr;
    std::string Api;
    bool Acquires = false;
    /// The hold may have failed, as the function's result tells
    /// (device_lock_interruptible() returns mutex_lock_interruptible()).
    FailureConvention Fails = FailureConvention::Never;
  };
  std::vector<ObjectEffect> Objects;
  /// A new resource it returns to its caller.
  struct Returned {
    std::string Family, Resource, Api;
    FailureConvention Fails = FailureConvention::Never;
    const Stmt *At = nullptr;
  };
  std::optional<Returned> Returns;
  /// Every return hands back a new resource or a failure value.
  bool ReturnsOnlyFresh = false;
  bool NeverReturns = false;
  /// The function returns this parameter (or a pointer into what it points
  /// to, as spinlock_check() does) on every path: the result aliases it.
  std::optional<unsigned> ReturnsParam;
  /// Inputs handed on to functions that another file may define.
  std::vector<LifecycleSummary::Forward> Forwards;
};

namespace {

enum class Mode { Report, Summary, Probe };

/// What a probe of an unwind label found on its paths to the exit.
struct ProbeResult {
  bool Valid = true;
  bool ReachedExit = false;
  const VarDecl *ReturnedVariable = nullptr;
};

/// A call whose result may be a new resource that another file's function
/// returns: a plain call of a function declared outside system headers
/// and defined nowhere in this file, returning a pointer.
/// The function a plain call by name invokes, if another file may define
/// it and summarize it: externally visible, neither a method nor variadic
/// nor a builtin.
const FunctionDecl *summarizableCallee(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || isa<CXXMemberCallExpr>(Call) ||
      isa<CXXOperatorCallExpr>(Call) || isa<CXXMethodDecl>(Callee) ||
      !Callee->isExternallyVisible() || Callee->isVariadic() ||
      Callee->getBuiltinID())
    return nullptr;
  return Callee;
}

bool isExternalSource(const CallExpr *Call, const ASTContext &Ctx) {
  const FunctionDecl *Callee = summarizableCallee(Call);
  return Callee && !Callee->hasBody() &&
         Callee->getReturnType()->isPointerType() &&
         !Ctx.getSourceManager().isInSystemHeader(Callee->getLocation());
}

class Analysis : public PathClient<State> {
public:
  Analysis(OwnershipAnalyzer &Analyzer, const FunctionDecl *Function, Mode M,
           unsigned Depth)
      : Analyzer(Analyzer), Rules(Analyzer.rules()), Ctx(Analyzer.context()),
        Function(Function), M(M), Depth(Depth) {
    collectArgumentAddresses(Function->getBody());
  }

  std::vector<Acquisition> Acqs;
  FunctionOwnership Result;
  std::vector<Handoff> Handoffs;
  /// In summary mode: the states that reach an exit, and what returns.
  std::vector<State> ExitStates;
  struct ReturnedFresh {
    AcqId Acq;
    const ReturnStmt *At;
    bool Unchecked;
  };
  std::vector<ReturnedFresh> FreshReturns;
  bool ReturnsNull = false, ReturnsErrPtr = false, ReturnsNegative = false;
  std::optional<unsigned> ReturnedParam;
  bool ReturnsOther = false;
  /// Some return hands back something other than a failure value or a new
  /// resource still held: an object looked up, or one already linked
  /// somewhere.
  bool ReturnsNonFresh = false;
  /// In probe mode.
  ProbeResult Probe;
  const ReturnStmt *ProbedReturn = nullptr;
  std::optional<int64_t> ProbedConstant;
  /// Set by the caller to find fixes for leaking returns.
  const CFG *Graph = nullptr;

  // --- transfer -----------------------------------------------------------

  bool transfer(const CFGElement &Element, State &S) override {
    if (auto Cleanup = Element.getAs<CFGCleanupFunction>()) {
      // __attribute__((cleanup)) runs at scope exit: what the variable holds
      // then is released.
      if (const auto *Ids = S.bound(AccessPath(Cleanup->getVarDecl())))
        for (AcqId Id : llvm::SmallVector<AcqId, 1>(*Ids))
          setStatus(Id, Released, S);
      if (auto It = GuardAcqs.find(Cleanup->getVarDecl());
          It != GuardAcqs.end())
        for (AcqId Id : It->second)
          setStatus(Id, Released, S);
      return true;
    }
    auto Stmt = Element.getAs<CFGStmt>();
    if (!Stmt)
      return true;
    const clang::Stmt *Node = Stmt->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(Node)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const Expr *Init = Var->getInit()) {
            // int ret = -ENOMEM; is a default, not an error being handled.
            bool WasOnErrorPath = S.OnErrorPath;
            assign(AccessPath(Var), Var->getType(), Init, S);
            S.OnErrorPath = WasOnErrorPath;
            if (Var->hasAttr<CleanupAttr>())
              noteGuard(Var, Init, S);
          }
      return true;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(Node)) {
      if (Binary->getOpcode() == BO_Assign) {
        if (auto Target = assignedPath(Binary->getLHS()))
          assign(*Target, Binary->getLHS()->getType(), Binary->getRHS(), S);
        else
          escapeAll(carried(Binary->getRHS(), S), S);
      } else if (Binary->isCompoundAssignmentOp()) {
        if (auto Target = accessPathOf(Binary->getLHS()))
          S.Ints.erase(*Target);
      }
      return true;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Node)) {
      if (Unary->getOpcode() == UO_AddrOf && !ArgumentAddresses.count(Unary))
        addressTaken(Unary->getSubExpr(), S);
      else if (Unary->isIncrementDecrementOp())
        if (auto Target = accessPathOf(Unary->getSubExpr()))
          step(*Target, Unary->isIncrementOp(), S);
      return true;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Node))
      return callTransfer(Call, S);
    if (const auto *New = dyn_cast<CXXNewExpr>(Node)) {
      newTransfer(New, S);
      return true;
    }
    if (const auto *Delete = dyn_cast<CXXDeleteExpr>(Node)) {
      const ApiEntry *Entry =
          Rules.lookup(Delete->isArrayForm() ? "delete[]" : "delete");
      releaseValue(Delete->getArgument(), Entry, Delete, S);
      return true;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Node)) {
      // An object constructed from a resource owns it (a smart pointer, a
      // container); copies of plain pointers are not constructions.
      for (const Expr *Arg : Construct->arguments())
        escapeAll(carried(Arg, S), S);
      return true;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(Node)) {
      exitTransfer(Return, S);
      return true;
    }
    return true;
  }

  void leaveBlock(const CFGBlock &Block, State &S) override {
    if (const auto *Goto =
            dyn_cast_or_null<GotoStmt>(Block.getTerminatorStmt()))
      S.Goto = Goto;
  }

  /// Runs the end of the body for paths that fall off it.
  void fallOffEnd(State &S) { exitTransfer(nullptr, S); }

  // --- values -------------------------------------------------------------

  /// The acquisitions an expression's value carries.
  llvm::SmallVector<AcqId, 2> carried(const Expr *E, State &S) {
    llvm::SmallVector<AcqId, 2> Out;
    const Expr *Value = stripValuePreserving(E);
    if (!Value)
      return Out;
    if (auto It = ReturnsArg.find(Value); It != ReturnsArg.end())
      return carried(It->second, S);
    if (auto It = SiteAcq.find({Value, 0});
        It != SiteAcq.end() && !ValuelessSite.count(Value)) {
      if (S.Acqs.count(It->second))
        Out.push_back(It->second);
      return Out;
    }
    if (const auto *Cond = dyn_cast<ConditionalOperator>(Value)) {
      // p ? p : q, or err ? NULL : p: whichever arm runs.
      for (const Expr *Arm : {Cond->getTrueExpr(), Cond->getFalseExpr()})
        for (AcqId Id : carried(Arm, S))
          if (!llvm::is_contained(Out, Id))
            Out.push_back(Id);
      return Out;
    }
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Value);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      // &p->member points into what p holds: whoever keeps it keeps p's
      // object alive (u->setup_packet = &req->setup).
      std::optional<AccessPath> Member = accessPathOf(AddrOf->getSubExpr());
      if (!Member || Member->steps().size() < 2 ||
          Member->steps().front().Field)
        return Out;
      for (const AccessPath::Step &Step : Member->steps().drop_front())
        if (!Step.Field)
          return Out;
      AccessPath Base(Member->base());
      for (AcqId Id : valuesAt(Base, Member->base()->getType(), S))
        if (S.Acqs.count(Id))
          Out.push_back(Id);
      return Out;
    }
    if (auto Path = accessPathOf(Value))
      for (AcqId Id : valuesAt(*Path, Value->getType(), S))
        Out.push_back(Id);
    return Out;
  }

  /// What the record an argument points to holds as a whole: the vector
  /// that wasm_byte_vec_new(&v, ...) filled, released by
  /// wasm_byte_vec_delete(&v).
  llvm::SmallVector<AcqId, 2> addressed(const Expr *Arg, State &S) {
    llvm::SmallVector<AcqId, 2> Out;
    const auto *AddrOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
    if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf ||
        !AddrOf->getSubExpr()->getType()->isRecordType())
      return Out;
    if (auto Path = accessPathOf(AddrOf->getSubExpr()))
      if (const auto *Ids = S.bound(*Path))
        for (AcqId Id : *Ids)
          if (S.Acqs.count(Id))
            Out.push_back(Id);
    return Out;
  }

  /// What a location holds; in a summary, a parameter (or what it points
  /// to) is bound on first read to an input of its own.
  llvm::SmallVector<AcqId, 1> valuesAt(const AccessPath &P, QualType Type,
                                       State &S) {
    if (const auto *Ids = S.bound(P))
      return *Ids;
    if (M != Mode::Summary || !Type->isPointerType())
      return {};
    // A local copy of a parameter reaches the caller's data too
    // (int **pp = (int **)opaque; *pp).
    if (!isa<ParmVarDecl>(P.base()) && !P.steps().empty())
      if (const auto *Ids = S.bound(AccessPath(P.base()));
          Ids && Ids->size() == 1 && isParameterValue(Ids->front())) {
        AccessPath Rebased(Function->getParamDecl(Acqs[Ids->front()].Param));
        for (const AccessPath::Step &Step : P.steps())
          Rebased.addStep(Step);
        return valuesAt(Rebased, Type, S);
      }
    // What a global holds is an input too: it may be released here.
    if (const auto *Var = dyn_cast<VarDecl>(P.base());
        Var && !isa<ParmVarDecl>(Var) && Var->hasGlobalStorage() &&
        !Var->isStaticLocal() && P.steps().empty()) {
      auto [It, Inserted] = InputAcq.try_emplace(P, 0);
      if (Inserted) {
        Acquisition A;
        A.From = Acquisition::Origin::Input;
        A.Pointee = true; // Not a parameter's value.
        A.Holder = P.spelling();
        It->second = newAcq(std::move(A));
      }
      S.Bindings[P] = {It->second};
      AcqState Input;
      Input.Status = Held;
      S.Acqs.try_emplace(It->second, Input);
      return {It->second};
    }
    const auto *Param = dyn_cast<ParmVarDecl>(P.base());
    if (!Param || Param->getDeclContext() != Function)
      return {};
    // A prefix the function overwrote no longer reaches the caller's data.
    for (const auto &[Path, Ids] : S.Bindings)
      if (P.isReachedThrough(Path) && !(Path == P) &&
          (Ids.empty() || llvm::any_of(Ids, [&](AcqId Id) {
             return Acqs[Id].From != Acquisition::Origin::Input;
           })))
        return {};
    auto [It, Inserted] = InputAcq.try_emplace(P, 0);
    if (Inserted) {
      Acquisition A;
      A.From = Acquisition::Origin::Input;
      A.Param = Param->getFunctionScopeIndex();
      A.Pointee = !P.steps().empty();
      A.Holder = P.spelling();
      It->second = newAcq(std::move(A));
    }
    S.Bindings[P] = {It->second};
    AcqState Input;
    Input.Status = Held;
    S.Acqs.try_emplace(It->second, Input);
    return {It->second};
  }

  AcqId newAcq(Acquisition A) {
    Acqs.push_back(std::move(A));
    return Acqs.size() - 1;
  }

  /// A location the caller can name: reached from a parameter or a global.
  static bool isCallerVisible(const AccessPath &P) {
    if (isa<ParmVarDecl>(P.base()))
      return true;
    const auto *Var = dyn_cast<VarDecl>(P.base());
    return Var && Var->hasGlobalStorage() && !Var->isStaticLocal();
  }

  enum class Place { Local, Owned, Outside };

  /// Where storing to \p P puts a resource: in a local of this function, in
  /// an object this function holds (priv->buf), or outside its reach.
  Place placeOf(const AccessPath &P, const State &S, AcqId &Owner) const {
    const auto *Var = dyn_cast<VarDecl>(P.base());
    // A reference names the caller's object.
    if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
      return Place::Outside;
    // The innermost dereference names the object stored into.
    size_t LastDeref = P.steps().size();
    for (size_t I = P.steps().size(); I-- > 0;)
      if (!P.steps()[I].Field) {
        LastDeref = I;
        break;
      }
    if (LastDeref == P.steps().size()) {
      // A member of a local object whose destructor releases it owns it.
      if (const auto *Record = Var->getType()->getAsCXXRecordDecl();
          Record && Record->hasNonTrivialDestructor() && !P.steps().empty())
        return Place::Outside;
      return Place::Local;
    }
    AccessPath Prefix(P.base());
    for (size_t I = 0; I < LastDeref; ++I)
      Prefix.addStep(P.steps()[I]);
    const auto *Ids = S.bound(Prefix);
    if (!Ids || Ids->size() != 1)
      return Place::Outside;
    auto It = S.Acqs.find(Ids->front());
    if (It == S.Acqs.end() || !It->second.mayBeHeld() ||
        Acqs[Ids->front()].From == Acquisition::Origin::Input)
      return Place::Outside;
    Owner = Ids->front();
    return Place::Owned;
  }

  void assign(const AccessPath &Target, QualType TargetType, const Expr *RHS,
              State &S) {
    const Expr *Value = stripValuePreserving(RHS);
    llvm::SmallVector<AcqId, 2> Carried = carried(RHS, S);
    std::optional<IntInfo> Int;
    if (Value && TargetType->isIntegralOrEnumerationType())
      Int = integerInfo(Value, S);
    else if (Value && TargetType->isPointerType())
      if (auto Null = integerConstant(Value, Ctx); Null && *Null == 0)
        Int = IntInfo::constant(0, Value);

    AcqId Owner = NoAcq;
    Place Where = placeOf(Target, S, Owner);
    S.kill(Target);
    if (M == Mode::Summary && isCallerVisible(Target) && !S.bound(Target))
      S.Bindings[Target]; // Overwritten: no longer the caller's input.
    if (!Carried.empty()) {
      if (Where == Place::Outside) {
        for (AcqId Id : Carried) {
          if (linkToParameterObject(Id, Target))
            continue;
          setStatus(Id, Escaped, S);
          if (const auto *Var = dyn_cast<VarDecl>(Target.base());
              M == Mode::Report && Reporting && Var && !isa<ParmVarDecl>(Var) &&
              Var->hasGlobalStorage() && !Var->isStaticLocal() &&
              Target.steps().empty() &&
              llvm::none_of(Result.GlobalStores,
                            [&](const FunctionOwnership::GlobalStore &G) {
                              return G.Acq == Id && G.Global == Var;
                            }))
            Result.GlobalStores.push_back({Id, Var, RHS});
        }
      } else {
        S.Bindings[Target].assign(Carried.begin(), Carried.end());
        for (AcqId Id : Carried) {
          if (Where == Place::Owned && Id != Owner)
            S.Acqs[Id].Owner = Owner;
          nameHolder(Id, Target);
        }
      }
    }
    if (Int) {
      S.Ints[Target] = *Int;
      // rc = -ENODEV: the path is handling an error from here on. A bare
      // -1 is as often "no descriptor yet" (fd = -1; fd = open(..)).
      if (Int->Constant && *Int->Constant < 0 &&
          isErrorCodeVariable(Target, TargetType) && !isBareMinusOne(Value))
        S.OnErrorPath = true;
    }
  }

  /// In a summary, an input stored in the object another parameter points
  /// to goes wherever that object goes: the caller's object owns it. True
  /// if \p Id was linked so.
  bool linkToParameterObject(AcqId Id, const AccessPath &Target) {
    if (M != Mode::Summary || Acqs[Id].From != Acquisition::Origin::Input)
      return false;
    const auto *Param = dyn_cast<ParmVarDecl>(Target.base());
    if (!Param || Param->getDeclContext() != Function ||
        Target.steps().size() < 2 || Target.steps().front().Field)
      return false;
    for (const AccessPath::Step &Step : Target.steps().drop_front())
      if (!Step.Field)
        return false;
    // A pointer to an object stored in that object (INIT_LIST_HEAD()'s
    // list->next = list) goes nowhere.
    if (Param->getFunctionScopeIndex() == Acqs[Id].Param)
      return true;
    auto [It, Inserted] =
        LinkedInput.try_emplace(Id, Param->getFunctionScopeIndex());
    return Inserted || It->second == Param->getFunctionScopeIndex();
  }

  /// i++ or i--: a counter that was zero or positive is positive after an
  /// increment (if (j) after eps[j++] = ...).
  static void step(const AccessPath &Target, bool Increment, State &S) {
    auto It = S.Ints.find(Target);
    if (It == S.Ints.end())
      return;
    IntInfo &I = It->second;
    if (I.Constant) {
      I = IntInfo::constant(*I.Constant + (Increment ? 1 : -1));
      return;
    }
    if (Increment && !(I.Signs & Neg)) {
      I = IntInfo();
      I.Signs = Pos;
      return;
    }
    S.Ints.erase(It);
  }

  /// &p->member: a pointer into an object, not the object.
  static bool isInteriorPointer(const Expr *E) {
    const auto *AddrOf =
        dyn_cast_or_null<UnaryOperator>(stripValuePreserving(E));
    if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
      return false;
    std::optional<AccessPath> Member = accessPathOf(AddrOf->getSubExpr());
    return Member && !Member->steps().empty() && Member->steps().back().Field;
  }

  /// The location an assignment writes; WRITE_ONCE(x, v) writes x through
  /// *(volatile typeof(x) *)&(x).
  static std::optional<AccessPath> assignedPath(const Expr *LHS) {
    if (const auto *Deref = dyn_cast<UnaryOperator>(LHS->IgnoreParens());
        Deref && Deref->getOpcode() == UO_Deref)
      if (const auto *AddrOf =
              dyn_cast<UnaryOperator>(Deref->getSubExpr()->IgnoreParenCasts());
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        return accessPathOf(AddrOf->getSubExpr());
    return accessPathOf(LHS);
  }

  /// A scope guard (guard(mutex)(&l), scoped_guard()): the objects its
  /// constructor takes are released by its cleanup function.
  void noteGuard(const VarDecl *Var, const Expr *Init, const State &S) {
    const Expr *Site = stripValuePreserving(Init);
    if (!Site)
      return;
    for (const auto &[Id, A] : S.Acqs)
      if (Acqs[Id].Site == Site && Acqs[Id].Object && A.mayBeHeld() &&
          !llvm::is_contained(GuardAcqs[Var], Id))
        GuardAcqs[Var].push_back(Id);
  }

  /// Values first stored in a macro body (kthread_run's __k) are named after
  /// the variable the programmer stores them in.
  void nameHolder(AcqId Id, const AccessPath &Target) {
    Acquisition &A = Acqs[Id];
    if (A.From == Acquisition::Origin::Input || A.Object)
      return;
    bool Temporary = isMacroTemporary(Target.base());
    if (!A.Holder.empty() && !(A.HolderIsTemporary && !Temporary))
      return;
    A.Holder = Target.spelling();
    A.HolderIsTemporary = Temporary;
  }

  /// A variable a macro declares for itself (alloc_hooks()'s _res,
  /// no_free_ptr()'s __ptr), not one the programmer named.
  bool isMacroTemporary(const ValueDecl *Decl) const {
    return Decl && isInMacroBody(Decl->getLocation());
  }

  bool isInMacroBody(SourceLocation Loc) const {
    const SourceManager &SM = Ctx.getSourceManager();
    while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
      Loc = SM.getImmediateSpellingLoc(Loc);
    return Loc.isMacroID();
  }

  std::optional<IntInfo> integerInfo(const Expr *Value, State &S) {
    if (auto C = integerConstant(Value, Ctx))
      return IntInfo::constant(*C, Value);
    if (auto It = StatusCall.find(Value); It != StatusCall.end()) {
      IntInfo I;
      I.StatusOf = It->second;
      return I;
    }
    if (const Expr *Arg = errorValueArgument(Value, Rules))
      return integerInfo(stripValuePreserving(Arg), S);
    if (errorValueCall(Value, Rules)) {
      IntInfo I;
      I.Signs = Neg;
      I.Spelled = Value;
      return I;
    }
    if (auto Path = accessPathOf(Value))
      if (auto It = S.Ints.find(*Path); It != S.Ints.end()) {
        IntInfo I = It->second;
        // A size that is not zero is positive, not an error code.
        if (Value->getType()->isUnsignedIntegerType() && !I.Constant)
          I.Signs = (I.Signs & Zero) | Pos;
        return I;
      }
    return std::nullopt;
  }

  /// &x outside a call: whoever gets the address may change or free what x
  /// holds.
  void addressTaken(const Expr *Operand, State &S) {
    auto Path = accessPathOf(Operand);
    if (!Path)
      return;
    S.Ints.erase(*Path);
    for (auto &[Bound, Ids] : S.Bindings)
      if (Bound.isReachedThrough(*Path))
        escapeAll(Ids, S);
  }

  // --- statuses -----------------------------------------------------------

  void setStatus(AcqId Id, uint8_t Status, State &S) {
    auto It = S.Acqs.find(Id);
    if (It == S.Acqs.end() ||
        !(It->second.mayBeHeld() || (It->second.Status & HandedOff)))
      return;
    It->second.Status = Status;
    if (Status == Escaped)
      // What it owns leaves with it.
      for (auto &[Child, A] : S.Acqs)
        if (A.Owner == Id && Child != Id)
          setStatus(Child, Escaped, S);
  }

  template <typename Range> void escapeAll(const Range &Ids, State &S) {
    for (AcqId Id : llvm::SmallVector<AcqId, 2>(Ids.begin(), Ids.end()))
      setStatus(Id, Escaped, S);
  }

  /// Handing a resource to code that may keep it. On a path that already
  /// detected a failure it is taken as its release: error paths hand
  /// resources to their destructors.
  void lend(AcqId Id, State &S, unsigned Handoff = NoHandoff) {
    auto It = S.Acqs.find(Id);
    if (It == S.Acqs.end())
      return;
    if (S.OnErrorPath) {
      setStatus(Id, Escaped, S);
      return;
    }
    It->second.Lent = true;
    if (Handoff == NoHandoff)
      It->second.LentElsewhere = true;
    else
      It->second.addHandoff(Handoff);
    // Whoever borrows an object may use what it owns (urb->setup_packet).
    for (auto &[Child, A] : S.Acqs)
      if (A.Owner == Id && Child != Id && !A.Lent)
        lend(Child, S);
  }

  // --- acquisitions -------------------------------------------------------

  /// The acquisition of \p Site; when a loop runs the site again while the
  /// previous one is still stored somewhere, that one moves to the site's
  /// retired acquisition.
  AcqId acquire(const Expr *Site, Acquisition A, uint8_t Status, State &S,
                unsigned Index = 0) {
    auto [It, Inserted] = SiteAcq.try_emplace({Site, Index}, 0);
    if (Inserted)
      It->second = newAcq(std::move(A));
    AcqId Id = It->second;
    if (auto Old = S.Acqs.find(Id); Old != S.Acqs.end()) {
      bool Stored = false;
      for (auto &[Path, Ids] : S.Bindings)
        Stored |= llvm::is_contained(Ids, Id);
      if (Stored && Old->second.mayBeHeld()) {
        auto [R, Fresh] = RetiredAcq.try_emplace(Id, 0);
        if (Fresh)
          R->second = newAcq(Acquisition(Acqs[Id]));
        AcqId Retired = R->second;
        for (auto &[Path, Ids] : S.Bindings) {
          for (AcqId &Bound : Ids)
            if (Bound == Id)
              Bound = Retired;
          llvm::sort(Ids);
          Ids.erase(std::unique(Ids.begin(), Ids.end()), Ids.end());
        }
        auto [Prev, New] = S.Acqs.try_emplace(Retired, Old->second);
        if (!New)
          Prev->second.Status |= Old->second.Status;
      } else {
        for (auto &[Path, Ids] : S.Bindings)
          llvm::erase(Ids, Id);
      }
    }
    AcqState Fresh;
    Fresh.Status = Status;
    S.Acqs[Id] = Fresh;
    return Id;
  }

  Acquisition fromEntry(const Expr *Site, const ApiEntry &Entry) const {
    Acquisition A;
    A.Site = Site;
    A.Entry = &Entry;
    A.Api = spelledApiName(Site, Ctx);
    A.Family = Entry.Family;
    A.Resource = Entry.Resource;
    A.Fails = Entry.Fails;
    return A;
  }

  static uint8_t initialStatus(FailureConvention Fails) {
    return Fails == FailureConvention::Never ||
                   Fails == FailureConvention::Throws
               ? Held
               : Unchecked;
  }

  void newTransfer(const CXXNewExpr *New, State &S) {
    const ApiEntry *Entry = lookupNew(New, Rules);
    if (!Entry)
      return;
    // Qt-style parents: an object constructed with a pointer to another
    // object is usually owned by it.
    if (const CXXConstructExpr *Construct = New->getConstructExpr())
      for (const Expr *Arg : Construct->arguments())
        if (Arg->getType()->isPointerType() &&
            !integerConstant(Arg->IgnoreParenImpCasts(), Ctx))
          return;
    Acquisition A = fromEntry(New, *Entry);
    A.Api = Entry->Name;
    acquire(New, std::move(A), initialStatus(Entry->Fails), S);
  }

  /// Returns false if the call never returns.
  bool callTransfer(const CallExpr *Call, State &S) {
    const ApiEntry *Entry = lookupCallee(Call, Rules);
    if (Entry && Entry->Kind == ApiKind::NoReturn)
      return false;
    // panic(), BUG()'s __builtin_unreachable(), exit(): nothing leaks on a
    // path that ends the task or the process.
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isNoReturn())
      return false;
    bool Known = Entry != nullptr;
    if (Entry) {
      switch (Entry->Kind) {
      case ApiKind::Allocator:
        allocatorCall(Call, *Entry, S);
        break;
      case ApiKind::ManagedAllocator:
        // Never leaks, but its release routine can still be the wrong one
        // (devm_kzalloc() then kfree()).
        acquire(Call, fromEntry(Call, *Entry), Escaped, S);
        break;
      case ApiKind::Reallocator:
        if (Entry->PtrArg && *Entry->PtrArg < Call->getNumArgs())
          escapeAll(carried(Call->getArg(*Entry->PtrArg), S), S);
        acquire(Call, fromEntry(Call, *Entry), initialStatus(Entry->Fails), S);
        break;
      case ApiKind::Deallocator:
        if (Entry->PtrArg && *Entry->PtrArg < Call->getNumArgs())
          releaseValue(Call->getArg(*Entry->PtrArg), Entry, Call, S);
        break;
      case ApiKind::Acquire:
        acquireCall(Call, *Entry, S);
        break;
      case ApiKind::Release:
        releaseObjectCall(Call, *Entry, S);
        break;
      case ApiKind::Consumes:
        for (unsigned I : Entry->ConsumedArgs)
          if (I < Call->getNumArgs())
            consume(Call->getArg(I), S);
        break;
      case ApiKind::CallsGuest:
        // wasm_func_call() returns the guest's trap, which the caller owns.
        if (!Entry->Family.empty())
          allocatorCall(Call, *Entry, S);
        break;
      default:
        break;
      }
    }
    // Entries that only say a call dereferences or sleeps say nothing of
    // ownership: the call may keep what it is given like any other.
    bool OwnershipUnknown = !Entry || ((Entry->Kind == ApiKind::Dereferences ||
                                        Entry->Kind == ApiKind::MaySleep) &&
                                       !Entry->Borrows);
    if (OwnershipUnknown && !Call->getBuiltinCallee()) {
      bool Returns = true;
      if (!summarizedCall(Call, S, Returns)) {
        unknownCall(Call, S);
        if (!Entry && M == Mode::Report && Analyzer.speculates() &&
            isExternalSource(Call, Ctx)) {
          Acquisition A;
          A.From = Acquisition::Origin::External;
          A.Site = Call;
          A.Api = Call->getDirectCallee()->getNameAsString();
          A.Resource = "external";
          A.Fails = FailureConvention::Null;
          acquire(Call, std::move(A), Unchecked, S);
        }
      }
      if (!Returns)
        return false;
    }
    if (!Call->getBuiltinCallee() &&
        !(Known && Entry->Kind == ApiKind::Predicate))
      S.forgetNonLocalIntegers(Call->getDirectCallee() &&
                               !Call->getDirectCallee()->hasBody());
    for (const Expr *Arg : Call->arguments())
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        if (auto Path = accessPathOf(AddrOf->getSubExpr()))
          S.Ints.erase(*Path);
    return true;
  }

  void allocatorCall(const CallExpr *Call, const ApiEntry &Entry, State &S) {
    for (unsigned I : Entry.ConsumedArgs)
      if (I < Call->getNumArgs())
        consume(Call->getArg(I), S);
    AcqId Id =
        acquire(Call, fromEntry(Call, Entry), initialStatus(Entry.Fails), S);
    if (!Entry.OutArg || *Entry.OutArg >= Call->getNumArgs())
      return;
    // posix_memalign(&p, ...): the resource goes to p; the call returns a
    // status.
    ValuelessSite.insert(Call);
    StatusCall[Call] = Id;
    const auto *AddrOf = dyn_cast<UnaryOperator>(
        Call->getArg(*Entry.OutArg)->IgnoreParenCasts());
    if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
      return setStatus(Id, Escaped, S);
    if (auto Target = accessPathOf(AddrOf->getSubExpr())) {
      // Written straight into the caller's object (&h->exports).
      AcqId Owner = NoAcq;
      if (placeOf(*Target, S, Owner) == Place::Outside &&
          !linkToParameterObject(Id, *Target))
        return setStatus(Id, Escaped, S);
      S.kill(*Target);
      S.Bindings[*Target] = {Id};
      nameHolder(Id, *Target);
    }
  }

  void acquireCall(const CallExpr *Call, const ApiEntry &Entry, State &S) {
    Acquisition A = fromEntry(Call, Entry);
    if (Entry.HeldArg) {
      if (*Entry.HeldArg >= Call->getNumArgs())
        return;
      const Expr *Arg = Call->getArg(*Entry.HeldArg);
      A.Object = objectPathOf(Arg);
      if (!A.Object)
        return;
      A.Holder = displayName(Arg);
    } else {
      A.Holder = Entry.Family;
    }
    if (retakes(A, S))
      return;
    AcqId Id = acquire(Call, std::move(A), initialStatus(Entry.Fails), S);
    // get_device(dev) returns what it holds; a lock returns nothing or the
    // saved interrupt flags.
    if (!Call->getType()->isPointerType())
      ValuelessSite.insert(Call);
    if (Entry.Fails != FailureConvention::Never) {
      ValuelessSite.insert(Call);
      StatusCall[Call] = Id;
    }
  }

  /// Taking again a hold the function dropped, though its caller took it
  /// (unlock, sleep, relock): the caller's hold is back, nothing new is held.
  static bool retakes(const Acquisition &A, State &S) {
    for (auto It = S.ReleasedObjects.begin(); It != S.ReleasedObjects.end();
         ++It) {
      if (It->second != A.Family ||
          (It->first.base() != nullptr) != A.Object.has_value())
        continue;
      if (A.Object && !sameObject(It->first, *A.Object))
        continue;
      S.ReleasedObjects.erase(It);
      return true;
    }
    return false;
  }

  /// Releases the object a release entry names: a lock, a reference, a
  /// context of the CPU.
  void releaseObjectCall(const CallExpr *Call, const ApiEntry &Entry,
                         State &S) {
    if (!Entry.HeldArg) {
      releaseObject(std::nullopt, Entry, Call, S);
      return;
    }
    if (*Entry.HeldArg >= Call->getNumArgs())
      return;
    const Expr *Arg = Call->getArg(*Entry.HeldArg);
    if (!releaseObject(objectPathOf(Arg), Entry, Call, S))
      releaseValue(Arg, &Entry, Call, S);
  }

  /// Returns true if some held acquisition matched.
  bool releaseObject(const std::optional<AccessPath> &Object,
                     const ApiEntry &Entry, const Expr *Site, State &S) {
    // The latest matching acquisition: nested holds of one context are
    // dropped one at a time.
    AcqId Match = NoAcq;
    for (const auto &[Id, A] : S.Acqs) {
      const Acquisition &Info = Acqs[Id];
      if (!A.mayBeHeld() || Info.Family != Entry.Family ||
          Info.Object.has_value() != Object.has_value())
        continue;
      if (Object && !sameObject(*Info.Object, *Object))
        continue;
      Match = Id;
    }
    if (Match != NoAcq) {
      recordRelease(Match, Site, &Entry);
      setStatus(Match, Released, S);
      return true;
    }
    // Not ours: the caller's hold (a summary reports it), or one that a
    // later call takes again.
    S.ReleasedObjects.insert(
        {Object.value_or(AccessPath(nullptr)), Entry.Family});
    return false;
  }

  /// Releases what an argument holds: kfree(p), of_node_put(np).
  void releaseValue(const Expr *Arg, const ApiEntry *Entry, const Expr *Site,
                    State &S) {
    // put_device(&p->dev) releases the member's reference: p goes to the
    // reference's release callback, not to this routine.
    llvm::SmallVector<AcqId, 2> Ids;
    if (!isInteriorPointer(Arg)) {
      Ids = carried(Arg, S);
      if (Ids.empty())
        Ids = addressed(Arg, S);
    }
    if (Ids.empty() && Entry) {
      // of_node_put(np) drops what of_node_get(np) took; put_device(&f->dev)
      // hands f to the reference's release callback.
      if (releaseObject(objectPathOf(Arg), *Entry, Site, S))
        return;
      if (consume(Arg, S))
        return;
    }
    if (M == Mode::Probe && Ids.empty()) {
      auto Path = accessPathOf(Arg);
      auto Known = Path ? S.Ints.find(*Path) : S.Ints.end();
      bool KnownNull = Known != S.Ints.end() && Known->second.Constant == 0;
      if (!KnownNull)
        Probe.Valid = false; // Releases what this path never acquired.
    }
    for (AcqId Id : Ids) {
      auto It = S.Acqs.find(Id);
      // A second release; releasing what failed to be acquired (NULL) is
      // fine unless the release requires a valid value.
      bool Failed = It != S.Acqs.end() && It->second.Status == NotAcquired;
      if (M == Mode::Probe && It != S.Acqs.end() && !It->second.mayBeHeld() &&
          !(Failed && !(Entry && Entry->RequiresValid)))
        Probe.Valid = false;
      recordRelease(Id, Site, Entry);
      setStatus(Id, Released, S);
    }
  }

  void recordRelease(AcqId Id, const Expr *Site, const ApiEntry *Entry) {
    if (M == Mode::Probe || (M == Mode::Report && !Reporting))
      return;
    if (!RecordedReleases.insert({Id, Site}).second)
      return;
    ReleaseSite R;
    R.Acq = Id;
    R.Call = Site;
    R.Releaser = Entry;
    R.Api = isa<CXXDeleteExpr>(Site) ? (Entry ? Entry->Name : "delete")
                                     : spelledApiName(Site, Ctx);
    (M == Mode::Summary ? SummaryReleases : Result.Releases)
        .push_back(std::move(R));
  }

  /// The callee takes over what the argument holds, or the object the
  /// argument is a member of (list_add(&p->node, ...)). Returns true if it
  /// held anything.
  bool consume(const Expr *Arg, State &S) {
    llvm::SmallVector<AcqId, 2> Ids = carried(Arg, S);
    if (Ids.empty())
      Ids = addressed(Arg, S);
    if (Ids.empty())
      if (auto Object = objectPathOf(Arg))
        for (const auto &[Path, Bound] : S.Bindings)
          if (Object->isReachedThrough(Path) && !(Path == *Object))
            Ids.append(Bound.begin(), Bound.end());
    // Holds on the object's members go with it: the callee undoes them
    // (devm_add_action_or_reset(dev, disable, hub) after
    // regulator_enable(hub->vdd)).
    if (auto Object = objectPathOf(Arg))
      for (const auto &[Id, A] : S.Acqs)
        if (Acqs[Id].Object && A.mayBeHeld() &&
            Acqs[Id].Object->isReachedThrough(*Object))
          Ids.push_back(Id);
    escapeAll(Ids, S);
    return !Ids.empty();
  }

  /// True if what \p Call's argument \p Arg is handed to may be summarized
  /// in another file: a plain function call by name.
  static bool isHandoffCall(const CallExpr *Call, unsigned Arg) {
    const FunctionDecl *Callee = summarizableCallee(Call);
    return Callee && Arg < Callee->getNumParams();
  }

  unsigned addHandoff(AcqId Id, const CallExpr *Call, unsigned Param,
                      std::vector<std::string> Steps) {
    Handoff H;
    H.Acq = Id;
    H.Call = Call;
    H.Callee = Call->getDirectCallee();
    H.Param = Param;
    H.Steps = std::move(Steps);
    for (unsigned I = 0; I < Handoffs.size(); ++I)
      if (Handoffs[I].Acq == Id && Handoffs[I].Call == Call &&
          Handoffs[I].Param == Param && Handoffs[I].Steps == H.Steps)
        return I;
    Handoffs.push_back(std::move(H));
    return Handoffs.size() - 1;
  }

  /// Its address goes to a function of another file (\p H), which may keep
  /// or release it, or only fill or read it.
  void handOff(AcqId Id, unsigned H, State &S) {
    auto It = S.Acqs.find(Id);
    if (It == S.Acqs.end() || !It->second.mayBeHeld())
      return;
    if (S.OnErrorPath) {
      setStatus(Id, Escaped, S);
      return;
    }
    It->second.Status = HandedOff;
    It->second.Lent = true;
    It->second.addHandoff(H);
  }

  /// A function without an entry or a summary: pointer-to-pointer arguments
  /// may take what they point to; other arguments are lent. What goes to a
  /// function by name is recorded as a handoff, for summaries of other
  /// files to settle.
  void unknownCall(const CallExpr *Call, State &S) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I)->IgnoreParenCasts();
      // A C++ record passed by value is a copy of the caller's.
      if (const auto *Copy = dyn_cast<CXXConstructExpr>(Arg);
          Copy && Copy->getNumArgs() == 1 &&
          Copy->getConstructor()->isCopyOrMoveConstructor())
        Arg = Copy->getArg(0)->IgnoreParenCasts();
      bool Handoff = isHandoffCall(Call, I);
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
        if (auto Path = accessPathOf(AddrOf->getSubExpr())) {
          bool Member = !Path->steps().empty();
          for (auto &[Bound, Ids] : S.Bindings) {
            if (Bound.isReachedThrough(*Path)) {
              if (!Handoff) {
                escapeAll(Ids, S);
                continue;
              }
              std::vector<std::string> Steps{"*"};
              for (std::string &Name : stepNames(Bound, Path->steps().size()))
                Steps.push_back(std::move(Name));
              for (AcqId Id :
                   llvm::SmallVector<AcqId, 2>(Ids.begin(), Ids.end()))
                handOff(Id, addHandoff(Id, Call, I, Steps), S);
            } else if (Member && Path->isReachedThrough(Bound)) {
              for (AcqId Id : Ids)
                lend(Id, S);
            }
          }
        }
        continue;
      }
      llvm::SmallVector<AcqId, 2> Ids = carried(Arg, S);
      llvm::SmallVector<unsigned, 2> HandoffIds;
      if (Handoff)
        for (AcqId Id : Ids)
          HandoffIds.push_back(addHandoff(Id, Call, I, {}));
      // A struct passed by value carries what its members hold.
      if (Ids.empty() && Arg->getType()->isRecordType())
        if (auto Path = accessPathOf(Arg))
          for (const auto &[Bound, Held] : S.Bindings)
            if (Bound.isReachedThrough(*Path) && !(Bound == *Path)) {
              Ids.append(Held.begin(), Held.end());
              if (Handoff)
                for (AcqId Id : Held)
                  HandoffIds.push_back(addHandoff(
                      Id, Call, I, stepNames(Bound, Path->steps().size())));
            }
      if (Ids.empty())
        continue;
      bool ConstPointee = false;
      if (Callee && I < Callee->getNumParams())
        if (const auto *PT =
                Callee->getParamDecl(I)->getType()->getAs<PointerType>())
          ConstPointee = PT->getPointeeType().isConstQualified();
      if (ConstPointee)
        continue;
      // Inside a summarized helper, a call through a pointer hands the
      // object to code nobody can see: a release callback, usually.
      if (!Callee && M == Mode::Summary) {
        escapeAll(Ids, S);
        continue;
      }
      for (unsigned J = 0; J < Ids.size(); ++J)
        lend(Ids[J], S, Handoff ? HandoffIds[J] : NoHandoff);
    }
  }

  // --- summaries ----------------------------------------------------------

  /// Maps a callee path to the caller's location for this call.
  std::optional<AccessPath> callerPath(const CalleePath &P,
                                       const CallExpr *Call) const {
    if (const auto *Var = dyn_cast<VarDecl>(P.base());
        Var && Var->hasGlobalStorage() && !Var->isStaticLocal())
      return P;
    const auto *Param = dyn_cast<ParmVarDecl>(P.base());
    if (!Param || Param->getFunctionScopeIndex() >= Call->getNumArgs() ||
        P.steps().empty() || P.steps().front().Field)
      return std::nullopt;
    std::optional<AccessPath> Object =
        objectPathOf(Call->getArg(Param->getFunctionScopeIndex()));
    if (!Object)
      return std::nullopt;
    for (const AccessPath::Step &Step : P.steps().drop_front())
      Object->addStep(Step);
    return Object;
  }

  /// Applies a summary of a callee of this file. Returns false if there is
  /// none; sets \p Returns to false if the callee never returns.
  bool summarizedCall(const CallExpr *Call, State &S, bool &Returns) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody() || Depth >= 3 || Callee->isVariadic())
      return false;
    bool Relevant =
        Analyzer.mayAcquire(Callee) || Analyzer.mayRelease(Callee) ||
        llvm::any_of(S.Acqs,
                     [](const auto &A) { return A.second.mayBeHeld(); });
    if (!Relevant)
      return false;
    const OwnershipSummary *Summary = Analyzer.summaryOf(Callee, Depth);
    if (!Summary)
      return false;
    if (Summary->NeverReturns) {
      Returns = false;
      return true;
    }
    if (Summary->ReturnsParam && *Summary->ReturnsParam < Call->getNumArgs())
      ReturnsArg[Call] = Call->getArg(*Summary->ReturnsParam);
    for (const auto &[Path, Effect] : Summary->Inputs) {
      llvm::SmallVector<AcqId, 2> Ids;
      if (Path.steps().empty()) {
        const auto *Param = cast<ParmVarDecl>(Path.base());
        if (Param->getFunctionScopeIndex() < Call->getNumArgs())
          Ids = carried(Call->getArg(Param->getFunctionScopeIndex()), S);
      } else if (auto Mine = callerPath(Path, Call)) {
        if (const auto *Bound = S.bound(*Mine))
          Ids.assign(Bound->begin(), Bound->end());
      }
      for (AcqId Id : Ids) {
        if (Effect.Effects & OwnershipSummary::Escapes) {
          setStatus(Id, Escaped, S);
        } else if (Effect.Effects & OwnershipSummary::Releases) {
          recordRelease(Id, Effect.ReleasedAt ? Effect.ReleasedAt : Call,
                        Effect.Releaser);
          setStatus(Id, Released, S);
        } else if (Effect.Effects & OwnershipSummary::Links) {
          linkTo(Id, Call, Effect.LinkedInto, S);
        } else if (Effect.Effects & OwnershipSummary::Lends) {
          lend(Id, S);
        }
      }
    }
    applyIntegerUses(Call, Callee, S);
    // Pointer-to-pointer arguments the summary does not mention stay ours;
    // anything else passed by address may have been stored by the callee.
    unsigned ObjectIndex = 0;
    for (const OwnershipSummary::ObjectEffect &O : Summary->Objects) {
      ++ObjectIndex;
      std::optional<AccessPath> Mine;
      if (O.Object) {
        Mine = callerPath(*O.Object, Call);
        if (!Mine)
          continue;
      }
      if (O.Acquires) {
        Acquisition A;
        A.From = Acquisition::Origin::Callee;
        A.Site = Call;
        A.Entry = O.Entry;
        A.Api = O.Api;
        A.Family = O.Family;
        A.Resource = O.Entry ? O.Entry->Resource : "lock";
        A.Object = Mine;
        A.Holder = Mine ? objectName(*Mine) : O.Family;
        A.InnerApi = Callee->getNameAsString();
        A.Fails = O.Fails;
        if (retakes(A, S))
          continue;
        AcqId Id =
            acquire(Call, std::move(A), initialStatus(O.Fails), S, ObjectIndex);
        if (O.Fails != FailureConvention::Never) {
          ValuelessSite.insert(Call);
          StatusCall[Call] = Id;
        }
      } else if (O.Entry) {
        releaseObject(Mine, *O.Entry, Call, S);
      }
    }
    // A helper that may hand back an object it looked up, or one it linked
    // into a list, gives its caller no new resource of its own.
    if (const auto &R = Summary->Returns; R && Summary->ReturnsOnlyFresh) {
      Acquisition A;
      A.From = Acquisition::Origin::Wrapper;
      A.Site = Call;
      A.Api = Callee->getNameAsString();
      A.Family = R->Family;
      A.Resource = R->Resource;
      A.Fails = R->Fails;
      A.InnerReturn = R->At;
      A.InnerApi = R->Api;
      acquire(Call, std::move(A), initialStatus(R->Fails), S);
    }
    return true;
  }

  /// Integers passed by value (descriptors) go where the callee's uses of
  /// them say: released, kept, or only read.
  void applyIntegerUses(const CallExpr *Call, const FunctionDecl *Callee,
                        State &S) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition))
      return;
    for (unsigned I = 0;
         I < Call->getNumArgs() && I < Definition->getNumParams(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (!Arg->getType()->isIntegralOrEnumerationType())
        continue;
      llvm::SmallVector<AcqId, 2> Ids = carried(Arg, S);
      if (Ids.empty())
        continue;
      const auto *Uses = Analyzer.integerUsesOf(Definition);
      if (!Uses) {
        escapeAll(Ids, S); // Recursive: it may keep it.
        continue;
      }
      auto It = Uses->find(AccessPath(Definition->getParamDecl(I)));
      if (It == Uses->end())
        continue;
      const IntegerUse &Use = It->second;
      bool Keeps = Use.keepsForCallers();
      if (!Keeps && !Use.Release)
        continue; // Only read.
      for (AcqId Id : Ids) {
        if (Keeps) {
          setStatus(Id, Escaped, S);
          continue;
        }
        recordRelease(Id, Use.Release, Use.Releaser);
        setStatus(Id, Released, S);
      }
    }
  }

  /// \p Id now belongs to the object argument \p Param of \p Call points
  /// to: owned by it if we hold that object, gone otherwise.
  void linkTo(AcqId Id, const CallExpr *Call, unsigned Param, State &S) {
    llvm::SmallVector<AcqId, 2> Owners;
    if (Param < Call->getNumArgs())
      Owners = carried(Call->getArg(Param), S);
    if (Owners.size() == 1 && Owners.front() != Id &&
        Acqs[Owners.front()].From != Acquisition::Origin::Input) {
      auto It = S.Acqs.find(Owners.front());
      if (It != S.Acqs.end() && It->second.mayBeHeld()) {
        S.Acqs[Id].Owner = Owners.front();
        if (It->second.Lent)
          lend(Id, S);
        return;
      }
    }
    setStatus(Id, Escaped, S);
  }

  // --- branches -----------------------------------------------------------

  /// What a branch says of the path: a failure was detected (an
  /// acquisition failed, an error code is negative), an error code may be
  /// set (non-zero), or an acquisition succeeded.
  struct Outcome {
    bool Failure = false;
    bool MaybeError = false;
    bool Success = false;
  };

  bool assume(const Expr *Cond, bool Taken, State &S) override {
    llvm::SmallVector<BranchFact, 4> Facts;
    collectBranchFacts(Cond, Taken, Rules, Ctx, Facts);
    Outcome O;
    for (const BranchFact &F : Facts)
      if (!applyFact(F, S, O))
        return false;
    if (O.Failure) {
      S.LastBranchFailed = true;
      S.OnErrorPath = true;
      S.FailureBranch = Cond;
    } else if (O.Success) {
      S.LastBranchFailed = false;
    }
    if (O.MaybeError) {
      S.OnErrorPath = true;
      if (!S.FailureBranch)
        S.FailureBranch = Cond;
    }
    return true;
  }

  /// Refines \p S by one fact; false if the fact contradicts it.
  bool applyFact(const BranchFact &F, State &S, Outcome &O) {
    const Expr *Subject = F.Subject;
    if (auto It = StatusCall.find(Subject); It != StatusCall.end())
      return applyStatus(It->second, F, S, O);
    // if (wasm_func_call(...)): a result tested without being stored.
    if (isa<CallExpr>(Subject->IgnoreParenCasts())) {
      for (AcqId Id : carried(Subject, S))
        if (!applyPointerTest(Id, F, S, O))
          return false;
      return true;
    }
    auto Path = accessPathOf(Subject);
    if (!Path || F.Test == TestKind::Relation)
      return true;
    if (auto Int = S.Ints.find(*Path); Int != S.Ints.end()) {
      if (!narrow(Int->second, F, O))
        return false;
      if (Int->second.StatusOf != NoAcq)
        return applyStatus(Int->second.StatusOf, F, S, O);
      return true;
    }
    llvm::SmallVector<AcqId, 1> Ids = valuesAt(*Path, Subject->getType(), S);
    if (Ids.empty() && F.Test == TestKind::IsZero && F.Holds)
      forgetEmptyRecord(*Path, S);
    if (Ids.empty()) {
      // Remember what the test says of an integer (if (ret) goto err). Only
      // a signed local reads as an error code: a flag, a field or a global
      // being non-zero says nothing of failure.
      bool ErrorCode = isErrorCodeVariable(*Path, Subject->getType());
      Outcome Ignored;
      IntInfo I;
      if (!narrow(I, F, ErrorCode ? O : Ignored))
        return false;
      if (const auto *Var = dyn_cast<VarDecl>(Path->base());
          Var && F.Test == TestKind::IsZero && Path->steps().empty() &&
          isOtherFilesGlobal(Var))
        S.Assumed[Var->getCanonicalDecl()] |=
            F.Holds ? AssumedZero : AssumedNonZero;
      if (I.Signs != AnySign || I.Constant)
        S.Ints[*Path] = I;
      return true;
    }
    for (AcqId Id : Ids)
      if (!applyPointerTest(Id, F, S, O))
        return false;
    return true;
  }

  /// if (vec.data == NULL), if (vec.size == 0): the record an out-parameter
  /// allocator filled (wasm_byte_vec_new(&vec, ...)) holds nothing to
  /// release.
  void forgetEmptyRecord(const AccessPath &Member, State &S) {
    if (Member.steps().empty() || !Member.steps().back().Field)
      return;
    AccessPath Record(Member.base());
    for (size_t I = 0; I + 1 < Member.steps().size(); ++I)
      Record.addStep(Member.steps()[I]);
    const auto *Bound = S.bound(Record);
    if (!Bound)
      return;
    for (AcqId Id : *Bound) {
      auto It = S.Acqs.find(Id);
      if (It != S.Acqs.end() && It->second.mayBeHeld() && Acqs[Id].Entry &&
          Acqs[Id].Entry->OutArg)
        It->second.Status = NotAcquired;
    }
  }

  /// A signed local of the function: an error code when non-zero (ret,
  /// err), unlike a parameter, a field, a global or a size.
  /// -1 written as a literal, not through a macro such as -EPERM.
  static bool isBareMinusOne(const Expr *Value) {
    const auto *Minus = dyn_cast_or_null<UnaryOperator>(
        Value ? Value->IgnoreParenImpCasts() : nullptr);
    if (!Minus || Minus->getOpcode() != UO_Minus ||
        Minus->getBeginLoc().isMacroID())
      return false;
    const auto *One =
        dyn_cast<IntegerLiteral>(Minus->getSubExpr()->IgnoreParenImpCasts());
    return One && One->getValue() == 1 && !One->getBeginLoc().isMacroID();
  }

  /// An integer global that another file defines (extern int debug;).
  bool isOtherFilesGlobal(const VarDecl *Var) const {
    return Var->hasGlobalStorage() && !Var->isStaticLocal() &&
           Var->isExternallyVisible() &&
           Var->getType()->isIntegralOrEnumerationType() &&
           Var->hasDefinition(Ctx) == VarDecl::DeclarationOnly;
  }

  static bool isErrorCodeVariable(const AccessPath &P, QualType Type) {
    const auto *Var = dyn_cast<VarDecl>(P.base());
    return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
           P.steps().empty() && Type->isSignedIntegerType();
  }

  bool narrow(IntInfo &I, const BranchFact &F, Outcome &O) {
    uint8_t Signs = I.Signs;
    switch (F.Test) {
    case TestKind::IsZero:
      Signs &= F.Holds ? Zero : (Neg | Pos);
      break;
    case TestKind::IsNegative:
      Signs &= F.Holds ? Neg : (Zero | Pos);
      break;
    case TestKind::IsEqualTo:
      if (I.Constant)
        return (*I.Constant == F.Value) == F.Holds;
      if (F.Holds) {
        I = IntInfo::constant(F.Value);
        return Signs & I.Signs;
      }
      return true;
    default:
      return true;
    }
    if (!Signs)
      return false;
    if (Signs == Neg && I.Signs != Neg)
      O.Failure = true;
    else if (!(Signs & Zero) && (I.Signs & Zero) && Signs != Pos)
      O.MaybeError = true;
    I.Signs = Signs;
    return true;
  }

  /// A test of a status-returning acquisition's result.
  bool applyStatus(AcqId Id, const BranchFact &F, State &S, Outcome &O) {
    auto It = S.Acqs.find(Id);
    if (It == S.Acqs.end() ||
        !(It->second.Status & (Unchecked | Held | NotAcquired)))
      return true;
    std::optional<bool> Failed;
    switch (Acqs[Id].Fails) {
    case FailureConvention::Negative:
    case FailureConvention::NonZero:
      // Such APIs return 0 on success and an error code otherwise.
      if (F.Test == TestKind::IsZero)
        Failed = !F.Holds;
      else if (F.Test == TestKind::IsNegative && F.Holds)
        Failed = true;
      break;
    case FailureConvention::Zero:
      if (F.Test == TestKind::IsZero)
        Failed = F.Holds;
      break;
    default:
      break;
    }
    if (!Failed)
      return true;
    return markAcquired(Id, !*Failed, S, O);
  }

  bool applyPointerTest(AcqId Id, const BranchFact &F, State &S, Outcome &O) {
    auto It = S.Acqs.find(Id);
    if (It == S.Acqs.end())
      return true;
    const Acquisition &A = Acqs[Id];
    std::optional<bool> Failed;
    switch (F.Test) {
    case TestKind::IsZero:
      if (A.Fails != FailureConvention::ErrPtr)
        Failed = F.Holds;
      else if (F.Holds)
        Failed = true; // A NULL test of an ERR_PTR API: still no resource.
      break;
    case TestKind::IsErrPtr:
      if (F.Holds)
        Failed = true;
      else if (A.Fails == FailureConvention::ErrPtr)
        Failed = false;
      break;
    case TestKind::IsErrPtrOrNull:
      Failed = F.Holds;
      break;
    case TestKind::IsNegative:
      if (A.Fails == FailureConvention::Negative)
        Failed = F.Holds;
      break;
    default:
      break;
    }
    if (!Failed)
      return true;
    if (A.From == Acquisition::Origin::Input) {
      // The caller passed NULL: the function does nothing with it here.
      if (*Failed && It->second.mayBeHeld())
        It->second.Status = NotAcquired;
      return true;
    }
    return markAcquired(Id, !*Failed, S, O);
  }

  bool markAcquired(AcqId Id, bool Acquired, State &S, Outcome &O) {
    AcqState &A = S.Acqs[Id];
    if (!(A.Status & (Unchecked | Held | NotAcquired)))
      return true; // Already released or handed over: nothing to refine.
    if (Acquired) {
      if (!(A.Status & (Unchecked | Held)))
        return false;
      A.Status = Held;
      O.Success = true;
    } else {
      if (!(A.Status & (Unchecked | NotAcquired)))
        return false;
      A.Status = NotAcquired;
      O.Failure = true;
    }
    return true;
  }

  bool assumeCase(const SwitchStmt &Switch, const SwitchCase *Label,
                  State &S) override {
    auto Path = accessPathOf(Switch.getCond());
    if (!Path)
      return true;
    auto Int = S.Ints.find(*Path);
    if (Int == S.Ints.end() || !Int->second.Constant)
      return true;
    return switchLabelAdmits(Switch, Label, *Int->second.Constant, Ctx);
  }

  // --- exits --------------------------------------------------------------

  struct ExitClass {
    ExitKind Kind = ExitKind::Success;
    std::string Text;
  };

  ExitClass classifyExit(const ReturnStmt *Return, State &S) {
    ExitClass C;
    const Expr *Value = Return ? Return->getRetValue() : nullptr;
    if (!Value) {
      if (S.LastBranchFailed)
        C.Kind = ExitKind::Error;
      return C;
    }
    const Expr *Stripped = stripValuePreserving(Value);
    QualType Type = Function->getReturnType();
    std::string Written = sourceText(Value, Ctx);
    if (const Expr *Arg = errorValueArgument(Stripped, Rules))
      Stripped = stripValuePreserving(Arg);
    auto ErrorIf = [&](bool IsError, std::string Text) {
      if (IsError) {
        C.Kind = ExitKind::Error;
        C.Text = std::move(Text);
      }
    };
    if (errorValueCall(Stripped, Rules) && !errorValueArgument(Stripped, Rules))
      ErrorIf(true, Written);
    std::optional<int64_t> Constant = integerConstant(Stripped, Ctx);
    const IntInfo *Known = nullptr;
    std::optional<AccessPath> Path = accessPathOf(Stripped);
    if (!Constant && Path)
      if (auto It = S.Ints.find(*Path); It != S.Ints.end()) {
        Known = &It->second;
        Constant = Known->Constant;
      }
    std::string Named = Written;
    if (Known && Known->Spelled)
      if (std::string Spelled = sourceText(Known->Spelled, Ctx);
          !Spelled.empty() && Spelled != Written)
        Named = Spelled + " (in '" + Written + "')";
    if (Type->isBooleanType()) {
      ErrorIf(Constant == 0, Written);
    } else if (Type->isPointerType()) {
      if (Constant == 0)
        ErrorIf(true, Written);
      else if (Path)
        for (AcqId Id : valuesAt(*Path, Stripped->getType(), S))
          if (auto It = S.Acqs.find(Id);
              It != S.Acqs.end() && It->second.Status == NotAcquired &&
              Acqs[Id].Fails == FailureConvention::ErrPtr)
            ErrorIf(true, Written + " (an ERR_PTR)");
    } else if (Type->isIntegralOrEnumerationType()) {
      if (Constant)
        ErrorIf(*Constant < 0, Named);
      else if (Known && !(Known->Signs & Zero) && Known->Signs != Pos &&
               isErrorCodeVariable(*Path, Stripped->getType()))
        ErrorIf(true, Written);
    }
    return C;
  }

  void exitTransfer(const ReturnStmt *Return, State &S) {
    if (Return && Return->getRetValue()) {
      llvm::SmallVector<AcqId, 2> Returned = carried(Return->getRetValue(), S);
      if (M == Mode::Summary && Reporting)
        noteReturn(Return, Returned, S);
      for (AcqId Id : Returned)
        // Handed back to the caller, who still holds it.
        if (!(M == Mode::Summary && isParameterValue(Id)))
          setStatus(Id, Escaped, S);
    }
    switch (M) {
    case Mode::Summary:
      if (Reporting) {
        // Scope guards and cleanup variables release as the function
        // returns: the caller sees them released.
        for (const auto &[Var, Ids] : GuardAcqs)
          for (AcqId Id : Ids)
            setStatus(Id, Released, S);
        for (const auto &[Path, Ids] : S.Bindings)
          if (hasCleanup(Path))
            for (AcqId Id : Ids)
              setStatus(Id, Released, S);
        ExitStates.push_back(S);
      }
      return;
    case Mode::Probe:
      probeExit(Return, S);
      return;
    case Mode::Report:
      if (Reporting)
        reportExit(Return, S);
      return;
    }
  }

  /// True if only variables with a cleanup attribute hold \p Id: they
  /// release it when the function returns.
  bool releasedByCleanup(AcqId Id, const State &S) const {
    for (const auto &[Var, Ids] : GuardAcqs)
      if (llvm::is_contained(Ids, Id))
        return true;
    bool Bound = false;
    for (const auto &[Path, Ids] : S.Bindings) {
      if (!llvm::is_contained(Ids, Id) || isMacroTemporary(Path.base()))
        continue;
      if (!hasCleanup(Path))
        return false;
      Bound = true;
    }
    return Bound;
  }

  bool isRetired(AcqId Id) const {
    return llvm::any_of(RetiredAcq,
                        [&](const auto &R) { return R.second == Id; });
  }

  /// The acquisitions a path leaks at an exit: held, owned by no other held
  /// acquisition (its owner's leak says it all), not left to a cleanup.
  std::vector<AcqId> leakedAt(const State &S,
                              bool HandedOffOnly = false) const {
    std::vector<AcqId> Out;
    for (const auto &[Id, A] : S.Acqs) {
      bool Candidate = HandedOffOnly
                           ? (A.Status & HandedOff) &&
                                 !(A.Status & ~(Unchecked | Held | HandedOff))
                           : A.certainlyHeld();
      if (!Candidate || Acqs[Id].From == Acquisition::Origin::Input)
        continue;
      if (A.Owner != NoAcq)
        if (auto Owner = S.Acqs.find(A.Owner);
            Owner != S.Acqs.end() && Owner->second.mayBeHeld())
          continue;
      if (releasedByCleanup(Id, S))
        continue;
      // An earlier loop iteration's resource that no name reaches any more
      // went where the analysis lost it (sg_set_buf(&sg[i], buf, n)).
      if (isRetired(Id) && llvm::none_of(S.Bindings, [&](const auto &B) {
            return llvm::is_contained(B.second, Id);
          }))
        continue;
      Out.push_back(Id);
    }
    return Out;
  }

  /// The variable that holds \p Id in \p S, if it is no longer the one
  /// it was first stored in.
  std::string holderAt(AcqId Id, const State &S) const {
    const std::string &First = Acqs[Id].Holder;
    std::string Other;
    for (const auto &[Path, Ids] : S.Bindings) {
      if (!llvm::is_contained(Ids, Id) || isMacroTemporary(Path.base()))
        continue;
      std::string Name = Path.spelling();
      if (Name == First)
        return "";
      if (Other.empty())
        Other = Name;
    }
    return Other;
  }

  void reportExit(const ReturnStmt *Return, State &S) {
    std::vector<AcqId> Leaked = leakedAt(S);
    // Given away by address: leaks only if the callees merely borrowed.
    std::vector<AcqId> Deferred = leakedAt(S, /*HandedOffOnly=*/true);
    Leaked.insert(Leaked.end(), Deferred.begin(), Deferred.end());
    if (Leaked.empty())
      return;
    ExitClass C = classifyExit(Return, S);
    std::optional<UnwindFix> Fix;
    bool FixComputed = false;
    for (AcqId Id : Leaked) {
      // One leak per exit: a path that certainly leaks wins over one where
      // the resource went to another file's function.
      bool Deferred = S.Acqs[Id].Status & HandedOff;
      auto [Known, New] = ReportedLeaks.try_emplace({Id, Return}, Deferred);
      if (!New) {
        if (Deferred || !Known->second)
          continue;
        Known->second = false;
        llvm::erase_if(Result.Leaks, [&](const ExitLeak &Old) {
          return Old.Acq == Id && Old.Return == Return;
        });
      }
      ExitLeak L;
      L.Acq = Id;
      L.Return = Return;
      L.Kind = C.Kind;
      L.Returning = C.Text;
      L.FailureBranch = S.FailureBranch;
      L.Goto = S.Goto;
      const AcqState &Held = S.Acqs[Id];
      L.Lent = Held.Lent;
      L.LentElsewhere = Held.LentElsewhere;
      L.Handoffs.assign(Held.Handoffs.begin(), Held.Handoffs.end());
      L.Deferred = Held.Status & HandedOff;
      for (const auto &[Var, Bits] : S.Assumed)
        for (uint8_t Bit : {AssumedZero, AssumedNonZero})
          if (Bits & Bit)
            L.Assumes.push_back({Var, Bit == AssumedNonZero});
      L.HeldAs = holderAt(Id, S);
      if (C.Kind == ExitKind::Error && Return) {
        if (!FixComputed) {
          Fix = findUnwindFix(Return, S);
          FixComputed = true;
        }
        L.Fix = Fix;
      }
      Result.Leaks.push_back(std::move(L));
    }
  }

  // --- unwind fixes -------------------------------------------------------

  /// A label whose code, run from this state, releases exactly what the
  /// return leaks and returns the same error.
  std::optional<UnwindFix> findUnwindFix(const ReturnStmt *Return,
                                         const State &S) {
    if (!Graph || Return->getBeginLoc().isMacroID() || !Return->getRetValue())
      return std::nullopt;
    const Expr *Value = Return->getRetValue();
    std::optional<int64_t> Constant =
        integerConstant(stripValuePreserving(Value), Ctx);
    const VarDecl *Holding = nullptr;
    if (!Constant)
      if (auto Path = accessPathOf(Value); Path && Path->isPlainVariable())
        Holding = dyn_cast<VarDecl>(Path->base());
    if ((!Constant || *Constant >= 0) && !Holding)
      return std::nullopt;
    for (const CFGBlock *Block : *Graph) {
      const auto *Label = dyn_cast_or_null<LabelStmt>(Block->getLabel());
      if (!Label || Label->getBeginLoc().isMacroID())
        continue;
      State Start = S;
      Start.Goto = nullptr;
      Analysis Prober(Analyzer, Function, Mode::Probe, Depth);
      Prober.Acqs = Acqs;
      Prober.SiteAcq = SiteAcq;
      Prober.StatusCall = StatusCall;
      Prober.ValuelessSite = ValuelessSite;
      Prober.ReturnsArg = ReturnsArg;
      Prober.GuardAcqs = GuardAcqs;
      Prober.ProbedReturn = Return;
      Prober.ProbedConstant = Constant;
      if (Holding)
        Prober.Probe.ReturnedVariable = Holding;
      PathSensitiveAnalysis<State> Engine(*Graph, Ctx, 8, 20000);
      // The label's code must leave with the same error: give the variable
      // it returns the error first.
      const VarDecl *ErrorVariable = Holding;
      if (!ErrorVariable)
        ErrorVariable = returnedVariable(*Block);
      if (!ErrorVariable || !ErrorVariable->hasLocalStorage() ||
          !ErrorVariable->getType()->isIntegralOrEnumerationType())
        continue;
      Prober.Probe.ReturnedVariable = ErrorVariable;
      if (Constant)
        Start.Ints[AccessPath(ErrorVariable)] = IntInfo::constant(*Constant);
      if (!Engine.run(Prober, std::move(Start), Block))
        continue;
      for (const CFGBlock *Pred : Graph->getExit().preds())
        if (Pred && !isa_and_nonnull<ReturnStmt>(lastStmt(*Pred)))
          Engine.forEachStateInto(
              Prober, *Pred, Graph->getExit(),
              [&](State &) { Prober.Probe.Valid = false; }); // Falls off.
      if (!Prober.Probe.Valid || !Prober.Probe.ReachedExit)
        continue;
      UnwindFix Fix;
      Fix.Label = Label;
      if (Constant) {
        Fix.ErrorVariable = ErrorVariable->getName().str();
        Fix.ErrorText = sourceText(Value, Ctx);
        if (Fix.ErrorText.empty())
          continue;
      }
      return Fix;
    }
    return std::nullopt;
  }

  /// The variable the code from \p Block returns, following its straight
  /// line of successors: the unwind ladder's "return ret;".
  const VarDecl *returnedVariable(const CFGBlock &Block) const {
    const CFGBlock *B = &Block;
    for (unsigned Steps = 0; B && Steps < 64; ++Steps) {
      for (const CFGElement &E : *B)
        if (auto S = E.getAs<CFGStmt>())
          if (const auto *Return = dyn_cast<ReturnStmt>(S->getStmt())) {
            if (!Return->getRetValue())
              return nullptr;
            auto Path = accessPathOf(Return->getRetValue());
            return Path && Path->isPlainVariable()
                       ? dyn_cast<VarDecl>(Path->base())
                       : nullptr;
          }
      // Prefer the fall-through of conditional cleanups (if (p) kfree(p)).
      if (B->succ_empty())
        return nullptr;
      B = B->succ_size() == 1 ? *B->succ_begin() : *B->succ_rbegin();
    }
    return nullptr;
  }

  static const clang::Stmt *lastStmt(const CFGBlock &Block) {
    for (auto It = Block.rbegin(); It != Block.rend(); ++It)
      if (auto S = It->getAs<CFGStmt>())
        return S->getStmt();
    return nullptr;
  }

  bool transferAll(const CFGBlock &Block, State &S) {
    for (const CFGElement &E : Block)
      if (!transfer(E, S))
        return false;
    return true;
  }

  void probeExit(const ReturnStmt *Return, State &S) {
    Probe.ReachedExit = true;
    if (!Return || Return == ProbedReturn || !Return->getRetValue()) {
      Probe.Valid = false;
      return;
    }
    auto Path = accessPathOf(Return->getRetValue());
    if (!Path || !Path->isPlainVariable() ||
        Path->base() != Probe.ReturnedVariable) {
      Probe.Valid = false;
      return;
    }
    if (!leakedAt(S).empty())
      Probe.Valid = false;
  }

  // --- summary mode -------------------------------------------------------

  void noteReturn(const ReturnStmt *Return,
                  const llvm::SmallVector<AcqId, 2> &Returned, State &S) {
    const Expr *Value = stripValuePreserving(Return->getRetValue());
    if (auto C = integerConstant(Value, Ctx);
        C && *C == 0 && Function->getReturnType()->isPointerType())
      ReturnsNull = true;
    bool Failure = errorValueCall(Value, Rules) != nullptr;
    if (Failure)
      ReturnsErrPtr = true;
    if (auto C = integerConstant(Value, Ctx); C && *C == 0)
      Failure = true;
    // A descriptor wrapper's "return -1;".
    if (auto C = integerConstant(Value, Ctx);
        C && *C < 0 && Function->getReturnType()->isIntegralOrEnumerationType())
      Failure = ReturnsNegative = true;
    bool Fresh = !Returned.empty();
    if (Returned.size() == 1 && isParameterValue(Returned.front())) {
      unsigned Param = Acqs[Returned.front()].Param;
      if (ReturnedParam && *ReturnedParam != Param)
        ReturnsOther = true;
      ReturnedParam = Param;
    } else {
      ReturnsOther = true;
    }
    for (AcqId Id : Returned) {
      const Acquisition &A = Acqs[Id];
      auto It = S.Acqs.find(Id);
      // if (!p) return p;: the failure passed on.
      if (It != S.Acqs.end() && It->second.Status == NotAcquired) {
        Failure = true;
        continue;
      }
      if (A.From == Acquisition::Origin::Input || A.Object ||
          It == S.Acqs.end() || !It->second.mayBeHeld() ||
          A.Resource == "lock" || A.Resource == "context") {
        Fresh = false;
        continue;
      }
      FreshReturns.push_back(
          {Id, Return, static_cast<bool>(It->second.Status & Unchecked)});
    }
    ReturnsNonFresh |= !Failure && !Fresh;
  }

  /// What a parameter itself holds (not what it points to).
  bool isParameterValue(AcqId Id) const {
    return Acqs[Id].From == Acquisition::Origin::Input && !Acqs[Id].Pointee;
  }

  /// Builds the summary from the states that reached the exit.
  void summarize(OwnershipSummary &Out) const {
    if (ReturnedParam && !ReturnsOther)
      Out.ReturnsParam = ReturnedParam;
    for (const auto &[Path, Id] : InputAcq) {
      OwnershipSummary::InputEffect Effect;
      bool ReleasedEverywhere = true, ReleasedSomewhere = false, Seen = false;
      for (const State &S : ExitStates) {
        auto It = S.Acqs.find(Id);
        if (It == S.Acqs.end())
          continue; // Never read on this path.
        if (It->second.Status == NotAcquired)
          continue;
        Seen = true;
        if (It->second.Status & (Escaped | HandedOff))
          Effect.Effects |= OwnershipSummary::Escapes;
        if (It->second.Lent)
          Effect.Effects |= OwnershipSummary::Lends;
        Effect.Kept |=
            (It->second.Status & Escaped) || It->second.LentElsewhere;
        if (It->second.Status != Released)
          ReleasedEverywhere = false;
        if (It->second.Status & Released)
          ReleasedSomewhere = true;
      }
      // Released on some paths only (a put that frees on the last
      // reference): the callee took the caller's hold.
      if (Seen && ReleasedSomewhere && !ReleasedEverywhere) {
        Effect.Effects |= OwnershipSummary::Escapes;
        Effect.Kept = true;
      }
      if (auto Link = LinkedInput.find(Id);
          Link != LinkedInput.end() &&
          !(Effect.Effects & OwnershipSummary::Escapes)) {
        Effect.Effects |= OwnershipSummary::Links;
        Effect.LinkedInto = Link->second;
        Effect.Kept = true;
      }
      if (Seen && ReleasedEverywhere) {
        Effect.Effects |= OwnershipSummary::Releases;
        for (const ReleaseSite &R : SummaryReleases)
          if (R.Acq == Id) {
            Effect.ReleasedAt = R.Call;
            Effect.Releaser = R.Releaser;
            break;
          }
      }
      // Lost without release: the caller keeps it.
      if (Effect.Effects)
        Out.Inputs[Path] = Effect;
      for (const Handoff &H : Handoffs)
        if (H.Acq == Id && isa<ParmVarDecl>(Path.base())) {
          LifecycleSummary::Forward F;
          F.From.Param =
              cast<ParmVarDecl>(Path.base())->getFunctionScopeIndex();
          F.From.Steps = stepNames(Path, 0);
          F.Callee = H.Callee;
          F.To.Param = H.Param;
          F.To.Steps = H.Steps;
          Out.Forwards.push_back(std::move(F));
        }
    }
    // Objects held, or released, on every path to the exit.
    if (ExitStates.empty())
      return;
    const State &First = ExitStates.front();
    for (const auto &[Id, A] : First.Acqs) {
      const Acquisition &Info = Acqs[Id];
      if (Info.From == Acquisition::Origin::Input ||
          !(Info.Object || Info.isLockLike()))
        continue;
      bool Everywhere = llvm::all_of(ExitStates, [&](const State &S) {
        auto It = S.Acqs.find(Id);
        return It != S.Acqs.end() && It->second.certainlyHeld();
      });
      if (!Everywhere)
        continue;
      if (Info.Object && !isCallerVisible(*Info.Object))
        continue;
      OwnershipSummary::ObjectEffect O;
      O.Object = Info.Object;
      O.Family = Info.Family;
      O.Entry = Info.Entry;
      O.Api = Info.Api;
      O.Acquires = true;
      if (llvm::any_of(ExitStates, [&](const State &S) {
            return S.Acqs.find(Id)->second.Status & Unchecked;
          }))
        O.Fails = Info.Fails;
      Out.Objects.push_back(std::move(O));
    }
    for (const ReleasedObject &R : First.ReleasedObjects) {
      if (R.first.base() && !isCallerVisible(R.first))
        continue;
      bool Everywhere = llvm::all_of(ExitStates, [&](const State &S) {
        return S.ReleasedObjects.count(R);
      });
      if (!Everywhere)
        continue;
      OwnershipSummary::ObjectEffect O;
      if (R.first.base())
        O.Object = R.first;
      O.Family = R.second;
      O.Entry = Rules.releaserOf(R.second);
      Out.Objects.push_back(std::move(O));
    }
    Out.ReturnsOnlyFresh = !ReturnsNonFresh;
    if (!FreshReturns.empty()) {
      const ReturnedFresh &F = FreshReturns.front();
      const Acquisition &A = Acqs[F.Acq];
      OwnershipSummary::Returned R;
      R.Family = A.Family;
      R.Resource = A.Resource;
      R.Api = A.From == Acquisition::Origin::Wrapper ? A.InnerApi : A.Api;
      R.At = F.At;
      bool Null = ReturnsNull, ErrPtr = ReturnsErrPtr,
           Negative = ReturnsNegative;
      for (const ReturnedFresh &Other : FreshReturns)
        if (Other.Unchecked) {
          FailureConvention Inner = Acqs[Other.Acq].Fails;
          Null |= Inner == FailureConvention::Null ||
                  Inner == FailureConvention::ErrPtrOrNull;
          ErrPtr |= Inner == FailureConvention::ErrPtr ||
                    Inner == FailureConvention::ErrPtrOrNull;
          Negative |= Inner == FailureConvention::Negative;
        }
      R.Fails =
          Null && ErrPtr ? FailureConvention::ErrPtrOrNull
          : Null         ? FailureConvention::Null
          : ErrPtr       ? FailureConvention::ErrPtr
          : Negative && Function->getReturnType()->isIntegralOrEnumerationType()
              ? FailureConvention::Negative
              : FailureConvention::Never;
      Out.Returns = R;
    }
  }

  std::vector<ReleaseSite> SummaryReleases;
  bool Reporting = false;

private:
  OwnershipAnalyzer &Analyzer;
  const RuleSet &Rules;
  ASTContext &Ctx;
  const FunctionDecl *Function;
  Mode M;
  unsigned Depth;
  std::map<std::pair<const Expr *, unsigned>, AcqId> SiteAcq;
  llvm::DenseMap<const Expr *, AcqId> StatusCall;
  /// Sites whose value is a status or nothing, not the resource they
  /// acquire (posix_memalign, mutex_lock_interruptible, spin_lock).
  llvm::DenseSet<const Expr *> ValuelessSite;
  /// Calls of helpers that return their argument, with that argument.
  llvm::DenseMap<const Expr *, const Expr *> ReturnsArg;
  llvm::DenseMap<AcqId, AcqId> RetiredAcq;
  std::map<CalleePath, AcqId> InputAcq;
  /// Scope guards, with the objects their constructors took.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<AcqId, 1>> GuardAcqs;
  /// In a summary: inputs stored in another parameter's object, by the
  /// index of that parameter.
  std::map<AcqId, unsigned> LinkedInput;
  /// Leaks found per exit, and whether the one kept is deferred.
  std::map<std::pair<AcqId, const Stmt *>, bool> ReportedLeaks;
  std::set<std::pair<AcqId, const Expr *>> RecordedReleases;
  llvm::DenseSet<const UnaryOperator *> ArgumentAddresses;

  /// Addresses passed directly to calls are handled by the call, which
  /// knows what the callee does with them.
  void collectArgumentAddresses(const clang::Stmt *Body) {
    struct Collector : RecursiveASTVisitor<Collector> {
      llvm::DenseSet<const UnaryOperator *> &Out;
      explicit Collector(llvm::DenseSet<const UnaryOperator *> &Out)
          : Out(Out) {}
      bool VisitCallExpr(CallExpr *Call) {
        for (const Expr *Arg : Call->arguments())
          if (const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
              U && U->getOpcode() == UO_AddrOf)
            Out.insert(U);
        return true;
      }
    } C(ArgumentAddresses);
    C.TraverseStmt(const_cast<clang::Stmt *>(Body));
  }

  friend class ::memtidy::OwnershipAnalyzer;
};

/// True if \p Body acquires a resource, or with \p Releases, drops a hold
/// on an object (a lock its caller took), directly or through a callee.
bool bodyMayAcquire(const clang::Stmt *Body, OwnershipAnalyzer &Analyzer,
                    bool Releases) {
  struct Finder : RecursiveASTVisitor<Finder> {
    OwnershipAnalyzer &Analyzer;
    bool Releases;
    bool Found = false;
    Finder(OwnershipAnalyzer &Analyzer, bool Releases)
        : Analyzer(Analyzer), Releases(Releases) {}
    bool VisitCallExpr(CallExpr *Call) {
      if (const ApiEntry *Entry = lookupCallee(Call, Analyzer.rules())) {
        Found |=
            Entry->Kind == ApiKind::Allocator ||
            Entry->Kind == ApiKind::ManagedAllocator ||
            Entry->Kind == ApiKind::Reallocator ||
            Entry->Kind == ApiKind::Acquire ||
            (Entry->Kind == ApiKind::CallsGuest && !Entry->Family.empty()) ||
            (Releases && Entry->Kind == ApiKind::Release);
      } else if (const FunctionDecl *Callee = Call->getDirectCallee();
                 Callee && Callee->hasBody() && !Call->getBuiltinCallee()) {
        Found |= Releases ? Analyzer.mayRelease(Callee)
                          : Analyzer.mayAcquire(Callee);
      } else if (!Releases && Analyzer.speculates()) {
        Found |= isExternalSource(Call, Analyzer.context());
      }
      return !Found;
    }
    bool VisitCXXNewExpr(CXXNewExpr *New) {
      Found |= lookupNew(New, Analyzer.rules()) != nullptr;
      return !Found;
    }
  } F(Analyzer, Releases);
  F.TraverseStmt(const_cast<clang::Stmt *>(Body));
  return F.Found;
}

} // namespace

OwnershipAnalyzer::OwnershipAnalyzer(const RuleSet &Rules, ASTContext &Ctx,
                                     unsigned MaxPathStates)
    : Rules(Rules), Ctx(Ctx), MaxPathStates(MaxPathStates),
      Speculates(SummaryStore::instance().collecting()) {}

OwnershipAnalyzer::~OwnershipAnalyzer() = default;

bool OwnershipAnalyzer::mayAcquire(const FunctionDecl *Function) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition)
    return false;
  auto [It, Inserted] = AcquiresCache.try_emplace(Definition, false);
  if (!Inserted)
    return It->second; // False while in progress: recursion.
  bool Result = bodyMayAcquire(Definition->getBody(), *this, false);
  AcquiresCache[Definition] = Result;
  return Result;
}

bool OwnershipAnalyzer::mayRelease(const FunctionDecl *Function) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition)
    return false;
  auto [It, Inserted] = ReleasesCache.try_emplace(Definition, false);
  if (!Inserted)
    return It->second;
  bool Result = bodyMayAcquire(Definition->getBody(), *this, true);
  ReleasesCache[Definition] = Result;
  return Result;
}

/// What a function does with the integers its callers hand it (descriptors,
/// as a parameter, through a pointer, in a struct): the path-sensitive
/// analysis follows pointers, so these are followed through their uses --
/// released by a rule-pack routine, passed to a function of this file whose
/// summary says what it does with them, handed to a function another file
/// may define, or kept (stored, returned, copied, passed to anything else).
class IntegerInputs {
public:
  /// \p Analyzer gives the uses of the helpers of this file they reach.
  IntegerInputs(const FunctionDecl *Function, OwnershipAnalyzer &Analyzer)
      : Function(Function), Analyzer(Analyzer), Rules(Analyzer.rules()),
        Ctx(Analyzer.context()) {
    collectAliases();
    struct Visitor : RecursiveASTVisitor<Visitor> {
      IntegerInputs &Self;
      explicit Visitor(IntegerInputs &Self) : Self(Self) {}
      bool VisitExpr(Expr *E) {
        // Unevaluated strings (static_assert messages) have no type.
        if (E->isGLValue() && !E->getType().isNull() &&
            E->getType()->isIntegralOrEnumerationType())
          if (auto Input = Self.inputRead(E))
            Self.classifyUse(E, *Input);
        return true;
      }
    } V(*this);
    V.TraverseStmt(Function->getBody());
  }

  /// Adds the fates and forwards of the integer inputs to a summary for
  /// other files.
  void summarize(LifecycleSummary &Out) const {
    for (const auto &[Path, Use] : Uses) {
      LifecycleSummary::Input In{
          cast<ParmVarDecl>(Path.base())->getFunctionScopeIndex(), nullptr,
          stepNames(Path, 0)};
      if (Use.Kept || Use.Release) {
        LifecycleSummary::Fate F;
        F.In = In;
        F.Releases = !Use.Kept;
        if (F.Releases) {
          F.At = Use.Release;
          F.Releaser = Use.Releaser;
          F.Api = spelledApiName(Use.Release, Ctx);
        }
        Out.Fates.push_back(std::move(F));
        continue;
      }
      for (auto &[Callee, Param] : Use.Forwards)
        Out.Forwards.push_back({In, Callee, {Param, nullptr, {}}});
    }
  }

  std::map<AccessPath, IntegerUse> takeUses() { return std::move(Uses); }

private:
  using Use = IntegerUse;
  const FunctionDecl *Function;
  OwnershipAnalyzer &Analyzer;
  const RuleSet &Rules;
  ASTContext &Ctx;
  /// Local pointers that copy a parameter (int **pp = (int **)opaque).
  std::map<const VarDecl *, const ParmVarDecl *> PointerAliases;
  /// Local integers initialized from an input (int fd = *pp).
  std::map<const VarDecl *, AccessPath> IntegerAliases;
  std::map<AccessPath, Use> Uses;
  /// Where each location the function assigns is first assigned.
  std::map<AccessPath, SourceLocation> FirstOverwrite;

  std::optional<AccessPath> inputPath(const Expr *E) const {
    std::optional<AccessPath> Path = accessPathOf(E);
    if (!Path)
      return std::nullopt;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Path->base()))
      return Param->getDeclContext() == Function ? Path : std::nullopt;
    const auto *Var = dyn_cast<VarDecl>(Path->base());
    auto Alias = Var ? PointerAliases.find(Var) : PointerAliases.end();
    if (Alias == PointerAliases.end() || Path->steps().empty())
      return std::nullopt;
    AccessPath Rebased(Alias->second);
    for (const AccessPath::Step &Step : Path->steps())
      Rebased.addStep(Step);
    return Rebased;
  }

  void collectAliases() {
    struct Visitor : RecursiveASTVisitor<Visitor> {
      IntegerInputs &Self;
      explicit Visitor(IntegerInputs &Self) : Self(Self) {}
      bool VisitVarDecl(VarDecl *Var) {
        const Expr *Init = Var->getInit();
        if (!Init || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
          return true;
        Init = Init->IgnoreParenCasts();
        if (Var->getType()->isPointerType()) {
          if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
            if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
                Param && Param->getDeclContext() == Self.Function)
              Self.PointerAliases[Var] = Param;
        } else if (Var->getType()->isIntegralOrEnumerationType()) {
          if (auto Input = Self.inputPath(Init))
            Self.IntegerAliases.emplace(Var, *Input);
        }
        return true;
      }
      bool VisitBinaryOperator(BinaryOperator *Op) {
        if (!Op->isAssignmentOp())
          return true;
        if (auto Path = accessPathOf(Op->getLHS())) {
          auto [It, Inserted] =
              Self.FirstOverwrite.try_emplace(*Path, Op->getBeginLoc());
          if (!Inserted &&
              Self.Ctx.getSourceManager().isBeforeInTranslationUnit(
                  Op->getBeginLoc(), It->second))
            It->second = Op->getBeginLoc();
        }
        return true;
      }
    } V(*this);
    V.TraverseStmt(Function->getBody());
  }

  /// Whether \p E reads a location after the function first stores to it
  /// (in source order): it reads something other than what the caller
  /// passed then (close(fd) after fd = open(...)).
  bool readsOverwritten(const Expr *E) const {
    std::optional<AccessPath> Path = accessPathOf(E);
    if (!Path)
      return false;
    auto It = FirstOverwrite.find(*Path);
    return It != FirstOverwrite.end() &&
           Ctx.getSourceManager().isBeforeInTranslationUnit(It->second,
                                                            E->getBeginLoc());
  }

  /// The input an integer read reads, directly or through a local copy.
  std::optional<AccessPath> inputRead(const Expr *E) const {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        if (auto It = IntegerAliases.find(Var); It != IntegerAliases.end())
          return It->second;
    return inputPath(E);
  }

  void classifyUse(const Expr *E, const AccessPath &Input) {
    if (readsOverwritten(E))
      return;
    Use &U = Uses[Input];
    const Expr *Child = E;
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    while (Parents.size() == 1) {
      const auto *Cast = Parents[0].get<ImplicitCastExpr>();
      const auto *Paren = Parents[0].get<ParenExpr>();
      if (!Cast && !Paren)
        break;
      Child = Cast ? static_cast<const Expr *>(Cast) : Paren;
      Parents = Ctx.getParents(*Child);
    }
    if (Parents.size() != 1) {
      U.Kept = true;
      return;
    }
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Var = Parent.get<VarDecl>()) {
      // The copy that defines an alias is followed through its own uses.
      U.Kept |= !IntegerAliases.count(Var);
      return;
    }
    if (const auto *Call = Parent.get<CallExpr>()) {
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child)
          classifyArgument(Call, I, U);
      return;
    }
    if (const auto *Op = Parent.get<BinaryOperator>()) {
      U.Kept |= Op->isAssignmentOp() && Op->getRHS() == Child;
      return;
    }
    if (const auto *Op = Parent.get<UnaryOperator>()) {
      U.Kept |= Op->getOpcode() == UO_AddrOf;
      return;
    }
    U.Kept |= Parent.get<ReturnStmt>() || Parent.get<InitListExpr>() ||
              Parent.get<CXXConstructExpr>();
  }

  void classifyArgument(const CallExpr *Call, unsigned Arg, Use &U) {
    if (const ApiEntry *Entry = lookupCallee(Call, Rules)) {
      if ((Entry->Kind == ApiKind::Deallocator && Entry->PtrArg == Arg) ||
          (Entry->Kind == ApiKind::Release && Entry->HeldArg == Arg)) {
        if (!U.Release) {
          U.Release = Call;
          U.Releaser = Entry;
        }
      } else if (llvm::is_contained(Entry->ConsumedArgs, Arg)) {
        U.Kept = true;
      }
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && (Callee->isVariadic() || Callee->getBuiltinID()))
      return; // printf("%d", fd): a value read, not kept.
    // A helper of this file: its own uses say what it does with the
    // integer (the path-sensitive summary follows pointers only).
    if (const FunctionDecl *Definition = nullptr;
        Callee && Callee->hasBody(Definition) &&
        Arg < Definition->getNumParams()) {
      const auto *Helper = Analyzer.integerUsesOf(Definition);
      if (!Helper) {
        U.Kept = true; // Recursive: assume it keeps it.
        return;
      }
      auto It = Helper->find(AccessPath(Definition->getParamDecl(Arg)));
      if (It == Helper->end())
        return; // Only read.
      const Use &Inner = It->second;
      if (Inner.keepsForCallers()) {
        U.Kept = true;
      } else if (Inner.Release && !U.Release) {
        U.Release = Call;
        U.Releaser = Inner.Releaser;
      }
      return;
    }
    if (summarizableCallee(Call) && Arg < Callee->getNumParams()) {
      U.Forwards.push_back({Callee, Arg});
      return;
    }
    U.Kept = true;
  }
};

const std::map<AccessPath, IntegerUse> *
OwnershipAnalyzer::integerUsesOf(const FunctionDecl *Definition) {
  auto [It, Inserted] = IntegerUses.try_emplace(Definition);
  if (!Inserted)
    return It->second ? &*It->second : nullptr;
  std::map<AccessPath, IntegerUse> Uses =
      IntegerInputs(Definition, *this).takeUses();
  // The recursion may have added entries: look the slot up again.
  std::optional<std::map<AccessPath, IntegerUse>> &Slot =
      IntegerUses[Definition];
  Slot = std::move(Uses);
  return &*Slot;
}

const OwnershipSummary *
OwnershipAnalyzer::summaryOf(const FunctionDecl *Function, unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition)
    return nullptr;
  auto [It, Inserted] = Summaries.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second.get();
  auto Summary = std::make_unique<OwnershipSummary>();
  std::unique_ptr<CFG> Graph = buildAnalysisCFG(Definition, Ctx);
  if (!Graph || Graph->size() > 400) {
    Summaries[Definition] = nullptr;
    return nullptr;
  }
  Analysis A(*this, Definition, Mode::Summary, Depth + 1);
  PathSensitiveAnalysis<State> Engine(*Graph, Ctx, 8, 100000);
  if (!Engine.run(A, State())) {
    Summaries[Definition] = nullptr;
    return nullptr;
  }
  // The states at each exit, once: at returns, and at the end of the body.
  A.Reporting = true;
  for (const CFGBlock *Pred : Graph->getExit().preds()) {
    if (!Pred)
      continue;
    if (isa_and_nonnull<ReturnStmt>(Analysis::lastStmt(*Pred))) {
      for (State S : Engine.statesAt(*Pred))
        A.transferAll(*Pred, S);
      continue;
    }
    Engine.forEachStateInto(A, *Pred, Graph->getExit(),
                            [&](State &S) { A.fallOffEnd(S); });
  }
  Summary->NeverReturns = A.ExitStates.empty();
  A.summarize(*Summary);
  Summaries[Definition] = std::move(Summary);
  return Summaries[Definition].get();
}

namespace {
/// The analyzer of the translation unit this thread is checking.
thread_local std::unique_ptr<OwnershipAnalyzer> SharedAnalyzer;
} // namespace

OwnershipAnalyzer &OwnershipAnalyzer::shared(const RuleSet &Rules,
                                             ASTContext &Ctx,
                                             unsigned MaxPathStates) {
  if (!SharedAnalyzer || &SharedAnalyzer->Ctx != &Ctx ||
      &SharedAnalyzer->Rules != &Rules)
    SharedAnalyzer =
        std::make_unique<OwnershipAnalyzer>(Rules, Ctx, MaxPathStates);
  return *SharedAnalyzer;
}

void OwnershipAnalyzer::releaseShared() { SharedAnalyzer.reset(); }

const std::optional<FunctionOwnership> &
OwnershipAnalyzer::analyze(const FunctionDecl *Function) {
  auto [It, Inserted] = Results.try_emplace(Function);
  if (Inserted)
    It->second = analyzeUncached(Function);
  return It->second;
}

std::optional<FunctionOwnership>
OwnershipAnalyzer::analyzeUncached(const FunctionDecl *Function) {
  if (!Function->getBody() || !mayAcquire(Function))
    return FunctionOwnership();
  std::unique_ptr<CFG> Graph = buildAnalysisCFG(Function, Ctx);
  if (!Graph)
    return std::nullopt;
  Analysis A(*this, Function, Mode::Report, 0);
  A.Graph = Graph.get();
  PathSensitiveAnalysis<State> Engine(*Graph, Ctx, MaxPathStates);
  bool Ran = Engine.run(A, State());
  if (!Ran)
    return std::nullopt;
  A.Reporting = true;
  Engine.replay(A);
  for (const CFGBlock *Pred : Graph->getExit().preds()) {
    if (!Pred || isa_and_nonnull<ReturnStmt>(Analysis::lastStmt(*Pred)))
      continue;
    Engine.forEachStateInto(A, *Pred, Graph->getExit(),
                            [&](State &S) { A.fallOffEnd(S); });
  }
  A.Result.Acquisitions = std::move(A.Acqs);
  A.Result.Handoffs = std::move(A.Handoffs);
  return std::move(A.Result);
}

std::optional<LifecycleSummary>
OwnershipAnalyzer::lifecycleOf(const FunctionDecl *Function) {
  const OwnershipSummary *Summary = summaryOf(Function, 0);
  // A callee that never returns ends its caller's path: nothing the caller
  // holds leaks there.
  if (!Summary || Summary->NeverReturns)
    return std::nullopt;
  LifecycleSummary Out;
  for (const auto &[Path, Effect] : Summary->Inputs) {
    bool Releases = Effect.Effects & OwnershipSummary::Releases;
    if (!Releases && !Effect.Kept)
      continue;
    LifecycleSummary::Fate F;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Path.base()))
      F.In.Param = Param->getFunctionScopeIndex();
    else
      F.In.Global = cast<VarDecl>(Path.base());
    F.In.Steps = stepNames(Path, 0);
    F.Releases = Releases && !Effect.Kept;
    F.At = Effect.ReleasedAt;
    F.Releaser = Effect.Releaser;
    if (F.At)
      F.Api = isa<CXXDeleteExpr>(F.At)
                  ? (F.Releaser ? F.Releaser->Name : "delete")
                  : spelledApiName(F.At, Ctx);
    Out.Fates.push_back(std::move(F));
  }
  Out.Forwards = Summary->Forwards;
  // Callers of another file own the result only if every return hands
  // back a new resource or a failure.
  if (Summary->Returns && Summary->ReturnsOnlyFresh &&
      !Summary->Returns->Family.empty())
    Out.Returns = LifecycleSummary::Returned{
        Summary->Returns->Family, Summary->Returns->Resource,
        Summary->Returns->Api, Summary->Returns->At};
  return Out;
}

/// What decides whether a body is worth a summary, in one walk.
struct BodyFacts {
  /// Pointer globals the body reads or writes.
  llvm::SmallVector<const VarDecl *, 2> GlobalPointers;
  bool CallsNoReturn = false;
};

static BodyFacts scanBody(const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    BodyFacts Facts;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
          Var->getType()->isPointerType() &&
          !llvm::is_contained(Facts.GlobalPointers, Var))
        Facts.GlobalPointers.push_back(Var);
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      Facts.CallsNoReturn |= Callee && Callee->isNoReturn();
      return true;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Facts;
}

void OwnershipAnalyzer::exportSummary(const FunctionDecl *Function) {
  SummaryStore &Store = SummaryStore::instance();
  // Functions of headers are summarized where their file is analyzed.
  if (!Store.collecting() || !Function->doesThisDeclarationHaveABody() ||
      !Ctx.getSourceManager().isInMainFile(Function->getLocation()) ||
      !Exported.insert(Function).second)
    return;
  BodyFacts Body = scanBody(Function->getBody());
  // What the pointer globals of a function no summary describes hold may
  // be released there.
  auto Unsummarized = [&] {
    for (const VarDecl *Var : Body.GlobalPointers) {
      GlobalFact Opaque;
      Opaque.Usr = usrOf(Var);
      Opaque.Opaque = true;
      if (!Opaque.Usr.empty())
        Store.addGlobal(Opaque);
    }
  };
  if (Function->isDependentContext()) {
    Unsummarized();
    return;
  }
  // Only what callers hand over can have a fate (pointers and records),
  // and only a pointer result can be a new resource; what a global holds
  // may be released by any function.
  bool HandsOver =
      Function->isExternallyVisible() &&
      (Function->getReturnType()->isPointerType() ||
       llvm::any_of(Function->parameters(), [](const ParmVarDecl *P) {
         QualType T = P->getType();
         return T->isPointerType() || T->isReferenceType() || T->isRecordType();
       }));
  // Integers (descriptors) are followed by their uses alone, without the
  // path-sensitive analysis, unless the function may end the program.
  bool HandsOverIntegers =
      !HandsOver && Function->isExternallyVisible() && !Body.CallsNoReturn &&
      llvm::any_of(Function->parameters(), [](const ParmVarDecl *P) {
        return P->getType()->isIntegralOrEnumerationType();
      });
  bool ReadsGlobals = !Body.GlobalPointers.empty();
  if (!HandsOver && !HandsOverIntegers && !ReadsGlobals)
    return;
  FunctionSummary Out;
  Out.Usr = usrOf(Function);
  if (Out.Usr.empty())
    return;
  std::optional<LifecycleSummary> Life =
      HandsOver || ReadsGlobals ? lifecycleOf(Function) : LifecycleSummary();
  if (!Life) {
    Unsummarized();
    return;
  }
  IntegerInputs(Function, *this).summarize(*Life);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  auto InputOf = [](const LifecycleSummary::Input &In) {
    InputPath P;
    P.Param = In.Param;
    P.Steps = In.Steps;
    if (In.Global) {
      P.IsGlobal = true;
      P.Global = usrOf(In.Global);
    }
    return P;
  };
  Out.Name = Function->getNameAsString();
  Out.LifecycleKnown = true;
  Out.Definition = fileRangeOf(
      SourceRange(Function->getLocation(), Function->getLocation()), SM, LO);
  for (const LifecycleSummary::Fate &F : Life->Fates) {
    LifecycleFact Fact;
    Fact.Input = InputOf(F.In);
    Fact.Fate = F.Releases ? LifecycleFact::Releases : LifecycleFact::Keeps;
    Fact.Api = F.Api;
    if (F.Releaser && F.Releaser->Kind == ApiKind::Deallocator) {
      Fact.Family = F.Releaser->Family;
      Fact.AlsoReleases = F.Releaser->AlsoReleases;
    }
    Fact.Where =
        F.At ? fileRangeOf(F.At->getSourceRange(), SM, LO) : Out.Definition;
    Out.Lifecycle.push_back(std::move(Fact));
  }
  if (Life->Returns)
    Out.ReturnsFresh = LifecycleReturn{
        Life->Returns->Family, Life->Returns->Resource, Life->Returns->Api,
        Life->Returns->At
            ? fileRangeOf(Life->Returns->At->getSourceRange(), SM, LO)
            : Out.Definition};
  for (const LifecycleSummary::Forward &F : Life->Forwards) {
    std::string Callee = usrOf(F.Callee);
    if (Callee.empty())
      continue;
    Out.LifecycleForwards.push_back({InputOf(F.From), Callee, InputOf(F.To)});
  }
  Store.add(std::move(Out));
}

llvm::StringRef releasedVerb(llvm::StringRef Resource) {
  return llvm::StringSwitch<llvm::StringRef>(Resource)
      .Case("memory", "freed")
      .Cases("file", "fd", "closed")
      .Case("refcount", "released")
      .Case("lock", "unlocked")
      .Case("context", "left")
      .Default("released");
}

llvm::StringRef acquiredVerb(llvm::StringRef Resource) {
  return llvm::StringSwitch<llvm::StringRef>(Resource)
      .Case("memory", "allocated")
      .Cases("file", "fd", "opened")
      .Case("refcount", "taken")
      .Case("lock", "locked")
      .Case("context", "entered")
      .Default("acquired");
}

} // namespace memtidy
