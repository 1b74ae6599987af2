//===--- GfpMisuseCheck.cpp - memtidy -------------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Calls that take a GFP mask (rule-pack allocators, and sleeping APIs with a
// "gfp" argument such as usb_submit_urb) are checked one by one; ORs of
// masks where they are passed, initialized or assigned (top-down: a parent
// map of a kernel translation unit costs more than the rest of the check);
// and functions with a gfp_t parameter
// path by path, so that a memalloc_nofs_save() scope or a
// gfpflags_allow_blocking() test can excuse a hard-coded GFP_KERNEL.
//
//===----------------------------------------------------------------------===//

#include "GfpMisuseCheck.h"
#include "support/ApiCalls.h"
#include "support/ExecutionContext.h"
#include "support/MacroChain.h"
#include "support/PathSensitive.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

/// The masks of the kernel's process-context and atomic allocations.
constexpr llvm::StringLiteral KernelMask = "GFP_KERNEL";
constexpr llvm::StringLiteral AtomicMask = "GFP_ATOMIC";

/// The entry of a call that takes a GFP mask, or null.
const mt::ApiEntry *maskedEntry(const CallExpr *Call,
                                const mt::RuleSet &Rules) {
  for (mt::EntryGroup Group : {mt::EntryGroup::Resource, mt::EntryGroup::Sleep})
    if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules, Group);
        Entry && mt::gfpArgument(Call, *Entry))
      return Entry;
  return nullptr;
}

/// A complete mask (GFP_KERNEL, GFP_ATOMIC) written in an expression: the
/// outermost one of each macro chain, once per invocation.
struct SpelledMask {
  llvm::StringRef Name;
  SourceLocation Instance;
};

std::vector<SpelledMask> outermostMasks(const Expr *E,
                                        const mt::GfpFlags &Names,
                                        const ASTContext &Ctx) {
  struct Walker : RecursiveASTVisitor<Walker> {
    const mt::GfpFlags &Names;
    const ASTContext &Ctx;
    std::vector<SpelledMask> Out;
    Walker(const mt::GfpFlags &Names, const ASTContext &Ctx)
        : Names(Names), Ctx(Ctx) {}
    bool VisitExpr(Expr *Sub) {
      SpelledMask Outer;
      mt::forEachMacroInstance(
          Sub->getBeginLoc(), Ctx.getSourceManager(), Ctx.getLangOpts(),
          [&](llvm::StringRef Name, SourceLocation Instance) {
            if (llvm::is_contained(Names.SleepingMasks, Name) ||
                llvm::is_contained(Names.AtomicMasks, Name))
              Outer = {Name, Instance};
            return true;
          });
      if (!Outer.Name.empty() && llvm::none_of(Out, [&](const SpelledMask &M) {
            return M.Instance == Outer.Instance;
          }))
        Out.push_back(Outer);
      return true;
    }
  } W(Names, Ctx);
  W.TraverseStmt(const_cast<Expr *>(E));
  return W.Out;
}

/// True if \p E reads a gfp_t parameter of \p Function.
bool readsMaskParameter(const Expr *E, const FunctionDecl *Function) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const FunctionDecl *Function;
    bool Found = false;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
        Found |= Param->getDeclContext() == Function &&
                 mt::isGfpType(Param->getType());
      return !Found;
    }
  } F;
  F.Function = Function;
  F.TraverseStmt(const_cast<Expr *>(E));
  return F.Found;
}

/// The text of an argument as written, or "" inside a macro body.
CharSourceRange writtenRange(const Expr *E, const SourceManager &SM,
                             const LangOptions &LO) {
  return Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM, LO);
}

/// The most recent lock whose acquisition sleeps (a mutex, a semaphore)
/// when nothing atomic is held: proof of process context.
const mt::Hold *sleepingLock(const mt::ContextState &S) {
  if (S.atomicHold() || S.Sleepable)
    return nullptr;
  for (auto It = S.Holds.rbegin(); It != S.Holds.rend(); ++It)
    if (!It->Tentative && It->Entry && It->Entry->MaySleep &&
        mt::ContextTracker::isLock(*It))
      return &*It;
  return nullptr;
}

