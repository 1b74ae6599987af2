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
// The same walk, in summary mode, describes a function for its callers: its
// inputs (parameters, globals, what they point to) become tracked values
// created on first read, and their uses before a test, what it passes on to
// other files' functions and whether it returns an unchecked allocation make
// up its summary.
//
//===----------------------------------------------------------------------===//

#include "UncheckedAllocCheck.h"
#include "support/AccessPath.h"
#include "support/ApiCalls.h"
#include "support/Conditions.h"
#include "support/PathSensitive.h"
#include "support/SummaryLocations.h"
#include "support/Suppression.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>
#include <set>

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

using mt::fileRangeOf;
using mt::locationOf;
using mt::stepNames;

namespace {

using ValueId = unsigned;
/// Bound to a parameter or global path a function overwrote: what it holds
/// is no longer the caller's input.
constexpr ValueId Overwritten = ~0u;

// Failure-mode bits. A mode starts Unknown and a test refines it.
constexpr uint8_t Unknown = 1, Succeeded = 2, Failed = 4;

/// Why a value exists.
enum class Role {
  Allocation, ///< The result of a fallible allocation (or of a wrapper).
  Status,     ///< The return code of an allocator with an out-parameter.
  Input,      ///< In summary mode: something the caller passed in.
  External,   ///< The result of a function of another file, not yet known.
};

struct ValueInfo {
  Role Kind = Role::Allocation;
  const Expr *Site = nullptr; ///< The call or new-expression.
  mt::FailureConvention Convention = mt::FailureConvention::Null;
  std::string Api; ///< The allocator as the programmer wrote it.
  /// For results of same-file wrappers: where the wrapper returns the
  /// allocation, and the allocator it calls.
  const Stmt *WrapperReturn = nullptr;
  std::string WrapperApi;
  /// For results of other files' wrappers known from a summary file.
  std::optional<mt::FileRange> ExternalReturn;
  /// The parameter of the analyzed function that carries the allocation's
  /// GFP mask (a wrapper's flags), so its callers can pass __GFP_NOFAIL.
  std::optional<unsigned> GfpParam;
  ValueId StatusOf = 0;
  mt::InputPath Input;
  std::string InputSpelling;
  std::string CalleeUsr, CalleeName; ///< For External values.
  std::string Holder;                ///< Where the value was first stored.
  const Expr *HolderExpr = nullptr;

  /// ERR_PTR-or-NULL values have two independent failure modes.
  bool hasSecondMode() const {
    return Kind == Role::Allocation &&
           Convention == mt::FailureConvention::ErrPtrOrNull;
  }
};

struct Modes {
  uint8_t First = 0;              ///< NULL, ERR_PTR, negative or status mode.
  uint8_t Second = 0;             ///< ERR_PTR mode of ERR_PTR-or-NULL values.
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

/// What is known of an integer, boolean or pointer location: a constant, or
/// the facts its truth value carries (int ret = PTR_ERR_OR_ZERO(p)).
struct IntFact {
  std::optional<int64_t> Constant;
  /// Known to be > 0 without a known value: what survives counting up in a
  /// loop, where tracking the growing constant would never converge.
  bool Positive = false;
  llvm::SmallVector<ResolvedFact, 2> WhenTrue;
  llvm::SmallVector<ResolvedFact, 2> WhenFalse;
  bool operator==(const IntFact &O) const {
    return Constant == O.Constant && Positive == O.Positive &&
           WhenTrue == O.WhenTrue && WhenFalse == O.WhenFalse;
  }
  bool knownPositive() const { return Positive || (Constant && *Constant > 0); }
};

struct State {
  std::map<mt::AccessPath, llvm::SmallVector<ValueId, 1>> Bindings;
  std::map<ValueId, Modes> Values;
  std::map<mt::AccessPath, IntFact> Ints;
  /// In summary mode: the summary's dereferences and forwards this path has
  /// performed. Joined by intersection: a summary keeps what every path
  /// does, so a caller is blamed only for what certainly happens.
  std::set<unsigned> DoneDerefs, DoneForwards;

  bool operator==(const State &O) const {
    return Bindings == O.Bindings && Values == O.Values && Ints == O.Ints &&
           DoneDerefs == O.DoneDerefs && DoneForwards == O.DoneForwards;
  }

  /// States that agree on every tracked value's modes may be merged.
  bool sameProperty(const State &O) const { return Values == O.Values; }

  void joinWith(const State &O) {
    mt::joinBindings(Bindings, O.Bindings);
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
    intersect(DoneDerefs, O.DoneDerefs);
    intersect(DoneForwards, O.DoneForwards);
  }

  static void intersect(std::set<unsigned> &Into,
                        const std::set<unsigned> &Other) {
    for (auto It = Into.begin(); It != Into.end();)
      It = Other.count(*It) ? std::next(It) : Into.erase(It);
  }

  const llvm::SmallVector<ValueId, 1> *bound(const mt::AccessPath &P) const {
    auto It = Bindings.find(P);
    return It == Bindings.end() ? nullptr : &It->second;
  }

  void kill(const mt::AccessPath &Path) {
    bool Removed = mt::eraseReachedThrough(Bindings, Path);
    forgetIntegers(Path);
    if (Removed)
      forgetUnheldValues();
  }

  void forgetIntegers(const mt::AccessPath &Path) {
    mt::eraseReachedThrough(Ints, Path);
  }

  /// A callee may store to anything but the caller's own locals (and
  /// their fields), whose addresses it does not have: passing one kills it.
  void forgetNonLocalIntegers() {
    for (auto It = Ints.begin(); It != Ints.end();) {
      const auto *Var = dyn_cast<VarDecl>(It->first.base());
      bool Local = Var && Var->hasLocalStorage() &&
                   llvm::none_of(It->first.steps(), [](const auto &Step) {
                     return Step.Field == nullptr;
                   });
      if (Local)
        ++It;
      else
        It = Ints.erase(It);
    }
  }

