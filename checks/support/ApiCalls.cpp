//===--- ApiCalls.cpp - Classify calls with rule packs --------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ApiCalls.h"
#include "GfpMasks.h"
#include "MacroChain.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace memtidy {

const ApiEntry *lookupCallee(const CallExpr *Call, const RuleSet &Rules,
                             EntryGroup Group) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || isa<CXXMethodDecl>(Callee))
    return nullptr;
  const IdentifierInfo *Id = Callee->getIdentifier();
  if (!Id)
    return nullptr;
  llvm::StringRef Name = Id->getName();
  Name.consume_front("__builtin_");
  if (const ApiEntry *Entry = Rules.lookup(Name, Group))
    return Entry;
  if (!Callee->isInStdNamespace() &&
      !Callee->getDeclContext()->getRedeclContext()->isTranslationUnit()) {
    std::string Qualified = Callee->getQualifiedNameAsString();
    return Rules.lookup(Qualified, Group);
  }
  return nullptr;
}

MacroMatch lookupMacro(SourceLocation Loc, const RuleSet &Rules,
                       EntryGroup Group, const SourceManager &SM,
                       const LangOptions &LO) {
  MacroMatch Match;
  if (!Rules.hasMacroEntries() || !Loc.isMacroID())
    return Match;
  forEachMacroInstance(
      Loc, SM, LO, [&](llvm::StringRef Name, SourceLocation Instance) {
        if (const ApiEntry *Entry = Rules.lookup(Name, Group, /*Macro=*/true))
          Match = {Entry, Instance};
        return true;
      });
  return Match;
}

const ApiEntry *lookupNew(const CXXNewExpr *New, const RuleSet &Rules) {
  const FunctionDecl *Operator = New->getOperatorNew();
  if (Operator && Operator->isReservedGlobalPlacementOperator())
    return nullptr;
  std::string Name = New->isArray() ? "new[]" : "new";
  if (New->shouldNullCheckAllocation())
    Name += "(std::nothrow)";
  return Rules.lookup(Name);
}

bool spellsMacro(const Expr *E, llvm::StringRef Name, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  auto SpellsAt = [&](SourceLocation Loc) {
    for (unsigned Depth = 0; Loc.isMacroID() && Depth < 32; ++Depth) {
      if (Lexer::getImmediateMacroName(Loc, SM, LO) == Name)
        return true;
      Loc = SM.getImmediateMacroCallerLoc(Loc);
    }
    return false;
  };
  struct Finder : RecursiveASTVisitor<Finder> {
    std::function<bool(SourceLocation)> SpellsAt;
    bool Found = false;
    bool VisitExpr(Expr *Sub) {
      if (SpellsAt(Sub->getBeginLoc()) || SpellsAt(Sub->getEndLoc()))
        Found = true;
      return !Found;
    }
  } F;
  F.SpellsAt = SpellsAt;
  F.TraverseStmt(const_cast<Expr *>(E));
  return F.Found;
}

const Expr *gfpArgument(const CallExpr *Call, const ApiEntry &Entry) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  auto ParamIsGfp = [&](unsigned I) {
    return Callee && I < Callee->getNumParams() &&
           isGfpType(Callee->getParamDecl(I)->getType());
  };
  if (Entry.GfpArg && *Entry.GfpArg < Call->getNumArgs() &&
      (!Callee || ParamIsGfp(*Entry.GfpArg)))
    return Call->getArg(*Entry.GfpArg);
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (ParamIsGfp(I))
      return Call->getArg(I);
  if (Entry.GfpArg && *Entry.GfpArg < Call->getNumArgs())
    return Call->getArg(*Entry.GfpArg);
  return nullptr;
}

bool hasNoFailFlag(const CallExpr *Call, const ApiEntry &Entry,
                   const RuleSet &Rules, const ASTContext &Ctx) {
  if (Rules.gfp().NoFail.empty())
    return false;
  const Expr *Gfp = gfpArgument(Call, Entry);
  return Gfp && spellsMacro(Gfp, Rules.gfp().NoFail, Ctx);
}