/// Walks one function with the execution-context tracker and notes, for
/// each candidate call, whether some path reaches it outside a memalloc
/// scope and a gfpflags_allow_blocking() test (hard-coded GFP_KERNEL), and
/// whether every path reaches it holding a sleeping lock (GFP_ATOMIC).
class FunctionMasks : public mt::PathClient<mt::ContextState> {
public:
  FunctionMasks(mt::ContextTracker &Tracker, const FunctionDecl *Function,
                const llvm::DenseSet<const CallExpr *> &HardCoded,
                const llvm::DenseSet<const CallExpr *> &Atomic)
      : Tracker(Tracker), Function(Function), HardCoded(HardCoded),
        Atomic(Atomic) {}

  llvm::DenseSet<const CallExpr *> Unexcused;
  llvm::DenseMap<const CallExpr *, mt::Hold> InProcessContext;
  llvm::DenseSet<const CallExpr *> MaybeAtomic;

  bool transfer(const CFGElement &Element, mt::ContextState &S) override {
    if (auto StmtElement = Element.getAs<CFGStmt>())
      if (const auto *Call = dyn_cast<CallExpr>(StmtElement->getStmt()))
        note(Call, S);
    Tracker.transfer(Element, Function, S);
    return true;
  }

  bool assume(const Expr *Cond, bool Taken, mt::ContextState &S) override {
    return Tracker.assume(Cond, Taken, Function, S);
  }

private:
  mt::ContextTracker &Tracker;
  const FunctionDecl *Function;
  const llvm::DenseSet<const CallExpr *> &HardCoded;
  const llvm::DenseSet<const CallExpr *> &Atomic;

  void note(const CallExpr *Call, const mt::ContextState &S) {
    if (HardCoded.count(Call) && !S.Sleepable && !S.holdOf("memalloc_nofs") &&
        !S.holdOf("memalloc_noio"))
      Unexcused.insert(Call);
    if (!Atomic.count(Call))
      return;
    const mt::Hold *Lock = sleepingLock(S);
    if (!Lock)
      MaybeAtomic.insert(Call);
    else
      InProcessContext.try_emplace(Call, *Lock);
  }
};

/// A boolean option as clang-tidy spells them.
bool isTrue(llvm::StringRef Value) {
  return Value.equals_insensitive("true") || Value == "1";
}

} // namespace

GfpMisuseCheck::GfpMisuseCheck(StringRef Name, ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      MaxPathStates(std::max(1u, Options.get("MaxPathStates", 32u))),
      ReportAtomicInProcessContext(
          isTrue(Options.get("ReportAtomicInProcessContext", "false"))) {}

GfpMisuseCheck::~GfpMisuseCheck() = default;

void GfpMisuseCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "MaxPathStates", MaxPathStates);
  Options.store(Opts, "ReportAtomicInProcessContext",
                ReportAtomicInProcessContext ? "true" : "false");
}

void GfpMisuseCheck::registerPPCallbacks(const SourceManager &SM,
                                         Preprocessor *PP, Preprocessor *) {
  if (!Rules)
    return;
  Flags = std::make_unique<mt::GfpFlagValues>(Rules->gfp(), SM);
  PP->addPPCallbacks(Flags->makeCallbacks());
}

void GfpMisuseCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(callExpr().bind("call"), this);
  // Masks stored for later: the call that uses them may see only a variable.
  Finder->addMatcher(varDecl(hasInitializer(expr().bind("mask"))), this);
  Finder->addMatcher(
      binaryOperator(isAssignmentOperator(), hasRHS(expr().bind("mask"))),
      this);
  // Functions that receive a mask from their callers.
  Finder->addMatcher(functionDecl(isDefinition(), hasAnyParameter(anything()))
                         .bind("function"),
                     this);
}

void GfpMisuseCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Flags)
    return;
  const SourceManager &SM = *Result.SourceManager;
  auto InMainFile = [&](SourceLocation Loc) {
    return SM.isInMainFile(SM.getExpansionLoc(Loc));
  };
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    if (InMainFile(Call->getBeginLoc()))
      checkCall(Call, *Result.Context);
  } else if (const auto *Mask = Result.Nodes.getNodeAs<Expr>("mask")) {
    if (InMainFile(Mask->getBeginLoc()))
      checkCombination(Mask, *Result.Context);
  } else if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (InMainFile(F->getLocation()) && !F->isDependentContext())
      checkFunctionMasks(F, *Result.Context);
  }
}

