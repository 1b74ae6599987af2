//===--- WasmUncheckedGuestOffsetCheck.cpp - memtidy ----------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A path-sensitive walk over each host function the guest calls. Integers
// are linear forms over named values; pointers into linear memory are
// offsets from its base, as forms. The guest controls some names: native
// parameters, host-callback arguments, what is read from guest memory or
// returned by guest calls. Validations (validators, conversions that fail
// with NULL, comparisons against the memory size, WAMR's own checks of '*',
// '*~' and '$' parameters, helpers found by summary) hold on the edges
// where they succeed, as ranges "offset + extent <= memory size". Every
// load, store and sized call through a pointer whose offset the guest
// chooses must stay within such a range on every path.
//
// In summary mode the same walk describes a function for its callers: its
// parameters are the named inputs, the accesses through them it does not
// validate become the caller's accesses, and the ranges that hold whenever
// it returns (or returns non-zero) become the caller's validations.
//
//===----------------------------------------------------------------------===//

#include "WasmUncheckedGuestOffsetCheck.h"
#include "support/AccessPath.h"
#include "support/ApiCalls.h"
#include "support/Conditions.h"
#include "support/PathSensitive.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecordLayout.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FormatVariadic.h"
#include <set>

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

using mt::AccessPath;
using mt::Extent;
using mt::LinearForm;

/// The size of linear memory, as compared against.
const std::string MemorySize = "$size";

std::string inputName(unsigned Param) { return "$p" + std::to_string(Param); }
std::string pointerName(const std::string &Name) { return "@" + Name; }

/// The parameter an input name stands for ("$p2", "@$p2").
std::optional<unsigned> inputParam(llvm::StringRef Name) {
  Name.consume_front("@");
  if (!Name.consume_front("$p"))
    return std::nullopt;
  unsigned Param;
  if (Name.getAsInteger(10, Param))
    return std::nullopt;
  return Param;
}

enum class RangeSource {
  Validator,  ///< A validator call succeeded.
  Signature,  ///< WAMR converted a '*', '*~' or '$' parameter.
  Comparison, ///< off + len compared with the memory size.
  Conversion, ///< A guest-address conversion returned non-NULL.
  Helper,     ///< A function of this file validated it (summary).
};

/// On this path, Offset + Size <= the size of linear memory.
struct Range {
  LinearForm Offset;
  Extent Size;
  RangeSource Source;
  const Stmt *By;
  bool operator==(const Range &O) const {
    return Offset == O.Offset && Size == O.Size && Source == O.Source &&
           By == O.By;
  }
  bool operator<(const Range &O) const {
    return std::tie(Offset, Size, Source, By) <
           std::tie(O.Offset, O.Size, O.Source, O.By);
  }
};

/// A pointer into linear memory.
struct Pointer {
  LinearForm Offset;
  /// Moved by a loop within the region it started in; its exact offset is
  /// unknown, so it is only held to having been validated at all.
  bool Interior = false;
  /// The result of a conversion that returns NULL for an offset outside
  /// linear memory, not yet tested.
  bool MaybeNull = false;
  const Expr *Conversion = nullptr;
  /// A NULL test whose NULL branch reached here.
  const Expr *NullBranch = nullptr;
  bool operator==(const Pointer &O) const {
    return Offset == O.Offset && Interior == O.Interior &&
           MaybeNull == O.MaybeNull && Conversion == O.Conversion &&
           NullBranch == O.NullBranch;
  }
};

template <typename K, typename V>
void intersect(std::map<K, V> &Into, const std::map<K, V> &Other) {
  for (auto It = Into.begin(); It != Into.end();) {
    auto O = Other.find(It->first);
    if (O == Other.end() || !(O->second == It->second))
      It = Into.erase(It);
    else
      ++It;
  }
}

template <typename T> void intersect(std::set<T> &Into, const std::set<T> &O) {
  for (auto It = Into.begin(); It != Into.end();)
    It = O.count(*It) ? std::next(It) : Into.erase(It);
}

struct State {
  std::map<AccessPath, LinearForm> Ints;
  std::map<AccessPath, Pointer> Ptrs;
  /// Names whose values the guest chooses.
  std::set<std::string> Guest;
  /// Locations whose contents are guest data (a callback's arguments, the
  /// results of a guest call): whatever is read through them.
  std::set<AccessPath> Slots;
  std::set<Range> Ranges;
  /// Names whose validation failed on this path, which went on anyway.
  std::map<std::string, const Expr *> Failed;
  std::set<std::string> NonZero;
  std::set<std::string> NonNegative;
  /// Name < bound.
  std::map<std::string, LinearForm> Below;
  /// Name >= a constant above 0.
  std::map<std::string, int64_t> AtLeast;
  /// Locations that hold the truth value of a test (ok = validate(...)).
  std::map<AccessPath, const Expr *> Tests;

  bool operator==(const State &O) const {
    return Ints == O.Ints && Ptrs == O.Ptrs && Guest == O.Guest &&
           Slots == O.Slots && Ranges == O.Ranges && Failed == O.Failed &&
           NonZero == O.NonZero && NonNegative == O.NonNegative &&
           Below == O.Below && AtLeast == O.AtLeast && Tests == O.Tests;
  }
  bool sameProperty(const State &O) const {
    return Ranges == O.Ranges && Failed == O.Failed && Below == O.Below;
  }
  void joinWith(const State &O) {
    intersect(Ints, O.Ints);
    intersect(Ptrs, O.Ptrs);
    Guest.insert(O.Guest.begin(), O.Guest.end());
    Slots.insert(O.Slots.begin(), O.Slots.end());
    intersect(Ranges, O.Ranges);
    for (const auto &[Name, At] : O.Failed)
      Failed.try_emplace(Name, At);
    intersect(NonZero, O.NonZero);
    intersect(NonNegative, O.NonNegative);
    intersect(Below, O.Below);
    for (auto It = AtLeast.begin(); It != AtLeast.end();) {
      auto Other = O.AtLeast.find(It->first);
      if (Other == O.AtLeast.end()) {
        It = AtLeast.erase(It);
        continue;
      }
      It->second = std::min(It->second, Other->second);
      ++It;
    }
    intersect(Tests, O.Tests);
  }
};

/// What is known of a name, for messages and rules.
struct SymbolInfo {
  std::string Display;
  QualType Type;
  std::optional<AccessPath> Path;
  /// For a value narrowed by a cast: the form before the cast.
  std::optional<LinearForm> NarrowedFrom;
  const Expr *NarrowedAt = nullptr;
};

enum class Finding {
  NoValidation,
  FailedValidation,
  Exceeds,
  Narrowed,
  NullUnchecked,
  Divisor,
  WrappingCheck,
  SignedOffset,
  PointerOverflow,
};

struct Report {
  Finding Kind;
  const Expr *At;
  std::string Subject;  ///< The pointer or offset, as written.
  std::string Accessed; ///< The accessed extent, spelled.
  std::string Validated;
  std::string Where; ///< Where the validated range starts, spelled.
  size_t Terms = 0;  ///< Named values in the accessed extent.
  std::string Detail;
  /// Where the relevant validation, conversion or guest value is.
  std::vector<std::pair<const Stmt *, std::string>> Notes;
};

