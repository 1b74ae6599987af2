//===--- SleepInAtomicCheck.cpp - memtidy ---------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Each function of the file is walked path by path with a ContextTracker,
// which says what the path holds (spinlocks, disabled interrupts, RCU read
// sections, ...), and with the GFP masks that variables and fields hold. A
// call that may sleep -- by its rule-pack entry, by its mask's direct-reclaim
// bit, or by the summary of the function it calls -- is reported where an
// atomic hold is held, or anywhere in a function registered as a callback
// that runs in atomic context (an IRQ handler, a timer, a URB completion).
//
// Summaries say how a function may sleep when it is called outside atomic
// context: whatever it is passed, or only if the mask one of its inputs
// holds (a gfp_t parameter, a field of a struct it is given) allows
// reclaim. They are computed bottom-up on demand and iterated to a fixpoint
// when calls are recursive; they cross files through the summary store.
//
//===----------------------------------------------------------------------===//

#include "SleepInAtomicCheck.h"
#include "support/AccessPath.h"
#include "support/ApiCalls.h"
#include "support/ExecutionContext.h"
#include "support/GfpMasks.h"
#include "support/PathSensitive.h"
#include "support/Summaries.h"
#include "support/SummaryLocations.h"
#include "support/Suppression.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

/// Summaries of larger functions are not computed: they are rarely helpers,
/// and the fixpoint must stay cheap.
constexpr unsigned MaxSummaryBlocks = 800;
/// Recursive call chains are iterated this often at most.
constexpr unsigned MaxFixpointRounds = 4;

/// One step of the explanation of a sleep, in this translation unit.
struct ChainNote {
  SourceLocation Loc;
  std::string Text;
};
using Chain = std::vector<ChainNote>;

/// A release of a hold the function did not take: its caller's.
using Release = std::pair<const mt::ApiEntry *, std::optional<mt::AccessPath>>;

/// One way a function may sleep when it is called.
struct SleepFact {
  /// Only if the mask of this input (by index into Inputs) allows reclaim.
  std::optional<unsigned> IfInput;
  /// The caller's holds the function drops before it sleeps
  /// (spin_unlock_irq(&desc->lock); usb_submit_urb(..., GFP_KERNEL)).
  std::vector<Release> Before;
  Chain Steps;
};

/// How a function may sleep when it is called outside its own atomic
/// sections.
struct SleepSummary {
  std::vector<SleepFact> Facts;
  std::vector<mt::InputPath> Inputs;
  /// Calls to other files' functions outside atomic context.
  std::vector<mt::SleepCallFact> ExternalCalls;

  const SleepFact *find(std::optional<unsigned> IfInput,
                        const std::vector<Release> &Before) const {
    for (const SleepFact &F : Facts)
      if (F.IfInput == IfInput && F.Before == Before)
        return &F;
    return nullptr;
  }
  bool sameFacts(const SleepSummary &O) const {
    auto Input = [](const SleepSummary &S, std::optional<unsigned> I) {
      return I ? std::optional<mt::InputPath>(S.Inputs[*I]) : std::nullopt;
    };
    if (Facts.size() != O.Facts.size())
      return false;
    for (const SleepFact &F : Facts)
      if (llvm::none_of(O.Facts, [&](const SleepFact &G) {
            return Input(O, G.IfInput) == Input(*this, F.IfInput) &&
                   G.Before == F.Before;
          }))
        return false;
    return true;
  }
};

/// Sleeping facts kept per function: the first of each kind explains it.
constexpr unsigned MaxFactsPerFunction = 8;

struct State {
  mt::ContextState Ctx;
  /// GFP masks that variables and fields hold on this path.
  std::map<mt::AccessPath, mt::MaskValue> Masks;

  bool operator==(const State &O) const {
    return Ctx == O.Ctx && Masks == O.Masks;
  }
  bool sameProperty(const State &O) const { return Ctx.sameProperty(O.Ctx); }
  void joinWith(const State &O) {
    Ctx.joinWith(O.Ctx);
    for (auto It = Masks.begin(); It != Masks.end();) {
      auto Other = O.Masks.find(It->first);
      if (Other == O.Masks.end()) {
        It = Masks.erase(It);
        continue;
      }
      It->second = It->second.meet(Other->second);
      ++It;
    }
  }

  void kill(const mt::AccessPath &Path) {
    for (auto It = Masks.begin(); It != Masks.end();)
      It = It->first.isReachedThrough(Path) ? Masks.erase(It) : std::next(It);
  }
};

/// A whole function that runs as a callback, and where it is registered.
struct CallbackContext {
  mt::ExecContext Context = mt::ExecContext::Atomic;
  const Expr *Site = nullptr;                ///< In this translation unit.
  std::optional<mt::FileRange> ExternalSite; ///< Or in another file.
  std::string Api;                           ///< "request_irq".

  bool atomic() const { return Context != mt::ExecContext::Process; }
};

/// Integer parameters (by index) known to hold a constant: the callee's
/// view of a call such as kaweth_async_set_rx_mode(kaweth, false).
using ParamValues = std::map<unsigned, int64_t>;

/// The integer constants \p Call passes to parameters of \p Callee (GFP
/// masks aside: their own tracking decides those).
ParamValues constantArguments(const CallExpr *Call, const FunctionDecl *Callee,
                              const ASTContext &Ctx) {
  ParamValues Values;
  for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
       ++I) {
    QualType Type = Callee->getParamDecl(I)->getType();
    const Expr *Arg = Call->getArg(I);
    Expr::EvalResult Result;
    if (Type->isIntegralOrEnumerationType() && !mt::isGfpType(Type) &&
        !Arg->isValueDependent() && Arg->EvaluateAsInt(Result, Ctx) &&
        !mt::dependsOnConfiguration(Arg, Ctx))
      Values[I] = Result.Val.getInt().getExtValue();
  }
  return Values;
}

/// Where sparse's __releases() annotations are written: a function so
/// annotated releases a lock its caller holds, even when it does so out of
/// sight (fiq->ops->wake_pending_and_unlock(fiq)). Without __CHECKER__ the
/// macro expands to nothing, so only the preprocessor sees it.
class ReleaseAnnotations : public PPCallbacks {
public:
  explicit ReleaseAnnotations(std::vector<SourceLocation> &Out) : Out(Out) {}
  void MacroExpands(const Token &Name, const MacroDefinition &,
                    SourceRange Range, const MacroArgs *) override {
    if (const IdentifierInfo *Id = Name.getIdentifierInfo();
        Id && Id->getName() == "__releases")
      Out.push_back(Range.getBegin());
  }

private:
  std::vector<SourceLocation> &Out;
};

/// A function that the file only calls in atomic context, analyzed as if
/// it held what its first caller holds at the call.
struct EntryContext {
  mt::Hold Held;
  const CallExpr *Call = nullptr;
  const FunctionDecl *Caller = nullptr;
};

/// A call or statement that may sleep, as the analysis meets it.
struct SleepOp {
  enum OpKind { Direct, Mask, Callee };
  OpKind Kind = Direct;
  const void *Key = nullptr; ///< One report per key.
  const Stmt *Site = nullptr;
  SourceLocation Loc;
  SourceRange Range;
  std::string Api; ///< As written: "msleep", "wait_event", "kmalloc".
  bool Allocation = false;
  const Expr *MaskArg = nullptr; ///< The mask argument at the call.
  mt::MaskValue MaskValue;
  std::string MaskName; ///< "GFP_KERNEL", or "".
  Chain CalleeChain;    ///< For calls: how the callee sleeps.
  const FunctionDecl *CalledFunction = nullptr; ///< A function of the file.
  std::optional<unsigned> IfInput; ///< Sleeps if this input allows reclaim.
};

