//===--- PathSensitive.cpp - Forward analysis over path states ------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PathSensitive.h"
#include "ApiCalls.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace memtidy {

bool dependsOnConfiguration(const Expr *Cond, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  auto IsConfigMacro = [](StringRef Name) {
    return Name.starts_with("CONFIG_") || Name == "IS_ENABLED" ||
           Name == "IS_BUILTIN" || Name == "IS_MODULE" ||
           Name == "IS_REACHABLE";
  };
  struct Finder : RecursiveASTVisitor<Finder> {
    const SourceManager &SM;
    const LangOptions &LO;
    std::function<bool(StringRef)> IsConfigMacro;
    bool Found = false;
    Finder(const SourceManager &SM, const LangOptions &LO,
           std::function<bool(StringRef)> IsConfigMacro)
        : SM(SM), LO(LO), IsConfigMacro(std::move(IsConfigMacro)) {}
    bool VisitExpr(Expr *E) {
      SourceLocation Loc = E->getBeginLoc();
      for (unsigned Depth = 0; Loc.isMacroID() && Depth < 32 && !Found;
           ++Depth) {
        Found = IsConfigMacro(Lexer::getImmediateMacroName(Loc, SM, LO));
        Loc = SM.getImmediateMacroCallerLoc(Loc);
      }
      return !Found;
    }
  } F(SM, LO, IsConfigMacro);
  F.TraverseStmt(const_cast<Expr *>(Cond));
  return F.Found;
}

std::unique_ptr<CFG> buildAnalysisCFG(const FunctionDecl *Function,
                                      ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.PruneTriviallyFalseEdges = false;
  Options.setAllAlwaysAdd();
  return CFG::buildCFG(Function, Function->getBody(), &Ctx, Options);
}

} // namespace memtidy