class Analysis : public mt::PathClient<State> {
public:
  Analysis(WasmUncheckedGuestOffsetCheck &Check, ASTContext &Ctx,
           const mt::RuleSet &Rules, const FunctionDecl *Function,
           bool SummaryMode, unsigned Depth)
      : Check(Check), Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules),
        Function(Function), SummaryMode(SummaryMode), Depth(Depth) {}

  bool Reporting = false;
  std::map<const Expr *, Report> Reports;
  GuestSummary Summary;
  /// In summary mode: the ranges at each return when it returns non-zero,
  /// and when it returns zero, on the edges that are possible.
  struct ReturnRanges {
    std::optional<std::set<Range>> NonZero, Zero;
  };
  std::vector<ReturnRanges> Returns;

  // --- names ------------------------------------------------------------

  std::string locationTag(const Stmt *S) const {
    return std::to_string(SM.getFileOffset(
        SM.getExpansionLoc(S ? S->getBeginLoc() : Function->getLocation())));
  }

  std::string nameOf(const AccessPath &P, const Expr *Written = nullptr) {
    const ValueDecl *Base = P.base();
    if (SummaryMode && P.isPlainVariable())
      if (const auto *Param = dyn_cast<ParmVarDecl>(Base);
          Param && Param->getDeclContext() == Function)
        return inputName(Param->getFunctionScopeIndex());
    std::string Name = P.spelling() + "#" +
                       std::to_string(SM.getFileOffset(
                           SM.getExpansionLoc(Base->getLocation())));
    auto [It, Inserted] = Symbols.try_emplace(Name);
    if (Inserted) {
      // As the programmer wrote it: args->data[0].of.i32, not ->data->.
      std::string Text = Written ? sourceText(Written) : "the value";
      It->second.Display = Text == "the value" ? P.spelling() : Text;
      It->second.Type = P.steps().empty() ? Base->getType() : QualType();
      It->second.Path = P;
    }
    return Name;
  }

  std::string display(const std::string &Name) const {
    auto It = Symbols.find(Name);
    if (It != Symbols.end())
      return It->second.Display;
    if (std::optional<unsigned> Param = inputParam(Name))
      if (*Param < Function->getNumParams())
        return Function->getParamDecl(*Param)->getName().str();
    if (Name == MemorySize)
      return "the memory size";
    return Name;
  }

  std::string spell(const LinearForm &F) const {
    return F.spelling([this](const std::string &N) { return display(N); });
  }

  bool isInput(llvm::StringRef Name) const {
    return SummaryMode && inputParam(Name).has_value();
  }

  bool isGuest(const std::string &Name, const State &S) const {
    return S.Guest.count(Name) || isInput(Name);
  }

  bool hasGuestTerm(const LinearForm &F, const State &S) const {
    return llvm::any_of(F.Terms,
                        [&](const auto &T) { return isGuest(T.first, S); });
  }

  /// A name for a value that no form describes (x * y, a call's result).
  std::string opaque(const Expr *E, bool GuestValue, State &S,
                     const std::string &Display = "") {
    std::string Name = "e" + std::to_string(idOf(E));
    SymbolInfo &Info = Symbols[Name];
    if (Info.Display.empty())
      Info.Display = Display.empty() ? sourceText(E) : Display;
    Info.Type = E->getType();
    if (GuestValue)
      S.Guest.insert(Name);
    return Name;
  }

  /// A number for an expression, in the order of first use, so that names
  /// (and the order of facts over them) do not depend on addresses.
  unsigned idOf(const Expr *E) {
    auto [It, Inserted] = Ids.try_emplace(E, Ids.size());
    return It->second;
  }

  std::string sourceText(const Stmt *E) const {
    CharSourceRange Range = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(E->getSourceRange()), SM,
        Ctx.getLangOpts());
    llvm::StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
    if (Text.empty() || Text.size() > 60)
      return "the value";
    return Text.str();
  }

  // --- state updates ------------------------------------------------------

  /// The names whose values are what \p P held: gone once P is assigned.
  std::vector<std::string> namesThrough(const AccessPath &P) const {
    std::vector<std::string> Names;
    for (const auto &[Name, Info] : Symbols)
      if (Info.Path && Info.Path->isReachedThrough(P))
        Names.push_back(Name);
    return Names;
  }

  static std::string renamed(const std::string &Name, const std::string &Tag) {
    return Name.substr(0, Name.find('\'')) + "'" + Tag;
  }

  /// Forgets every fact about \p Name, and every fact that mentions it.
  static void forgetName(State &S, const std::string &Name) {
    S.Guest.erase(Name);
    S.Failed.erase(Name);
    S.NonZero.erase(Name);
    S.NonNegative.erase(Name);
    S.Below.erase(Name);
    S.AtLeast.erase(Name);
    for (auto It = S.Below.begin(); It != S.Below.end();)
      It = It->second.mentions(Name) ? S.Below.erase(It) : std::next(It);
    for (auto It = S.Ranges.begin(); It != S.Ranges.end();)
      It = It->Offset.mentions(Name) || It->Size.Bytes.mentions(Name)
               ? S.Ranges.erase(It)
               : std::next(It);
    for (auto It = S.Ints.begin(); It != S.Ints.end();)
      It = It->second.mentions(Name) ? S.Ints.erase(It) : std::next(It);
    for (auto It = S.Ptrs.begin(); It != S.Ptrs.end();)
      It = It->second.Offset.mentions(Name) ? S.Ptrs.erase(It) : std::next(It);
  }

  void renameName(State &S, const std::string &From, const std::string &To) {
    if (From == To)
      return;
    forgetName(S, To);
    Symbols[To] = Symbols[From];
    Symbols[To].Path.reset();
    auto Move = [&](auto &Set) {
      if (Set.erase(From))
        Set.insert(To);
    };
    Move(S.Guest);
    Move(S.NonZero);
    Move(S.NonNegative);
    if (auto It = S.AtLeast.find(From); It != S.AtLeast.end()) {
      int64_t Least = It->second;
      S.AtLeast.erase(It);
      S.AtLeast[To] = Least;
    }
    if (auto It = S.Failed.find(From); It != S.Failed.end()) {
      const Expr *At = It->second;
      S.Failed.erase(It);
      S.Failed[To] = At;
    }
    std::map<std::string, LinearForm> Below;
    for (auto [Name, Bound] : S.Below) {
      Bound.rename(From, To);
      Below[Name == From ? To : Name] = Bound;
    }
    S.Below = std::move(Below);
    std::set<Range> Ranges;
    for (Range R : S.Ranges) {
      R.Offset.rename(From, To);
      R.Size.Bytes.rename(From, To);
      Ranges.insert(R);
    }
    S.Ranges = std::move(Ranges);
    for (auto &[Path, Form] : S.Ints)
      Form.rename(From, To);
    for (auto &[Path, P] : S.Ptrs)
      P.Offset.rename(From, To);
  }

  /// \p Target is about to be overwritten at \p Site: what it and paths
  /// through it held keep their facts under new names.
  void overwrite(const AccessPath &Target, const Stmt *Site, State &S,
                 LinearForm *Pending = nullptr) {
    std::string Tag = locationTag(Site);
    for (const std::string &Name : namesThrough(Target)) {
      std::string To = renamed(Name, Tag);
      renameName(S, Name, To);
      if (Pending)
        Pending->rename(Name, To);
    }
    for (auto It = S.Ints.begin(); It != S.Ints.end();)
      It =
          It->first.isReachedThrough(Target) ? S.Ints.erase(It) : std::next(It);
    for (auto It = S.Ptrs.begin(); It != S.Ptrs.end();)
      It =
          It->first.isReachedThrough(Target) ? S.Ptrs.erase(It) : std::next(It);
    for (auto It = S.Tests.begin(); It != S.Tests.end();)
      It = It->first.isReachedThrough(Target) ? S.Tests.erase(It)
                                              : std::next(It);
    for (auto It = S.Slots.begin(); It != S.Slots.end();)
      It = It->isReachedThrough(Target) ? S.Slots.erase(It) : std::next(It);
  }

  // --- values -------------------------------------------------------------

  /// True if \p P is read through guest data: a slot, or linear memory.
  bool readsGuestData(const AccessPath &P, const State &S) const {
    for (size_t Len = 0; Len < P.steps().size(); ++Len) {
      if (P.steps()[Len].Field)
        continue;
      // Steps [0, Len) name a pointer (or array) that step Len dereferences.
      AccessPath Prefix(P.base());
      for (size_t I = 0; I < Len; ++I)
        Prefix.addStep(P.steps()[I]);
      if (S.Ptrs.count(Prefix))
        return true;
      for (const AccessPath &Slot : S.Slots)
        if (Prefix.isReachedThrough(Slot))
          return true;
    }
    return false;
  }

  /// The value of an integer expression as a form.
  LinearForm formOf(const Expr *E, State &S, unsigned Depth = 0) {
    if (!E || Depth > 24)
      return LinearForm::symbol(opaque(E, false, S));
    E = E->IgnoreParens();
    if (E->isGLValue() && E->getType()->isIntegralOrEnumerationType())
      return loadForm(E, S, Depth);
    if (!E->isValueDependent()) {
      Expr::EvalResult Result;
      if (E->EvaluateAsInt(Result, Ctx) &&
          Result.Val.getInt().getSignificantBits() <= 63)
        return LinearForm::constant(Result.Val.getInt().getExtValue());
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      const Expr *Sub = Cast->getSubExpr();
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
        return loadForm(Sub, S, Depth);
      case CK_IntegralCast:
        return castForm(Cast, formOf(Sub, S, Depth + 1), S);
      case CK_NoOp:
      case CK_BooleanToSignedIntegral:
        return formOf(Sub, S, Depth + 1);
      default:
        break;
      }
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      switch (Binary->getOpcode()) {
      case BO_Add:
      case BO_Sub: {
        if (Binary->getLHS()->getType()->isPointerType())
          break;
        LinearForm L = formOf(Binary->getLHS(), S, Depth + 1);
        LinearForm R = formOf(Binary->getRHS(), S, Depth + 1);
        return Binary->getOpcode() == BO_Add ? L + R : L - R;
      }
      case BO_Mul: {
        LinearForm L = formOf(Binary->getLHS(), S, Depth + 1);
        LinearForm R = formOf(Binary->getRHS(), S, Depth + 1);
        if (R.isConstant())
          return L.scaled(R.Constant);
        if (L.isConstant())
          return R.scaled(L.Constant);
        return LinearForm::symbol(
            opaque(E, hasGuestTerm(L, S) || hasGuestTerm(R, S), S));
      }
      case BO_Shl: {
        LinearForm L = formOf(Binary->getLHS(), S, Depth + 1);
        LinearForm R = formOf(Binary->getRHS(), S, Depth + 1);
        if (R.isConstant() && R.Constant >= 0 && R.Constant < 32)
          return L.scaled(int64_t(1) << R.Constant);
        return LinearForm::symbol(
            opaque(E, hasGuestTerm(L, S) || hasGuestTerm(R, S), S));
      }
      case BO_Assign:
      case BO_Comma:
        return formOf(Binary->getRHS(), S, Depth + 1);
      default: {
        if (Binary->isComparisonOp() || Binary->isLogicalOp())
          return LinearForm::symbol(opaque(E, false, S));
        LinearForm L = formOf(Binary->getLHS(), S, Depth + 1);
        LinearForm R = formOf(Binary->getRHS(), S, Depth + 1);
        return LinearForm::symbol(
            opaque(E, hasGuestTerm(L, S) || hasGuestTerm(R, S), S));
      }
      }
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() == UO_Minus)
        return formOf(Unary->getSubExpr(), S, Depth + 1).scaled(-1);
      if (Unary->getOpcode() == UO_Plus)
        return formOf(Unary->getSubExpr(), S, Depth + 1);
      if (Unary->getOpcode() == UO_Not) {
        LinearForm Sub = formOf(Unary->getSubExpr(), S, Depth + 1);
        return LinearForm::symbol(opaque(E, hasGuestTerm(Sub, S), S));
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
      if (Entry && Entry->Kind == mt::ApiKind::MemorySize)
        return LinearForm::symbol(MemorySize);
      return LinearForm::symbol(opaque(E, false, S));
    }
    if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E)) {
      LinearForm T = formOf(Conditional->getTrueExpr(), S, Depth + 1);
      LinearForm F = formOf(Conditional->getFalseExpr(), S, Depth + 1);
      if (T == F)
        return T;
      return LinearForm::symbol(
          opaque(E, hasGuestTerm(T, S) || hasGuestTerm(F, S), S));
    }
    return LinearForm::symbol(opaque(E, false, S));
  }

  /// The value read from an lvalue.
  LinearForm loadForm(const Expr *LValue, State &S, unsigned Depth) {
    if (auto Path = mt::accessPathWithIndicesOf(LValue, Ctx)) {
      if (auto It = S.Ints.find(*Path); It != S.Ints.end())
        return It->second;
      std::string Name = nameOf(*Path, LValue);
      if (auto Info = Symbols.find(Name); Info != Symbols.end())
        Info->second.Type = LValue->getType();
      if (readsGuestData(*Path, S) || lvalueInLinearMemory(LValue, S))
        S.Guest.insert(Name);
      return LinearForm::symbol(Name);
    }
    bool Guest = lvalueInLinearMemory(LValue, S) || readsSlot(LValue, S);
    return LinearForm::symbol(opaque(LValue, Guest, S));
  }

  /// An lvalue such as args->data[i].of.i32 (a variable index) read from a
  /// slot of guest data.
  bool readsSlot(const Expr *LValue, const State &S) const {
    const Expr *E = LValue->IgnoreParenImpCasts();
    while (true) {
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        E = Member->getBase()->IgnoreParenImpCasts();
      } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
        if (auto Base = mt::accessPathWithIndicesOf(Subscript->getBase(), Ctx))
          for (const AccessPath &Slot : S.Slots)
            if (Base->isReachedThrough(Slot))
              return true;
        E = Subscript->getBase()->IgnoreParenImpCasts();
      } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
                 Unary && Unary->getOpcode() == UO_Deref) {
        E = Unary->getSubExpr()->IgnoreParenImpCasts();
      } else {
        break;
      }
    }
    if (auto Path = mt::accessPathWithIndicesOf(E, Ctx))
      for (const AccessPath &Slot : S.Slots)
        if (Path->isReachedThrough(Slot) && E != LValue)
          return true;
    return false;
  }

  /// A cast between integer types: narrowing a guest value keeps it
  /// guest-controlled under a name of its own.
  LinearForm castForm(const CastExpr *Cast, const LinearForm &From, State &S) {
    QualType To = Cast->getType(), Source = Cast->getSubExpr()->getType();
    if (From.isConstant() || !To->isIntegerType() || !Source->isIntegerType())
      return From;
    uint64_t ToWidth = Ctx.getTypeSize(To), FromWidth = Ctx.getTypeSize(Source);
    bool Narrows = ToWidth < FromWidth ||
                   (ToWidth == FromWidth && To->isSignedIntegerType() &&
                    Source->isUnsignedIntegerType() && ToWidth <= 32 &&
                    hasGuestTerm(From, S));
    if (!Narrows) {
      if (!To->isUnsignedIntegerType() || !Source->isSignedIntegerType() ||
          From.Terms.size() != 1 || From.Constant != 0)
        return From;
      // A signed guest value seen as unsigned: a negative one becomes a
      // large one, which range checks reject. Named after the value and the
      // type, so that validate(inst, (uint64)off, n) covers a later
      // to_native(inst, (uint64)off); it goes with the value when the
      // variable is overwritten.
      const auto &[Term, Coefficient] = *From.Terms.begin();
      std::string Name = "u" + std::to_string(ToWidth) + "(" + Term + "*" +
                         std::to_string(Coefficient) + ")";
      SymbolInfo &Info = Symbols[Name];
      if (Info.Display.empty())
        Info.Display = sourceText(Cast);
      Info.Type = To;
      if (auto Source = Symbols.find(Term); Source != Symbols.end()) {
        Info.Path = Source->second.Path;
        // (uint64)(int32)len is still len narrowed.
        if (Source->second.NarrowedFrom && Coefficient == 1) {
          Info.NarrowedFrom = Source->second.NarrowedFrom;
          Info.NarrowedAt = Source->second.NarrowedAt;
        }
      }
      if (hasGuestTerm(From, S))
        S.Guest.insert(Name);
      return LinearForm::symbol(Name);
    }
    std::string Name = "n" + std::to_string(idOf(Cast));
    SymbolInfo &Info = Symbols[Name];
    Info.Display = sourceText(Cast);
    if (Info.Display == "the value")
      Info.Display = "(" + To.getAsString() + ")" + spell(From);
    Info.Type = To;
    Info.NarrowedFrom = From;
    Info.NarrowedAt = Cast;
    if (hasGuestTerm(From, S))
      S.Guest.insert(Name);
    return LinearForm::symbol(Name);
  }

  int64_t sizeOf(QualType T) const {
    if (T.isNull() || T->isIncompleteType() || T->isDependentType() ||
        T->isVoidType())
      return 1;
    return Ctx.getTypeSizeInChars(T).getQuantity();
  }

  /// The pointer a pointer-typed expression evaluates to, if it points into
  /// linear memory.
  std::optional<Pointer> pointerOf(const Expr *E, State &S,
                                   unsigned Depth = 0) {
    if (!E || Depth > 16)
      return std::nullopt;
    E = E->IgnoreParens();
    // Conditions hand over operands stripped of their loads.
    if (E->isGLValue() && E->getType()->isPointerType()) {
      if (auto Path = mt::accessPathWithIndicesOf(E, Ctx))
        if (auto It = S.Ptrs.find(*Path); It != S.Ptrs.end())
          return It->second;
      return std::nullopt;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_BitCast:
      case CK_NoOp:
      case CK_AddressSpaceConversion:
        return pointerOf(Cast->getSubExpr(), S, Depth + 1);
      case CK_LValueToRValue:
        if (auto Path = mt::accessPathWithIndicesOf(Cast->getSubExpr(), Ctx))
          if (auto It = S.Ptrs.find(*Path); It != S.Ptrs.end())
            return It->second;
        return std::nullopt;
      case CK_ArrayToPointerDecay:
        return addressOf(Cast->getSubExpr(), S, Depth + 1);
      default:
        return std::nullopt;
      }
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      BinaryOperatorKind Op = Binary->getOpcode();
      if (Op == BO_Add || Op == BO_Sub) {
        const Expr *Base = Binary->getLHS(), *Index = Binary->getRHS();
        if (!Base->getType()->isPointerType())
          std::swap(Base, Index);
        if (!Base->getType()->isPointerType() ||
            !Index->getType()->isIntegerType())
          return std::nullopt;
        std::optional<Pointer> P = pointerOf(Base, S, Depth + 1);
        if (!P)
          return std::nullopt;
        LinearForm Step =
            formOf(Index, S).scaled(sizeOf(Base->getType()->getPointeeType()));
        P->Offset = Op == BO_Add ? P->Offset + Step : P->Offset - Step;
        return P;
      }
      if (Op == BO_Assign || Op == BO_Comma)
        return pointerOf(Binary->getRHS(), S, Depth + 1);
      return std::nullopt;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf)
      return addressOf(Unary->getSubExpr(), S, Depth + 1);
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
      if (!Entry)
        return returnedPointer(Call, S);
      if (Entry->Kind == mt::ApiKind::MemoryBase)
        return Pointer{};
      if (Entry->Kind == mt::ApiKind::GuestAddress && Entry->OffsetArg &&
          *Entry->OffsetArg < Call->getNumArgs()) {
        Pointer P;
        P.Offset = formOf(Call->getArg(*Entry->OffsetArg), S);
        // After any validation of this offset the conversion succeeds
        // (a zero-length validation at the very end aside).
        if (Entry->Fails == mt::FailureConvention::Null &&
            llvm::none_of(S.Ranges, [&](const Range &R) {
              return related(R, P.Offset);
            })) {
          P.MaybeNull = true;
          P.Conversion = Call;
        }
        return P;
      }
    }
    return std::nullopt;
  }

  /// What a function of this file returns into linear memory.
  std::optional<Pointer> returnedPointer(const CallExpr *Call, State &S) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody() || Depth >= 3 ||
        !Callee->getReturnType()->isPointerType())
      return std::nullopt;
    const GuestSummary *Summary = Check.summaryOf(Callee, Depth);
    if (!Summary || !Summary->Returns)
      return std::nullopt;
    Pointer P;
    P.Offset = Summary->Returns->Offset.substituted(argumentForms(Call, S));
    if (Summary->Returns->MaybeNull && hasGuestTerm(P.Offset, S) &&
        llvm::none_of(S.Ranges,
                      [&](const Range &R) { return related(R, P.Offset); })) {
      P.MaybeNull = true;
      P.Conversion = Call;
    }
    return P;
  }

  /// The address of an lvalue, if it lies in linear memory.
  std::optional<Pointer> addressOf(const Expr *LValue, State &S,
                                   unsigned Depth = 0) {
    if (Depth > 16)
      return std::nullopt;
    LValue = LValue->IgnoreParens();
    if (const auto *Unary = dyn_cast<UnaryOperator>(LValue);
        Unary && Unary->getOpcode() == UO_Deref)
      return pointerOf(Unary->getSubExpr(), S, Depth + 1);
    if (const auto *Member = dyn_cast<MemberExpr>(LValue)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      if (!Field || Field->isBitField())
        return std::nullopt;
      std::optional<Pointer> P =
          Member->isArrow() ? pointerOf(Member->getBase(), S, Depth + 1)
                            : addressOf(Member->getBase(), S, Depth + 1);
      if (!P)
        return std::nullopt;
      P->Offset = P->Offset + LinearForm::constant(Ctx.getFieldOffset(Field) /
                                                   Ctx.getCharWidth());
      return P;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(LValue)) {
      std::optional<Pointer> P = pointerOf(Subscript->getBase(), S, Depth + 1);
      if (!P)
        return std::nullopt;
      P->Offset =
          P->Offset +
          formOf(Subscript->getIdx(), S).scaled(sizeOf(Subscript->getType()));
      return P;
    }
    return std::nullopt;
  }

  bool lvalueInLinearMemory(const Expr *LValue, State &S) {
    return addressOf(LValue, S).has_value();
  }

  // --- ranges -------------------------------------------------------------

  /// The greatest value each bounded name can take, for the end of an
  /// access: i < n makes i at most n - 1.
  LinearForm atMost(const LinearForm &F, const State &S) const {
    return F.substituted(
        [&](const std::string &Name) -> std::optional<LinearForm> {
          auto It = S.Below.find(Name);
          if (It == S.Below.end())
            return std::nullopt;
          return It->second - LinearForm::constant(1);
        });
  }

  std::function<bool(const std::string &)> guestTest(const State &S) const {
    return [this, &S](const std::string &Name) { return isGuest(Name, S); };
  }

  std::function<int64_t(const std::string &)> leastTest(const State &S) const {
    return [&S](const std::string &Name) -> int64_t {
      auto It = S.AtLeast.find(Name);
      return It == S.AtLeast.end() ? 0 : It->second;
    };
  }

  mt::Coverage compare(const LinearForm &Start, const Extent &Size,
                       const Range &R, const State &S) const {
    return mt::compareRanges(Start, Size, R.Offset, R.Size, guestTest(S),
                             leastTest(S));
  }

  static std::set<std::string> names(const LinearForm &F) {
    std::set<std::string> Names;
    for (const auto &T : F.Terms)
      Names.insert(T.first);
    return Names;
  }

  bool related(const Range &R, const LinearForm &Offset) const {
    std::set<std::string> Mine = names(Offset);
    for (const LinearForm *F : {&R.Offset, &R.Size.Bytes})
      for (const auto &T : F->Terms)
        if (T.first != MemorySize && Mine.count(T.first))
          return true;
    return false;
  }

  /// The access is stated relative to the start of \p Range: how many
  /// bytes from it, as the message spells it.
  /// The access and the range, measured from the same place: the start of
  /// the range, or for comparisons with the memory size (which bound the
  /// end alone) the start of the access.
  std::pair<Extent, Extent> measured(const LinearForm &Start,
                                     const Extent &Size, const Range &R,
                                     const State &S) const {
    LinearForm From = R.Source == RangeSource::Comparison ? Start : R.Offset;
    Extent Accessed = Size, Validated = R.Size;
    if (!Size.String)
      Accessed.Bytes = atMost(Start + Size.Bytes, S) - From;
    if (!R.Size.String)
      Validated.Bytes = R.Offset + R.Size.Bytes - From;
    return {Accessed, Validated};
  }

  void addRange(State &S, Range R) {
    if (!R.Size.String && R.Size.Bytes.isConstant() &&
        R.Size.Bytes.Constant <= 0)
      return;
    S.Ranges.insert(std::move(R));
  }

  // --- accesses -----------------------------------------------------------

  struct AccessSite {
    AccessSite(const Expr *At, std::string Subject, const Expr *Via = nullptr,
               std::string Callee = "")
        : At(At), Subject(std::move(Subject)), Via(Via),
          Callee(std::move(Callee)) {}
    const Expr *At;      ///< Reported here.
    std::string Subject; ///< The access as written.
    const Expr *Via;     ///< The callee's access, for summaries.
    std::string Callee;
    /// For a function of another file: the parameter type that says how
    /// much it accesses ('size_t *').
    std::string Declared;
  };

  /// The bytes an access may touch over every value of its bounded
  /// indices: p[i] with i < n covers p[0] to the end of p[n - 1]; a field
  /// of p[i] counts as the whole element, as sizes are validated.
  std::pair<LinearForm, Extent> hull(const LinearForm &Start,
                                     const Extent &Size, const State &S) const {
    if (Size.String)
      return {Start, Size};
    for (const auto &Term : Start.Terms) {
      // Named, not bound: lambdas cannot capture structured bindings in
      // C++17.
      const std::string &Name = Term.first;
      int64_t C = Term.second;
      auto Bound = S.Below.find(Name);
      if (Bound == S.Below.end() || C <= 0)
        continue;
      auto Replace = [&](const LinearForm &By) {
        return [&, By](const std::string &N) -> std::optional<LinearForm> {
          if (N == Name)
            return By;
          return std::nullopt;
        };
      };
      LinearForm Low = Start.substituted(Replace(LinearForm::constant(0)));
      LinearForm High =
          (Start + Size.Bytes)
              .substituted(Replace(Bound->second - LinearForm::constant(1)));
      int64_t Within = Low.Constant >= 0 ? Low.Constant % C : -1;
      if (Within >= 0 && Size.Bytes.isConstant() &&
          Within + Size.Bytes.Constant <= C) {
        Low.Constant -= Within;
        High = Low + Bound->second.scaled(C);
      }
      return {Low, Extent{High - Low}};
    }
    return {Start, Size};
  }

  void access(const AccessSite &Site, const Pointer &P, const LinearForm &Exact,
              const Extent &ExactSize, State &S) {
    auto [Start, Size] = hull(Exact, ExactSize, S);
    // Offsets the host chose need no validation.
    if (!hasGuestTerm(Start, S))
      return;
    if (P.NullBranch) {
      report(Site, Finding::NullUnchecked, P, Start, Size, nullptr, S);
      return;
    }
    if (P.MaybeNull) {
      report(Site, Finding::NullUnchecked, P, Start, Size, nullptr, S);
      return;
    }
    Extent Bounded = Size;
    if (!Size.String)
      Bounded.Bytes = atMost(Start + Size.Bytes, S) - Start;
    const Range *Exceeded = nullptr;
    bool Related = false;
    // The most specific validation that may cover the access.
    int Undecided = -1;
    for (const Range &R : S.Ranges) {
      if (!related(R, Start))
        continue;
      Related = true;
      switch (compare(Start, Bounded, R, S)) {
      case mt::Coverage::Within:
        return;
      case mt::Coverage::Exceeds:
        // The latest, most specific validation explains it best: a
        // validator's over a conversion's over the signature's.
        if (!Exceeded || rank(R.Source) > rank(Exceeded->Source))
          Exceeded = &R;
        break;
      case mt::Coverage::Unrelated:
        Undecided = std::max(Undecided, rank(R.Source));
        break;
      }
    }
    // A validator's range that may cover the access (sizeof(*p) against a
    // host-computed length) overrides the signature's single byte.
    if (Exceeded && rank(Exceeded->Source) < Undecided)
      Exceeded = nullptr;
    if (SummaryMode) {
      recordAccess(Site, Start, Size, S);
      return;
    }
    if (P.Interior && Related)
      return;
    // A validation of a narrowed size covers the access only as long as
    // the value fits: the narrowing is the bug.
    for (const Range &R : S.Ranges) {
      if (!related(R, Start))
        continue;
      for (const auto &Term : R.Size.Bytes.Terms) {
        const std::string &Name = Term.first;
        const SymbolInfo *Info = symbol(Name);
        if (!Info || !Info->NarrowedFrom ||
            !hasGuestTerm(*Info->NarrowedFrom, S))
          continue;
        Range Widened = R;
        Widened.Size.Bytes = R.Size.Bytes.substituted(
            [&](const std::string &N) -> std::optional<LinearForm> {
              if (N == Name)
                return *Info->NarrowedFrom;
              return std::nullopt;
            });
        if (compare(Start, Bounded, Widened, S) == mt::Coverage::Within) {
          report(Site, Finding::Narrowed, P, Start, Size, &R, S, Name);
          return;
        }
      }
    }
    if (Exceeded) {
      report(Site, Finding::Exceeds, P, Start, Size, Exceeded, S);
      return;
    }
    if (Related)
      return;
    for (const auto &[Name, C] : Start.Terms)
      if (auto It = S.Failed.find(Name); It != S.Failed.end()) {
        report(Site, Finding::FailedValidation, P, Start, Size, nullptr, S,
               Name, It->second);
        return;
      }
    report(Site, Finding::NoValidation, P, Start, Size, nullptr, S);
  }

  static int rank(RangeSource Source) {
    switch (Source) {
    case RangeSource::Signature:
      return 0;
    case RangeSource::Conversion:
      return 1;
    default:
      return 2;
    }
  }

  const SymbolInfo *symbol(const std::string &Name) const {
    auto It = Symbols.find(Name);
    return It == Symbols.end() ? nullptr : &It->second;
  }

  void recordAccess(const AccessSite &Site, const LinearForm &Exact,
                    const Extent &ExactSize, const State &S) {
    // A parameter narrowed on the way ((uint32)nsubscriptions of a size_t)
    // is, for the caller, the parameter: callers pass values that fit.
    auto Widened = [&](const std::string &Name) -> std::optional<LinearForm> {
      const SymbolInfo *Info = symbol(Name);
      if (!Info || !Info->NarrowedFrom ||
          !llvm::all_of(Info->NarrowedFrom->Terms, [](const auto &T) {
            return inputParam(T.first).has_value();
          }))
        return std::nullopt;
      return *Info->NarrowedFrom;
    };
    LinearForm Start = Exact.substituted(Widened);
    Extent Size = ExactSize;
    Size.Bytes = ExactSize.Bytes.substituted(Widened);
    for (const auto &[Name, C] : Start.Terms) {
      std::optional<unsigned> Param = inputParam(Name);
      if (!Param || C != 1)
        continue;
      GuestSummary::Access A;
      A.Param = *Param;
      A.ThroughPointer = Name[0] == '@';
      A.Start = A.ThroughPointer ? Start - LinearForm::symbol(Name) : Start;
      A.Size = Size;
      A.At = Site.Via ? Site.Via : Site.At;
      for (const auto &[Least, Value] : S.AtLeast)
        if (std::optional<unsigned> P = inputParam(Least); P && Least[0] != '@')
          A.AtLeast[*P] = Value;
      for (const GuestSummary::Access &Known : Summary.Accesses)
        if (Known.Param == A.Param &&
            Known.ThroughPointer == A.ThroughPointer &&
            Known.Start == A.Start && Known.Size == A.Size &&
            Known.AtLeast == A.AtLeast)
          return;
      Summary.Accesses.push_back(std::move(A));
      return;
    }
  }

  std::string extentText(const Extent &E) const {
    if (E.String)
      return "a NUL-terminated string";
    if (E.Bytes.isConstant())
      return std::to_string(E.Bytes.Constant) +
             (E.Bytes.Constant == 1 ? " byte" : " bytes");
    return "'" + spell(E.Bytes) + "' bytes";
  }

  void report(const AccessSite &Site, Finding Kind, const Pointer &P,
              const LinearForm &Start, const Extent &Size, const Range *R,
              const State &S, const std::string &Name = "",
              const Expr *FailedAt = nullptr) {
    if (!Reporting)
      return;
    // One finding per access; of several paths' overruns, the one that
    // says how the guest's values make it (n * 24 over 24) is kept.
    auto Known = Reports.find(Site.At);
    if (Known != Reports.end() &&
        !(Kind == Finding::Exceeds && Known->second.Kind == Kind &&
          Size.Bytes.Terms.size() > Known->second.Terms))
      return;
    Report Out;
    Out.Kind = Kind;
    Out.Terms = Size.Bytes.Terms.size();
    Out.At = Site.At;
    Out.Subject = Site.Subject;
    Out.Accessed = extentText(Size);
    if (Site.Via)
      Out.Notes.push_back(
          {Site.Via, llvm::formatv("'{0}' accesses it here", Site.Callee)});
    else if (!Site.Declared.empty())
      Out.Notes.push_back({Site.At, llvm::formatv("'{0}' takes a '{1}' here",
                                                  Site.Callee, Site.Declared)});
    switch (Kind) {
    case Finding::NullUnchecked: {
      const Expr *Conversion = P.Conversion;
      Out.Detail = Conversion ? mt::spelledApiName(Conversion, Ctx) : "";
      if (Conversion)
        Out.Notes.push_back(
            {Conversion, llvm::formatv("'{0}' returns NULL for a guest "
                                       "offset outside linear memory",
                                       Out.Detail)});
      if (P.NullBranch)
        Out.Notes.push_back(
            {P.NullBranch, "this branch finds it NULL and goes on"});
      break;
    }
    case Finding::NoValidation:
      Out.Validated = offsetText(Start, S);
      noteGuestOrigin(Out, Start, S);
      break;
    case Finding::FailedValidation:
      Out.Validated = display(Name);
      Out.Notes.push_back(
          {FailedAt, "the validation fails here, and the failure branch does "
                     "not leave"});
      break;
    case Finding::Narrowed: {
      const SymbolInfo *Info = symbol(Name);
      Out.Validated = Info ? Info->Display : display(Name);
      Out.Detail = Info && Info->NarrowedFrom ? spell(*Info->NarrowedFrom) : "";
      if (Info && Info->NarrowedAt)
        Out.Notes.push_back({Info->NarrowedAt, "narrowed here"});
      if (R)
        Out.Notes.push_back({R->By, "validated here"});
      break;
    }
    case Finding::Exceeds:
      describeOverrun(Out, Start, Size, *R, S);
      break;
    default:
      break;
    }
    Reports[Site.At] = std::move(Out);
  }

  std::string offsetText(const LinearForm &Start, const State &S) const {
    LinearForm Guest;
    for (const auto &[Name, C] : Start.Terms)
      if (isGuest(Name, S))
        Guest.Terms[Name] = C;
    return spell(Guest);
  }

  void noteGuestOrigin(Report &Out, const LinearForm &Start, const State &S) {
    for (const auto &[Name, C] : Start.Terms) {
      if (!isGuest(Name, S))
        continue;
      const SymbolInfo *Info = symbol(Name);
      if (Info && Info->Path && Info->Path->isPlainVariable())
        if (const auto *Param = dyn_cast<ParmVarDecl>(Info->Path->base());
            Param && Param->getDeclContext() == Function) {
          if (const mt::NativeFunction *Native =
                  Check.entryPoints().native(Function);
              Native && Native->SignatureExpr)
            Out.Notes.push_back(
                {Native->SignatureExpr,
                 llvm::formatv("'{0}' is a guest integer: '{1}' is "
                               "registered with signature \"{2}\"",
                               Param->getName(), Function->getName(),
                               Native->Signature)});
          return;
        }
    }
  }

  void describeOverrun(Report &Out, const LinearForm &Start, const Extent &Size,
                       const Range &R, const State &S) {
    auto [Accessed, Validated] = measured(Start, Size, R, S);
    Out.Accessed = extentText(Accessed);
    Out.Validated = extentText(Validated);
    Out.Where = spell(R.Source == RangeSource::Comparison ? Start : R.Offset);
    if (R.Source == RangeSource::Signature) {
      describeSignature(Out, R);
      return;
    }
    switch (mt::classifyOverrun(Accessed, Validated)) {
    case mt::Overrun::OneElement:
      Out.Detail = "one element was validated, not all of them";
      break;
    case mt::Overrun::CountAsBytes:
      Out.Detail = "the validated size counts elements, not bytes";
      break;
    case mt::Overrun::StringAsBytes:
      Out.Detail = "the string may be shorter than the bytes accessed";
      break;
    case mt::Overrun::BytesAsString:
      Out.Detail = "it is read as a NUL-terminated string, which may run past "
                   "the validated bytes";
      break;
    default:
      break;
    }
    Out.Notes.push_back({R.By, R.Source == RangeSource::Conversion
                                   ? "the conversion only proves that 1 byte "
                                     "lies in linear memory"
                                   : "validated here"});
  }

  void describeSignature(Report &Out, const Range &R) {
    const mt::NativeFunction *Native = Check.entryPoints().native(Function);
    std::string Letter = R.Size.String               ? "$"
                         : R.Size.Bytes.isConstant() ? "*"
                                                     : "*~";
    Out.Validated =
        R.Size.String ? "a NUL-terminated string" : extentText(R.Size);
    Out.Detail = Letter;
    if (Letter == "*" && Native && R.Offset.Terms.size() == 1) {
      // '*' followed by an integer named like a length: the '~' is missing.
      const ParmVarDecl *Param = nullptr;
      for (unsigned I = 1; I < Function->getNumParams(); ++I)
        if (pointerName(nameOfParam(I)) == R.Offset.Terms.begin()->first)
          Param = Function->getParamDecl(I);
      if (Param) {
        unsigned Next = Param->getFunctionScopeIndex() + 1;
        if (Next < Function->getNumParams() &&
            Native->paramKind(Next) == mt::NativeParam::I32) {
          llvm::StringRef Name = Function->getParamDecl(Next)->getName();
          std::string Lower = Name.lower();
          if (llvm::StringRef(Lower).contains("len") ||
              llvm::StringRef(Lower).contains("size") ||
              llvm::StringRef(Lower).contains("count") ||
              llvm::StringRef(Lower).contains("num"))
            Out.Detail = "*i:" + Name.str();
        }
      }
    }
    if (Native && Native->SignatureExpr)
      Out.Notes.push_back(
          {Native->SignatureExpr,
           llvm::formatv("'{0}' is registered with signature \"{1}\" here",
                         Function->getName(), Native->Signature)});
  }

  std::string nameOfParam(unsigned I) {
    return nameOf(AccessPath(Function->getParamDecl(I)));
  }

  // --- transfer -----------------------------------------------------------

  bool transfer(const CFGElement &Element, State &S) override {
    auto Stmt = Element.getAs<CFGStmt>();
    if (!Stmt)
      return true;
    const clang::Stmt *Node = Stmt->getStmt();
    if (const auto *Decl = dyn_cast<DeclStmt>(Node)) {
      for (const clang::Decl *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (const Expr *Init = Var->getInit())
            assign(AccessPath(Var), Var->getType(), Init, Node, S);
      return true;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(Node)) {
      if (Binary->isAssignmentOp()) {
        const Expr *LHS = Binary->getLHS();
        if (auto P = addressOf(LHS, S))
          access({Binary, sourceText(LHS)}, *P, P->Offset,
                 Extent{LinearForm::constant(sizeOf(LHS->getType()))}, S);
        if (Binary->getOpcode() == BO_DivAssign ||
            Binary->getOpcode() == BO_RemAssign)
          divisor(Binary->getRHS(), Binary, S);
        if (auto Target = mt::accessPathWithIndicesOf(LHS, Ctx)) {
          if (Binary->getOpcode() == BO_Assign)
            assign(*Target, LHS->getType(), Binary->getRHS(), Node, S);
          else
            update(*Target, LHS->getType(), Binary, S);
        }
        return true;
      }
      if (Binary->getOpcode() == BO_Div || Binary->getOpcode() == BO_Rem)
        divisor(Binary->getRHS(), Binary, S);
      return true;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Node)) {
      if (Unary->isIncrementDecrementOp()) {
        const Expr *Sub = Unary->getSubExpr();
        if (auto P = addressOf(Sub, S))
          access({Unary, sourceText(Sub)}, *P, P->Offset,
                 Extent{LinearForm::constant(sizeOf(Sub->getType()))}, S);
        if (auto Target = mt::accessPathWithIndicesOf(Sub, Ctx))
          update(*Target, Sub->getType(), Unary, S);
      }
      return true;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Node)) {
      if (Cast->getCastKind() == CK_LValueToRValue &&
          !Cast->getType()->isRecordType())
        if (auto P = addressOf(Cast->getSubExpr(), S))
          access({Cast, sourceText(Cast->getSubExpr())}, *P, P->Offset,
                 Extent{LinearForm::constant(sizeOf(Cast->getType()))}, S);
      return true;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Node))
      return callTransfer(Call, S);
    if (const auto *Return = dyn_cast<ReturnStmt>(Node)) {
      if (SummaryMode)
        returnTransfer(Return, S);
      return true;
    }
    return true;
  }

  void assign(const AccessPath &Target, QualType Type, const Expr *RHS,
              const clang::Stmt *Site, State &S) {
    if (Type->isPointerType()) {
      const Expr *Base = mt::pointerBaseOf(RHS);
      std::optional<AccessPath> BasePath =
          Base ? mt::accessPathWithIndicesOf(Base, Ctx) : std::nullopt;
      if (BasePath && *BasePath == Target) {
        // p = p + n: a walk within the region p points to.
        if (auto It = S.Ptrs.find(Target); It != S.Ptrs.end())
          It->second.Interior = true;
        return;
      }
      std::optional<Pointer> P = pointerOf(RHS, S);
      overwrite(Target, Site, S);
      if (P)
        S.Ptrs[Target] = *P;
      return;
    }
    if (!Type->isIntegralOrEnumerationType()) {
      overwrite(Target, Site, S);
      return;
    }
    const Expr *Stripped = RHS->IgnoreParenImpCasts();
    bool IsTest = isTest(Stripped);
    LinearForm Form = formOf(RHS, S);
    overwrite(Target, Site, S, &Form);
    bool SelfReferential = llvm::any_of(Form.Terms, [&](const auto &T) {
      const SymbolInfo *Info = symbol(T.first);
      return T.first.find('\'') != std::string::npos && Info &&
             T.first.substr(0, T.first.find('\'')) == nameOf(Target);
    });
    if (SelfReferential) {
      // x = x + 1 in a loop: x is a new unknown, as guest-controlled as
      // what it was computed from.
      if (hasGuestTerm(Form, S))
        S.Guest.insert(nameOf(Target));
    } else {
      S.Ints[Target] = Form;
      nameAfter(Target, Form);
    }
    if (IsTest && (Type->isBooleanType() || Type->isIntegerType()))
      S.Tests[Target] = Stripped;
  }

  /// off = (uint32_t)args->data[0].of.i32: messages call the value 'off'.
  void nameAfter(const AccessPath &Target, const LinearForm &Form) {
    if (!Target.isPlainVariable() || Form.Terms.size() != 1 ||
        Form.Constant != 0 || Form.Terms.begin()->second != 1)
      return;
    auto It = Symbols.find(Form.Terms.begin()->first);
    if (It == Symbols.end())
      return;
    llvm::StringRef Display = It->second.Display;
    if (!Display.empty() && llvm::all_of(Display, [](char C) {
          return llvm::isAlnum(C) || C == '_';
        }))
      return;
    It->second.Display = Target.spelling();
  }

  /// Expressions whose truth value proves something once stored
  /// (ok = validate(...); if (!ok)).
  bool isTest(const Expr *E) const {
    if (const auto *Binary = dyn_cast<BinaryOperator>(E))
      return Binary->isComparisonOp() || Binary->isLogicalOp();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      return Unary->getOpcode() == UO_LNot;
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules))
        return Entry->Kind == mt::ApiKind::GuestValidator;
      const FunctionDecl *Callee = Call->getDirectCallee();
      return Callee && Callee->hasBody();
    }
    return false;
  }

  /// x += n, x++, p++: an integer becomes a new unknown, a pointer walks.
  void update(const AccessPath &Target, QualType Type, const Expr *Site,
              State &S) {
    if (Type->isPointerType()) {
      if (auto It = S.Ptrs.find(Target); It != S.Ptrs.end())
        It->second.Interior = true;
      return;
    }
    LinearForm Old = formOf(Site, S);
    bool Guest = hasGuestTerm(Old, S);
    if (auto It = S.Ints.find(Target); It != S.Ints.end())
      Guest |= hasGuestTerm(It->second, S);
    Guest |= S.Guest.count(nameOf(Target)) != 0;
    overwrite(Target, Site, S);
    if (Guest)
      S.Guest.insert(nameOf(Target));
  }

  void divisor(const Expr *Divisor, const Expr *Op, State &S) {
    if (!Op->getType()->isIntegerType())
      return;
    LinearForm F = formOf(Divisor, S);
    if (F.isConstant() || F.Terms.size() != 1 || F.Constant != 0)
      return;
    const std::string Name = F.Terms.begin()->first;
    if (isGuest(Name, S) && !S.NonZero.count(Name) && !SummaryMode &&
        Reporting && !Reports.count(Op)) {
      Report Out;
      Out.Kind = Finding::Divisor;
      Out.At = Op;
      Out.Subject = sourceText(Divisor->IgnoreParenImpCasts());
      Reports.emplace(Op, std::move(Out));
    }
    // Past the division the divisor is not zero: a zero one trapped.
    S.NonZero.insert(Name);
    if (Divisor->IgnoreParenImpCasts()->getType()->isUnsignedIntegerType())
      S.AtLeast[Name] = std::max<int64_t>(S.AtLeast[Name], 1);
  }

  // --- calls --------------------------------------------------------------

  static const Expr *stripAddress(const Expr *E) {
    E = E->IgnoreParenCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      return AddrOf->getSubExpr();
    return E;
  }

  bool callTransfer(const CallExpr *Call, State &S) {
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (Entry) {
      switch (Entry->Kind) {
      case mt::ApiKind::NoReturn:
        return false;
      case mt::ApiKind::Dereferences:
        callAccesses(Call, *Entry, S);
        break;
      case mt::ApiKind::CallsGuest:
        break;
      case mt::ApiKind::MovesMemory:
        if (Entry->OutArg && *Entry->OutArg < Call->getNumArgs())
          if (auto Path = mt::accessPathWithIndicesOf(
                  stripAddress(Call->getArg(*Entry->OutArg)), Ctx))
            overwrite(*Path, Call, S);
        break;
      default:
        break;
      }
    } else if (const FunctionDecl *Callee = Call->getDirectCallee();
               Callee && Callee->hasBody() && !Call->getBuiltinCallee() &&
               Depth < 3) {
      summarizedCall(Call, Callee, S);
    } else if (Callee && !Callee->hasBody()) {
      declaredAccesses(Call, Callee, S);
    }
    // What a call may store through the addresses it is given.
    for (const Expr *Arg : Call->arguments()) {
      const Expr *Stripped = Arg->IgnoreParenCasts();
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Stripped);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        if (auto Path = mt::accessPathWithIndicesOf(AddrOf->getSubExpr(), Ctx))
          if (!(Entry && (Entry->Kind == mt::ApiKind::GuestValidator)))
            overwrite(*Path, Call, S);
    }
    summarizedStores(Call, S);
    // The guest's results: whatever is read from them is the guest's.
    if (Entry && Entry->Kind == mt::ApiKind::CallsGuest && Entry->ResultsArg &&
        *Entry->ResultsArg < Call->getNumArgs())
      if (auto Path = mt::accessPathWithIndicesOf(
              stripAddress(Call->getArg(*Entry->ResultsArg)), Ctx)) {
        overwrite(*Path, Call, S);
        S.Slots.insert(*Path);
      }
    return true;
  }

  /// The product of the size arguments as a form, if at most one is not a
  /// constant.
  std::optional<LinearForm> product(const CallExpr *Call,
                                    llvm::ArrayRef<unsigned> Args, State &S) {
    LinearForm Result = LinearForm::constant(1);
    for (unsigned I : Args) {
      if (I >= Call->getNumArgs())
        return std::nullopt;
      LinearForm F = formOf(Call->getArg(I), S);
      if (F.isConstant())
        Result = Result.scaled(F.Constant);
      else if (Result.isConstant())
        Result = F.scaled(Result.Constant);
      else
        return std::nullopt;
    }
    return Result;
  }

  void callAccesses(const CallExpr *Call, const mt::ApiEntry &Entry, State &S) {
    auto Through = [&](unsigned I, const Extent &Size) {
      if (I >= Call->getNumArgs())
        return;
      const Expr *Arg = Call->getArg(I);
      if (!Arg->getType()->isPointerType())
        return;
      if (std::optional<Pointer> P = pointerOf(Arg, S))
        access({Arg, sourceText(Arg->IgnoreParenImpCasts())}, *P, P->Offset,
               Size, S);
    };
    std::optional<LinearForm> Size;
    if (!Entry.SizeArgs.empty())
      Size = product(Call, Entry.SizeArgs, S);
    for (unsigned I : Entry.DerefArgs) {
      if (I >= Call->getNumArgs())
        continue;
      std::optional<LinearForm> Bytes = Size;
      if (Entry.ElementsArg && *Entry.ElementsArg < Call->getNumArgs() &&
          Call->getArg(I)->getType()->isPointerType())
        Bytes =
            formOf(Call->getArg(*Entry.ElementsArg), S)
                .scaled(sizeOf(Call->getArg(I)->getType()->getPointeeType()));
      if (Bytes && !llvm::is_contained(Entry.StringArgs, I))
        Through(I, Extent{*Bytes});
    }
    for (unsigned I : Entry.StringArgs)
      Through(I, Extent{{}, true});
    if (Entry.FormatArg && *Entry.FormatArg < Call->getNumArgs())
      if (const auto *Format = dyn_cast<StringLiteral>(
              Call->getArg(*Entry.FormatArg)->IgnoreParenImpCasts()))
        for (unsigned K : mt::stringConversions(Format->getString()))
          Through(*Entry.FormatArg + 1 + K, Extent{{}, true});
  }

  /// A function of another file that takes a 'T *' accesses at least one T
  /// through it (wasmtime_ssp_sock_accept(..., fd_new) stores a
  /// descriptor). Pointers to void and characters say nothing of a size.
  void declaredAccesses(const CallExpr *Call, const FunctionDecl *Callee,
                        State &S) {
    if (llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
          return Check.isValidatorHandle(Arg->getType());
        }))
      return;
    unsigned N = std::min(Call->getNumArgs(), Callee->getNumParams());
    for (unsigned I = 0; I < N; ++I) {
      const auto *Type =
          Callee->getParamDecl(I)->getType()->getAs<PointerType>();
      if (!Type)
        continue;
      QualType Pointee = Type->getPointeeType();
      if (Pointee->isVoidType() || Pointee->isAnyCharacterType() ||
          Pointee->isIncompleteType() || Pointee->isFunctionType())
        continue;
      int64_t Size = sizeOf(Pointee);
      const Expr *Arg = Call->getArg(I);
      if (Size <= 1)
        continue;
      std::optional<Pointer> P = pointerOf(Arg, S);
      // The callee may validate, given what validators take (the module
      // instance); it may test for NULL, and may access no element at all
      // when the code validated a guest-chosen count of them.
      if (!P || P->MaybeNull || P->NullBranch ||
          llvm::any_of(S.Ranges, [&](const Range &R) {
            return R.Source != RangeSource::Signature &&
                   (R.Size.String || !R.Size.Bytes.isConstant()) &&
                   related(R, P->Offset);
          }))
        continue;
      AccessSite Site(Arg, sourceText(Arg->IgnoreParenImpCasts()), nullptr,
                      Callee->getNameAsString());
      Site.Declared = Callee->getParamDecl(I)->getType().getAsString();
      access(Site, *P, P->Offset, Extent{LinearForm::constant(Size)}, S);
    }
  }

  /// The caller's form of each integer argument, for a callee's "$p<k>".
  std::function<std::optional<LinearForm>(const std::string &)>
  argumentForms(const CallExpr *Call, State &S) {
    auto Forms = std::make_shared<std::map<std::string, LinearForm>>();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (Arg->getType()->isIntegralOrEnumerationType())
        (*Forms)[inputName(I)] = formOf(Arg, S);
      else if (Arg->getType()->isPointerType())
        if (std::optional<Pointer> P = pointerOf(Arg, S))
          (*Forms)[pointerName(inputName(I))] = P->Offset;
    }
    return [Forms](const std::string &Name) -> std::optional<LinearForm> {
      auto It = Forms->find(Name);
      if (It == Forms->end())
        return std::nullopt;
      return It->second;
    };
  }

  void summarizedCall(const CallExpr *Call, const FunctionDecl *Callee,
                      State &S) {
    bool Relevant = llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
      if (Arg->getType()->isPointerType())
        return pointerOf(Arg, S).has_value();
      return Arg->getType()->isIntegerType() && hasGuestTerm(formOf(Arg, S), S);
    });
    if (!Relevant)
      return;
    const GuestSummary *Summary = Check.summaryOf(Callee, Depth);
    if (!Summary)
      return;
    auto Forms = argumentForms(Call, S);
    std::string Name = Callee->getNameAsString();
    for (const GuestSummary::Access &A : Summary->Accesses) {
      if (A.Param >= Call->getNumArgs())
        continue;
      const Expr *Arg = Call->getArg(A.Param);
      Pointer P;
      LinearForm Start;
      if (A.ThroughPointer) {
        std::optional<Pointer> Passed = pointerOf(Arg, S);
        if (!Passed)
          continue;
        P = *Passed;
        Start = P.Offset + A.Start.substituted(Forms);
      } else {
        Start = A.Start.substituted(Forms);
        P.Offset = Start;
      }
      Extent Size = A.Size;
      Size.Bytes = A.Size.Bytes.substituted(Forms);
      // The callee's access happens only where its own tests passed.
      State Guarded = S;
      for (const auto &[Param, Least] : A.AtLeast)
        if (std::optional<LinearForm> Arg = Forms(inputName(Param));
            Arg && Arg->Terms.size() == 1 && Arg->Terms.begin()->second == 1) {
          int64_t &Known = Guarded.AtLeast[Arg->Terms.begin()->first];
          Known = std::max(Known, Least - Arg->Constant);
        }
      access({Arg, sourceText(Arg->IgnoreParenImpCasts()), A.At, Name}, P,
             Start, Size, Guarded);
      S.Guest = Guarded.Guest;
    }
    for (const GuestSummary::Validation &V : Summary->Validations)
      if (V.Holds == GuestSummary::Validation::Always)
        applyValidation(V, Call, S);
  }

  /// What a function of this file stores through the addresses it is
  /// given, once the call is done.
  void summarizedStores(const CallExpr *Call, State &S) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody() || Depth >= 3 ||
        mt::lookupCallee(Call, Rules))
      return;
    const GuestSummary *Summary = Check.summaryOf(Callee, Depth);
    if (!Summary || Summary->Stores.empty())
      return;
    auto Forms = argumentForms(Call, S);
    for (const GuestSummary::Store &Store : Summary->Stores) {
      if (Store.Param >= Call->getNumArgs())
        continue;
      if (auto Target = endLocation(Call->getArg(Store.Param)))
        S.Ints[*Target] = Store.Value.substituted(Forms);
    }
  }

  void applyValidation(const GuestSummary::Validation &V, const CallExpr *Call,
                       State &S) {
    if (V.Param >= Call->getNumArgs())
      return;
    auto Forms = argumentForms(Call, S);
    Range R;
    R.Offset = V.Start.substituted(Forms);
    R.Size = V.Size;
    R.Size.Bytes = V.Size.Bytes.substituted(Forms);
    R.Source = RangeSource::Helper;
    R.By = Call;
    clearNull(R.Offset, S);
    addRange(S, std::move(R));
  }

  // --- branches -----------------------------------------------------------

  bool assume(const Expr *Cond, bool Taken, State &S) override {
    llvm::SmallVector<mt::BranchFact, 4> Facts;
    mt::collectBranchFacts(Cond, Taken, Rules, Ctx, Facts);
    for (const mt::BranchFact &F : Facts)
      if (!applyFact(F, S))
        return false;
    return true;
  }

  /// A validator (or helper) call was found to return non-zero, or zero.
  void validatorOutcome(const CallExpr *Call, bool Succeeded, State &S) {
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (Entry && Entry->Kind == mt::ApiKind::GuestValidator &&
        Entry->OffsetArg && *Entry->OffsetArg < Call->getNumArgs()) {
      const Expr *Target = Call->getArg(*Entry->OffsetArg);
      LinearForm Offset;
      if (Entry->ValidatesPointer) {
        std::optional<Pointer> P = pointerOf(Target, S);
        if (!P)
          return;
        Offset = P->Offset;
      } else {
        Offset = formOf(Target, S);
      }
      if (!Succeeded) {
        for (const auto &[Name, C] : Offset.Terms)
          if (isGuest(Name, S))
            S.Failed.try_emplace(Name, Call);
        return;
      }
      Range R;
      R.Offset = Offset;
      R.Source = RangeSource::Validator;
      R.By = Call;
      if (Entry->ValidatesString)
        R.Size.String = true;
      else if (Entry->SizeArgs.empty())
        R.Size.Bytes = LinearForm::constant(1);
      else if (auto Size = product(Call, Entry->SizeArgs, S))
        R.Size.Bytes = *Size;
      else
        R.Size.Bytes = LinearForm::constant(1);
      clearNull(Offset, S);
      for (const auto &[Name, C] : Offset.Terms)
        S.Failed.erase(Name);
      addRange(S, std::move(R));
      if (Entry->EndArg && *Entry->EndArg < Call->getNumArgs())
        if (auto End = endLocation(Call->getArg(*Entry->EndArg))) {
          // The end of the valid region bounds ranges as the memory size
          // does.
          overwrite(*End, Call, S);
          S.Ints[*End] = LinearForm::symbol(MemorySize);
        }
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Entry || !Callee || !Callee->hasBody() || Depth >= 3)
      return;
    const GuestSummary *Summary = Check.summaryOf(Callee, Depth);
    if (!Summary)
      return;
    // Succeeded says the helper returned non-zero: a boolean helper's
    // success, an errno-style helper's failure.
    auto Holds = Succeeded ? GuestSummary::Validation::IfNonZero
                           : GuestSummary::Validation::IfZero;
    for (const GuestSummary::Validation &V : Summary->Validations)
      if (V.Holds == Holds)
        applyValidation(V, Call, S);
  }

  /// Where an out-argument stores: x for &x, *p for p.
  std::optional<AccessPath> endLocation(const Expr *Arg) const {
    const Expr *E = Arg->IgnoreParenCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      return mt::accessPathWithIndicesOf(AddrOf->getSubExpr(), Ctx);
    std::optional<AccessPath> Pointer = mt::accessPathWithIndicesOf(E, Ctx);
    if (Pointer)
      Pointer->addDeref();
    return Pointer;
  }

  /// A pointer whose offset a validation just covered is not NULL.
  void clearNull(const LinearForm &Offset, State &S) {
    for (auto &[Path, P] : S.Ptrs)
      if (P.MaybeNull && P.Offset == Offset) {
        P.MaybeNull = false;
        P.NullBranch = nullptr;
      }
  }

  bool applyFact(const mt::BranchFact &F, State &S) {
    const Expr *Subject = F.Subject->IgnoreParenImpCasts();
    if (F.Test == mt::TestKind::IsZero) {
      if (const auto *Call = dyn_cast<CallExpr>(Subject)) {
        validatorOutcome(Call, !F.Holds, S);
        return true;
      }
      if (auto Path = mt::accessPathWithIndicesOf(Subject, Ctx)) {
        if (auto Test = S.Tests.find(*Path); Test != S.Tests.end()) {
          const Expr *Stored = Test->second;
          llvm::SmallVector<mt::BranchFact, 4> Facts;
          mt::collectBranchFacts(Stored, !F.Holds, Rules, Ctx, Facts);
          for (const mt::BranchFact &G : Facts)
            if (G.Subject->IgnoreParenImpCasts() != Subject)
              applyFact(G, S);
        }
        if (auto It = S.Ptrs.find(*Path); It != S.Ptrs.end()) {
          Pointer &P = It->second;
          if (F.Holds) {
            P.NullBranch = F.TestExpr;
          } else if (P.MaybeNull || P.NullBranch) {
            P.MaybeNull = false;
            P.NullBranch = nullptr;
            addRange(S, Range{P.Offset, Extent{LinearForm::constant(1)},
                              RangeSource::Conversion,
                              P.Conversion ? P.Conversion : F.TestExpr});
          }
          return true;
        }
      }
      if (Subject->getType()->isIntegerType()) {
        LinearForm Form = formOf(Subject, S);
        if (Form.Terms.size() == 1 && Form.Constant == 0) {
          const std::string &Name = Form.Terms.begin()->first;
          if (F.Holds) {
            S.NonZero.erase(Name);
          } else {
            S.NonZero.insert(Name);
            const SymbolInfo *Info = symbol(Name);
            if ((isInput(Name) || (Info && !Info->Type.isNull() &&
                                   Info->Type->isUnsignedIntegerType())) &&
                S.AtLeast[Name] < 1)
              S.AtLeast[Name] = 1;
          }
        }
      }
      return true;
    }
    if (F.Test == mt::TestKind::IsNegative) {
      LinearForm Form = formOf(Subject, S);
      if (!F.Holds && Form.Terms.size() == 1)
        S.NonNegative.insert(Form.Terms.begin()->first);
      return true;
    }
    if (F.Test == mt::TestKind::Relation)
      return relation(F, S);
    return true;
  }

  bool relation(const mt::BranchFact &F, State &S) {
    const Expr *L = F.Subject, *R = F.Other;
    BinaryOperatorKind Op = F.Op;
    bool Pointers =
        L->getType()->isPointerType() && R->getType()->isPointerType();
    if (Pointers)
      pointerOverflowCheck(F, S);
    else if (!L->getType()->isIntegerType() || !R->getType()->isIntegerType())
      return true;
    // Normalize to Small <= Large (or <).
    if (Op == BO_GT || Op == BO_GE) {
      std::swap(L, R);
      Op = Op == BO_GT ? BO_LT : BO_LE;
    }
    if (Op != BO_LT && Op != BO_LE)
      return true;
    LinearForm Small, Large;
    if (Pointers) {
      // Pointers into linear memory compare as their offsets: p + len <=
      // base + size.
      std::optional<Pointer> A = pointerOf(L, S), B = pointerOf(R, S);
      if (!A || !B)
        return true;
      Small = A->Offset;
      Large = B->Offset;
    } else {
      Small = formOf(L, S);
      Large = formOf(R, S);
    }
    LinearForm Room = Large - Small;
    if (Op == BO_LT)
      Room = Room - LinearForm::constant(1);
    auto Size = Room.Terms.find(MemorySize);
    if (Size != Room.Terms.end() && Size->second == 1) {
      // Room = size - End >= 0: End lies within linear memory.
      LinearForm End = LinearForm::symbol(MemorySize) - Room;
      if (!hasGuestTerm(End, S))
        return true;
      rangeCheckHazards(F, L, End, S);
      Range Checked;
      Checked.Offset = LinearForm::constant(0);
      Checked.Size.Bytes = End;
      Checked.Source = RangeSource::Comparison;
      Checked.By = F.TestExpr;
      addRange(S, std::move(Checked));
      for (const auto &[Name, C] : End.Terms)
        S.NonNegative.insert(Name);
      return true;
    }
    // 0 < n, or i < n with i known: n is at least that plus one.
    if (Small.isConstant() && Large.Terms.size() == 1 &&
        Large.Terms.begin()->second == 1) {
      int64_t Least = Small.Constant - Large.Constant + (Op == BO_LT ? 1 : 0);
      const std::string &Name = Large.Terms.begin()->first;
      if (Least > 0 && Least > S.AtLeast[Name])
        S.AtLeast[Name] = Least;
      else if (S.AtLeast[Name] <= 0)
        S.AtLeast.erase(Name);
    }
    // i < n: a bound for the end of accesses indexed by i.
    if (Small.Terms.size() == 1 && Small.Constant == 0 &&
        Small.Terms.begin()->second == 1 && !Pointers &&
        !Large.mentions(MemorySize) &&
        !Large.mentions(Small.Terms.begin()->first))
      S.Below[Small.Terms.begin()->first] =
          Op == BO_LT ? Large : Large + LinearForm::constant(1);
    return true;
  }

  /// off + len <= size, written so that the sum can wrap or a negative
  /// offset can pass.
  void rangeCheckHazards(const mt::BranchFact &F, const Expr *SumSide,
                         const LinearForm &End, State &S) {
    if (!Reporting || SummaryMode || Reports.count(F.TestExpr))
      return;
    for (const auto &[Name, C] : End.Terms) {
      const SymbolInfo *Info = symbol(Name);
      if (!Info || Info->Type.isNull() || !isGuest(Name, S))
        continue;
      if (Info->Type->isSignedIntegerType() && !S.NonNegative.count(Name)) {
        Report Out;
        Out.Kind = Finding::SignedOffset;
        Out.At = F.TestExpr;
        Out.Subject = Info->Display;
        Reports.emplace(F.TestExpr, std::move(Out));
        return;
      }
    }
    const auto *Sum = dyn_cast<BinaryOperator>(SumSide->IgnoreParenImpCasts());
    if (!Sum || Sum->getOpcode() != BO_Add || !Sum->getType()->isIntegerType())
      return;
    uint64_t Width = Ctx.getTypeSize(Sum->getType());
    for (const Expr *Operand : {Sum->getLHS(), Sum->getRHS()}) {
      const Expr *Written = Operand->IgnoreParenImpCasts();
      if (const auto *Explicit = dyn_cast<ExplicitCastExpr>(Written))
        Written = Explicit->getSubExpr()->IgnoreParenImpCasts();
      if (!Written->getType()->isIntegerType() ||
          Ctx.getTypeSize(Written->getType()) < Width)
        continue;
      // The value may fill the type: a guest term whose own type is as
      // wide (a 32-bit guest value held in a 64-bit variable cannot wrap).
      LinearForm Value = formOf(Operand, S);
      bool Fills = llvm::any_of(Value.Terms, [&](const auto &T) {
        if (!isGuest(T.first, S))
          return false;
        const SymbolInfo *Info = symbol(T.first);
        return !Info || Info->Type.isNull() || !Info->Type->isIntegerType() ||
               Ctx.getTypeSize(Info->Type) >= Width;
      });
      if (!Fills)
        continue;
      Report Out;
      Out.Kind = Finding::WrappingCheck;
      Out.At = F.TestExpr;
      Out.Subject = sourceText(Sum);
      Out.Detail = Sum->getType().getAsString();
      Reports.emplace(F.TestExpr, std::move(Out));
      return;
    }
  }

  void pointerOverflowCheck(const mt::BranchFact &F, State &S) {
    if (!Reporting || SummaryMode || Reports.count(F.TestExpr))
      return;
    for (auto [A, B] :
         {std::pair{F.Subject, F.Other}, std::pair{F.Other, F.Subject}}) {
      const auto *Sum = dyn_cast<BinaryOperator>(A->IgnoreParenImpCasts());
      if (!Sum || Sum->getOpcode() != BO_Add ||
          !Sum->getType()->isPointerType())
        continue;
      auto Base = mt::accessPathWithIndicesOf(mt::pointerBaseOf(Sum), Ctx);
      auto Other = mt::accessPathWithIndicesOf(B, Ctx);
      if (!Base || !Other || !(*Base == *Other))
        continue;
      const Expr *Index = Sum->getLHS()->getType()->isPointerType()
                              ? Sum->getRHS()
                              : Sum->getLHS();
      if (!S.Ptrs.count(*Base) && !hasGuestTerm(formOf(Index, S), S))
        continue;
      Report Out;
      Out.Kind = Finding::PointerOverflow;
      Out.At = F.TestExpr;
      Out.Subject = sourceText(F.TestExpr);
      Reports.emplace(F.TestExpr, std::move(Out));
      return;
    }
  }

  // --- returns (summary mode) ---------------------------------------------

  void returnTransfer(const ReturnStmt *Return, State &S) {
    const Expr *Value = Return->getRetValue();
    // A NULL return is the helper's failure, which callers test for: the
    // other returns say what it returns.
    if (Value && Value->getType()->isPointerType() &&
        !Value->IgnoreParenCasts()->isNullPointerConstant(
            Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      std::optional<Pointer> P = pointerOf(Value, S);
      bool Inputs = P && llvm::all_of(P->Offset.Terms, [](const auto &T) {
                      return inputParam(T.first).has_value();
                    });
      if (!P || !Inputs || (ReturnedPointer && !(*ReturnedPointer == *P)))
        PointerReturns = false;
      else
        ReturnedPointer = P;
    }
    if (!Value) {
      Returns.push_back({S.Ranges, std::nullopt});
      noteStores(S);
      return;
    }
    std::optional<int64_t> C = mt::integerConstant(Value, Ctx);
    if (C && *C == 0) {
      Returns.push_back({std::nullopt, S.Ranges});
      return;
    }
    noteStores(S);
    if (C) {
      Returns.push_back({S.Ranges, std::nullopt});
      return;
    }
    if (!Value->getType()->isScalarType()) {
      Returns.push_back({S.Ranges, std::nullopt});
      return;
    }
    ReturnRanges Out;
    State WhenNonZero = S, WhenZero = S;
    if (assume(Value, true, WhenNonZero))
      Out.NonZero = WhenNonZero.Ranges;
    if (assume(Value, false, WhenZero))
      Out.Zero = WhenZero.Ranges;
    Returns.push_back(std::move(Out));
  }

  void initial(State &S) {
    const mt::NativeFunction *Native = Check.entryPoints().native(Function);
    if (std::optional<unsigned> Args =
            Check.entryPoints().guestArguments(Function);
        Args && *Args < Function->getNumParams())
      S.Slots.insert(AccessPath(Function->getParamDecl(*Args)));
    for (unsigned I = 0; I < Function->getNumParams(); ++I) {
      const ParmVarDecl *Param = Function->getParamDecl(I);
      AccessPath Path(Param);
      QualType T = Param->getType();
      if (SummaryMode) {
        if (T->isPointerType()) {
          Pointer P;
          P.Offset = LinearForm::symbol(pointerName(inputName(I)));
          S.Ptrs[Path] = P;
        }
        continue;
      }
      if (!Native || Native->Raw)
        continue;
      std::optional<mt::NativeParam> Kind = Native->paramKind(I);
      if (Native->Params.empty() && Native->Signature.empty() && I > 0 &&
          T->isIntegerType())
        Kind = mt::NativeParam::I32;
      if (!Kind)
        continue;
      std::string Name = nameOf(Path);
      switch (*Kind) {
      case mt::NativeParam::I32:
      case mt::NativeParam::I64:
      case mt::NativeParam::Length:
        if (T->isIntegerType())
          S.Guest.insert(Name);
        break;
      case mt::NativeParam::Pointer:
      case mt::NativeParam::Buffer:
      case mt::NativeParam::String: {
        if (!T->isPointerType())
          break;
        std::string Offset = pointerName(Name);
        Symbols[Offset].Display = Param->getName().str();
        S.Guest.insert(Offset);
        Pointer P;
        P.Offset = LinearForm::symbol(Offset);
        S.Ptrs[Path] = P;
        Range R;
        R.Offset = P.Offset;
        R.Source = RangeSource::Signature;
        R.By = Native->SignatureExpr
                   ? static_cast<const Stmt *>(Native->SignatureExpr)
                   : Function->getBody();
        if (*Kind == mt::NativeParam::String) {
          R.Size.String = true;
        } else if (*Kind == mt::NativeParam::Pointer) {
          R.Size.Bytes = LinearForm::constant(1);
        } else if (I + 1 < Function->getNumParams()) {
          std::string Length =
              nameOf(AccessPath(Function->getParamDecl(I + 1)));
          R.Size.Bytes = LinearForm::symbol(Length);
        }
        S.Ranges.insert(R);
        break;
      }
      default:
        break;
      }
    }
  }

  /// In summary mode: what every return that may succeed (one that does not
  /// return 0 or NULL) has stored through pointer parameters. A caller
  /// that goes on has usually tested for that success.
  std::optional<std::map<AccessPath, LinearForm>> StoresAtSuccess;

  void noteStores(const State &S) {
    std::map<AccessPath, LinearForm> Stored;
    for (unsigned I = 0; I < Function->getNumParams(); ++I) {
      AccessPath Out(Function->getParamDecl(I));
      Out.addDeref();
      if (auto It = S.Ints.find(Out); It != S.Ints.end())
        Stored.emplace(Out, It->second);
    }
    if (!StoresAtSuccess)
      StoresAtSuccess = std::move(Stored);
    else
      intersect(*StoresAtSuccess, Stored);
  }

  /// In summary mode: the pointer every return gives back, if they agree.
  std::optional<Pointer> ReturnedPointer;
  bool PointerReturns = true;

  /// In summary mode, after the run: the validations every return (or
  /// every non-zero return) guarantees.
  void summarizeValidations(const State *AtExit) {
    using Validation = GuestSummary::Validation;
    auto Keep = [&](const std::set<Range> &Ranges, Validation::When Holds) {
      for (const Range &R : Ranges) {
        std::optional<unsigned> Param;
        bool Pointer = false;
        for (const auto &[Name, C] : (R.Offset + R.Size.Bytes).Terms)
          if (auto P = inputParam(Name)) {
            Param = P;
            Pointer = Name[0] == '@';
            break;
          }
        if (!Param)
          continue;
        Summary.Validations.push_back({*Param, Pointer, R.Offset, R.Size, Holds,
                                       dyn_cast_or_null<Expr>(R.By)});
      }
    };
    std::optional<std::set<Range>> NonZero, Zero;
    auto Meet = [](std::optional<std::set<Range>> &Into,
                   const std::optional<std::set<Range>> &Ranges) {
      if (!Ranges)
        return;
      if (!Into)
        Into = *Ranges;
      else
        intersect(*Into, *Ranges);
    };
    for (const ReturnRanges &R : Returns) {
      Meet(NonZero, R.NonZero);
      Meet(Zero, R.Zero);
    }
    std::optional<std::set<Range>> Always;
    if (AtExit)
      Always = AtExit->Ranges;
    if (Always)
      Keep(*Always, Validation::Always);
    for (auto [Ranges, Holds] : {std::pair{&NonZero, Validation::IfNonZero},
                                 std::pair{&Zero, Validation::IfZero}}) {
      if (!*Ranges)
        continue;
      if (Always)
        for (const Range &R : *Always)
          (*Ranges)->erase(R);
      Keep(**Ranges, Holds);
    }
    if (ReturnedPointer && PointerReturns)
      Summary.Returns = GuestSummary::ReturnedPointer{
          ReturnedPointer->Offset, ReturnedPointer->MaybeNull};
    if (AtExit && Function->getReturnType()->isVoidType()) {
      StoresAtSuccess.reset();
      noteStores(*AtExit);
    }
    if (StoresAtSuccess)
      for (const auto &[Out, Value] : *StoresAtSuccess) {
        bool Portable = llvm::all_of(Value.Terms, [](const auto &T) {
          return T.first == MemorySize || inputParam(T.first).has_value();
        });
        if (Portable)
          Summary.Stores.push_back(
              {cast<ParmVarDecl>(Out.base())->getFunctionScopeIndex(), Value});
      }
  }

private:
  WasmUncheckedGuestOffsetCheck &Check;
  ASTContext &Ctx;
  SourceManager &SM;
  const mt::RuleSet &Rules;
  const FunctionDecl *Function;
  bool SummaryMode;
  unsigned Depth;
  std::map<std::string, SymbolInfo> Symbols;
  llvm::DenseMap<const Expr *, unsigned> Ids;
};