struct Report {
  SleepOp Op;
  std::optional<mt::Hold> Held; ///< Else the function's callback context.
  Chain Notes;
};

/// A finding ready to be emitted.
struct FinalReport {
  SourceLocation Loc;
  SourceRange Range;
  std::string Message;
  Chain Notes;
  std::optional<FixItHint> Fix;
  const FunctionDecl *CalledFunction = nullptr; ///< A function of the file.
};

std::string contextWord(mt::ExecContext C) {
  switch (C) {
  case mt::ExecContext::HardIrq:
    return "a hard-IRQ handler";
  case mt::ExecContext::SoftIrq:
    return "a softirq callback";
  case mt::ExecContext::Atomic:
    return "a callback that runs in atomic context";
  case mt::ExecContext::Process:
    return "a process-context callback";
  }
  llvm_unreachable("unknown context");
}

std::string callbackClause(const CallbackContext &C, llvm::StringRef Name) {
  switch (C.Context) {
  case mt::ExecContext::HardIrq:
    return ("in hard-IRQ handler '" + Name + "'").str();
  case mt::ExecContext::SoftIrq:
    return ("in softirq callback '" + Name + "'").str();
  default:
    return ("in '" + Name + "', which runs in atomic context").str();
  }
}

/// The function a callback argument or initializer names, through casts
/// and '&'.
const FunctionDecl *functionNamed(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

/// "record::field" of a field, named by the nearest named record (the
/// kernel keeps callbacks in anonymous unions: tasklet_struct's callback).
std::string fieldEntryName(const FieldDecl *Field) {
  for (const DeclContext *DC = Field->getDeclContext(); DC;
       DC = DC->getParent()) {
    const auto *Record = dyn_cast<RecordDecl>(DC);
    if (!Record)
      break;
    if (!Record->getName().empty())
      return (Record->getName() + "::" + Field->getName()).str();
    if (const TypedefNameDecl *Typedef = Record->getTypedefNameForAnonDecl())
      return (Typedef->getName() + "::" + Field->getName()).str();
  }
  return "";
}

} // namespace

/// The analysis of one translation unit.
class SleepInAtomicTU {
public:
  SleepInAtomicTU(SleepInAtomicCheck &Check, const mt::RuleSet &Rules,
                  const SourceManager &SM, Preprocessor *PP,
                  unsigned MaxPathStates)
      : Check(Check), Rules(Rules), SM(SM), PP(PP),
        MaxPathStates(MaxPathStates), Flags(Rules.gfp(), SM),
        Store(mt::SummaryStore::instance()), Collecting(Store.collecting()) {}

  std::unique_ptr<PPCallbacks> callbacks() { return Flags.makeCallbacks(); }
  std::unique_ptr<PPCallbacks> annotationCallbacks() {
    return std::make_unique<ReleaseAnnotations>(Releases);
  }
  void addFunction(const FunctionDecl *F) { Functions.push_back(F); }
  void finish(ASTContext &Context);

  // Used by the function analyses.
  SleepInAtomicCheck &Check;
  const mt::RuleSet &Rules;
  const SourceManager &SM;
  Preprocessor *PP;
  const unsigned MaxPathStates;
  mt::GfpFlagValues Flags;
  mt::SummaryStore &Store;
  const bool Collecting;
  ASTContext *Ctx = nullptr;
  std::unique_ptr<mt::ContextTracker> Tracker;
  std::vector<FinalReport> Reports;
  llvm::DenseSet<const void *> Reported;
  std::vector<mt::PendingFinding> Pending;

  const SleepSummary *summaryOf(const FunctionDecl *F);
  /// The summary of \p F for callers that pass it constants: the branches
  /// those constants decide are not taken. Null while being computed.
  const SleepSummary *summaryOf(const FunctionDecl *F,
                                const ParamValues &Values);
  /// True if a declaration of \p F is annotated __releases().
  bool releasesCallersLock(const FunctionDecl *F);
  const std::string &usrOf(const Decl *D);
  bool inMainFile(SourceLocation Loc) const {
    return SM.isInMainFile(SM.getExpansionLoc(Loc));
  }
  /// Notes for a mask that allows reclaim: where it was set (unless at
  /// \p Site) and the definition of the mask macro.
  Chain maskNotes(const SleepOp &Op) const;
  std::string hopText(const FunctionDecl *From, llvm::StringRef To) const {
    return ("'" + From->getName() + "' calls '" + To + "' here").str();
  }
  /// Notes how a normal walk reached a call of a function of the file.
  void noteCallSite(const CallExpr *Call, const FunctionDecl *Caller,
                    const mt::ContextState &C);

private:
  std::vector<const FunctionDecl *> Functions;
  llvm::DenseMap<const FunctionDecl *, CallbackContext> Callbacks;
  std::map<const FunctionDecl *, std::vector<mt::CallbackFact>> Registers;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<SleepSummary>> Summaries;
  llvm::DenseSet<const FunctionDecl *> InProgress;
  llvm::DenseSet<const FunctionDecl *> Recursive;
  llvm::DenseMap<const Decl *, std::string> Usrs;
  /// How the calls of functions of the file were reached.
  struct CallSite {
    const FunctionDecl *Caller = nullptr;
    std::optional<mt::Hold> Held; ///< An atomic hold of a path.
    bool Outside = false;         ///< A path reached it outside atomic context.
  };
  std::map<const CallExpr *, CallSite> CallSites;
  std::map<std::pair<const FunctionDecl *, ParamValues>,
           std::unique_ptr<SleepSummary>>
      Specialized;
  std::vector<SourceLocation> Releases;
  llvm::DenseMap<const FunctionDecl *, bool> Released;

  void findRegistrations();
  void registerCallback(const FunctionDecl *Callback, mt::ExecContext Context,
                        const Expr *Site, llvm::StringRef Api,
                        const FunctionDecl *In);
  std::unique_ptr<SleepSummary> compute(const FunctionDecl *F,
                                        const CallbackContext *Callback,
                                        bool Report,
                                        const EntryContext *Entry = nullptr,
                                        const ParamValues *Values = nullptr);
  void reportEnteredAtomic();
  void exportSummaries();
  void emit();
};

namespace {

/// One walk over one function.
class FunctionAnalysis : public mt::PathClient<State> {
public:
  FunctionAnalysis(SleepInAtomicTU &TU, const FunctionDecl *Function,
                   const CallbackContext *Callback, const EntryContext *Entry,
                   const ParamValues *Values)
      : TU(TU), Ctx(*TU.Ctx), SM(TU.SM), Tracker(*TU.Tracker),
        Function(Function), Callback(Callback), Entry(Entry),
        Specialized(Values), MainFile(TU.inMainFile(Function->getLocation())) {
    if (Values)
      for (const auto &[Index, Value] : *Values)
        if (Index < Function->getNumParams() &&
            !isModified(Function->getParamDecl(Index)))
          Known[Function->getParamDecl(Index)] = Value;
  }

  SleepSummary Summary;
  bool SawAtomic = false;
  bool Reporting = false;
  std::map<const void *, Report> Reports;
  /// Report keys some state reached outside atomic context: no fix-it.
  llvm::DenseSet<const void *> Uncertain;