  /// A value no access path holds can no longer be used, and its modes
  /// would only blur joins with paths where it is still held.
  void forgetUnheldValues() {
    std::set<ValueId> Held;
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

enum class UseKind {
  Dereference, ///< *p, p->f, p[i]
  Argument,    ///< passed to a function that needs it valid
  ByCallee,    ///< a global a callee dereferences
};

std::string usePhrase(UseKind Kind, llvm::StringRef Callee) {
  switch (Kind) {
  case UseKind::Dereference:
    return "dereferenced";
  case UseKind::Argument:
    return ("passed to '" + Callee + "'").str();
  case UseKind::ByCallee:
    return ("dereferenced by '" + Callee + "'").str();
  }
  llvm_unreachable("unknown use");
}

struct UseReport {
  ValueId Value;
  std::string Subject;
  const Expr *Operand; ///< The pointer or argument that is used.
  const Expr *Use;
  UseKind Kind;
  std::string CalleeName;
  bool AfterFailure;
  const Expr *FailedAt;
  /// A callee of this file that dereferences the value, or one of another
  /// file known from a summary file.
  const Expr *CalleeDeref = nullptr;
  std::optional<mt::FileRange> ExternalDeref;
  std::string DerefSpelling;
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

/// A value reachable from a call's arguments or from a global, as the
/// callee would see it.
struct PassedValue {
  mt::InputPath CalleeInput;
  mt::AccessPath CallerPath;
  const Expr *Arg; ///< Null for globals.
};

mt::FailureConvention conventionFromName(llvm::StringRef Name) {
  for (auto C :
       {mt::FailureConvention::Null, mt::FailureConvention::ErrPtr,
        mt::FailureConvention::ErrPtrOrNull, mt::FailureConvention::Negative,
        mt::FailureConvention::NonZero})
    if (mt::conventionName(C) == Name)
      return C;
  return mt::FailureConvention::Null;
}

/// The analysis of one function. In reporting mode it tracks allocation
/// results; in summary mode it also tracks the function's inputs and
/// records what a caller needs to know.
class Analysis : public mt::PathClient<State> {
public:
  Analysis(UncheckedAllocCheck &Check, ASTContext &Ctx,
           const mt::RuleSet &Rules, const FunctionDecl *Function,
           bool SummaryMode, unsigned Depth)
      : Check(Check), Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules),
        Function(Function), SummaryMode(SummaryMode), Depth(Depth),
        Collecting(mt::SummaryStore::instance().collecting()) {}

  std::vector<ValueInfo> Values;
  llvm::DenseMap<const Expr *, ValueId> SiteValue;
  llvm::DenseMap<const Expr *, ValueId> StatusValue;
  std::map<mt::InputPath, ValueId> InputValue;
  llvm::DenseMap<ValueId, ValueId> RetiredValue;
  /// The first use of each allocation site's results.
  std::map<const Expr *, UseReport> Uses;
  std::map<const Expr *, ConventionReport> Conventions;
  std::map<const Expr *, const Expr *> ReallocSelfAssigns;
  std::map<const Expr *, DirectUseReport> DirectUses;
  struct StoredReport {
    ValueId Value;
    std::string Holder;
    const ReturnStmt *Return;
  };
  /// Unchecked allocations left for the caller by a return of success.
  std::map<const Expr *, StoredReport> Stored;
  /// Allocation sites whose results some path tests: storing one untested
  /// on another path is a decision (if (src && !dup), dup of a NULL src is
  /// NULL), not an oversight.
  llvm::DenseSet<const Expr *> TestedSites;
  std::vector<mt::PendingFinding> Pending;
  LocalSummary Summary;
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

  bool transfer(const CFGElement &Element, State &S) override {
    auto Stmt = Element.getAs<CFGStmt>();
    if (!Stmt)
      return true;
    const clang::Stmt *Node = Stmt->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(Node)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const Expr *Init = Var->getInit()) {
            assign(mt::AccessPath(Var), Var->getType(), Init,
                   Var->getLocation(), S);
            if (const auto *List = dyn_cast<InitListExpr>(Init))
              recordFieldConstants(mt::AccessPath(Var), List, S);
          }
      return true;
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
        compoundAssign(Binary, S);
      }
      return true;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Node)) {
      switch (Unary->getOpcode()) {
      case UO_Deref:
        use(Unary->getSubExpr(), Unary, UseKind::Dereference, S);
        break;
      case UO_AddrOf:
        // Whoever receives the address may store through it. An address
        // passed to a call is forgotten after the call, which first sees
        // what it points to.
        if (!ArgumentAddresses.count(Unary))
          forgetThroughAddress(Unary, S);
        break;
      case UO_PreInc:
      case UO_PostInc:
        stepUp(Unary->getSubExpr(), S);
        break;
      case UO_PreDec:
      case UO_PostDec:
        forgetInteger(Unary->getSubExpr(), S);
        break;
      default:
        break;
      }
      return true;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Node)) {
      if (Member->isArrow())
        use(Member->getBase(), Member, UseKind::Dereference, S);
      return true;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Node)) {
      const Expr *Base = Subscript->getBase();
      if (Base->IgnoreParenImpCasts()->getType()->isPointerType())
        use(Base, Subscript, UseKind::Dereference, S);
      return true;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Node))
      return callTransfer(Call, S);
    if (const auto *Return = dyn_cast<ReturnStmt>(Node)) {
      if (SummaryMode)
        returnTransfer(Return, S);
      else
        checkStoredOnSuccess(Return, S);
      return true;
    }
    return true;
  }

  void forgetThroughAddress(const UnaryOperator *AddrOf, State &S) {
    if (auto Path = mt::accessPathOf(AddrOf->getSubExpr()))
      if (!(SummaryMode && inputOf(*Path, S)))
        S.kill(*Path);
  }

  /// struct s v = {...}: scalar fields get the constants they are
  /// initialized with, and fields left out are zero.
  void recordFieldConstants(const mt::AccessPath &Var, const InitListExpr *List,
                            State &S) {
    const auto *Record = List->getType()->getAsRecordDecl();
    if (!Record || Record->isUnion())
      return;
    if (const InitListExpr *Semantic =
            List->isSemanticForm() ? List : List->getSemanticForm())
      List = Semantic;
    unsigned Index = 0;
    for (const FieldDecl *Field : Record->fields()) {
      const Expr *Init =
          Index < List->getNumInits() ? List->getInit(Index) : nullptr;
      ++Index;
      QualType T = Field->getType();
      if (Field->isBitField() ||
          !(T->isIntegralOrEnumerationType() || T->isPointerType()))
        continue;
      std::optional<int64_t> Value = !Init || isa<ImplicitValueInitExpr>(Init)
                                         ? std::optional<int64_t>(0)
                                         : mt::integerConstant(Init, Ctx);
      if (!Value)
        continue;
      mt::AccessPath Path = Var;
      Path.addField(Field);
      S.Ints[Path] = IntFact{Value, false, {}, {}};
    }
  }

  /// x += c, x *= c, x <<= c keep a non-negative x positive when c > 0
  /// (and a positive x positive); anything else forgets x.
  void compoundAssign(const BinaryOperator *Binary, State &S) {
    auto Path = mt::accessPathOf(Binary->getLHS());
    if (!Path)
      return;
    auto Known = S.Ints.find(*Path);
    std::optional<int64_t> C = mt::integerConstant(Binary->getRHS(), Ctx);
    bool Grows = C && *C > 0 &&
                 (Binary->getOpcode() == BO_AddAssign ||
                  Binary->getOpcode() == BO_MulAssign ||
                  Binary->getOpcode() == BO_ShlAssign);
    bool WasPositive = Known != S.Ints.end() && Known->second.knownPositive();
    bool WasNonNegative = Known != S.Ints.end() && Known->second.Constant &&
                          *Known->second.Constant >= 0;
    S.forgetIntegers(*Path);
    if (Grows && (WasPositive ||
                  (WasNonNegative && Binary->getOpcode() == BO_AddAssign)))
      S.Ints[*Path] = IntFact{std::nullopt, true, {}, {}};
  }

  void stepUp(const Expr *E, State &S) {
    auto Path = mt::accessPathOf(E);
    if (!Path)
      return;
    auto Known = S.Ints.find(*Path);
    bool NonNegative =
        Known != S.Ints.end() &&
        (Known->second.knownPositive() || Known->second.Constant == 0);
    S.forgetIntegers(*Path);
    if (NonNegative)
      S.Ints[*Path] = IntFact{std::nullopt, true, {}, {}};
  }

  void forgetInteger(const Expr *E, State &S) {
    if (auto Path = mt::accessPathOf(E))
      S.forgetIntegers(*Path);
  }

  // --- values -----------------------------------------------------------

  /// The rule-pack allocation a value-producing expression is, if any.
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

  /// A function without a rule-pack entry, which summaries may describe.
  const FunctionDecl *summarizableCallee(const CallExpr *Call) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Call->getBuiltinCallee() || mt::lookupCallee(Call, Rules))
      return nullptr;
    return Callee;
  }

  /// The value an allocating call or new-expression produces, or none.
  std::optional<ValueId> producedValue(const Expr *E, const State &S) {
    if (const mt::ApiEntry *Entry = allocationSite(E)) {
      auto It = SiteValue.find(E);
      if (It != SiteValue.end())
        return It->second;
      ValueInfo Info;
      Info.Site = E;
      Info.Convention = Entry->Fails;
      Info.Api = mt::spelledApiName(E, Ctx);
      if (const auto *Call = dyn_cast<CallExpr>(E))
        Info.GfpParam = gfpParameter(Call, *Entry);
      return SiteValue[E] = newValue(std::move(Info));
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = Call ? summarizableCallee(Call) : nullptr;
    if (!Callee || !Callee->getReturnType()->isPointerType())
      return std::nullopt;
    if (auto It = SiteValue.find(E); It != SiteValue.end())
      return It->second;
    ValueInfo Info;
    Info.Site = E;
    Info.Api = Callee->getNameAsString();
    if (Callee->hasBody() && Depth < 3) {
      // A wrapper of this file: its summary says what it returns.
      const LocalSummary *Wrapped =
          Check.summaryOf(Callee, Ctx, Depth, callingContext(Call, S));
      if (!Wrapped || !Wrapped->Returns ||
          passesNoFail(Call, Wrapped->Returns->GfpParam))
        return std::nullopt;
      Info.Convention = Wrapped->Returns->Convention;
      Info.WrapperReturn = Wrapped->Returns->At;
      Info.WrapperApi = Wrapped->Returns->Api;
      return SiteValue[E] = newValue(std::move(Info));
    }
    if (Callee->hasBody())
      return std::nullopt;
    const std::string &Usr = Check.usrOf(Callee);
    if (auto Known = mt::SummaryStore::instance().returnsFallible(Usr);
        Known && !passesNoFail(Call, Known->GfpParam)) {
      Info.Convention = conventionFromName(Known->Convention);
      Info.ExternalReturn = Known->Where;
      Info.WrapperApi = Known->Api;
      return SiteValue[E] = newValue(std::move(Info));
    }
    if (!Collecting)
      return std::nullopt;
    // Another file's function: whether its result can fail is known only
    // when that file's summary is in.
    Info.Kind = Role::External;
    Info.CalleeUsr = Usr;
    Info.CalleeName = Info.Api;
    return SiteValue[E] = newValue(std::move(Info));
  }

  /// A site executes again (a loop) while its previous result is still
  /// held: that result keeps its own modes under the site's retired value,
  /// and the site's value starts over. One retired value per site keeps the
  /// analysis finite.
  void startNewInstance(ValueId Id, State &S) {
    if (S.Values.count(Id)) {
      auto [It, Inserted] = RetiredValue.try_emplace(Id, 0);
      if (Inserted) {
        ValueInfo Old = Values[Id];
        It->second = newValue(std::move(Old));
      }
      ValueId Old = It->second;
      bool Held = false;
      for (auto &Binding : S.Bindings)
        for (ValueId &Bound : Binding.second)
          if (Bound == Id) {
            Bound = Old;
            Held = true;
          }
      if (Held) {
        Modes Previous = S.Values[Id];
        auto [OldModes, Fresh] = S.Values.try_emplace(Old, Previous);
        if (!Fresh) {
          OldModes->second.First |= Previous.First;
          OldModes->second.Second |= Previous.Second;
        }
        for (auto &Binding : S.Bindings) {
          llvm::sort(Binding.second);
          Binding.second.erase(
              std::unique(Binding.second.begin(), Binding.second.end()),
              Binding.second.end());
        }
      }
    }
    S.Values[Id] = initialModes(Values[Id]);
  }

  /// The integer constants this call's callee would see: constant integer
  /// arguments, and known constants of globals and of what the arguments
  /// point to, named as the callee names them.
  UncheckedAllocCheck::CallingContext callingContext(const CallExpr *Call,
                                                     const State &S) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->hasBody(Definition) || !Definition)
      return {};
    UncheckedAllocCheck::CallingContext Context;
    for (unsigned I = 0;
         I < Call->getNumArgs() && I < Definition->getNumParams(); ++I) {
      const ParmVarDecl *Param = Definition->getParamDecl(I);
      const Expr *Arg = Call->getArg(I)->IgnoreParenCasts();
      if (Param->getType()->isIntegralOrEnumerationType())
        if (auto Value = mt::integerConstant(Arg, Ctx))
          Context.push_back({mt::AccessPath(Param), *Value});
      std::optional<mt::AccessPath> Base;
      bool ThroughAddress = false;
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
        Base = mt::accessPathOf(AddrOf->getSubExpr());
        ThroughAddress = true;
      } else {
        Base = mt::accessPathOf(Arg);
      }
      if (!Base)
        continue;
      for (const auto &[Path, Fact] : S.Ints) {
        if (!Fact.Constant || !Path.isReachedThrough(*Base) || Path == *Base)
          continue;
        mt::AccessPath Mapped(Param);
        if (ThroughAddress)
          Mapped.addDeref();
        for (size_t K = Base->steps().size(); K < Path.steps().size(); ++K)
          Mapped.addStep(Path.steps()[K]);
        Context.push_back({Mapped, *Fact.Constant});
      }
    }
    for (const auto &[Path, Fact] : S.Ints) {
      const auto *Var = dyn_cast<VarDecl>(Path.base());
      if (Fact.Constant && Var && Var->hasGlobalStorage() &&
          !Var->isStaticLocal())
        Context.push_back({Path, *Fact.Constant});
    }
    llvm::sort(Context);
    Context.erase(std::unique(Context.begin(), Context.end()), Context.end());
    // Contexts key a cache: keep them small.
    if (Context.size() > 16)
      Context.erase(Context.begin() + 16, Context.end());
    return Context;
  }

  /// The parameter of the analyzed function an allocation's GFP mask comes
  /// from (kmem_cache_zalloc(cache, flags) with flags a parameter).
  std::optional<unsigned> gfpParameter(const CallExpr *Call,
                                       const mt::ApiEntry &Entry) const {
    const Expr *Gfp = mt::gfpArgument(Call, Entry);
    if (!Gfp)
      return std::nullopt;
    struct Finder : RecursiveASTVisitor<Finder> {
      const FunctionDecl *Function;
      std::optional<unsigned> Found;
      bool VisitDeclRefExpr(DeclRefExpr *Ref) {
        if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
            Param && Param->getDeclContext() == Function)
          Found = Param->getFunctionScopeIndex();
        return !Found;
      }
    } F;
    F.Function = Function;
    F.TraverseStmt(const_cast<Expr *>(Gfp));
    return F.Found;
  }

  /// True if a wrapper call passes __GFP_NOFAIL where the wrapper takes the
  /// mask it allocates with.
  bool passesNoFail(const CallExpr *Call,
                    std::optional<unsigned> GfpParam) const {
    return GfpParam && *GfpParam < Call->getNumArgs() &&
           !Rules.gfp().NoFail.empty() &&
           mt::spellsMacro(Call->getArg(*GfpParam), Rules.gfp().NoFail, Ctx);
  }

  /// The input a path denotes in summary mode: a parameter, a global, or
  /// something reached through a value bound to an input.
  std::optional<mt::InputPath> inputOf(const mt::AccessPath &P,
                                       const State &S) const {
    // Through a prefix bound to an input (dataPtr = (char **)param, then
    // *dataPtr), or overwritten by the function.
    for (size_t Len = P.steps().size() + 1; Len-- > 0;) {
      mt::AccessPath Prefix(P.base());
      for (size_t I = 0; I < Len; ++I)
        Prefix.addStep(P.steps()[I]);
      const auto *Ids = S.bound(Prefix);
      if (!Ids)
        continue;
      if (Ids->size() == 1 && Ids->front() != Overwritten &&
          Values[Ids->front()].Kind == Role::Input) {
        mt::InputPath In = Values[Ids->front()].Input;
        std::vector<std::string> Rest = stepNames(P, Len);
        In.Steps.insert(In.Steps.end(), Rest.begin(), Rest.end());
        return In;
      }
      return std::nullopt;
    }
    mt::InputPath In;
    if (const auto *Param = dyn_cast<ParmVarDecl>(P.base())) {
      if (Param->getDeclContext() != Function)
        return std::nullopt;
      In.Param = Param->getFunctionScopeIndex();
    } else if (const auto *Var = dyn_cast<VarDecl>(P.base());
               Var && Var->hasGlobalStorage() && !Var->isStaticLocal()) {
      In.IsGlobal = true;
      In.Global = Check.usrOf(Var);
    } else {
      return std::nullopt;
    }
    In.Steps = stepNames(P, 0);
    return In;
  }

  /// The values a path holds; in summary mode an unbound pointer input is
  /// bound to a value of its own on first read.
  llvm::SmallVector<ValueId, 1> valuesAt(const mt::AccessPath &P, QualType Type,
                                         State &S) {
    if (const auto *Ids = S.bound(P))
      return *Ids;
    if (!SummaryMode || !Type->isPointerType())
      return {};
    std::optional<mt::InputPath> In = inputOf(P, S);
    if (!In)
      return {};
    auto [It, Inserted] = InputValue.try_emplace(*In, 0);
    if (Inserted) {
      ValueInfo Info;
      Info.Kind = Role::Input;
      Info.Input = *In;
      Info.InputSpelling = P.spelling();
      It->second = newValue(std::move(Info));
    }
    S.Bindings[P] = {It->second};
    S.Values.try_emplace(It->second, initialModes(Values[It->second]));
    return {It->second};
  }

  void assign(const mt::AccessPath &Target, QualType TargetType,
              const Expr *RHS, SourceLocation TargetLoc, State &S) {
    const Expr *Value = mt::stripValuePreserving(RHS);
    llvm::SmallVector<ValueId, 1> NewBinding;
    std::optional<ValueId> Produced;
    if (Value) {
      if ((Produced = producedValue(Value, S))) {
        ValueInfo &Info = Values[*Produced];
        if (!Info.HolderExpr) {
          Info.Holder = Target.spelling();
          Info.HolderExpr = RHS;
        }
        NewBinding.push_back(*Produced);
      } else if (auto Status = StatusValue.find(Value);
                 Status != StatusValue.end()) {
        NewBinding.push_back(Status->second);
      } else if (auto Source = mt::accessPathOf(Value)) {
        NewBinding = valuesAt(*Source, Value->getType(), S);
        for (ValueId Id : NewBinding)
          if (Id != Overwritten)
            preferProgrammersName(Values[Id], Target, RHS, TargetLoc);
      }
    }
    // Record what an integer's value says before the old binding goes:
    // "ok = !p" must be read against p's current values.
    std::optional<IntFact> Fact;
    if (NewBinding.empty() && TargetType->isIntegralOrEnumerationType())
      Fact = integerFact(RHS, S);
    else if (NewBinding.empty() && TargetType->isPointerType())
      if (auto Null = mt::integerConstant(RHS, Ctx); Null && *Null == 0)
        Fact = IntFact{Null, false, {}, {}};
    bool OverwritesInput = SummaryMode && inputOf(Target, S).has_value();
    S.kill(Target);
    // After the kill: what the target held before is gone, not retired.
    if (Produced)
      startNewInstance(*Produced, S);
    if (!NewBinding.empty())
      S.Bindings[Target] = NewBinding;
    else if (OverwritesInput)
      S.Bindings[Target] = {Overwritten};
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

  // --- calls ------------------------------------------------------------

  /// Returns false if the call never returns.
  bool callTransfer(const CallExpr *Call, State &S) {
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (Entry && Entry->Kind == mt::ApiKind::NoReturn)
      return false;
    const Expr *OutArgument = nullptr;
    if (Entry && Entry->OutArg && Entry->canFail() &&
        *Entry->OutArg < Call->getNumArgs() &&
        (Entry->Kind == mt::ApiKind::Allocator ||
         Entry->Kind == mt::ApiKind::ManagedAllocator)) {
      OutArgument = Call->getArg(*Entry->OutArg)->IgnoreParenCasts();
      outParameterAllocation(Call, *Entry, S);
    }

    for (unsigned Index : mt::argumentsRequiringValidity(Call, Rules))
      use(Call->getArg(Index), Call, UseKind::Argument, S);

    if (!summarizedCall(Call, S))
      return false;
    // What the callee saw is settled; what it may have changed is not.
    if (!Call->getBuiltinCallee() &&
        !(Entry && Entry->Kind == mt::ApiKind::Predicate))
      S.forgetNonLocalIntegers();
    for (const Expr *Arg : Call->arguments())
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
          AddrOf && AddrOf != OutArgument && ArgumentAddresses.count(AddrOf))
        forgetThroughAddress(AddrOf, S);
    return true;
  }

  /// A call to a function without a rule-pack entry: what its summary, or a
  /// later one, says it does with what it is given. Returns false if the
  /// callee never returns.
  bool summarizedCall(const CallExpr *Call, State &S) {
    const FunctionDecl *Callee = summarizableCallee(Call);
    if (!Callee)
      return true;
    // Whether the callee returns matters only to a path that may still hold
    // a failed value; most calls are to inline helpers and need no summary.
    bool Pending = llvm::any_of(
        S.Values, [](const auto &Value) { return Value.second.mayBeBad(); });
    if (Pending && Callee->hasBody() && Depth < 3)
      if (const LocalSummary *Summary =
              Check.summaryOf(Callee, Ctx, Depth, callingContext(Call, S));
          Summary && Summary->NeverReturns)
        return false;
    if (SummaryMode)
      // Inputs passed on before they are read get their values now.
      for (const Expr *Arg : Call->arguments()) {
        const Expr *Stripped = Arg->IgnoreParenCasts();
        if (const auto *AddrOf = dyn_cast<UnaryOperator>(Stripped);
            AddrOf && AddrOf->getOpcode() == UO_AddrOf)
          Stripped = AddrOf->getSubExpr();
        if (auto Path = mt::accessPathOf(Stripped))
          valuesAt(*Path, Stripped->getType(), S);
      }
    std::vector<PassedValue> Passed = passedValues(Call, Callee, S);
    if (Passed.empty())
      return true;
    if (Callee->hasBody()) {
      if (Depth >= 3)
        return true;
      const LocalSummary *Summary =
          Check.summaryOf(Callee, Ctx, Depth, callingContext(Call, S));
      if (!Summary)
        return true;
      for (const PassedValue &P : Passed) {
        for (const LocalSummary::Deref &D : Summary->Derefs)
          if (D.Input == P.CalleeInput)
            useAt(P, Call, S, D.At, std::nullopt, D.Spelling);
        for (const mt::ForwardFact &F : Summary->Forwards)
          if (P.CalleeInput.startsWith(F.From))
            passToOtherFile(P, F.forward(P.CalleeInput), F.Callee, Call, S);
      }
      return true;
    }
    const std::string &Usr = Check.usrOf(Callee);
    for (const PassedValue &P : Passed)
      passToOtherFile(P, P.CalleeInput, Usr, Call, S);
    return true;
  }

  /// Allocators that deliver through an out-parameter: posix_memalign.
  void outParameterAllocation(const CallExpr *Call, const mt::ApiEntry &Entry,
                              State &S) {
    const Expr *Out = Call->getArg(*Entry.OutArg)->IgnoreParenCasts();
    std::optional<mt::AccessPath> Target;
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Out);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      Target = mt::accessPathOf(AddrOf->getSubExpr());
    else if (auto Pointer = mt::accessPathOf(Out)) {
      Target = *Pointer;
      Target->addDeref();
    }
    if (!Target)
      return;
    auto Known = SiteValue.find(Call);
    ValueId Id;
    if (Known == SiteValue.end()) {
      ValueInfo Info;
      Info.Site = Call;
      Info.Convention = Entry.Fails;
      Info.Api = mt::spelledApiName(Call, Ctx);
      Info.Holder = Target->spelling();
      Info.HolderExpr = Call;
      Id = SiteValue[Call] = newValue(std::move(Info));
    } else {
      Id = Known->second;
    }
    startNewInstance(Id, S);
    S.kill(*Target);
    S.Bindings[*Target] = {Id};
    if (!StatusValue.count(Call)) {
      ValueInfo Status;
      Status.Kind = Role::Status;
      Status.Site = Call;
      Status.Convention = Entry.Fails;
      Status.StatusOf = Id;
      StatusValue[Call] = newValue(std::move(Status));
    }
  }

  bool isBad(ValueId Id, const State &S) const {
    if (Id == Overwritten || Values[Id].Kind == Role::Status)
      return false;
    auto M = S.Values.find(Id);
    return M != S.Values.end() && M->second.mayBeBad();
  }

  /// Every tracked value a call hands to its callee, through arguments
  /// (also behind &x and inside structs passed by value) and globals, with
  /// the input path the callee reads it through.
  std::vector<PassedValue> passedValues(const CallExpr *Call,
                                        const FunctionDecl *Callee,
                                        const State &S) {
    std::vector<PassedValue> Result;
    for (const auto &[Path, Ids] : S.Bindings) {
      if (!llvm::any_of(Ids, [&](ValueId Id) { return isBad(Id, S); }))
        continue;
      const auto *Var = dyn_cast<VarDecl>(Path.base());
      if (Var && Var->hasGlobalStorage() && !Var->isStaticLocal()) {
        mt::InputPath In;
        In.IsGlobal = true;
        In.Global = Check.usrOf(Var);
        In.Steps = stepNames(Path, 0);
        Result.push_back({std::move(In), Path, nullptr});
      }
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I) {
        const Expr *Arg = Call->getArg(I)->IgnoreParenCasts();
        std::vector<std::string> Prefix;
        std::optional<mt::AccessPath> Base;
        if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
            AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
          Base = mt::accessPathOf(AddrOf->getSubExpr());
          Prefix.push_back("*");
        } else {
          Base = mt::accessPathOf(Arg);
        }
        if (!Base || !Path.isReachedThrough(*Base))
          continue;
        mt::InputPath In;
        In.Param = I;
        In.Steps = Prefix;
        std::vector<std::string> Rest = stepNames(Path, Base->steps().size());
        In.Steps.insert(In.Steps.end(), Rest.begin(), Rest.end());
        Result.push_back({std::move(In), Path, Call->getArg(I)});
      }
    }
    return Result;
  }

  /// A value handed to a function of another file: a finding now if that
  /// function is known from a summary file, else a forward (summary mode)
  /// or a pending finding (reporting mode).
  void passToOtherFile(const PassedValue &P, const mt::InputPath &CalleeInput,
                       const std::string &Usr, const CallExpr *Call, State &S) {
    mt::SummaryStore &Store = mt::SummaryStore::instance();
    mt::DerefFact Proof;
    if (Store.dereferences(Usr, CalleeInput, &Proof)) {
      useAt(P, Call, S, nullptr, Proof.Where, Proof.Spelling);
      return;
    }
    const auto *Ids = S.bound(P.CallerPath);
    if (!Ids)
      return;
    if (SummaryMode) {
      for (ValueId Id : *Ids)
        if (Id != Overwritten && Values[Id].Kind == Role::Input &&
            S.Values.count(Id) && S.Values[Id].mayBeBad()) {
          mt::ForwardFact F{Values[Id].Input, Usr, CalleeInput};
          auto Known =
              llvm::find_if(Summary.Forwards, [&](const mt::ForwardFact &G) {
                return G.From == F.From && G.Callee == F.Callee && G.To == F.To;
              });
          if (Known == Summary.Forwards.end()) {
            Summary.Forwards.push_back(std::move(F));
            Known = std::prev(Summary.Forwards.end());
          }
          S.DoneForwards.insert(Known - Summary.Forwards.begin());
        }
      return;
    }
    if (!Collecting || !Reporting)
      return;
    std::string CalleeName = Call->getDirectCallee()->getNameAsString();
    for (ValueId Id : *Ids) {
      if (!isBad(Id, S) || Values[Id].Kind != Role::Allocation)
        continue;
      const Expr *Where = P.Arg ? P.Arg : static_cast<const Expr *>(Call);
      if (!recordable(Where->getBeginLoc()))
        continue;
      const ValueInfo &Info = Values[Id];
      mt::PendingFinding F;
      F.Condition = mt::PendingFinding::CalleeDereferences;
      F.Callee = Usr;
      F.CalleeName = CalleeName;
      F.Input = CalleeInput;
      F.Check = Check.name().str();
      F.CPlusPlus = Ctx.getLangOpts().CPlusPlus;
      F.Warning = {fileRangeOf(Where->getSourceRange(), SM, Ctx.getLangOpts()),
                   llvm::formatv(
                       "'{0}' is {1} without checking whether '{2}' "
                       "succeeded; it returns {3} on failure",
                       P.CallerPath.spelling(),
                       usePhrase(P.Arg ? UseKind::Argument : UseKind::ByCallee,
                                 CalleeName),
                       Info.Api,
                       mt::failureValueText(mt::conventionName(Info.Convention),
                                            Ctx.getLangOpts().CPlusPlus))
                       .str()};
      F.Notes.push_back(holderNote(Info));
      Pending.push_back(std::move(F));
    }
  }

  bool recordable(SourceLocation Loc) const {
    return SM.isInMainFile(SM.getExpansionLoc(Loc)) &&
           !mt::isSuppressedByNolint(SM, Loc, Check.name());
  }

  mt::DiagnosticText holderNote(const ValueInfo &Info) const {
    return {
        fileRangeOf(Info.HolderExpr->getSourceRange(), SM, Ctx.getLangOpts()),
        llvm::formatv(
            "'{0}' is assigned the result of '{1}' here; {2}", Info.Holder,
            Info.Api,
            Info.Kind == Role::External
                ? llvm::StringRef("{1}")
                : mt::howToCheckText(mt::conventionName(Info.Convention)))
            .str()};
  }

  void useAt(const PassedValue &P, const CallExpr *Call, State &S,
             const Expr *CalleeDeref, std::optional<mt::FileRange> External,
             const std::string &Spelling) {
    const Expr *Operand = P.Arg ? P.Arg : Call;
    UseKind Kind = P.Arg ? UseKind::Argument : UseKind::ByCallee;
    if (const auto *Ids = S.bound(P.CallerPath))
      for (ValueId Id : llvm::SmallVector<ValueId, 1>(*Ids))
        useValue(Id, P.CallerPath, Operand, Call, Kind, S, CalleeDeref,
                 External, Spelling);
  }

  /// The addresses passed directly as call arguments (f(&x)), which a call
  /// forgets only after it has seen what they point to.
  void collectArgumentAddresses(const Stmt *Body) {
    struct Finder : RecursiveASTVisitor<Finder> {
      llvm::DenseSet<const UnaryOperator *> &Out;
      explicit Finder(llvm::DenseSet<const UnaryOperator *> &Out) : Out(Out) {}
      bool VisitCallExpr(CallExpr *Call) {
        for (const Expr *Arg : Call->arguments())
          if (const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
              U && U->getOpcode() == UO_AddrOf)
            Out.insert(U);
        return true;
      }
    } F(ArgumentAddresses);
    F.TraverseStmt(const_cast<Stmt *>(Body));
  }

  // --- returns (summary mode) --------------------------------------------

  void returnTransfer(const ReturnStmt *Return, State &S) {
    const Expr *Value = mt::stripValuePreserving(Return->getRetValue());
    if (!Value)
      return;
    auto Record = [&](ValueId Id) {
      const ValueInfo &Info = Values[Id];
      if (Info.Kind == Role::External) {
        if (!llvm::is_contained(Summary.ReturnsResultOf, Info.CalleeUsr))
          Summary.ReturnsResultOf.push_back(Info.CalleeUsr);
      } else if (Info.Kind == Role::Allocation && !Summary.Returns) {
        Summary.Returns = LocalSummary::Return{
            Info.Convention,
            Info.WrapperApi.empty() ? Info.Api : Info.WrapperApi, Return,
            Info.GfpParam};
      }
    };
    if (std::optional<ValueId> Id = producedValue(Value, S)) {
      Record(*Id);
      return;
    }
    if (auto Path = mt::accessPathOf(Value))
      if (const auto *Ids = S.bound(*Path))
        for (ValueId Id : *Ids)
          if (isBad(Id, S))
            Record(Id);
  }

  /// return 0 with an allocation stored for the caller and never tested:
  /// the caller is told it succeeded and cannot know the allocation failed.
  void checkStoredOnSuccess(const ReturnStmt *Return, const State &S) {
    if (!Reporting || !Return->getRetValue() ||
        !Return->getRetValue()->getType()->isIntegerType())
      return;
    std::optional<int64_t> Status =
        mt::integerConstant(Return->getRetValue(), Ctx);
    if (!Status || *Status != 0)
      return;
    for (const auto &[Path, Ids] : S.Bindings) {
      if (!callerVisible(Path))
        continue;
      for (ValueId Id : Ids) {
        if (Id == Overwritten || Values[Id].Kind != Role::Allocation)
          continue;
        auto M = S.Values.find(Id);
        if (M == S.Values.end() || !(M->second.First & Unknown))
          continue;
        Stored.try_emplace(Values[Id].Site,
                           StoredReport{Id, Path.spelling(), Return});
      }
    }
  }

  /// Storage the caller can read after the return: through a parameter
  /// (priv->buf, *out) or a global.
  bool callerVisible(const mt::AccessPath &Path) const {
    const auto *Var = dyn_cast<VarDecl>(Path.base());
    if (!Var)
      return false;
    if (Var->hasGlobalStorage() && !Var->isStaticLocal())
      return true;
    return isa<ParmVarDecl>(Var) &&
           llvm::any_of(Path.steps(),
                        [](const auto &Step) { return Step.Field == nullptr; });
  }

  // --- uses -------------------------------------------------------------

  void use(const Expr *Operand, const Expr *UseExpr, UseKind Kind, State &S) {
    const Expr *Subject = mt::pointerBaseOf(Operand);
    if (!SummaryMode && allocationSite(Subject)) {
      if (Reporting)
        DirectUses.emplace(Subject, DirectUseReport{Subject, UseExpr, Kind,
                                                    calleeName(UseExpr, Kind)});
      return;
    }
    auto Path = mt::accessPathOf(Subject);
    if (!Path)
      return;
    for (ValueId Id : valuesAt(*Path, Subject->getType(), S))
      useValue(Id, *Path, Operand, UseExpr, Kind, S, nullptr, std::nullopt, "");
  }

  static std::string calleeName(const Expr *UseExpr, UseKind Kind) {
    if (Kind != UseKind::Dereference)
      if (const auto *Call = dyn_cast<CallExpr>(UseExpr))
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          return Callee->getNameAsString();
    return "";
  }

  void useValue(ValueId Id, const mt::AccessPath &Path, const Expr *Operand,
                const Expr *UseExpr, UseKind Kind, State &S,
                const Expr *CalleeDeref,
                std::optional<mt::FileRange> ExternalDeref,
                const std::string &DerefSpelling) {
    if (Id == Overwritten)
      return;
    auto M = S.Values.find(Id);
    const ValueInfo &Info = Values[Id];
    if (M == S.Values.end() || Info.Kind == Role::Status)
      return;
    if (M->second.mayBeBad()) {
      if (Info.Kind == Role::Input) {
        if (SummaryMode) {
          auto Known =
              llvm::find_if(Summary.Derefs, [&](const LocalSummary::Deref &D) {
                return D.Input == Info.Input;
              });
          if (Known == Summary.Derefs.end()) {
            Summary.Derefs.push_back({Info.Input, Info.InputSpelling,
                                      CalleeDeref ? CalleeDeref
                                      : Kind == UseKind::Dereference
                                          ? UseExpr
                                          : Operand});
            Known = std::prev(Summary.Derefs.end());
          }
          S.DoneDerefs.insert(Known - Summary.Derefs.begin());
        }
      } else if (Info.Kind == Role::External) {
        if (Reporting && !SummaryMode)
          pendingResultUse(Info, Path, Operand, UseExpr, Kind);
      } else if (Reporting && !SummaryMode) {
        UseReport R{Id,
                    Path.spelling(),
                    Operand,
                    UseExpr,
                    Kind,
                    calleeName(UseExpr, Kind),
                    M->second.failedAfterTest(),
                    M->second.FailedAt,
                    CalleeDeref,
                    ExternalDeref,
                    DerefSpelling};
        auto Known = Uses.find(Info.Site);
        if (Known == Uses.end() ||
            SM.isBeforeInTranslationUnit(UseExpr->getBeginLoc(),
                                         Known->second.Use->getBeginLoc()))
          Uses[Info.Site] = R;
      }
    }
    // Execution only continues past a use if the value was valid.
    markSucceeded(Id, S);
  }

  /// The result of another file's function used without a test: a finding
  /// if that function turns out to return a fallible allocation.
  void pendingResultUse(const ValueInfo &Info, const mt::AccessPath &Path,
                        const Expr *Operand, const Expr *UseExpr,
                        UseKind Kind) {
    const Expr *Shown = Kind == UseKind::Dereference ? UseExpr : Operand;
    if (!Collecting || !recordable(Shown->getBeginLoc()))
      return;
    mt::PendingFinding F;
    F.Condition = mt::PendingFinding::CalleeReturnsFallible;
    F.Callee = Info.CalleeUsr;
    F.CalleeName = Info.CalleeName;
    F.Check = Check.name().str();
    F.CPlusPlus = Ctx.getLangOpts().CPlusPlus;
    std::string How = usePhrase(Kind, calleeName(UseExpr, Kind));
    F.Warning = {fileRangeOf(Shown->getSourceRange(), SM, Ctx.getLangOpts()),
                 llvm::formatv("'{0}' is {1} without checking whether '{2}' "
                               "succeeded; it returns {{0} on failure",
                               Path.spelling(), How, Info.Api)
                     .str()};
    F.Notes.push_back(holderNote(Info));
    Pending.push_back(std::move(F));
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
    if (F.Test == mt::TestKind::Relation)
      return relationHolds(*Path, F, S);
    if (auto Int = S.Ints.find(*Path); Int != S.Ints.end())
      return resolveInteger(Int->second, F, Out);
    if (F.Test == mt::TestKind::IsEqualTo)
      return true;
    for (ValueId Id : valuesAt(*Path, Subject->getType(), S))
      if (Id != Overwritten)
        resolveValue(Id, F, Out);
    return true;
  }

  /// False only if both sides hold known constants that contradict it.
  bool relationHolds(const mt::AccessPath &Left, const mt::BranchFact &F,
                     const State &S) const {
    auto Right = mt::accessPathOf(F.Other);
    if (!Right)
      return true;
    auto L = S.Ints.find(Left), R = S.Ints.find(*Right);
    if (L == S.Ints.end() || R == S.Ints.end() || !L->second.Constant ||
        !R->second.Constant)
      return true;
    int64_t A = *L->second.Constant, B = *R->second.Constant;
    switch (F.Op) {
    case BO_EQ:
      return A == B;
    case BO_NE:
      return A != B;
    case BO_LT:
      return A < B;
    case BO_LE:
      return A <= B;
    case BO_GT:
      return A > B;
    case BO_GE:
      return A >= B;
    default:
      return true;
    }
  }

  bool resolveInteger(const IntFact &Fact, const mt::BranchFact &F,
                      llvm::SmallVectorImpl<ResolvedFact> &Out) {
    if (Fact.Positive) {
      if ((F.Test == mt::TestKind::IsZero ||
           F.Test == mt::TestKind::IsNegative) &&
          F.Holds)
        return false;
      return true;
    }
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
    if (Info.Kind == Role::Input || Info.Kind == Role::External) {
      // The convention is the caller's or another file's: any failure test
      // counts as a test.
      if (F.Test != TestKind::IsEqualTo)
        Emit(Id, false, F.Holds);
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
      else if (F.Test == TestKind::IsZero)
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
    if (!Reporting || SummaryMode)
      return;
    std::string Predicate = F.Predicate ? F.Predicate->Name : "";
    auto Path = mt::accessPathOf(F.Subject);
    std::string Subject = Path ? Path->spelling() : Values[Id].Holder;
    Conventions.emplace(
        F.TestExpr,
        ConventionReport{Id, Subject, F.TestExpr, NullTestOfErrPtr, Predicate});
  }

  /// Applies one fact; false if it contradicts the state.
  bool apply(const ResolvedFact &Fact, State &S) {
    auto It = S.Values.find(Fact.Value);
    if (It == S.Values.end())
      return true;
    TestedSites.insert(Values[Fact.Value].Site);
    uint8_t &Bits = Fact.SecondMode ? It->second.Second : It->second.First;
    if (!Bits)
      return true;
    uint8_t Allowed =
        Fact.IsFailed ? (Unknown | Failed) : (Unknown | Succeeded);
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
    return mt::switchLabelAdmits(Switch, Label, *Int->second.Constant, Ctx);
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
  SourceManager &SM;
  const mt::RuleSet &Rules;
  const FunctionDecl *Function;
  bool SummaryMode;
  unsigned Depth;
  bool Collecting;
  llvm::SmallVector<ValueId, 2> PendingSuppressions;
  llvm::DenseSet<const UnaryOperator *> ArgumentAddresses;
};

/// True if a body contains an allocation the check tracks, or calls a
/// function that may return one; most functions (and nearly all inline
/// functions of kernel headers) do not.
bool mayProduceFallibleValues(const Stmt *Body, const mt::RuleSet &Rules) {
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
      // Calls to functions without a pack entry may return a wrapper's
      // allocation, which only a summary can tell.
      if (!Entry && !Call->getBuiltinCallee() && Call->getDirectCallee() &&
          Call->getDirectCallee()->getReturnType()->isPointerType())
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

} // namespace

UncheckedAllocCheck::UncheckedAllocCheck(StringRef Name,
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

void UncheckedAllocCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "SummaryFile", SummaryFile);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
}

void UncheckedAllocCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

const std::string &UncheckedAllocCheck::usrOf(const Decl *D) {
  auto [It, Inserted] = Usrs.try_emplace(D->getCanonicalDecl());
  if (Inserted)
    It->second = mt::usrOf(D);
  return It->second;
}

/// The NULL test of an ERR_PTR rewritten with IS_ERR(): "!p" and
/// "p == NULL" become "IS_ERR(p)", "p" and "p != NULL" "!IS_ERR(p)". Only
/// where the test is written outside macros and IS_ERR is declared.
static FixItHint isErrFix(const Expr *Test, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  // The test must be text of the file (p == NULL is; a test inside a macro
  // body is not).
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Test->getSourceRange()), SM,
      Ctx.getLangOpts());
  if (Range.isInvalid() || Test->getBeginLoc().isMacroID())
    return {};
  if (Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("IS_ERR")).empty())
    return {};
  const Expr *Subject = nullptr;
  bool Negated = false;
  const Expr *Stripped = Test->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Stripped);
      Not && Not->getOpcode() == UO_LNot) {
    Subject = Not->getSubExpr();
  } else if (const auto *Compare = dyn_cast<BinaryOperator>(Stripped);
             Compare && Compare->isEqualityOp()) {
    bool LeftIsNull =
        Compare->getLHS()->isNullPointerConstant(
            Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
    Subject = LeftIsNull ? Compare->getRHS() : Compare->getLHS();
    Negated = Compare->getOpcode() == BO_NE;
  } else if (Stripped->getType()->isPointerType()) {
    Subject = Stripped;
    Negated = true;
  }
  if (!Subject)
    return {};
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(
          Subject->IgnoreParenImpCasts()->getSourceRange()),
      SM, Ctx.getLangOpts());
  if (Text.empty())
    return {};
  return FixItHint::CreateReplacement(
      Range, (llvm::Twine(Negated ? "!" : "") + "IS_ERR(" + Text + ")").str());
}

