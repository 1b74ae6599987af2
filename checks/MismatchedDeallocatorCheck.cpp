//===--- MismatchedDeallocatorCheck.cpp - memtidy -------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads the releases that the shared lifecycle analysis (support/Ownership)
// pairs with their acquisitions, and reports each pair whose families differ.
//
//===----------------------------------------------------------------------===//

#include "MismatchedDeallocatorCheck.h"
#include "support/ApiCalls.h"
#include "support/Ownership.h"
#include "support/Summaries.h"
#include "support/SummaryLocations.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

/// The path states kept per block when this check is the first to analyze a
/// translation unit (the leak check's default).
constexpr unsigned DefaultPathStates = 32;

/// Memory this function allocated itself, with a family to compare:
/// objects (locks, references) are released by family already, and inputs
/// and helpers' holds are not this function's allocations.
bool isOwnAllocation(const mt::Acquisition &A) {
  return !A.Object && !A.isLockLike() && !A.Family.empty() &&
         A.From != mt::Acquisition::Origin::Input &&
         A.From != mt::Acquisition::Origin::Callee &&
         A.From != mt::Acquisition::Origin::External;
}

/// How messages name the memory: "'buf'", or "memory" without a holder.
std::string memoryName(const mt::Acquisition &A) {
  return A.Holder.empty() ? "memory" : "'" + A.Holder + "'";
}

/// The allocation as written, inside a wrapper if it came from one.
llvm::StringRef allocatorOf(const mt::Acquisition &A) {
  return A.From == mt::Acquisition::Origin::Wrapper ? A.InnerApi : A.Api;
}

bool releasesFamily(const mt::ApiEntry &Releaser, llvm::StringRef Family) {
  return Releaser.Family == Family ||
         llvm::is_contained(Releaser.AlsoReleases, Family);
}

/// delete p <-> delete[] p, and kfree(p) -> vfree(p): the rewrite keeps the
/// argument and only renames the release, so it is certainly right.
std::optional<FixItHint> renameRelease(const Expr *Site,
                                       const mt::ApiEntry &Right,
                                       const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(Site)) {
    SourceLocation Begin = Delete->getBeginLoc();
    if (Begin.isMacroID())
      return std::nullopt;
    bool WantArray = Right.Name == "delete[]";
    if (WantArray == Delete->isArrayForm() ||
        !(Right.Name == "delete" || WantArray))
      return std::nullopt;
    if (WantArray)
      return FixItHint::CreateInsertion(
          Lexer::getLocForEndOfToken(Begin, 0, SM, Ctx.getLangOpts()), "[]");
    // "delete [] p": drop the brackets, however they are spaced.
    SourceLocation Operand = Delete->getArgument()->getBeginLoc();
    if (Operand.isMacroID())
      return std::nullopt;
    return FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(Begin, Operand), "delete ");
  }
  const auto *Call = dyn_cast<CallExpr>(Site);
  const auto *Callee =
      Call ? dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreImpCasts())
           : nullptr;
  if (!Callee || Callee->getBeginLoc().isMacroID() || Call->getNumArgs() != 1 ||
      Right.PtrArg != 0u || Right.Kind != mt::ApiKind::Deallocator ||
      !isAsciiIdentifierStart(Right.Name.front()) || Right.Name == "delete")
    return std::nullopt;
  return FixItHint::CreateReplacement(Callee->getSourceRange(), Right.Name);
}

} // namespace

MismatchedDeallocatorCheck::MismatchedDeallocatorCheck(
    StringRef Name, ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context) {}

void MismatchedDeallocatorCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
}

void MismatchedDeallocatorCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
}

void MismatchedDeallocatorCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  mt::OwnershipAnalyzer &Analyzer =
      mt::OwnershipAnalyzer::shared(*Rules, Ctx, DefaultPathStates);
  Analyzer.exportSummary(Function);
  const std::optional<mt::FunctionOwnership> &Ownership =
      Analyzer.analyze(Function);
  if (!Ownership)
    return;
  if (mt::SummaryStore::instance().collecting())
    releasedElsewhere(*Ownership, Ctx);
  for (const mt::ReleaseSite &R : Ownership->Releases) {
    const mt::Acquisition &A = Ownership->Acquisitions[R.Acq];
    if (A.From == mt::Acquisition::Origin::External) {
      releasingExternalResult(A, R, Ctx);
      continue;
    }
    // A release entry drops a reference (put_device): the object's own
    // release callback frees it, whatever allocated it.
    if (!R.Releaser || R.Releaser->Kind != mt::ApiKind::Deallocator ||
        !isOwnAllocation(A) || releasesFamily(*R.Releaser, A.Family))
      continue;
    const mt::ApiEntry *Right = Rules->releaserOf(A.Family);
    llvm::StringRef Allocator = allocatorOf(A);
    std::string Name = memoryName(A);
    SourceLocation Where = mt::reportLocation(R.Call->getBeginLoc(), SM);
    {
      auto D = diag(Where, "%0 allocated by '%1' is released with '%2'%3")
               << Name << Allocator << R.Api
               << (Right ? "; use '" + Right->Name + "'" : std::string())
               << R.Call->getSourceRange();
      if (Right)
        if (std::optional<FixItHint> Fix = renameRelease(R.Call, *Right, Ctx))
          D << *Fix;
    }
    diag(mt::reportLocation(A.Site->getBeginLoc(), SM), "%0 allocated here",
         DiagnosticIDs::Note)
        << Name << A.Site->getSourceRange();
    if (A.InnerReturn)
      diag(mt::reportLocation(A.InnerReturn->getBeginLoc(), SM),
           "'%0' returns the result of '%1' here", DiagnosticIDs::Note)
          << A.Api << A.InnerApi << A.InnerReturn->getSourceRange();
  }
}

