//===--- WasmCapiOwnershipCheck.cpp - memtidy -----------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Leaks come from the shared lifecycle analysis (support/Ownership), for
// the acquisitions of resource "wasm-own" only; the leak check leaves those
// to this one. Deleting a borrowed value and deleting what a consumer took
// are found on the function's own calls: the first by where the deleted
// value comes from, the second by a walk of the CFG from the consumer.
//
//===----------------------------------------------------------------------===//

#include "WasmCapiOwnershipCheck.h"
#include "support/ApiCalls.h"
#include "support/Ownership.h"
#include "support/PathSensitive.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

constexpr llvm::StringLiteral WasmOwn = "wasm-own";

/// The variable an argument names, through casts and '&': p, (T *)p, &vec.
const VarDecl *namedVariable(const Expr *Arg) {
  Arg = Arg->IgnoreParenCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Arg = AddrOf->getSubExpr()->IgnoreParenCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

/// A call to a "borrowed" API that \p E is, or whose pointee \p E copies
/// (wasm_name_t name = *wasm_importtype_name(t)).
const CallExpr *borrowingCall(const Expr *E, const mt::RuleSet &Rules) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    E = Deref->getSubExpr()->IgnoreParenCasts();
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return nullptr;
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
  return Entry && Entry->Kind == mt::ApiKind::Borrowed ? Call : nullptr;
}

/// The wasm-own deallocator a call is, or null.
const mt::ApiEntry *ownDeleter(const CallExpr *Call, const mt::RuleSet &Rules) {
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
  if (!Entry || Entry->Kind != mt::ApiKind::Deallocator ||
      Entry->Resource != WasmOwn || !Entry->PtrArg ||
      *Entry->PtrArg >= Call->getNumArgs())
    return nullptr;
  return Entry;
}

/// What the function's calls do with wasm.h values: which local variables
/// only ever hold borrowed values, which calls delete, and which take
/// ownership of a variable's value.
struct CallCollector : RecursiveASTVisitor<CallCollector> {
  const mt::RuleSet &Rules;
  /// The borrowing call of each variable every write of which borrows;
  /// null once some write does not.
  llvm::DenseMap<const VarDecl *, const CallExpr *> Borrowed;
  llvm::SmallVector<std::pair<const CallExpr *, const VarDecl *>, 4> Deletes;
  llvm::SmallVector<const CallExpr *, 4> BorrowedDeletes;
  llvm::SmallVector<std::pair<const CallExpr *, const VarDecl *>, 4> Consumers;

  explicit CallCollector(const mt::RuleSet &Rules) : Rules(Rules) {}

  void write(const VarDecl *Var, const Expr *Value) {
    const CallExpr *Call = borrowingCall(Value, Rules);
    auto [It, Inserted] = Borrowed.try_emplace(Var, Call);
    if (!Inserted && !Call)
      It->second = nullptr;
    else if (!Inserted && It->second)
      It->second = Call;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->hasLocalStorage() && Var->getInit())
      write(Var, Var->getInit());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (!Op->isAssignmentOp())
      return true;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        write(Var, Op->getOpcode() == BO_Assign ? Op->getRHS() : nullptr);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    // Passing &v lets the callee write v.
    for (const Expr *Arg : Call->arguments())
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
          AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        if (const VarDecl *Var = namedVariable(AddrOf))
          if (!Var->getType()->isRecordType())
            write(Var, nullptr);
    if (const mt::ApiEntry *Deleter = ownDeleter(Call, Rules)) {
      const Expr *Arg = Call->getArg(*Deleter->PtrArg);
      if (borrowingCall(Arg, Rules))
        BorrowedDeletes.push_back(Call);
      else if (const VarDecl *Var = namedVariable(Arg))
        Deletes.push_back({Call, Var});
      return true;
    }
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (!Entry || (Entry->Kind != mt::ApiKind::Consumes &&
                   Entry->Kind != mt::ApiKind::Allocator))
      return true;
    for (unsigned I : Entry->ConsumedArgs)
      if (I < Call->getNumArgs())
        if (const VarDecl *Var = namedVariable(Call->getArg(I));
            Var && !Var->getType()->isArrayType())
          Consumers.push_back({Call, Var});
    return true;
  }
};