const LocalSummary *
UncheckedAllocCheck::summaryOf(const FunctionDecl *Function, ASTContext &Ctx,
                               unsigned Depth, const CallingContext &Context) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition)
    return nullptr;
  auto Key = std::make_pair(Definition, Context);
  auto [It, Inserted] = Summaries.try_emplace(Key, nullptr);
  if (!Inserted)
    return It->second.get(); // Null while in progress: recursion.

  auto Summary = std::make_unique<LocalSummary>();
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Definition, Ctx);
  if (Graph && Graph->size() < 400) {
    Analysis A(*this, Ctx, *Rules, Definition, /*SummaryMode=*/true, Depth + 1);
    A.collectArgumentAddresses(Definition->getBody());
    mt::PathSensitiveAnalysis<State> Engine(*Graph, Ctx, 8, 100000);
    State Initial;
    for (const auto &[Path, Value] : Context)
      Initial.Ints[Path] = IntFact{Value, false, {}, {}};
    if (Engine.run(A, std::move(Initial))) {
      // Keep the dereferences and forwards every path to the exit performs.
      std::optional<std::set<unsigned>> Derefs, Forwards;
      for (const State &Exit : Engine.statesAt(Graph->getExit())) {
        if (!Derefs) {
          Derefs = Exit.DoneDerefs;
          Forwards = Exit.DoneForwards;
          continue;
        }
        State::intersect(*Derefs, Exit.DoneDerefs);
        State::intersect(*Forwards, Exit.DoneForwards);
      }
      for (unsigned I = 0; I < A.Summary.Derefs.size(); ++I)
        if (Derefs && Derefs->count(I))
          Summary->Derefs.push_back(A.Summary.Derefs[I]);
      for (unsigned I = 0; I < A.Summary.Forwards.size(); ++I)
        if (Forwards && Forwards->count(I))
          Summary->Forwards.push_back(A.Summary.Forwards[I]);
      Summary->Returns = A.Summary.Returns;
      Summary->ReturnsResultOf = A.Summary.ReturnsResultOf;
      // Never returns: no path ends in the exit but through a call that
      // never returns (a noreturn attribute, a rule pack, or such a callee).
      const CFGBlock &Exit = Graph->getExit();
      Summary->NeverReturns =
          llvm::none_of(Exit.preds(), [&](const CFGBlock::AdjacentBlock &Pred) {
            return Pred && !Pred->hasNoReturnElement() &&
                   Engine.completes(A, *Pred);
          });
    }
  }
  Summaries[Key] = std::move(Summary);
  return Summaries[Key].get();
}

void UncheckedAllocCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  ASTContext &Ctx = *Result.Context;
  SourceManager &SM = Ctx.getSourceManager();
  mt::SummaryStore &Store = mt::SummaryStore::instance();

  // Other files' analyses need this function's summary.
  if (Store.collecting() && Function->isExternallyVisible() &&
      SM.isInMainFile(SM.getExpansionLoc(Function->getLocation())))
    if (const LocalSummary *Local = summaryOf(Function, Ctx, 0)) {
      mt::FunctionSummary Exported;
      Exported.Usr = usrOf(Function);
      Exported.Name = Function->getNameAsString();
      const LangOptions &LO = Ctx.getLangOpts();
      for (const LocalSummary::Deref &D : Local->Derefs)
        Exported.Derefs.push_back(
            {D.Input, D.Spelling, fileRangeOf(D.At->getSourceRange(), SM, LO)});
      Exported.Forwards = Local->Forwards;
      if (Local->Returns)
        Exported.Returns = mt::ReturnFact{
            mt::conventionName(Local->Returns->Convention).str(),
            Local->Returns->Api,
            fileRangeOf(Local->Returns->At->getSourceRange(), SM, LO),
            Local->Returns->GfpParam};
      Exported.ReturnsResultOf = Local->ReturnsResultOf;
      if (!Exported.Usr.empty())
        Store.add(std::move(Exported));
    }

  if (!mayProduceFallibleValues(Function->getBody(), *Rules))
    return;
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Ctx);
  if (!Graph)
    return;

  Analysis A(*this, Ctx, *Rules, Function, /*SummaryMode=*/false, 0);
  A.collectArgumentAddresses(Function->getBody());
  mt::PathSensitiveAnalysis<State> Engine(*Graph, Ctx, MaxPathStates);
  if (!Engine.run(A, State()))
    return;
  A.Reporting = true;
  Engine.replay(A);
  for (mt::PendingFinding &F : A.Pending)
    Store.addPending(std::move(F));

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

  for (const auto &[Site, R] : A.Stored) {
    if (A.TestedSites.count(Site))
      continue;
    const ValueInfo &Info = A.Values[R.Value];
    llvm::StringRef Convention = mt::conventionName(Info.Convention);
    diag(mt::reportLocation(R.Return->getBeginLoc(), SM),
         "returns success with '%0' holding the result of "
         "'%1' unchecked: the caller cannot know that it "
         "failed (it returns %2 on failure)")
        << R.Holder << Info.Api << mt::failureValueText(Convention, CPlusPlus)
        << R.Return->getSourceRange();
    diag(Where(Info.HolderExpr),
         "'%0' is assigned the result of '%1' here; "
         "%2",
         DiagnosticIDs::Note)
        << Info.Holder << Info.Api << mt::howToCheckText(Convention)
        << Info.HolderExpr->getSourceRange();
  }

  for (const auto &[Site, R] : A.DirectUses) {
    const mt::ApiEntry *Entry = A.allocationSite(Site);
    std::string Api = mt::spelledApiName(Site, Ctx);
    auto D = diag(Where(Site),
                  "the result of '%0' is %1 without checking whether it "
                  "succeeded; it returns %2 on failure");
    D << Api << usePhrase(R.Kind, R.CalleeName)
      << mt::failureValueText(mt::conventionName(Entry->Fails), CPlusPlus);
  }

  for (const auto &[Test, R] : A.Conventions) {
    const ValueInfo &Info = A.Values[R.Value];
    if (R.NullTestOfErrPtr)
      diag(Where(Test), "'%0' is tested for NULL, but '%1' returns an ERR_PTR "
                        "on failure, never NULL; test it with IS_ERR()")
          << R.Subject << Info.Api << isErrFix(Test, Ctx);
    else
      diag(Where(Test), "'%0' is tested with %1(), but '%2' returns NULL on "
                        "failure, never an ERR_PTR; test it for NULL instead")
          << R.Subject << (R.PredicateName.empty() ? "IS_ERR" : R.PredicateName)
          << Info.Api;
    diag(Where(Info.HolderExpr), "'%0' is assigned the result of '%1' here",
         DiagnosticIDs::Note)
        << Info.Holder << Info.Api << Info.HolderExpr->getSourceRange();
  }

  for (const auto &[Site, R] : A.Uses) {
    const ValueInfo &Info = A.Values[R.Value];
    llvm::StringRef Convention = mt::conventionName(Info.Convention);
    std::string How = usePhrase(R.Kind, R.CalleeName);
    // A dereference is shown whole (*p, p->f, p[i]); an argument by itself,
    // a callee's use of a global at the call.
    const Expr *Shown = R.Kind == UseKind::Dereference ? R.Use : R.Operand;
    SourceRange Highlight = Shown->getSourceRange();
    if (R.AfterFailure)
      diag(Where(Shown), "'%0' is %1 on a path where '%2' failed: the failure "
                         "is detected but execution continues")
          << R.Subject << How << Info.Api << Highlight;
    else
      diag(Where(Shown), "'%0' is %1 without checking whether '%2' succeeded; "
                         "it returns %3 on failure")
          << R.Subject << How << Info.Api
          << mt::failureValueText(Convention, CPlusPlus) << Highlight;
    diag(Where(Info.HolderExpr),
         "'%0' is assigned the result of '%1' here; "
         "%2",
         DiagnosticIDs::Note)
        << Info.Holder << Info.Api << mt::howToCheckText(Convention)
        << Info.HolderExpr->getSourceRange();
    if (Info.WrapperReturn)
      diag(mt::reportLocation(Info.WrapperReturn->getBeginLoc(), SM),
           "'%0' returns the result of '%1' here without checking it",
           DiagnosticIDs::Note)
          << Info.Api << Info.WrapperApi
          << Info.WrapperReturn->getSourceRange();
    if (Info.ExternalReturn)
      if (SourceLocation Loc = locationOf(*Info.ExternalReturn, SM);
          Loc.isValid())
        diag(Loc, "'%0' returns the result of '%1' here without checking it",
             DiagnosticIDs::Note)
            << Info.Api << Info.WrapperApi;
    if (R.AfterFailure && R.FailedAt)
      diag(Where(R.FailedAt), "failure of '%0' detected here",
           DiagnosticIDs::Note)
          << Info.Api << R.FailedAt->getSourceRange();
    if (R.CalleeDeref)
      diag(Where(R.CalleeDeref), "'%0' is dereferenced here",
           DiagnosticIDs::Note)
          << R.DerefSpelling << R.CalleeDeref->getSourceRange();
    if (R.ExternalDeref)
      if (SourceLocation Loc = locationOf(*R.ExternalDeref, SM); Loc.isValid())
        diag(Loc, "'%0' is dereferenced here", DiagnosticIDs::Note)
            << R.DerefSpelling;
  }
}

} // namespace clang::tidy::memtidy