/// Memory handed to a function of another file that may release it: a
/// finding if that file's summary says it does, with another family's
/// routine.
void MismatchedDeallocatorCheck::releasedElsewhere(
    const mt::FunctionOwnership &Ownership, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  for (const mt::Handoff &H : Ownership.Handoffs) {
    const mt::Acquisition &A = Ownership.Acquisitions[H.Acq];
    if (!isOwnAllocation(A))
      continue;
    std::string Usr = mt::usrOf(H.Callee);
    if (Usr.empty())
      continue;
    mt::PendingFinding P;
    P.Condition = mt::PendingFinding::CalleeReleasesOther;
    P.Check = getID().str();
    P.CPlusPlus = LO.CPlusPlus;
    P.Callee = std::move(Usr);
    P.CalleeName = H.Callee->getNameAsString();
    P.Input.Param = H.Param;
    P.Input.Steps = H.Steps;
    P.Family = A.Family;
    std::string Name = memoryName(A);
    const mt::ApiEntry *Right = Rules->releaserOf(A.Family);
    P.Warning = {mt::fileRangeOf(H.Call->getSourceRange(), SM, LO),
                 Name + " allocated by '" + allocatorOf(A).str() +
                     "' is passed to '" + P.CalleeName +
                     "', which releases it with '{0}'" +
                     (Right ? "; use '" + Right->Name + "'" : std::string())};
    P.Notes.push_back({mt::fileRangeOf(A.Site->getSourceRange(), SM, LO),
                       Name + " allocated here"});
    mt::SummaryStore::instance().addPending(std::move(P));
  }
  for (const mt::FunctionOwnership::GlobalStore &Store :
       Ownership.GlobalStores) {
    const VarDecl *Global = Store.Global;
    const mt::Acquisition &A = Ownership.Acquisitions[Store.Acq];
    if (!isOwnAllocation(A))
      continue;
    std::string Usr = mt::usrOf(Global);
    if (Usr.empty())
      continue;
    mt::PendingFinding P;
    P.Condition = mt::PendingFinding::GlobalReleasedOther;
    P.Check = getID().str();
    P.CPlusPlus = LO.CPlusPlus;
    P.Input.IsGlobal = true;
    P.Input.Global = std::move(Usr);
    P.Family = A.Family;
    const mt::ApiEntry *Right = Rules->releaserOf(A.Family);
    P.Warning = {mt::fileRangeOf(A.Site->getSourceRange(), SM, LO),
                 memoryName(A) + " allocated by '" + allocatorOf(A).str() +
                     "' is stored in '" + Global->getNameAsString() +
                     "', which '{1}' releases with '{0}'" +
                     (Right ? "; use '" + Right->Name + "'" : std::string())};
    mt::SummaryStore::instance().addPending(std::move(P));
  }
}

/// The result of a function of another file, released here: a finding if
/// that file's summary says it allocates with another family.
void MismatchedDeallocatorCheck::releasingExternalResult(
    const mt::Acquisition &A, const mt::ReleaseSite &R, ASTContext &Ctx) {
  if (!R.Releaser || R.Releaser->Kind != mt::ApiKind::Deallocator ||
      !mt::SummaryStore::instance().collecting())
    return;
  const auto *Source = cast<CallExpr>(A.Site)->getDirectCallee();
  std::string Usr = mt::usrOf(Source);
  if (Usr.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  mt::PendingFinding P;
  P.Condition = mt::PendingFinding::CalleeReturnsOther;
  P.Check = getID().str();
  P.CPlusPlus = LO.CPlusPlus;
  P.FreshFrom = std::move(Usr);
  P.FreshFromName = A.Api;
  P.FreshResources = {"memory"};
  P.Family = R.Releaser->Family;
  P.AlsoReleases = R.Releaser->AlsoReleases;
  std::string Name = memoryName(A);
  P.Warning = {mt::fileRangeOf(R.Call->getSourceRange(), SM, LO),
               Name + " returned by '" + A.Api + "' is released with '" +
                   R.Api + "', but '" + A.Api + "' allocates it with '{0}'"};
  P.Notes.push_back({mt::fileRangeOf(A.Site->getSourceRange(), SM, LO),
                     Name + " returned by '" + A.Api + "' here"});
  mt::SummaryStore::instance().addPending(std::move(P));
}

void MismatchedDeallocatorCheck::onEndOfTranslationUnit() {
  mt::OwnershipAnalyzer::releaseShared();
}

} // namespace clang::tidy::memtidy