/// True if the function may deal with guest memory: a guest entry point,
/// or a body that calls into the WebAssembly API.
bool touchesGuestMemory(const FunctionDecl *F, const mt::RuleSet &Rules,
                        const mt::GuestEntryPoints &Entries) {
  if (Entries.isEntryPoint(F))
    return true;
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    bool Found = false;
    explicit Finder(const mt::RuleSet &Rules) : Rules(Rules) {}
    bool VisitCallExpr(CallExpr *Call) {
      if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules))
        switch (Entry->Kind) {
        case mt::ApiKind::MemoryBase:
        case mt::ApiKind::GuestAddress:
        case mt::ApiKind::GuestValidator:
        case mt::ApiKind::CallsGuest:
        case mt::ApiKind::MemorySize:
          Found = true;
          break;
        default:
          break;
        }
      return !Found;
    }
  } Finder(Rules);
  Finder.TraverseStmt(F->getBody());
  return Finder.Found;
}

/// Validator calls whose result is dropped.
std::vector<const CallExpr *> ignoredValidations(const Stmt *Body,
                                                 const mt::RuleSet &Rules) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    std::vector<const CallExpr *> Found;
    explicit Finder(const mt::RuleSet &Rules) : Rules(Rules) {}
    void consider(const Stmt *S) {
      const auto *E = dyn_cast_or_null<Expr>(S);
      if (!E)
        return;
      E = E->IgnoreParenImpCasts();
      if (const auto *Void = dyn_cast<CStyleCastExpr>(E);
          Void && Void->getType()->isVoidType())
        E = Void->getSubExpr()->IgnoreParenImpCasts();
      const auto *Call = dyn_cast<CallExpr>(E);
      if (!Call)
        return;
      const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
      if (Entry && Entry->Kind == mt::ApiKind::GuestValidator)
        Found.push_back(Call);
    }
    bool VisitCompoundStmt(CompoundStmt *C) {
      for (const Stmt *S : C->body())
        consider(S);
      return true;
    }
    bool VisitIfStmt(IfStmt *If) {
      consider(If->getThen());
      consider(If->getElse());
      return true;
    }
  } F(Rules);
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

} // namespace