/// Where a statement is evaluated in the CFG.
struct CFGPosition {
  const CFGBlock *Block = nullptr;
  unsigned Index = 0;
};

std::optional<CFGPosition> positionOf(const CFG &Graph, const Stmt *S) {
  for (const CFGBlock *Block : Graph)
    for (unsigned I = 0; I < Block->size(); ++I)
      if (auto Element = (*Block)[I].getAs<CFGStmt>())
        if (Element->getStmt() == S)
          return CFGPosition{Block, I};
  return std::nullopt;
}

/// True if \p S gives \p Var a new value: v = ..., or an allocator that
/// writes through &v.
bool overwrites(const Stmt *S, const VarDecl *Var, const mt::RuleSet &Rules) {
  if (const auto *Op = dyn_cast<BinaryOperator>(S); Op && Op->isAssignmentOp())
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParenImpCasts()))
      return Ref->getDecl() == Var;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
        Entry && Entry->Kind == mt::ApiKind::Allocator && Entry->OutArg &&
        *Entry->OutArg < Call->getNumArgs())
      return namedVariable(Call->getArg(*Entry->OutArg)) == Var;
  return false;
}

/// True if some path from \p From reaches \p To without giving \p Var a new
/// value.
bool reachesWithoutOverwrite(CFGPosition From, CFGPosition To,
                             const VarDecl *Var, const mt::RuleSet &Rules) {
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<CFGPosition, 8> Work{{From.Block, From.Index + 1}};
  while (!Work.empty()) {
    CFGPosition At = Work.pop_back_val();
    bool Stopped = false;
    for (unsigned I = At.Index; I < At.Block->size() && !Stopped; ++I) {
      if (At.Block == To.Block && I == To.Index)
        return true;
      if (auto Element = (*At.Block)[I].getAs<CFGStmt>())
        Stopped = overwrites(Element->getStmt(), Var, Rules);
    }
    if (Stopped)
      continue;
    for (const CFGBlock *Next : At.Block->succs())
      if (Next && Visited.insert(Next).second)
        Work.push_back({Next, 0});
  }
  return false;
}

/// The value is handed straight to an object that owns it from then on: a
/// C++ smart pointer's constructor or assignment (WasmEnginePtr(...),
/// memory_ = wasm_memory_copy(...)), or an array a vector takes whole
/// ({wasm_valtype_new_i32(), ...}); or it is returned as is.
bool handedToObject(const Expr *Site, const ReturnStmt *Return,
                    ASTContext &Ctx) {
  if (Return && Return->getRetValue() &&
      Return->getRetValue()->IgnoreImplicit()->IgnoreParens() == Site)
    return true;
  DynTypedNodeList Parents = Ctx.getParents(*Site);
  while (!Parents.empty()) {
    const auto *E = Parents[0].get<Expr>();
    if (!E)
      return false;
    if (isa<InitListExpr>(E))
      return true;
    if (!Ctx.getLangOpts().CPlusPlus)
      return false;
    if (isa<CXXConstructExpr, CXXFunctionalCastExpr>(E))
      return true;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      return Op->isAssignmentOp();
    if (!isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups,
             MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E))
      return false;
    Parents = Ctx.getParents(*E);
  }
  return false;
}

/// How messages name what is owned: "'vec'", "the result of 'f'".
std::string subjectOf(const mt::Acquisition &A, llvm::StringRef Holder) {
  if (Holder.empty())
    return "the result of '" + A.Api + "'";
  return "'" + Holder.str() + "'";
}