  bool transfer(const CFGElement &Element, State &S) override {
    // A call may sleep before what it does to the context takes effect
    // (a helper that drops the caller's lock says when it sleeps).
    ops(Element, S);
    size_t HeldBefore = S.Ctx.Holds.size();
    Tracker.transfer(Element, Function, S.Ctx);
    annotatedRelease(Element, HeldBefore, S);
    return true;
  }

  void ops(const CFGElement &Element, State &S) {
    auto StmtElement = Element.getAs<CFGStmt>();
    if (!StmtElement)
      return;
    const Stmt *Node = StmtElement->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(Node)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
          assign(mt::AccessPath(Var), Var->getType(), Var->getInit(), S);
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(Node);
               Binary && Binary->isAssignmentOp()) {
      if (auto Target = mt::accessPathOf(Binary->getLHS()))
        assign(*Target, Binary->getLHS()->getType(),
               Binary->getOpcode() == BO_Assign ? Binary->getRHS() : Binary, S);
    }
    SourceLocation Instance;
    if (const mt::ApiEntry *Entry =
            Tracker.macroEntry(Node, mt::EntryGroup::Sleep, &Instance);
        Entry && Entry->MaySleep) {
      SleepOp Op;
      Op.Key = Instance.getPtrEncoding();
      Op.Site = Node;
      Op.Loc = SM.getExpansionLoc(Instance);
      Op.Range = SourceRange(Op.Loc, Op.Loc);
      Op.Api = spelledAt(Op.Loc);
      sleep(Op, S.Ctx);
    }
    if (const auto *Call = dyn_cast<CallExpr>(Node)) {
      call(Call, S);
      forgetPassedMasks(Call, S);
    }
  }

  bool assume(const Expr *Cond, bool Taken, State &S) override {
    if (std::optional<int64_t> Value = knownValue(Cond);
        Value && (*Value != 0) != Taken)
      return false;
    return Tracker.assume(Cond, Taken, Function, S.Ctx);
  }

private:
  SleepInAtomicTU &TU;
  ASTContext &Ctx;
  const SourceManager &SM;
  mt::ContextTracker &Tracker;
  const FunctionDecl *Function;
  const CallbackContext *Callback;
  const EntryContext *Entry;
  const bool Specialized; ///< For callers that pass constants.
  const bool MainFile;
  /// Parameters that hold the caller's constants throughout.
  llvm::DenseMap<const ParmVarDecl *, int64_t> Known;

  bool isModified(const ParmVarDecl *Param) const {
    struct Finder : RecursiveASTVisitor<Finder> {
      const ParmVarDecl *Param;
      bool Found = false;
      bool refersToParam(const Expr *E) const {
        const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
        return Ref && Ref->getDecl() == Param;
      }
      bool VisitBinaryOperator(BinaryOperator *Op) {
        Found |= Op->isAssignmentOp() && refersToParam(Op->getLHS());
        return !Found;
      }
      bool VisitUnaryOperator(UnaryOperator *Op) {
        Found |=
            (Op->isIncrementDecrementOp() || Op->getOpcode() == UO_AddrOf) &&
            refersToParam(Op->getSubExpr());
        return !Found;
      }
    } F;
    F.Param = Param;
    F.TraverseStmt(Function->getBody());
    return F.Found;
  }