WasmUncheckedGuestOffsetCheck::WasmUncheckedGuestOffsetCheck(
    StringRef Name, ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      MaxPathStates(std::max(1u, Options.get("MaxPathStates", 32u))) {}

void WasmUncheckedGuestOffsetCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
}

void WasmUncheckedGuestOffsetCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  mt::GuestEntryPoints::addMatchers(Finder, this, *Rules);
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

void WasmUncheckedGuestOffsetCheck::check(
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

const GuestSummary *
WasmUncheckedGuestOffsetCheck::summaryOf(const FunctionDecl *Function,
                                         unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Function->hasBody(Definition) || !Definition || !Ctx)
    return nullptr;
  auto [It, Inserted] = Summaries.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second.get();
  auto Summary = std::make_unique<GuestSummary>();
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Definition, *Ctx);
  // Summaries of larger functions (WAMR's printf engine) cost more than
  // the parse of the file and are rarely precise enough to help.
  if (Graph && Graph->size() < 150) {
    Analysis A(*this, *Ctx, *Rules, Definition, /*SummaryMode=*/true,
               Depth + 1);
    mt::PathSensitiveAnalysis<State> Engine(*Graph, *Ctx, 8, 100000);
    State Initial;
    A.initial(Initial);
    if (Engine.run(A, std::move(Initial))) {
      std::optional<State> AtExit;
      for (const State &Exit : Engine.statesAt(Graph->getExit())) {
        if (!AtExit)
          AtExit = Exit;
        else
          AtExit->joinWith(Exit);
      }
      A.summarizeValidations(AtExit ? &*AtExit : nullptr);
      *Summary = std::move(A.Summary);
    }
  }
  Summaries[Definition] = std::move(Summary);
  return Summaries[Definition].get();
}