/// How the warning names it: "'vec' owned from 'f'", "the owned result of
/// 'f'".
std::string ownedSubject(llvm::StringRef Holder, llvm::StringRef Api) {
  if (Holder.empty())
    return "the owned result of '" + Api.str() + "'";
  return "'" + Holder.str() + "' owned from '" + Api.str() + "'";
}

/// The elements of a wasm.h name or byte vector, spelled name->data or
/// bytes.data: they carry no NUL. A wasm_message_t (from
/// wasm_trap_message) is the same type but ends in one.
const MemberExpr *unterminatedBytes(const Expr *Arg) {
  const auto *Member = dyn_cast<MemberExpr>(Arg->IgnoreParenCasts());
  if (!Member || !Member->getMemberDecl()->getIdentifier() ||
      Member->getMemberDecl()->getName() != "data")
    return nullptr;
  QualType Vector = Member->getBase()->getType();
  if (Member->isArrow())
    Vector = Vector->getPointeeType();
  StringRef Name;
  if (const auto *Typedef = Vector->getAs<TypedefType>())
    Name = Typedef->getDecl()->getName();
  else if (const auto *Record = Vector->getAsRecordDecl();
           Record && Record->getIdentifier())
    Name = Record->getName();
  return Name == "wasm_name_t" || Name == "wasm_byte_vec_t" ? Member : nullptr;
}

/// The arguments \p Call reads as NUL-terminated strings: the rule packs'
/// "strings" and the %s conversions of a "format", and the 'const char *'
/// parameters of allocators without a length (strdup, fopen, opendir).
llvm::SmallVector<unsigned, 4> stringArguments(const CallExpr *Call,
                                               const mt::RuleSet &Rules,
                                               const ASTContext &Ctx) {
  llvm::SmallVector<unsigned, 4> Strings;
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Entry || !Callee)
    return Strings;
  if (Entry->Kind == mt::ApiKind::Dereferences) {
    Strings.append(Entry->StringArgs.begin(), Entry->StringArgs.end());
    if (Entry->FormatArg && *Entry->FormatArg < Call->getNumArgs())
      if (const auto *Format = dyn_cast<StringLiteral>(
              Call->getArg(*Entry->FormatArg)->IgnoreParenImpCasts()))
        for (unsigned K : mt::stringConversions(Format->getString()))
          Strings.push_back(*Entry->FormatArg + 1 + K);
    return Strings;
  }
  // A size_t-wide parameter bounds the read (strndup).
  if (Entry->Kind != mt::ApiKind::Allocator ||
      llvm::any_of(Callee->parameters(), [&](const ParmVarDecl *Param) {
        QualType Type = Param->getType();
        return Type->isIntegerType() &&
               Ctx.getTypeSize(Type) == Ctx.getTypeSize(Ctx.getSizeType());
      }))
    return Strings;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    QualType Type = Callee->getParamDecl(I)->getType();
    if (Type->isPointerType() && Type->getPointeeType()->isCharType() &&
        Type->getPointeeType().isConstQualified())
      Strings.push_back(I);
  }
  return Strings;
}

} // namespace

WasmCapiOwnershipCheck::WasmCapiOwnershipCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      MaxPathStates(std::max(1u, Options.get("MaxPathStates", 32u))),
      ReportProcessExits(
          llvm::StringRef(Options.get("ReportProcessExits", "false"))
              .equals_insensitive("true")) {}

void WasmCapiOwnershipCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
  Options.store(Opts, "ReportProcessExits",
                ReportProcessExits ? "true" : "false");
}

void WasmCapiOwnershipCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
  Finder->addMatcher(callExpr().bind("call"), this);
}

void WasmCapiOwnershipCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    checkStringReads(Call, *Result.Context);
    return;
  }
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody() ||
      Function->isInvalidDecl())
    return;
  checkLeaks(Function, *Result.Context);
  checkDeletes(Function, *Result.Context);
}