  /// The value of a condition on known parameters (may_sleep, !may_sleep,
  /// mode == 2, a && b); none if it does not involve one.
  std::optional<int64_t> knownValue(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
      auto It = Param ? Known.find(Param) : Known.end();
      if (It == Known.end())
        return std::nullopt;
      return It->second;
    }
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot) {
      if (auto V = knownValue(Not->getSubExpr()))
        return *V == 0;
      return std::nullopt;
    }
    const auto *Binary = dyn_cast<BinaryOperator>(E);
    if (!Binary)
      return std::nullopt;
    std::optional<int64_t> L = knownValue(Binary->getLHS());
    std::optional<int64_t> R = knownValue(Binary->getRHS());
    if (Binary->isLogicalOp()) {
      bool And = Binary->getOpcode() == BO_LAnd;
      // A known side that decides alone: false && x, true || x.
      for (const std::optional<int64_t> &Side : {L, R})
        if (Side && (*Side != 0) != And)
          return !And;
      if (L && R)
        return And;
      return std::nullopt;
    }
    if (!Binary->isEqualityOp() || (!L && !R))
      return std::nullopt;
    auto Constant = [&](const Expr *Side) -> std::optional<int64_t> {
      Expr::EvalResult Result;
      if (Side->EvaluateAsInt(Result, Ctx))
        return Result.Val.getInt().getExtValue();
      return std::nullopt;
    };
    if (!L)
      L = Constant(Binary->getLHS());
    if (!R)
      R = Constant(Binary->getRHS());
    if (!L || !R)
      return std::nullopt;
    return (*L == *R) == (Binary->getOpcode() == BO_EQ);
  }

  /// A call of a function annotated __releases(): it drops the most recent
  /// lock, unless what the tracker knows of it dropped one already.
  void annotatedRelease(const CFGElement &Element, size_t HeldBefore,
                        State &S) {
    auto StmtElement = Element.getAs<CFGStmt>();
    const auto *Call =
        StmtElement ? dyn_cast<CallExpr>(StmtElement->getStmt()) : nullptr;
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    // Lock primitives are annotated too (_raw_spin_unlock): their rule-pack
    // entries, or those of the macros they come from, have acted already.
    if (!Callee || S.Ctx.Holds.size() < HeldBefore ||
        mt::lookupCallee(Call, TU.Rules) ||
        Tracker.macroEntry(Call, mt::EntryGroup::Resource) ||
        !TU.releasesCallersLock(Callee))
      return;
    for (auto It = S.Ctx.Holds.rbegin(); It != S.Ctx.Holds.rend(); ++It)
      if (mt::ContextTracker::isLock(*It)) {
        S.Ctx.Holds.erase(std::next(It).base());
        return;
      }
  }

  std::string spelledAt(SourceLocation FileLoc) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(FileLoc), SM,
                                Ctx.getLangOpts())
        .str();
  }

  // --- masks -------------------------------------------------------------

  std::optional<mt::InputPath> inputOf(const mt::AccessPath &P) const {
    const auto *Param = dyn_cast<ParmVarDecl>(P.base());
    if (!Param || Param->getDeclContext() != Function)
      return std::nullopt;
    mt::InputPath In;
    In.Param = Param->getFunctionScopeIndex();
    In.Steps = mt::stepNames(P, 0);
    return In;
  }

  unsigned inputIndex(const mt::InputPath &In) {
    auto It = llvm::find(Summary.Inputs, In);
    if (It != Summary.Inputs.end())
      return It - Summary.Inputs.begin();
    Summary.Inputs.push_back(In);
    return Summary.Inputs.size() - 1;
  }

  std::optional<mt::MaskValue> maskAt(const mt::AccessPath &P, const State &S) {
    if (auto It = S.Masks.find(P); It != S.Masks.end())
      return It->second;
    if (auto In = inputOf(P))
      return mt::MaskValue::input(inputIndex(*In));
    return std::nullopt;
  }

  mt::MaskValue evaluate(const Expr *E, const State &S) {
    return mt::evaluateMask(
        E, Ctx,
        [&](const Expr *Leaf) -> std::optional<mt::MaskValue> {
          auto P = mt::accessPathOf(Leaf);
          return P ? maskAt(*P, S) : std::nullopt;
        },
        [&](const ConditionalOperator *Op) -> std::optional<bool> {
          auto It = S.Ctx.Arms.find(Op);
          if (It == S.Ctx.Arms.end())
            return std::nullopt;
          return It->second;
        });
  }

  void assign(const mt::AccessPath &Target, QualType Type, const Expr *Value,
              State &S) {
    S.kill(Target);
    const Expr *Init = Value->IgnoreParenImpCasts();
    if (const auto *List = dyn_cast<InitListExpr>(Init)) {
      fieldMasks(Target, List, S);
      return;
    }
    if (!mt::isGfpType(Type) && !mt::looksLikeMask(Value, TU.Rules.gfp(), Ctx))
      return;
    mt::MaskValue M = evaluate(Value, S);
    if (M.Known || M.Input)
      S.Masks[Target] = M;
  }

  /// struct alloc_ctx ctx = { .gfp = GFP_KERNEL }: the fields' masks.
  void fieldMasks(const mt::AccessPath &Var, const InitListExpr *List,
                  State &S) {
    const InitListExpr *Semantic =
        List->isSemanticForm() ? List : List->getSemanticForm();
    const RecordDecl *Record = List->getType()->getAsRecordDecl();
    if (!Semantic || !Record)
      return;
    for (const FieldDecl *Field : Record->fields()) {
      unsigned Index = Field->getFieldIndex();
      if (Index >= Semantic->getNumInits())
        break;
      mt::AccessPath Path = Var;
      Path.addField(Field);
      assign(Path, Field->getType(), Semantic->getInit(Index), S);
    }
  }

  /// A callee may change what its pointer arguments reach.
  void forgetPassedMasks(const CallExpr *Call, State &S) {
    for (const Expr *Arg : Call->arguments()) {
      const Expr *E = Arg->IgnoreParenCasts();
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        E = AddrOf->getSubExpr();
      else if (!E->getType()->isPointerType())
        continue;
      if (auto Path = mt::accessPathOf(E)) {
        mt::AccessPath Reached = *Path;
        if (E == Arg->IgnoreParenCasts())
          Reached.addDeref();
        S.kill(Reached);
      }
    }
  }

  /// The mask the callee's input \p In has at \p Call, as this function
  /// sees it.
  mt::MaskValue maskOfCalleeInput(const mt::InputPath &In, const CallExpr *Call,
                                  const State &S) {
    if (In.IsGlobal || In.Param >= Call->getNumArgs())
      return mt::MaskValue::unknown();
    const Expr *Arg = Call->getArg(In.Param);
    if (In.Steps.empty())
      return evaluate(Arg, S);
    const Expr *E = Arg->IgnoreParenCasts();
    std::optional<mt::AccessPath> Path;
    QualType Type;
    size_t First = 0;
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      if (In.Steps.front() != "*")
        return mt::MaskValue::unknown();
      Path = mt::accessPathOf(AddrOf->getSubExpr());
      Type = AddrOf->getSubExpr()->getType();
      First = 1;
    } else {
      Path = mt::accessPathOf(E);
      Type = E->getType();
    }
    if (!Path)
      return mt::MaskValue::unknown();
    for (size_t I = First; I < In.Steps.size(); ++I) {
      if (In.Steps[I] == "*") {
        Type = Type->getPointeeType();
        Path->addDeref();
        continue;
      }
      const RecordDecl *Record =
          Type.isNull() ? nullptr : Type->getAsRecordDecl();
      const FieldDecl *Field = nullptr;
      if (Record)
        for (const FieldDecl *F : Record->fields())
          if (F->getName() == In.Steps[I])
            Field = F;
      if (!Field)
        return mt::MaskValue::unknown();
      Path->addField(Field);
      Type = Field->getType();
    }
    return maskAt(*Path, S).value_or(mt::MaskValue::unknown());
  }

  /// Fills the mask fields of \p Op from \p M; false if the mask cannot let
  /// the allocator sleep.
  bool judgeMask(SleepOp &Op, const mt::MaskValue &M, const Expr *Spelled) {
    Op.MaskValue = M;
    const Expr *Named = M.Origin ? M.Origin : Spelled;
    Op.MaskName = mt::spelledMask(Named, TU.Rules.gfp(), Ctx).str();
    switch (mt::allowsReclaim(M, Named, TU.Flags, Ctx)) {
    case mt::Reclaim::Allowed:
      return true;
    case mt::Reclaim::OnInput:
      Op.IfInput = M.Input;
      return true;
    default:
      return false;
    }
  }

  // --- calls -------------------------------------------------------------

  void call(const CallExpr *Call, State &S) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Call->getBuiltinCallee())
      return;
    const mt::ApiEntry *Sleep =
        mt::lookupCallee(Call, TU.Rules, mt::EntryGroup::Sleep);
    const mt::ApiEntry *Resource = mt::lookupCallee(Call, TU.Rules);
    SleepOp Op;
    Op.Key = Call;
    Op.Site = Call;
    Op.Loc = mt::reportLocation(Call->getBeginLoc(), SM);
    Op.Range = Call->getSourceRange();
    Op.Api = mt::spelledApiName(Call, Ctx);
    if (Sleep) {
      if (Sleep->MaySleep)
        return sleep(Op, S.Ctx);
      return maskedCall(Op, Call, *Sleep, S);
    }
    if (Resource) {
      if (Resource->MaySleep)
        return sleep(Op, S.Ctx);
      bool Allocates = Resource->Kind == mt::ApiKind::Allocator ||
                       Resource->Kind == mt::ApiKind::ManagedAllocator ||
                       Resource->Kind == mt::ApiKind::Reallocator;
      if (Allocates) {
        Op.Allocation = true;
        maskedCall(Op, Call, *Resource, S);
      }
      return;
    }
    const FunctionDecl *Definition = nullptr;
    if (Callee->hasBody(Definition) && Definition)
      return calleeCall(Op, Call, Definition, S);
    externalCall(Op, Call, Callee, S);
  }

  void maskedCall(SleepOp &Op, const CallExpr *Call, const mt::ApiEntry &Entry,
                  State &S) {
    const Expr *Gfp = mt::gfpArgument(Call, Entry);
    if (!Gfp)
      return;
    Op.Kind = SleepOp::Mask;
    Op.MaskArg = Gfp;
    if (judgeMask(Op, evaluate(Gfp, S), Gfp))
      sleep(Op, S.Ctx);
  }

  void calleeCall(SleepOp &Op, const CallExpr *Call,
                  const FunctionDecl *Definition, State &S) {
    if (!Callback && !Entry && !Specialized)
      TU.noteCallSite(Call, Function, S.Ctx);
    const SleepSummary *Callee = TU.summaryOf(Definition);
    if (!Callee)
      return;
    if (!Callee->Facts.empty())
      if (ParamValues Values = constantArguments(Call, Definition, Ctx);
          !Values.empty())
        if (const SleepSummary *Specialized = TU.summaryOf(Definition, Values))
          Callee = Specialized;
    Op.Kind = SleepOp::Callee;
    Op.Api = Definition->getNameAsString();
    Op.CalledFunction = Definition;
    for (const SleepFact &Fact : Callee->Facts) {
      SleepOp Each = Op;
      Each.CalleeChain = Fact.Steps;
      if (Fact.IfInput &&
          !judgeMask(Each,
                     maskOfCalleeInput(Callee->Inputs[*Fact.IfInput], Call, S),
                     nullptr))
        continue;
      // The context as it is when the callee sleeps.
      mt::ContextState When = S.Ctx;
      for (const auto &[Entry, Object] : Fact.Before)
        mt::ContextTracker::release(
            When, Entry,
            Object ? Tracker.toCaller(*Object, Call, Function) : std::nullopt);
      sleep(Each, When);
    }
  }

  std::vector<mt::ArgMask> argumentMasks(const CallExpr *Call,
                                         const FunctionDecl *Callee,
                                         const State &S) {
    std::vector<mt::ArgMask> Args;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      mt::ArgMask A;
      const Expr *Arg = Call->getArg(I);
      bool IsMask = (I < Callee->getNumParams() &&
                     mt::isGfpType(Callee->getParamDecl(I)->getType())) ||
                    mt::looksLikeMask(Arg, TU.Rules.gfp(), Ctx);
      if (IsMask) {
        SleepOp Probe;
        Probe.Site = Call;
        if (judgeMask(Probe, evaluate(Arg, S), Arg)) {
          if (Probe.IfInput) {
            A.Reclaim = mt::ArgMask::FromInput;
            A.Input = Summary.Inputs[*Probe.IfInput];
          } else {
            A.Reclaim = mt::ArgMask::Allows;
            if (Probe.MaskValue.Origin)
              A.Origin = mt::DiagnosticText{
                  mt::fileRangeOf(Probe.MaskValue.Origin->getSourceRange(), SM,
                                  Ctx.getLangOpts()),
                  maskSetText(Probe.MaskName)};
          }
        } else if (Probe.MaskValue.Known) {
          A.Reclaim = mt::ArgMask::Forbids;
        }
      }
      Args.push_back(std::move(A));
    }
    return Args;
  }

  static std::string maskSetText(llvm::StringRef Name) {
    if (Name.empty())
      return "the mask is set here";
    return ("the mask is set to " + Name + " here").str();
  }

  /// A function of another file: known from a summary file, or a finding
  /// that waits for that file's summary.
  void externalCall(SleepOp &Op, const CallExpr *Call,
                    const FunctionDecl *Callee, State &S) {
    if (S.Ctx.Sleepable)
      return;
    const std::string &Usr = TU.usrOf(Callee);
    if (Usr.empty())
      return;
    std::vector<mt::ArgMask> Args = argumentMasks(Call, Callee, S);
    Op.Kind = SleepOp::Callee;
    Op.Api = Callee->getNameAsString();
    if (auto Known = TU.Store.sleepChain(Usr, Args)) {
      for (const mt::DiagnosticText &Note : *Known)
        if (SourceLocation Loc =
                mt::locationOf(Note.Where, const_cast<SourceManager &>(SM));
            Loc.isValid())
          Op.CalleeChain.push_back({Loc, Note.Message});
      return sleep(Op, S.Ctx);
    }
    if (!TU.Collecting)
      return;
    const mt::Hold *Held = S.Ctx.atomicHold();
    if (!Held && !(Callback && Callback->atomic())) {
      if (!Callback &&
          llvm::none_of(Summary.ExternalCalls, [&](const mt::SleepCallFact &F) {
            return F.Callee == Usr;
          }))
        Summary.ExternalCalls.push_back(
            {Usr, Op.Api,
             mt::fileRangeOf(Call->getSourceRange(), SM, Ctx.getLangOpts()),
             Args});
      return;
    }
    // A finding if the other file says so: the function needs a replay.
    SawAtomic = true;
    if (!Reporting || !MainFile || !TU.Reported.insert(Call).second ||
        mt::isSuppressedByNolint(SM, Op.Loc, TU.Check.name()))
      return;
    mt::PendingFinding F;
    F.Condition = mt::PendingFinding::CalleeMaySleep;
    F.Callee = Usr;
    F.CalleeName = Op.Api;
    F.Args = std::move(Args);
    F.Check = TU.Check.name().str();
    Report R = makeReport(Op, Held);
    F.Warning = {mt::fileRangeOf(Call->getSourceRange(), SM, Ctx.getLangOpts()),
                 message(R, /*Certain=*/false)};
    for (const ChainNote &N : R.Notes)
      F.Notes.push_back(
          {mt::fileRangeOf(SourceRange(N.Loc, N.Loc), SM, Ctx.getLangOpts()),
           N.Text});
    TU.Pending.push_back(std::move(F));
  }

  // --- sleeps --------------------------------------------------------------

  Chain chainOf(const SleepOp &Op) const {
    Chain C;
    switch (Op.Kind) {
    case SleepOp::Direct:
      C.push_back({Op.Loc, "'" + Op.Api + "' may sleep here"});
      break;
    case SleepOp::Mask:
      if (Op.IfInput)
        C.push_back({Op.Loc, "'" + Op.Api +
                                 "' may sleep here if its mask allows "
                                 "direct reclaim"});
      else
        C.push_back({Op.Loc, "'" + Op.Api + "' may sleep here with " +
                                 (Op.MaskName.empty() ? std::string("its mask")
                                                      : Op.MaskName)});
      break;
    case SleepOp::Callee:
      C.push_back({Op.Loc, TU.hopText(Function, Op.Api)});
      C.insert(C.end(), Op.CalleeChain.begin(), Op.CalleeChain.end());
      break;
    }
    if (!Op.IfInput) {
      Chain Mask = TU.maskNotes(Op);
      C.insert(C.end(), Mask.begin(), Mask.end());
    }
    return C;
  }

  void sleep(SleepOp &Op, const mt::ContextState &C) {
    const mt::Hold *Held = C.atomicHold();
    bool Atomic = Held || (Callback && Callback->atomic());
    if (C.Sleepable || !Atomic) {
      if (Reporting)
        Uncertain.insert(Op.Key);
      if (!C.Sleepable && !Callback)
        remember(Op, C.ForeignReleases);
      return;
    }
    SawAtomic = true;
    if (!Reporting || Op.IfInput || !MainFile)
      return;
    if (!Reports.count(Op.Key))
      Reports.emplace(Op.Key, makeReport(Op, Held));
  }

  void remember(const SleepOp &Op, const std::vector<Release> &Before) {
    if (Summary.Facts.size() < MaxFactsPerFunction &&
        !Summary.find(Op.IfInput, Before))
      Summary.Facts.push_back({Op.IfInput, Before, chainOf(Op)});
  }