/// A pointer type without qualifiers on the pointee: validators take a
/// 'const wasm_memory_t *', callers pass a 'wasm_memory_t *'.
static const Type *handleType(QualType T, ASTContext &Ctx) {
  T = T.getCanonicalType();
  if (const auto *Pointer = T->getAs<PointerType>())
    return Ctx.getPointerType(Pointer->getPointeeType().getUnqualifiedType())
        .getTypePtr();
  return T.getUnqualifiedType().getTypePtr();
}

bool WasmUncheckedGuestOffsetCheck::isValidatorHandle(QualType T) {
  if (!Ctx || !Rules)
    return false;
  if (!HandlesKnown) {
    HandlesKnown = true;
    for (const mt::RulePack &Pack : Rules->packs())
      for (const mt::ApiEntry &Entry : Pack.Entries) {
        if (Entry.Kind != mt::ApiKind::GuestValidator &&
            Entry.Kind != mt::ApiKind::GuestAddress &&
            Entry.Kind != mt::ApiKind::MemorySize)
          continue;
        if (Entry.OffsetArg && *Entry.OffsetArg == 0)
          continue;
        for (const NamedDecl *D : Ctx->getTranslationUnitDecl()->lookup(
                 &Ctx->Idents.get(Entry.Name)))
          if (const auto *F = dyn_cast<FunctionDecl>(D);
              F && F->getNumParams() > 0)
            Handles.insert(handleType(F->getParamDecl(0)->getType(), *Ctx));
      }
  }
  return Handles.count(handleType(T, *Ctx)) != 0;
}