void GfpMisuseCheck::checkCall(const CallExpr *Call, ASTContext &Ctx) {
  const mt::ApiEntry *Entry = maskedEntry(Call, *Rules);
  if (!Entry)
    return;
  const Expr *Gfp = mt::gfpArgument(Call, *Entry);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const mt::GfpFlags &Names = Rules->gfp();
  std::string Api = mt::spelledApiName(Call, Ctx);

  // kmalloc(GFP_KERNEL, size): a mask where the size goes, and no mask
  // where the mask goes.
  if (!mt::looksLikeMask(Gfp, Names, Ctx)) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (Arg == Gfp || !mt::looksLikeMask(Arg, Names, Ctx))
        continue;
      CharSourceRange MaskText = writtenRange(Arg, SM, LO);
      CharSourceRange OtherText = writtenRange(Gfp, SM, LO);
      auto D = diag(mt::reportLocation(Arg->getBeginLoc(), SM),
                    "'%0' is passed the GFP mask '%1' as argument %2 and "
                    "'%3' as its mask; the arguments look swapped")
               << Api << Lexer::getSourceText(MaskText, SM, LO) << (I + 1)
               << Lexer::getSourceText(OtherText, SM, LO)
               << Arg->getSourceRange();
      if (MaskText.isValid() && OtherText.isValid() &&
          SM.isInMainFile(MaskText.getBegin()) &&
          SM.isInMainFile(OtherText.getBegin()))
        D << FixItHint::CreateReplacement(
                 MaskText, Lexer::getSourceText(OtherText, SM, LO))
          << FixItHint::CreateReplacement(
                 OtherText, Lexer::getSourceText(MaskText, SM, LO));
      return;
    }
  }

  checkCombination(Gfp, Ctx);

  // GFP_ATOMIC | __GFP_NOFAIL: the allocator cannot loop on reclaim.
  if (mt::hasNoFailFlag(Call, *Entry, *Rules, Ctx)) {
    mt::MaskValue Mask = mt::evaluateMask(
        Gfp, Ctx, [](const Expr *) -> std::optional<mt::MaskValue> {
          return std::nullopt;
        });
    if (Mask.isConstant() &&
        mt::allowsReclaim(Mask, Gfp, *Flags, Ctx) == mt::Reclaim::Forbidden) {
      llvm::StringRef Spelled = mt::spelledMask(Gfp, Names, Ctx);
      diag(mt::reportLocation(Gfp->getBeginLoc(), SM),
           "%0 with %1, which cannot sleep: without direct reclaim '%2' "
           "cannot retry until it succeeds; use a mask that may sleep, or "
           "drop %0 and handle the failure")
          << Names.NoFail
          << (Spelled.empty() ? "a mask without " + Names.DirectReclaim
                              : Spelled.str())
          << Api << Gfp->getSourceRange();
    }
  }
}

void GfpMisuseCheck::checkCombination(const Expr *Mask, ASTContext &Ctx) {
  const auto *Or = dyn_cast<BinaryOperator>(Mask->IgnoreParenCasts());
  if (!Or || Or->getOpcode() != BO_Or || !mt::isGfpType(Or->getType()))
    return;
  const mt::GfpFlags &Names = Rules->gfp();
  std::vector<SpelledMask> Masks = outermostMasks(Or, Names, Ctx);
  auto Find = [&](const std::vector<std::string> &List) {
    return llvm::find_if(Masks, [&](const SpelledMask &M) {
      return llvm::is_contained(List, M.Name);
    });
  };
  auto Atomic = Find(Names.AtomicMasks);
  auto Sleeping = Find(Names.SleepingMasks);
  if (Atomic == Masks.end() || Sleeping == Masks.end())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  diag(mt::reportLocation(Or->getBeginLoc(), SM),
       "GFP mask combines %0, which must not sleep, with %1, which may: the "
       "result may sleep; use one of them")
      << Atomic->Name << Sleeping->Name << Or->getSourceRange();
}