public:
  /// Turns this walk's reports into findings, each key once per TU.
  void finishReports(std::vector<FinalReport> &Out,
                     llvm::DenseSet<const void *> &Done) {
    for (auto &[Key, R] : Reports) {
      if (!Done.insert(Key).second)
        continue;
      std::optional<FixItHint> Fix;
      if (!Uncertain.count(Key))
        Fix = atomicFix(R.Op);
      Out.push_back({R.Op.Loc, R.Op.Range, message(R, Fix.has_value()),
                     std::move(R.Notes), std::move(Fix), R.Op.CalledFunction});
    }
  }

  /// GFP_KERNEL -> GFP_ATOMIC, where the call spells GFP_KERNEL itself.
  std::optional<FixItHint> atomicFix(const SleepOp &Op) const {
    if (Op.Kind != SleepOp::Mask || Op.MaskName != "GFP_KERNEL" ||
        !Op.MaskArg || !Op.MaskValue.Origin || !TU.PP ||
        !TU.PP->isMacroDefined("GFP_ATOMIC"))
      return std::nullopt;
    const LangOptions &LO = Ctx.getLangOpts();
    CharSourceRange Arg = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(Op.MaskArg->getSourceRange()), SM, LO);
    SourceLocation Origin = SM.getFileLoc(Op.MaskValue.Origin->getBeginLoc());
    if (Arg.isInvalid() || !SM.isInMainFile(Arg.getBegin()) ||
        !SM.isPointWithin(Origin, Arg.getBegin(), Arg.getEnd()))
      return std::nullopt;
    // The GFP_KERNEL token itself: the argument may say more
    // (GFP_KERNEL | __GFP_ZERO).
    for (SourceLocation Loc = Arg.getBegin();
         Loc.isValid() && SM.isBeforeInTranslationUnit(Loc, Arg.getEnd());) {
      Token Tok;
      if (Lexer::getRawToken(Loc, Tok, SM, LO, /*IgnoreWhiteSpace=*/true))
        break;
      if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == "GFP_KERNEL")
        return FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Tok.getLocation()), "GFP_ATOMIC");
      Loc = Tok.getEndLoc();
    }
    return std::nullopt;
  }

  Report makeReport(const SleepOp &Op, const mt::Hold *Held) const {
    Report R;
    R.Op = Op;
    if (Held) {
      R.Held = *Held;
      R.Notes.push_back(
          {Tracker.holdLocation(*Held), Tracker.takenHere(*Held)});
      if (Entry && *Held == Entry->Held)
        R.Notes.push_back({mt::reportLocation(Entry->Call->getBeginLoc(), SM),
                           TU.hopText(Entry->Caller, Function->getName()) +
                               " " + Tracker.describe(*Held)});
    } else if (Callback) {
      SourceLocation At =
          Callback->Site ? mt::reportLocation(Callback->Site->getBeginLoc(), SM)
                         : mt::locationOf(*Callback->ExternalSite,
                                          const_cast<SourceManager &>(SM));
      if (At.isValid())
        R.Notes.push_back({At, "'" + Function->getNameAsString() +
                                   "' is registered as " +
                                   contextWord(Callback->Context) +
                                   " here, by '" + Callback->Api + "'"});
    }
    R.Notes.insert(R.Notes.end(), Op.CalleeChain.begin(), Op.CalleeChain.end());
    Chain Mask = TU.maskNotes(Op);
    R.Notes.insert(R.Notes.end(), Mask.begin(), Mask.end());
    return R;
  }

  std::string message(const Report &R, bool Certain) const {
    const SleepOp &Op = R.Op;
    std::string Head;
    if (Op.Kind == SleepOp::Mask && Op.Allocation && !Op.MaskName.empty())
      Head = Op.MaskName + " allocation may sleep";
    else if (Op.Kind != SleepOp::Direct && !Op.MaskName.empty())
      Head = "'" + Op.Api + "' with " + Op.MaskName + " may sleep";
    else if (Op.Kind == SleepOp::Mask)
      Head =
          "'" + Op.Api + "' with a mask that allows direct reclaim may sleep";
    else
      Head = "'" + Op.Api + "' may sleep";
    std::string Clause = R.Held
                             ? Tracker.describe(*R.Held)
                             : callbackClause(*Callback, Function->getName());
    std::string What = Op.Kind == SleepOp::Mask && Op.Allocation
                           ? "the allocation"
                           : "the call";
    std::string Advice;
    if (Certain)
      Advice = "use GFP_ATOMIC";
    else if (R.Held)
      Advice = "move " + What + " out of the " +
               (mt::ContextTracker::isLock(*R.Held) ? "locked region"
                                                    : "atomic section");
    else if (Op.Kind == SleepOp::Mask)
      Advice = "use GFP_ATOMIC, or defer " + What + " to process context";
    else
      Advice = "defer " + What + " to process context";
    return Head + " " + Clause + "; " + Advice;
  }
};

} // namespace