void WasmUncheckedGuestOffsetCheck::onEndOfTranslationUnit() {
  HandlesKnown = false;
  Handles.clear();
  if (!Ctx || !Rules) {
    Functions.clear();
    return;
  }
  ASTContext &Context = *Ctx;
  const SourceManager &SM = Context.getSourceManager();
  auto Where = [&](const Stmt *S) {
    return mt::reportLocation(S->getBeginLoc(), SM);
  };
  for (const FunctionDecl *Function : Functions) {
    for (const CallExpr *Call : ignoredValidations(Function->getBody(), *Rules))
      diag(Where(Call), "the result of '%0' is ignored: the guest range it "
                        "checks is used whether or not it lies in linear "
                        "memory; return or trap when it fails")
          << mt::spelledApiName(Call, Context) << Call->getSourceRange();
    if (!touchesGuestMemory(Function, *Rules, Entries))
      continue;
    std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Context);
    if (!Graph)
      continue;
    Analysis A(*this, Context, *Rules, Function, /*SummaryMode=*/false, 0);
    // Functions the guest does not call see guest data only where they
    // load it from linear memory or convert it; fewer distinct states
    // keep large helpers (WAMR's printf engine) cheap.
    unsigned States = Entries.isEntryPoint(Function)
                          ? MaxPathStates
                          : std::min(MaxPathStates, 8u);
    mt::PathSensitiveAnalysis<State> Engine(*Graph, Context, States);
    State Initial;
    A.initial(Initial);
    if (!Engine.run(A, std::move(Initial)))
      continue;
    A.Reporting = true;
    Engine.replay(A);
    for (const auto &[At, R] : A.Reports) {
      SourceRange Range = R.At->getSourceRange();
      switch (R.Kind) {
      case Finding::NoValidation:
        diag(Where(R.At), "'%0' accesses %1 of linear memory at the "
                          "guest-controlled offset '%2', which is never "
                          "validated: the guest can make it reach outside its "
                          "memory")
            << R.Subject << R.Accessed << R.Validated << Range;
        break;
      case Finding::FailedValidation:
        diag(Where(R.At), "'%0' accesses linear memory on a path where the "
                          "validation of '%1' failed")
            << R.Subject << R.Validated << Range;
        break;
      case Finding::Exceeds: {
        bool One = llvm::StringRef(R.Accessed).starts_with("1 byte") ||
                   llvm::StringRef(R.Accessed).starts_with("a NUL");
        if (R.Detail == "*" || llvm::StringRef(R.Detail).starts_with("*i:"))
          diag(Where(R.At), "%0 of '%1' %select{are|is}2 accessed here, but "
                            "'*' in the signature of '%3' makes the runtime "
                            "validate only 1 byte; %4")
              << R.Accessed << R.Where << One << Function->getName()
              << (llvm::StringRef(R.Detail).starts_with("*i:")
                      ? "declare it '*~' so that the next parameter, '" +
                            R.Detail.substr(3) + "', is validated as its length"
                      : std::string("validate the size it needs first"))
              << Range;
        else if (R.Detail == "$")
          diag(Where(R.At), "%0 of '%1' %select{are|is}2 accessed here, but "
                            "'$' in the signature of '%3' makes the runtime "
                            "validate only a NUL-terminated string")
              << R.Accessed << R.Where << One << Function->getName() << Range;
        else if (R.Detail == "*~")
          diag(Where(R.At), "%0 of '%1' %select{are|is}2 accessed here, but "
                            "'*~' in the signature of '%3' makes the runtime "
                            "validate only %4")
              << R.Accessed << R.Where << One << Function->getName()
              << R.Validated << Range;
        else
          diag(Where(R.At), "%0 at '%1' %select{are|is}2 accessed here, but "
                            "only %3 %select{were|was}4 validated%select{|: "
                            "%6}5")
              << R.Accessed << R.Where << One << R.Validated
              << (R.Validated == "1 byte" ||
                  llvm::StringRef(R.Validated).starts_with("a NUL"))
              << !R.Detail.empty() << R.Detail << Range;
        break;
      }
      case Finding::Narrowed:
        diag(Where(R.At), "the size validated for '%0' is '%1', narrowed from "
                          "'%2': a guest length too large for the narrower "
                          "type validates only its low bits")
            << R.Subject << R.Validated << R.Detail << Range;
        break;
      case Finding::NullUnchecked:
        if (R.Detail.empty())
          diag(Where(R.At), "'%0' is used here on a path where it was found "
                            "NULL")
              << R.Subject << Range;
        else
          diag(Where(R.At), "'%0' may be NULL: '%1' returns NULL for a guest "
                            "offset outside linear memory, and it is used "
                            "here without a check")
              << R.Subject << R.Detail << Range;
        break;
      case Finding::Divisor:
        diag(Where(R.At), "guest-controlled '%0' is used as a divisor without "
                          "a check for zero: the guest can crash the host")
            << R.Subject << Range;
        break;
      case Finding::WrappingCheck:
        diag(Where(R.At), "'%0' can wrap around in '%1' before it is compared "
                          "with the memory size: a guest offset near the top "
                          "of the type passes the check; compute it in a "
                          "wider type or compare the length with the room "
                          "left")
            << R.Subject << R.Detail << Range;
        break;
      case Finding::SignedOffset:
        diag(Where(R.At), "guest-controlled '%0' is signed: a negative offset "
                          "passes this check and reaches before the memory "
                          "base; convert it to an unsigned type first")
            << R.Subject << Range;
        break;
      case Finding::PointerOverflow:
        diag(Where(R.At), "'%0' relies on pointer overflow, which is "
                          "undefined: the compiler may remove the check; "
                          "compare the length with the room left instead")
            << R.Subject << Range;
        break;
      }
      for (const auto &[Stmt, Text] : R.Notes)
        if (Stmt)
          diag(Where(Stmt), Text, DiagnosticIDs::Note)
              << Stmt->getSourceRange();
    }
  }
  Functions.clear();
  Summaries.clear();
  Entries.clear();
}

} // namespace clang::tidy::memtidy
