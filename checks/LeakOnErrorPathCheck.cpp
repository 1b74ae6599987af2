//===--- LeakOnErrorPathCheck.cpp - memtidy -------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads the ownership analysis (support/Ownership) of each function that
// acquires something and reports what is still owned at an error return,
// with the path that leads there, and the jump to an unwind label that
// would release it.
//
//===----------------------------------------------------------------------===//

#include "LeakOnErrorPathCheck.h"
#include "support/ApiCalls.h"
#include "support/Conditions.h"
#include "support/Ownership.h"
#include "support/Summaries.h"
#include "support/SummaryLocations.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

/// How messages name what is held: "'buf'", "lock 'dev->lock'".
std::string subjectOf(const mt::Acquisition &A) {
  if (A.Resource == "context")
    return "the " + A.Api + "() section";
  if (A.Holder.empty())
    return "the result of '" + A.Api + "'";
  std::string Name = "'" + A.Holder + "'";
  if (A.Resource == "lock")
    return "lock " + Name;
  if (A.Resource == "refcount")
    return A.Object ? "the reference to " + Name : "reference " + Name;
  return Name;
}

/// The release that pairs with the acquiring API: spin_lock_irqsave() is
/// undone by spin_unlock_irqrestore(), not by the family's first release.
const mt::ApiEntry *releaserFor(const mt::Acquisition &A,
                                const mt::RuleSet &Rules) {
  std::string Paired = A.Api;
  for (auto [From, To] :
       {std::pair<llvm::StringRef, llvm::StringRef>{"lock", "unlock"},
        {"irqsave", "irqrestore"}})
    if (size_t At = Paired.find(From.str()); At != std::string::npos)
      Paired.replace(At, From.size(), To.str());
  if (const mt::ApiEntry *Entry = Rules.lookup(Paired);
      Entry && Entry->Family == A.Family &&
      (Entry->Kind == mt::ApiKind::Release ||
       Entry->Kind == mt::ApiKind::Deallocator))
    return Entry;
  return Rules.releaserOf(A.Family);
}

/// "-ENOMEM", "NULL" and "false" read as they are; an expression is quoted.
std::string returnedValue(llvm::StringRef Text) {
  bool Constant = !Text.empty() && llvm::all_of(Text, [](char C) {
    return C == '-' || C == '_' || llvm::isUpper(C) || llvm::isDigit(C);
  });
  if (Constant || Text == "false" || Text.contains(" (in '"))
    return Text.str();
  return "'" + Text.str() + "'";
}

/// "allocated by 'kzalloc'", "locked by 'mutex_lock'"; a helper of this
/// file that takes a lock for its caller is named itself.
std::string acquiredPhrase(const mt::Acquisition &A) {
  if (A.Resource == "context")
    return "entered";
  if (A.From == mt::Acquisition::Origin::External)
    return "returned by '" + A.Api + "'";
  llvm::StringRef Api =
      A.From == mt::Acquisition::Origin::Callee ? A.InnerApi : A.Api;
  return (mt::acquiredVerb(A.Resource) + " by '" + Api + "'").str();
}

/// Code that runs once, to set up what the program keeps until it ends:
/// main() and the kernel's __init functions.
bool runsOnceAtStart(const FunctionDecl &Function) {
  if (Function.isMain())
    return true;
  const auto *Section = Function.getAttr<SectionAttr>();
  return Section && Section->getName().starts_with(".init");
}

/// Whether \p Body reads \p Global, rather than only assigning it.
bool readsGlobal(const Stmt *Body, const VarDecl *Global) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *Global;
    unsigned References = 0, Assignments = 0;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      References += Ref->getDecl() == Global;
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (Op->getOpcode() == BO_Assign)
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParenImpCasts()))
          Assignments += Ref->getDecl() == Global;
      return true;
    }
  } F;
  F.Global = Global;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.References > F.Assignments;
}