// --- SleepInAtomicTU ---------------------------------------------------------

const std::string &SleepInAtomicTU::usrOf(const Decl *D) {
  auto [It, Inserted] = Usrs.try_emplace(D->getCanonicalDecl());
  if (Inserted)
    It->second = mt::usrOf(D);
  return It->second;
}

Chain SleepInAtomicTU::maskNotes(const SleepOp &Op) const {
  Chain Notes;
  if (Op.Kind == SleepOp::Direct || Op.IfInput)
    return Notes;
  const Expr *Origin = Op.MaskValue.Origin;
  if (Origin && Op.Site) {
    SourceLocation At = SM.getFileLoc(Origin->getBeginLoc());
    // The call as written, with its macro invocations (kmalloc(...) is
    // alloc_hooks(kmalloc_noprof(...)) in 6.12).
    CharSourceRange Call = SM.getExpansionRange(Op.Site->getSourceRange());
    if (!SM.isPointWithin(At, Call.getBegin(), Call.getEnd()))
      Notes.push_back({At, Op.MaskName.empty() ? "the mask is set here"
                                               : "the mask is set to " +
                                                     Op.MaskName + " here"});
  }
  if (Op.MaskName.empty() || !PP)
    return Notes;
  const MacroInfo *Macro = PP->getMacroInfo(PP->getIdentifierInfo(Op.MaskName));
  if (!Macro)
    return Notes;
  std::string Text = "'" + Op.MaskName + "' is defined here";
  if (!Rules.gfp().DirectReclaim.empty() &&
      llvm::is_contained(Rules.gfp().SleepingMasks, Op.MaskName))
    Text += "; it includes " + Rules.gfp().DirectReclaim +
            ", which lets the allocator sleep";
  Notes.push_back({Macro->getDefinitionLoc(), Text});
  return Notes;
}

void SleepInAtomicTU::registerCallback(const FunctionDecl *Callback,
                                       mt::ExecContext Context,
                                       const Expr *Site, llvm::StringRef Api,
                                       const FunctionDecl *In) {
  const FunctionDecl *Definition = nullptr;
  if (Callback->hasBody(Definition) && Definition) {
    auto [It, Inserted] = Callbacks.try_emplace(
        Definition->getCanonicalDecl(),
        CallbackContext{Context, Site, std::nullopt, Api.str()});
    // Atomic registrations win over process-context ones.
    if (!Inserted && !It->second.atomic() &&
        Context != mt::ExecContext::Process)
      It->second = CallbackContext{Context, Site, std::nullopt, Api.str()};
    return;
  }
  if (Context == mt::ExecContext::Process)
    return;
  const std::string &Usr = usrOf(Callback);
  if (Usr.empty())
    return;
  if (In)
    Registers[In].push_back(
        {Usr, mt::contextName(Context).str(), Api.str(),
         mt::fileRangeOf(Site->getSourceRange(), SM, Ctx->getLangOpts())});
  // Another file's function: its summary says whether it sleeps.
  SourceLocation Loc = mt::reportLocation(Site->getBeginLoc(), SM);
  std::string Message =
      ("'" + Callback->getName() + "' may sleep, but '" + Api +
       "' registers it here as " + contextWord(Context) +
       ", which runs in atomic context")
          .str();
  if (auto Known = Store.sleepChain(Usr, {})) {
    Check.report(Loc, Message) << Site->getSourceRange();
    for (const mt::DiagnosticText &Note : *Known)
      if (SourceLocation At =
              mt::locationOf(Note.Where, const_cast<SourceManager &>(SM));
          At.isValid())
        Check.report(At, Note.Message, DiagnosticIDs::Note);
    return;
  }
  if (!Collecting || mt::isSuppressedByNolint(SM, Loc, Check.name()))
    return;
  mt::PendingFinding F;
  F.Condition = mt::PendingFinding::CalleeMaySleep;
  F.Callee = Usr;
  F.CalleeName = Callback->getNameAsString();
  F.Check = Check.name().str();
  F.Warning = {mt::fileRangeOf(Site->getSourceRange(), SM, Ctx->getLangOpts()),
               Message};
  Pending.push_back(std::move(F));
}