void WasmCapiOwnershipCheck::checkLeaks(const FunctionDecl *Function,
                                        ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  // Returning from main ends the process, which reclaims everything.
  if (Function->isMain() && !ReportProcessExits)
    return;
  const std::optional<mt::FunctionOwnership> &Ownership =
      mt::OwnershipAnalyzer::shared(*Rules, Ctx, MaxPathStates)
          .analyze(Function);
  if (!Ownership)
    return;
  for (const mt::ExitLeak &Leak : Ownership->Leaks) {
    const mt::Acquisition &A = Ownership->Acquisitions[Leak.Acq];
    // Code that borrowed it on a successful path may have kept it.
    if (A.Resource != WasmOwn || A.From == mt::Acquisition::Origin::Input ||
        Leak.Deferred || (Leak.Lent && Leak.Kind == mt::ExitKind::Success) ||
        handedToObject(A.Site, Leak.Return, Ctx))
      continue;
    SourceLocation Where =
        Leak.Return ? mt::reportLocation(Leak.Return->getBeginLoc(), SM)
                    : Function->getBody()->getEndLoc();
    std::string Subject =
        subjectOf(A, Leak.HeldAs.empty() ? A.Holder : Leak.HeldAs);
    llvm::StringRef Api =
        A.From == mt::Acquisition::Origin::Wrapper ? A.InnerApi : A.Api;
    std::string How;
    if (const mt::ApiEntry *Deleter = Rules->releaserOf(A.Family))
      How = "; call '" + Deleter->Name + "' on this path";
    {
      auto D =
          diag(Where, "%0 is neither deleted, nor handed to a function "
                      "that takes ownership, nor returned%1")
          << ownedSubject(Leak.HeldAs.empty() ? A.Holder : Leak.HeldAs, Api)
          << How;
      if (Leak.Return)
        D << Leak.Return->getSourceRange();
    }
    diag(mt::reportLocation(A.Site->getBeginLoc(), SM),
         "%0 created by '%1' here", DiagnosticIDs::Note)
        << subjectOf(A, A.Holder) << A.Api << A.Site->getSourceRange();
    if (A.InnerReturn)
      diag(mt::reportLocation(A.InnerReturn->getBeginLoc(), SM),
           "'%0' returns the result of '%1' here", DiagnosticIDs::Note)
          << A.Api << A.InnerApi << A.InnerReturn->getSourceRange();
    diag(Where, "%0 returns here with %1 still owned", DiagnosticIDs::Note)
        << (Function->getName().empty()
                ? std::string("the function")
                : "'" + Function->getNameAsString() + "'")
        << Subject;
  }
}