std::string indentationOf(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
  llvm::StringRef Buffer = SM.getBufferData(File);
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Prefix = Buffer.slice(LineStart, Offset);
  return Prefix.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

/// The rewrite of "return -E;" into "ret = -E; goto label;" (or "goto
/// label;" when the error is in the label's variable already).
FixItHint unwindFixIt(const ReturnStmt *Return, const mt::UnwindFix &Fix,
                      ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // The return must be written in the file; its value may end in a macro
  // (-EINVAL).
  if (Return->getBeginLoc().isMacroID())
    return {};
  SourceLocation End = SM.getExpansionRange(Return->getEndLoc()).getEnd();
  if (SM.getFileID(End) != SM.getFileID(Return->getBeginLoc()))
    return {};
  SourceLocation AfterSemi =
      Lexer::findLocationAfterToken(End, tok::semi, SM, LO,
                                    /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (AfterSemi.isInvalid())
    return {};
  std::string Goto = "goto " + std::string(Fix.Label->getName()) + ";";
  std::string Text = Goto;
  if (!Fix.ErrorVariable.empty()) {
    std::string Assign = Fix.ErrorVariable + " = " + Fix.ErrorText + ";";
    DynTypedNodeList Parents = Ctx.getParents(*Return);
    bool InBlock = !Parents.empty() && Parents[0].get<CompoundStmt>();
    Text = InBlock
               ? Assign + "\n" + indentationOf(Return->getBeginLoc(), SM) + Goto
               : "{ " + Assign + " " + Goto + " }";
  }
  return FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Return->getBeginLoc(), AfterSemi), Text);
}

} // namespace

LeakOnErrorPathCheck::LeakOnErrorPathCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      MaxPathStates(std::max(1u, Options.get("MaxPathStates", 32u))),
      SuccessExitResources(
          Options.get("SuccessExitResources", "memory;file;fd")) {
  llvm::SmallVector<llvm::StringRef, 4> Kinds;
  llvm::StringRef(SuccessExitResources).split(Kinds, ';', -1, false);
  for (llvm::StringRef Kind : Kinds)
    SuccessKinds.push_back(Kind.trim().str());
}

void LeakOnErrorPathCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
  Options.store(Opts, "SuccessExitResources", SuccessExitResources);
}

void LeakOnErrorPathCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
  // The globals a path assumes are settled by every file's view of them.
  if (mt::SummaryStore::instance().collecting())
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void LeakOnErrorPathCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *TU = Result.Nodes.getNodeAs<TranslationUnitDecl>("tu")) {
    mt::exportGlobalFacts(*TU);
    return;
  }
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  ASTContext &Ctx = *Result.Context;
  SourceManager &SM = Ctx.getSourceManager();
  mt::OwnershipAnalyzer &Analyzer =
      mt::OwnershipAnalyzer::shared(*Rules, Ctx, MaxPathStates);
  Analyzer.exportSummary(Function);
  const std::optional<mt::FunctionOwnership> &Ownership =
      Analyzer.analyze(Function);
  if (!Ownership)
    return;
  // The process ends there: the system reclaims everything.
  bool IsMain = Function->isMain();

  bool Collecting = mt::SummaryStore::instance().collecting();

  for (const mt::ExitLeak &Leak : Ownership->Leaks) {
    const mt::Acquisition &A = Ownership->Acquisitions[Leak.Acq];
    // wasm.h's owned values are memtidy-wasm-capi-ownership's.
    if (A.Resource == "wasm-own")
      continue;
    bool Error = Leak.Kind == mt::ExitKind::Error;
    // Handed to functions of other files: a leak only if their summaries
    // say they merely borrow it.
    bool NeedsCallees = Leak.Deferred || (!Error && Leak.Lent);
    bool NeedsGlobals = Collecting && !Leak.Assumes.empty();
    // The result of another file's function: a leak only if that function
    // returns a new resource of a kind reported here.
    bool External = A.From == mt::Acquisition::Origin::External;
    if (NeedsCallees &&
        (!Collecting || Leak.LentElsewhere || Leak.Handoffs.empty()))
      continue;
    if (!Error &&
        (IsMain || A.isLockLike() ||
         (!External && !llvm::is_contained(SuccessKinds, A.Resource))))
      continue;
    SourceLocation Where =
        Leak.Return ? mt::reportLocation(Leak.Return->getBeginLoc(), SM)
                    : Function->getBody()->getEndLoc();
    mt::Acquisition AtExit = A;
    if (!Leak.HeldAs.empty())
      AtExit.Holder = Leak.HeldAs;
    std::string Subject = subjectOf(AtExit);
    llvm::StringRef Released = mt::releasedVerb(A.Resource);
    std::string How;
    if (Leak.Fix)
      How = "; jump to '" + std::string(Leak.Fix->Label->getName()) +
            "', which releases it";
    else if (const mt::ApiEntry *Releaser = releaserFor(A, *Rules))
      How = "; call '" + Releaser->Name + "' on this path";

    std::vector<const mt::Handoff *> Callees;
    std::string Borrowers;
    if (NeedsCallees) {
      for (unsigned H : Leak.Handoffs)
        Callees.push_back(&Ownership->Handoffs[H]);
      llvm::SmallVector<std::string, 2> Names;
      for (const mt::Handoff *H : Callees)
        if (std::string Name = "'" + H->Callee->getNameAsString() + "'";
            !llvm::is_contained(Names, Name))
          Names.push_back(Name);
      Borrowers = llvm::join(Names, ", ") +
                  (Names.size() == 1 ? " only borrows it" : " only borrow it");
    }

    std::string Message;
    if (Error) {
      std::string When =
          Leak.Returning.empty()
              ? std::string("on this error path")
              : "when returning " + returnedValue(Leak.Returning);
      Message = (Subject + " " + acquiredPhrase(A) + " is not " + Released +
                 " " + When + (NeedsCallees ? ": " + Borrowers : "") + How)
                    .str();
    } else if (NeedsCallees) {
      Message = Subject + " " + acquiredPhrase(A) + " is never " +
                Released.str() + ": " + Borrowers +
                ", and the function still owns it when it returns";
    } else {
      Message = Subject + " " + acquiredPhrase(A) + " is never " +
                Released.str() +
                ": the function still owns it when it returns, and no path "
                "hands it on";
    }

    // Notes in causal order: acquired, handed to other files' functions,
    // the failure detected, the jump into the unwind code, the return.
    struct Note {
      SourceLocation Loc;
      SourceRange Range;
      std::string Text;
    };
    std::vector<Note> Notes;
    SourceLocation AcquiredAt = mt::reportLocation(A.Site->getBeginLoc(), SM);
    Notes.push_back({AcquiredAt, A.Site->getSourceRange(),
                     subjectOf(A) + " " + acquiredPhrase(A) + " here"});
    if (A.InnerReturn)
      Notes.push_back(
          {mt::reportLocation(A.InnerReturn->getBeginLoc(), SM),
           A.InnerReturn->getSourceRange(),
           "'" + A.Api + "' returns the result of '" + A.InnerApi + "' here"});
    for (const mt::Handoff *H : Callees)
      Notes.push_back({mt::reportLocation(H->Call->getBeginLoc(), SM),
                       H->Call->getSourceRange(),
                       (H->Steps.empty() ? "passed to '" : "handed to '") +
                           H->Callee->getNameAsString() + "' here"});
    auto After = [&](SourceLocation Loc) {
      return SM.isBeforeInTranslationUnit(AcquiredAt, Loc);
    };
    if (Leak.FailureBranch &&
        After(mt::reportLocation(Leak.FailureBranch->getBeginLoc(), SM)))
      Notes.push_back(
          {mt::reportLocation(Leak.FailureBranch->getBeginLoc(), SM),
           Leak.FailureBranch->getSourceRange(), "error detected here"});
    if (Leak.Goto && After(mt::reportLocation(Leak.Goto->getBeginLoc(), SM)))
      Notes.push_back(
          {mt::reportLocation(Leak.Goto->getBeginLoc(), SM),
           Leak.Goto->getSourceRange(),
           "jumps to '" + Leak.Goto->getLabel()->getName().str() + "' here"});
    Notes.push_back(
        {Where, SourceRange(),
         (Function->getName().empty()
              ? std::string("the function")
              : "'" + Function->getNameAsString() + "'") +
             " returns here with " + Subject + " still " +
             (A.isLockLike() ? (A.Resource == "lock" ? "held" : "entered")
                             : "owned")});

    if (NeedsCallees || NeedsGlobals || External) {
      const LangOptions &LO = Ctx.getLangOpts();
      mt::PendingFinding P;
      P.Condition = NeedsCallees ? mt::PendingFinding::CalleesBorrow
                                 : mt::PendingFinding::Always;
      if (External) {
        P.FreshFrom = mt::usrOf(cast<CallExpr>(A.Site)->getDirectCallee());
        if (P.FreshFrom.empty())
          continue;
        P.FreshFromName = A.Api;
        if (!Error)
          P.FreshResources = SuccessKinds;
      }
      for (const auto &[Var, NonZero] : Leak.Assumes) {
        std::string Usr = mt::usrOf(Var);
        if (Usr.empty())
          continue;
        SourceLocation Declared =
            SM.getExpansionLoc(Var->getCanonicalDecl()->getLocation());
        // Only a header says where the program's support sources are.
        std::string DeclaredIn;
        if (OptionalFileEntryRef File =
                SM.getFileEntryRefForID(SM.getFileID(Declared));
            File && !SM.isInMainFile(Declared))
          DeclaredIn = File->getFileEntry().tryGetRealPathName().str();
        P.Assumes.push_back({std::move(Usr), NonZero, Var->getNameAsString(),
                             std::move(DeclaredIn)});
      }
      P.Check = getID().str();
      P.CPlusPlus = LO.CPlusPlus;
      for (const mt::Handoff *H : Callees) {
        mt::PendingFinding::Handoff To;
        To.Callee = mt::usrOf(H->Callee);
        if (To.Callee.empty())
          continue;
        To.CalleeName = H->Callee->getNameAsString();
        To.Input.Param = H->Param;
        To.Input.Steps = H->Steps;
        P.Handoffs.push_back(std::move(To));
      }
      if (P.Handoffs.size() != Callees.size())
        continue;
      SourceRange At = Leak.Return ? Leak.Return->getSourceRange()
                                   : SourceRange(Where, Where);
      P.Warning = {mt::fileRangeOf(At, SM, LO), Message};
      for (const Note &N : Notes)
        P.Notes.push_back(
            {mt::fileRangeOf(N.Range.isValid() ? N.Range
                                               : SourceRange(N.Loc, N.Loc),
                             SM, LO),
             N.Text});
      mt::SummaryStore::instance().addPending(std::move(P));
      continue;
    }

    {
      auto D = diag(Where, "%0") << Message;
      if (Error && Leak.Return)
        D << Leak.Return->getSourceRange();
      if (Error && Leak.Fix && Leak.Return)
        D << unwindFixIt(Leak.Return, *Leak.Fix, Ctx);
    }
    for (const Note &N : Notes) {
      auto D = diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Text;
      if (N.Range.isValid())
        D << N.Range;
    }
  }

  // Memory or a FILE moved into a global is leaked if no function of any
  // file ever releases, keeps or hands on what the global holds. Set-up code
  // that keeps memory for the life of the program, and stores that test or
  // replace the global's old value (lazy initialization), are left alone.
  if (Collecting && !runsOnceAtStart(*Function))
    for (const mt::FunctionOwnership::GlobalStore &Store :
         Ownership->GlobalStores)
      pendNeverReleased(*Function, *Ownership, Store, Ctx);
}