void SleepInAtomicTU::findRegistrations() {
  struct Finder : RecursiveASTVisitor<Finder> {
    SleepInAtomicTU &TU;
    const FunctionDecl *In = nullptr;
    explicit Finder(SleepInAtomicTU &TU) : TU(TU) {}

    bool TraverseFunctionDecl(FunctionDecl *F) {
      const FunctionDecl *Outer = In;
      In = F;
      bool Result = RecursiveASTVisitor::TraverseFunctionDecl(F);
      In = Outer;
      return Result;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const mt::ApiEntry *Entry =
          mt::lookupCallee(Call, TU.Rules, mt::EntryGroup::Callback);
      if (!Entry || Entry->Kind != mt::ApiKind::RegistersCallback)
        return true;
      for (const auto &[Context, Index] : Entry->Callbacks)
        if (Index < Call->getNumArgs())
          if (const FunctionDecl *Callback = functionNamed(Call->getArg(Index)))
            TU.registerCallback(Callback, Context, Call,
                                mt::spelledApiName(Call, *TU.Ctx), In);
      return true;
    }
    void field(const FieldDecl *Field, const Expr *Value, const Expr *Site) {
      const FunctionDecl *Callback = functionNamed(Value);
      if (!Field || !Callback)
        return;
      const mt::ApiEntry *Entry =
          TU.Rules.lookup(fieldEntryName(Field), mt::EntryGroup::Callback);
      if (Entry && Entry->Kind == mt::ApiKind::CallbackField)
        TU.registerCallback(Callback, Entry->FieldContext, Site,
                            fieldEntryName(Field), In);
    }
    bool VisitBinaryOperator(BinaryOperator *Assign) {
      if (Assign->getOpcode() == BO_Assign)
        if (const auto *Member =
                dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
          field(dyn_cast<FieldDecl>(Member->getMemberDecl()), Assign->getRHS(),
                Assign);
      return true;
    }
    bool VisitInitListExpr(InitListExpr *List) {
      const InitListExpr *Semantic =
          List->isSemanticForm() ? List : List->getSemanticForm();
      const RecordDecl *Record = List->getType()->getAsRecordDecl();
      if (!Semantic || !Record)
        return true;
      if (Record->isUnion()) {
        if (Semantic->getNumInits() == 1)
          field(Semantic->getInitializedFieldInUnion(), Semantic->getInit(0),
                Semantic->getInit(0));
        return true;
      }
      for (const FieldDecl *Field : Record->fields())
        if (Field->getFieldIndex() < Semantic->getNumInits())
          field(Field, Semantic->getInit(Field->getFieldIndex()),
                Semantic->getInit(Field->getFieldIndex()));
      return true;
    }
  } F(*this);
  for (Decl *D : Ctx->getTranslationUnitDecl()->decls())
    if (inMainFile(D->getLocation()))
      F.TraverseDecl(D);
}

const SleepSummary *SleepInAtomicTU::summaryOf(const FunctionDecl *F) {
  auto Known = Summaries.find(F);
  if (Known != Summaries.end()) {
    if (InProgress.count(F))
      Recursive.insert(F);
    return Known->second.get();
  }
  Summaries[F] = std::make_unique<SleepSummary>();
  InProgress.insert(F);
  std::unique_ptr<SleepSummary> Result = compute(F, nullptr, true);
  InProgress.erase(F);
  if (Result)
    Summaries[F] = std::move(Result);
  return Summaries[F].get();
}

std::unique_ptr<SleepSummary>
SleepInAtomicTU::compute(const FunctionDecl *F, const CallbackContext *Callback,
                         bool Report, const EntryContext *Entry,
                         const ParamValues *Values) {
  bool Main = inMainFile(F->getLocation());
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(F, *Ctx);
  if (!Graph || (!Main && Graph->size() > MaxSummaryBlocks))
    return nullptr;
  FunctionAnalysis A(*this, F, Callback, Entry, Values);
  mt::PathSensitiveAnalysis<State> Engine(*Graph, *Ctx, MaxPathStates);
  State Initial;
  Initial.Ctx.RecordForeignReleases = !Callback && !Entry;
  if (Entry)
    Initial.Ctx.Holds.push_back(Entry->Held);
  if (!Engine.run(A, std::move(Initial)))
    return nullptr;
  if (Report && Main && (A.SawAtomic || Callback)) {
    A.Reporting = true;
    Engine.replay(A);
    A.finishReports(Reports, Reported);
  }
  return std::make_unique<SleepSummary>(std::move(A.Summary));
}

void SleepInAtomicTU::finish(ASTContext &Context) {
  Ctx = &Context;
  Tracker = std::make_unique<mt::ContextTracker>(Rules, Context);
  findRegistrations();
  // A registration in another file, known from a summary file.
  for (const FunctionDecl *F : Functions)
    if (!Callbacks.count(F->getCanonicalDecl()))
      if (auto Known = Store.registration(usrOf(F)))
        for (mt::ExecContext C :
             {mt::ExecContext::HardIrq, mt::ExecContext::SoftIrq,
              mt::ExecContext::Atomic})
          if (mt::contextName(C) == Known->Context)
            Callbacks[F->getCanonicalDecl()] =
                CallbackContext{C, nullptr, Known->Where, Known->Api};

  auto ReportAll = [&] {
    for (const FunctionDecl *F : Functions) {
      summaryOf(F);
      auto Callback = Callbacks.find(F->getCanonicalDecl());
      if (Callback != Callbacks.end() && Callback->second.atomic())
        compute(F, &Callback->second, true);
    }
  };
  ReportAll();
  // Recursive calls saw partial summaries: iterate until they settle, then
  // report again with the final ones (each finding is reported once).
  if (!Recursive.empty()) {
    for (unsigned Round = 0; Round < MaxFixpointRounds; ++Round) {
      bool Changed = false;
      std::vector<const FunctionDecl *> Known;
      for (const auto &Entry : Summaries)
        Known.push_back(Entry.first);
      for (const FunctionDecl *F : Known) {
        std::unique_ptr<SleepSummary> Next = compute(F, nullptr, false);
        if (Next && !Next->sameFacts(*Summaries[F])) {
          Summaries[F] = std::move(Next);
          Changed = true;
        }
      }
      if (!Changed)
        break;
    }
    Recursive.clear();
    for (const FunctionDecl *F : Functions)
      compute(F, nullptr, true);
    ReportAll();
  }
  reportEnteredAtomic();
  exportSummaries();
  for (mt::PendingFinding &P : Pending)
    Store.addPending(std::move(P));
  emit();
}

void SleepInAtomicTU::noteCallSite(const CallExpr *Call,
                                   const FunctionDecl *Caller,
                                   const mt::ContextState &C) {
  CallSite &Site = CallSites[Call];
  Site.Caller = Caller;
  const mt::Hold *Held = C.Sleepable ? nullptr : C.atomicHold();
  if (!Held)
    Site.Outside = true;
  else if (!Site.Held)
    Site.Held = *Held;
}

const SleepSummary *SleepInAtomicTU::summaryOf(const FunctionDecl *F,
                                               const ParamValues &Values) {
  auto [It, Inserted] = Specialized.try_emplace({F, Values});
  if (Inserted)
    It->second = compute(F, nullptr, /*Report=*/false, nullptr, &Values);
  return It->second.get();
}

bool SleepInAtomicTU::releasesCallersLock(const FunctionDecl *F) {
  if (Releases.empty())
    return false;
  auto [It, Inserted] = Released.try_emplace(F->getCanonicalDecl(), false);
  if (!Inserted)
    return It->second;
  // The annotation sits between a declaration's name and its body or ';'.
  for (const FunctionDecl *D : F->redecls()) {
    SourceLocation Begin = SM.getExpansionLoc(D->getLocation());
    SourceLocation End = SM.getExpansionLoc(D->hasBody() && D->getBody()
                                                ? D->getBody()->getBeginLoc()
                                                : D->getEndLoc());
    for (SourceLocation At : Releases) {
      SourceLocation Loc = SM.getExpansionLoc(At);
      if (SM.isPointWithin(Loc, Begin, End))
        return It->second = true;
    }
  }
  return false;
}

void SleepInAtomicTU::reportEnteredAtomic() {
  // The calls of each function of the file, and all its references: a
  // function whose address is taken may be called from anywhere.
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::DenseMap<const FunctionDecl *, std::vector<const CallExpr *>> Calls;
    llvm::DenseMap<const FunctionDecl *, unsigned> References;
    bool VisitCallExpr(CallExpr *Call) {
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
        if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
          Calls[F->getCanonicalDecl()].push_back(Call);
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
        ++References[F->getCanonicalDecl()];
      return true;
    }
  } Finder;
  for (Decl *D : Ctx->getTranslationUnitDecl()->decls())
    if (inMainFile(D->getLocation()))
      Finder.TraverseDecl(D);

  llvm::DenseSet<const FunctionDecl *> Entered;
  for (const FunctionDecl *F : Functions) {
    const FunctionDecl *Canonical = F->getCanonicalDecl();
    if (F->isExternallyVisible() || Callbacks.count(Canonical))
      continue;
    auto Calls = Finder.Calls.find(Canonical);
    if (Calls == Finder.Calls.end() ||
        Calls->second.size() != Finder.References.lookup(Canonical))
      continue;
    bool AllAtomic = llvm::all_of(Calls->second, [&](const CallExpr *Call) {
      auto Site = CallSites.find(Call);
      return Site != CallSites.end() && !Site->second.Outside &&
             Site->second.Held;
    });
    if (!AllAtomic)
      continue;
    const CallExpr *First = Calls->second.front();
    const CallSite &Site = CallSites[First];
    EntryContext Entry{*Site.Held, First, Site.Caller};
    // The constants every call passes.
    ParamValues Common = constantArguments(First, F, *Ctx);
    for (const CallExpr *Call : Calls->second) {
      ParamValues These = constantArguments(Call, F, *Ctx);
      for (auto Value = Common.begin(); Value != Common.end();) {
        auto Same = These.find(Value->first);
        Value = Same == These.end() || Same->second != Value->second
                    ? Common.erase(Value)
                    : std::next(Value);
      }
    }
    size_t Before = Reports.size();
    compute(F, nullptr, /*Report=*/true, &Entry, &Common);
    if (Reports.size() > Before)
      Entered.insert(F);
  }
  // The sleeps of those functions are reported where they happen: their
  // callers need not say it again.
  llvm::erase_if(Reports, [&](const FinalReport &R) {
    return R.CalledFunction && Entered.count(R.CalledFunction);
  });
}