void GfpMisuseCheck::checkFunctionMasks(const FunctionDecl *Function,
                                        ASTContext &Ctx) {
  const ParmVarDecl *MaskParam = nullptr;
  for (const ParmVarDecl *Param : Function->parameters())
    if (mt::isGfpType(Param->getType()) && !Param->getName().empty()) {
      MaskParam = Param;
      break;
    }
  if (!MaskParam && !ReportAtomicInProcessContext)
    return;
  // The calls that spell GFP_KERNEL rather than use the parameter, and
  // those that spell GFP_ATOMIC.
  struct Finder : RecursiveASTVisitor<Finder> {
    const mt::RuleSet &Rules;
    const FunctionDecl *Function;
    const ASTContext &Ctx;
    bool HardCodedWanted, AtomicWanted;
    llvm::DenseSet<const CallExpr *> HardCoded, Atomic;
    std::vector<const CallExpr *> Ordered;
    Finder(const mt::RuleSet &Rules, const FunctionDecl *Function,
           const ASTContext &Ctx, bool HardCodedWanted, bool AtomicWanted)
        : Rules(Rules), Function(Function), Ctx(Ctx),
          HardCodedWanted(HardCodedWanted), AtomicWanted(AtomicWanted) {}
    bool VisitCallExpr(CallExpr *Call) {
      const mt::ApiEntry *Entry = maskedEntry(Call, Rules);
      if (!Entry)
        return true;
      const Expr *Gfp = mt::gfpArgument(Call, *Entry);
      llvm::StringRef Spelled = mt::spelledMask(Gfp, Rules.gfp(), Ctx);
      bool Found = false;
      if (HardCodedWanted && Spelled == KernelMask &&
          !readsMaskParameter(Gfp, Function))
        Found = HardCoded.insert(Call).second;
      else if (AtomicWanted && Spelled == AtomicMask)
        Found = Atomic.insert(Call).second;
      if (Found)
        Ordered.push_back(Call);
      return true;
    }
  } Candidates(*Rules, Function, Ctx, MaskParam != nullptr,
               ReportAtomicInProcessContext);
  Candidates.TraverseStmt(Function->getBody());
  if (Candidates.Ordered.empty())
    return;

  std::unique_ptr<CFG> Graph = mt::buildAnalysisCFG(Function, Ctx);
  if (!Graph)
    return;
  mt::ContextTracker Tracker(*Rules, Ctx);
  FunctionMasks Client(Tracker, Function, Candidates.HardCoded,
                       Candidates.Atomic);
  mt::PathSensitiveAnalysis<mt::ContextState> Engine(*Graph, Ctx,
                                                     MaxPathStates);
  if (!Engine.run(Client, mt::ContextState()))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CallExpr *Call : Candidates.Ordered) {
    const Expr *Gfp = mt::gfpArgument(Call, *maskedEntry(Call, *Rules));
    SourceLocation Loc = mt::reportLocation(Gfp->getBeginLoc(), SM);
    if (Client.Unexcused.count(Call)) {
      diag(Loc, "'%0' is passed %1, but %2 receives the GFP mask '%3' from "
                "its callers, which may forbid sleeping, I/O or file system "
                "calls; pass '%3' (or a mask derived from it)")
          << mt::spelledApiName(Call, Ctx) << KernelMask << Function
          << MaskParam->getName() << Gfp->getSourceRange();
      diag(MaskParam->getLocation(), "'%0' is declared here",
           DiagnosticIDs::Note)
          << MaskParam->getName();
      continue;
    }
    auto Lock = Client.InProcessContext.find(Call);
    if (Lock == Client.InProcessContext.end() || Client.MaybeAtomic.count(Call))
      continue;
    diag(Loc, "'%0' is passed %1 %2, so it runs in process context: %3 may "
              "sleep here and fails less often")
        << mt::spelledApiName(Call, Ctx) << AtomicMask
        << Tracker.describe(Lock->second) << KernelMask
        << Gfp->getSourceRange();
    diag(Tracker.holdLocation(Lock->second), Tracker.takenHere(Lock->second),
         DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::memtidy