void LeakOnErrorPathCheck::pendNeverReleased(
    const FunctionDecl &Function, const mt::FunctionOwnership &Ownership,
    const mt::FunctionOwnership::GlobalStore &Store, ASTContext &Ctx) {
  const mt::Acquisition &A = Ownership.Acquisitions[Store.Acq];
  // Globals that hold descriptors are integers, which summaries do not
  // follow.
  bool Memory = A.Resource == "memory";
  if ((!Memory && A.Resource != "file") ||
      !llvm::is_contained(SuccessKinds, A.Resource) ||
      (A.From != mt::Acquisition::Origin::Api &&
       A.From != mt::Acquisition::Origin::Wrapper))
    return;
  if (llvm::any_of(Ownership.Releases, [&](const mt::ReleaseSite &R) {
        return R.Acq == Store.Acq;
      }))
    return;
  if (readsGlobal(Function.getBody(), Store.Global))
    return;
  std::string Usr = mt::usrOf(Store.Global);
  if (Usr.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  mt::PendingFinding P;
  P.Condition = mt::PendingFinding::GlobalNeverReleased;
  P.Check = getID().str();
  P.CPlusPlus = LO.CPlusPlus;
  P.Input.IsGlobal = true;
  P.Input.Global = std::move(Usr);
  std::string Global = Store.Global->getNameAsString();
  std::string How;
  if (const mt::ApiEntry *Releaser = releaserFor(A, *Rules))
    How = "; call '" + Releaser->Name + "' on it when it is no longer needed";
  // Stored straight from the allocation, the resource has no name of its
  // own, and one location says it all.
  bool Direct = A.Holder.empty();
  std::string Subject =
      (Direct ? (Memory ? "memory" : "a file") : subjectOf(A)) + " " +
      acquiredPhrase(A);
  P.Warning = {mt::fileRangeOf(Store.Store->getSourceRange(), SM, LO),
               Subject + " is stored in '" + Global + "', which no function " +
                   (Memory ? "frees" : "closes") + " or hands on" + How};
  if (!Direct) {
    P.Notes.push_back(
        {mt::fileRangeOf(A.Site->getSourceRange(), SM, LO), Subject + " here"});
    P.Notes.push_back({mt::fileRangeOf(Store.Store->getSourceRange(), SM, LO),
                       "stored in '" + Global + "' here"});
  }
  mt::SummaryStore::instance().addPending(std::move(P));
}

void LeakOnErrorPathCheck::onEndOfTranslationUnit() {
  mt::OwnershipAnalyzer::releaseShared();
}

} // namespace clang::tidy::memtidy