void SleepInAtomicTU::exportSummaries() {
  if (!Collecting)
    return;
  const LangOptions &LO = Ctx->getLangOpts();
  auto Render = [&](const Chain &C) {
    std::vector<mt::DiagnosticText> Out;
    for (const ChainNote &N : C)
      Out.push_back(
          {mt::fileRangeOf(SourceRange(N.Loc, N.Loc), SM, LO), N.Text});
    return Out;
  };
  for (const FunctionDecl *F : Functions) {
    auto Registered = Registers.find(F);
    if (!F->isExternallyVisible() && Registered == Registers.end())
      continue;
    auto Found = Summaries.find(F);
    const SleepSummary *S =
        Found == Summaries.end() ? nullptr : Found->second.get();
    mt::FunctionSummary Out;
    Out.Usr = usrOf(F);
    Out.Name = F->getNameAsString();
    if (S) {
      // Other files cannot tell which of their locks a release drops: only
      // sleeps with the caller's context intact cross files.
      for (const SleepFact &Fact : S->Facts)
        if (Fact.Before.empty())
          Out.Sleeps.push_back({Fact.IfInput ? std::optional<mt::InputPath>(
                                                   S->Inputs[*Fact.IfInput])
                                             : std::nullopt,
                                Render(Fact.Steps)});
      Out.SleepCalls = S->ExternalCalls;
    }
    if (Registered != Registers.end())
      Out.Registers = Registered->second;
    if (!Out.Usr.empty() && (!Out.Sleeps.empty() || !Out.SleepCalls.empty() ||
                             !Out.Registers.empty()))
      Store.add(std::move(Out));
  }
}

void SleepInAtomicTU::emit() {
  llvm::sort(Reports, [&](const FinalReport &A, const FinalReport &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  for (const FinalReport &R : Reports) {
    {
      // The warning is emitted when its builder goes, before the notes.
      auto D = Check.report(R.Loc, R.Message);
      D << R.Range;
      if (R.Fix)
        D << *R.Fix;
    }
    for (const ChainNote &N : R.Notes)
      if (N.Loc.isValid())
        Check.report(N.Loc, N.Text, DiagnosticIDs::Note);
  }
}

SleepInAtomicCheck::SleepInAtomicCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      SummaryFile(Options.getLocalOrGlobal("SummaryFile", "")),
      MaxPathStates(std::max(1u, Options.get("MaxPathStates", 32u))) {
  if (!SummaryFile.empty())
    if (llvm::Error E = mt::SummaryStore::instance().loadFile(SummaryFile))
      configurationDiag("cannot load summaries for %0: %1",
                        DiagnosticIDs::Error)
          << Name << llvm::toString(std::move(E));
}

SleepInAtomicCheck::~SleepInAtomicCheck() = default;

void SleepInAtomicCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "SummaryFile", SummaryFile);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
}

void SleepInAtomicCheck::registerPPCallbacks(const SourceManager &SM,
                                             Preprocessor *PP, Preprocessor *) {
  if (!Rules)
    return;
  TU = std::make_unique<SleepInAtomicTU>(*this, *Rules, SM, PP, MaxPathStates);
  PP->addPPCallbacks(TU->callbacks());
  PP->addPPCallbacks(TU->annotationCallbacks());
}

void SleepInAtomicCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

void SleepInAtomicCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!TU || !F || F->isDependentContext() || !F->getBody())
    return;
  const SourceManager &SM = *Result.SourceManager;
  if (SM.isInMainFile(SM.getExpansionLoc(F->getLocation())))
    TU->addFunction(F);
  if (!Context)
    Context = Result.Context;
}

void SleepInAtomicCheck::onEndOfTranslationUnit() {
  if (TU && Context)
    TU->finish(*Context);
  TU.reset();
  Context = nullptr;
}

} // namespace clang::tidy::memtidy