llvm::SmallVector<unsigned, 4>
argumentsRequiringValidity(const CallExpr *Call, const RuleSet &Rules) {
  llvm::SmallVector<unsigned, 4> Indices;
  if (const ApiEntry *Entry = lookupCallee(Call, Rules)) {
    if (Entry->Kind == ApiKind::Dereferences)
      Indices.append(Entry->DerefArgs.begin(), Entry->DerefArgs.end());
    else if (Entry->Kind == ApiKind::Deallocator && Entry->RequiresValid &&
             Entry->PtrArg)
      Indices.push_back(*Entry->PtrArg);
  }
  if (const FunctionDecl *Callee = Call->getDirectCallee()) {
    for (const auto *NonNull : Callee->specific_attrs<NonNullAttr>()) {
      if (NonNull->args_size() == 0) {
        for (unsigned I = 0; I < Callee->getNumParams(); ++I)
          if (Callee->getParamDecl(I)->getType()->isPointerType())
            Indices.push_back(I);
        continue;
      }
      for (const ParamIdx &Idx : NonNull->args())
        Indices.push_back(Idx.getASTIndex());
    }
    for (unsigned I = 0; I < Callee->getNumParams(); ++I)
      if (Callee->getParamDecl(I)->hasAttr<NonNullAttr>())
        Indices.push_back(I);
  }
  llvm::sort(Indices);
  Indices.erase(std::unique(Indices.begin(), Indices.end()), Indices.end());
  while (!Indices.empty() && Indices.back() >= Call->getNumArgs())
    Indices.pop_back();
  return Indices;
}

std::string spelledApiName(const Expr *CallOrNew, const ASTContext &Ctx) {
  if (const auto *New = dyn_cast<CXXNewExpr>(CallOrNew)) {
    std::string Name = New->isArray() ? "new[]" : "new";
    if (New->shouldNullCheckAllocation())
      Name += " (std::nothrow)";
    return Name;
  }
  const auto *Call = cast<CallExpr>(CallOrNew);
  const SourceManager &SM = Ctx.getSourceManager();
  const FunctionDecl *Callee = Call->getDirectCallee();
  std::string FunctionName =
      Callee ? Callee->getNameAsString() : std::string("<call>");
  // Follow the callee token back through macro arguments: if it ends up in a
  // file, the programmer wrote the function's name. Otherwise it comes from
  // a macro body, and the programmer wrote the outermost macro.
  SourceLocation Loc = Call->getCallee()->getExprLoc();
  while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
    Loc = SM.getImmediateSpellingLoc(Loc);
  if (!Loc.isMacroID())
    return FunctionName;
  SourceLocation Expansion = SM.getExpansionLoc(Call->getBeginLoc());
  llvm::StringRef MacroName =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Expansion, Expansion),
                           SM, Ctx.getLangOpts());
  if (MacroName.empty() || !isAsciiIdentifierStart(MacroName.front()))
    return FunctionName;
  return MacroName.str();
}

/// Printf conversions that read a string: the indices of their arguments
/// among the variadic arguments, for %s without a precision.
std::vector<unsigned> stringConversions(llvm::StringRef Format) {
  std::vector<unsigned> Result;
  unsigned Arg = 0;
  for (size_t I = 0; I < Format.size(); ++I) {
    if (Format[I] != '%')
      continue;
    ++I;
    if (I < Format.size() && Format[I] == '%')
      continue;
    bool Precision = false;
    while (I < Format.size() && llvm::StringRef("-+ #0").contains(Format[I]))
      ++I;
    while (I < Format.size() &&
           (llvm::isDigit(Format[I]) || Format[I] == '*' || Format[I] == '.')) {
      if (Format[I] == '.')
        Precision = true;
      if (Format[I] == '*')
        ++Arg;
      ++I;
    }
    while (I < Format.size() && llvm::StringRef("hlLqjzt").contains(Format[I]))
      ++I;
    if (I >= Format.size())
      break;
    if (Format[I] == 's' && !Precision)
      Result.push_back(Arg);
    ++Arg;
  }
  return Result;
}

SourceLocation reportLocation(SourceLocation Loc, const SourceManager &SM) {
  if (!Loc.isMacroID())
    return Loc;
  return SM.getFileLoc(Loc);
}

} // namespace memtidy