void WasmCapiOwnershipCheck::checkDeletes(const FunctionDecl *Function,
                                          ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CallCollector Calls(*Rules);
  Calls.TraverseStmt(Function->getBody());

  auto ReportBorrowed = [&](const CallExpr *Delete, const CallExpr *Lender,
                            const VarDecl *Var) {
    std::string Deleter = mt::spelledApiName(Delete, Ctx);
    std::string Lends = mt::spelledApiName(Lender, Ctx);
    SourceLocation Where = mt::reportLocation(Delete->getBeginLoc(), SM);
    if (!Var) {
      diag(Where, "'%0' deletes the value '%1' returns, which it only lends: "
                  "its owner deletes it")
          << Deleter << Lends << Delete->getSourceRange();
      return;
    }
    diag(Where, "'%0' deletes '%1', which '%2' only lends: its owner deletes "
                "it")
        << Deleter << Var->getName() << Lends << Delete->getSourceRange();
    diag(mt::reportLocation(Lender->getBeginLoc(), SM),
         "'%0' borrowed from '%1' here", DiagnosticIDs::Note)
        << Var->getName() << Lends << Lender->getSourceRange();
  };
  for (const CallExpr *Delete : Calls.BorrowedDeletes)
    ReportBorrowed(
        Delete,
        borrowingCall(Delete->getArg(*ownDeleter(Delete, *Rules)->PtrArg),
                      *Rules),
        nullptr);
  for (auto [Delete, Var] : Calls.Deletes)
    if (const CallExpr *Lender = Calls.Borrowed.lookup(Var))
      ReportBorrowed(Delete, Lender, Var);

  // Deleting what a consumer took: only when both happen in this function.
  llvm::SmallVector<std::pair<const CallExpr *, const CallExpr *>, 2> Pairs;
  for (auto [Consumer, Var] : Calls.Consumers)
    for (auto [Delete, Deleted] : Calls.Deletes)
      if (Var == Deleted && !Calls.Borrowed.lookup(Var))
        Pairs.push_back({Consumer, Delete});
  if (Pairs.empty())
    return;
  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Ctx);
  if (!Graph)
    return;
  llvm::SmallPtrSet<const CallExpr *, 4> Reported;
  for (auto [Consumer, Delete] : Pairs) {
    std::optional<CFGPosition> From = positionOf(*Graph, Consumer);
    std::optional<CFGPosition> To = positionOf(*Graph, Delete);
    const VarDecl *Var =
        namedVariable(Delete->getArg(*ownDeleter(Delete, *Rules)->PtrArg));
    if (!From || !To || !reachesWithoutOverwrite(*From, *To, Var, *Rules) ||
        !Reported.insert(Delete).second)
      continue;
    std::string ConsumerName = mt::spelledApiName(Consumer, Ctx);
    diag(mt::reportLocation(Delete->getBeginLoc(), SM),
         "'%0' is deleted after '%1' took ownership of it; it is deleted "
         "twice")
        << Var->getName() << ConsumerName << Delete->getSourceRange();
    diag(mt::reportLocation(Consumer->getBeginLoc(), SM),
         "'%0' takes ownership of '%1' here", DiagnosticIDs::Note)
        << ConsumerName << Var->getName() << Consumer->getSourceRange();
  }
}

void WasmCapiOwnershipCheck::onEndOfTranslationUnit() {
  mt::OwnershipAnalyzer::releaseShared();
  Messages.clear();
}

void WasmCapiOwnershipCheck::checkStringReads(const CallExpr *Call,
                                              ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (const FunctionDecl *Callee = Call->getDirectCallee();
      Callee && Callee->getIdentifier() &&
      Callee->getName() == "wasm_trap_message" && Call->getNumArgs() == 2)
    if (const auto *AddrOf =
            dyn_cast<UnaryOperator>(Call->getArg(1)->IgnoreParenImpCasts());
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              AddrOf->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
          Messages.insert(Var);
  for (unsigned I : stringArguments(Call, *Rules, Ctx)) {
    if (I >= Call->getNumArgs())
      continue;
    const MemberExpr *Data = unterminatedBytes(Call->getArg(I));
    if (!Data)
      continue;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Data->getBase()->IgnoreParenImpCasts());
        Ref && !Data->isArrow() &&
        Messages.count(dyn_cast<VarDecl>(Ref->getDecl())))
      continue;
    std::string Spelled = Lexer::getSourceText(CharSourceRange::getTokenRange(
                                                   Data->getSourceRange()),
                                               SM, Ctx.getLangOpts())
                              .str();
    std::string Size = StringRef(Spelled).ends_with("data")
                           ? Spelled.substr(0, Spelled.size() - 4) + "size"
                           : "size";
    diag(mt::reportLocation(Call->getArg(I)->getBeginLoc(), SM),
         "'%0' is not NUL-terminated (wasm.h names and byte vectors carry "
         "their length in '%1'), but '%2' reads it as a C string; bound the "
         "read by '%1' or copy it with a terminating NUL")
        << Spelled << Size << mt::spelledApiName(Call, Ctx)
        << Call->getArg(I)->getSourceRange();
  }
}

} // namespace clang::tidy::memtidy
