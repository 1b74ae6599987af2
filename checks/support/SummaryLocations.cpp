//===--- SummaryLocations.cpp - Summaries meet the AST --------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SummaryLocations.h"
#include "Conditions.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Index/USRGeneration.h"

#include "clang/Basic/FileManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace memtidy {

std::vector<std::string> stepNames(const AccessPath &P, size_t From) {
  std::vector<std::string> Names;
  for (size_t I = From; I < P.steps().size(); ++I)
    Names.push_back(P.steps()[I].Field ? P.steps()[I].Field->getName().str()
                                       : "*");
  return Names;
}

FileRange fileRangeOf(SourceRange Range, const SourceManager &SM,
                      const LangOptions &LO) {
  SourceLocation Begin = SM.getFileLoc(Range.getBegin());
  SourceLocation End =
      Lexer::getLocForEndOfToken(SM.getFileLoc(Range.getEnd()), 0, SM, LO);
  FileRange R;
  if (auto Entry = SM.getFileEntryRefForID(SM.getFileID(Begin))) {
    llvm::SmallString<256> Path(Entry->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    R.File = std::string(Path);
  }
  R.Offset = SM.getFileOffset(Begin);
  R.Length = End.isValid() && SM.getFileID(End) == SM.getFileID(Begin)
                 ? SM.getFileOffset(End) - R.Offset
                 : 0;
  return R;
}

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buffer;
  if (index::generateUSRForDecl(D, Buffer))
    return "";
  return std::string(Buffer);
}

SourceLocation locationOf(const FileRange &R, SourceManager &SM) {
  auto Entry = SM.getFileManager().getOptionalFileRef(R.File);
  if (!Entry)
    return {};
  FileID File = SM.getOrCreateFileID(*Entry, SrcMgr::C_User);
  return SM.getComposedLoc(File, R.Offset);
}

void exportGlobalFacts(const TranslationUnitDecl &TU) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    std::map<const VarDecl *, GlobalFact> Facts;
    ASTContext &Ctx;
    explicit Visitor(ASTContext &Ctx) : Ctx(Ctx) {}

    static bool isTracked(const VarDecl *Var) {
      return Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
             Var->isExternallyVisible() &&
             Var->getType()->isIntegralOrEnumerationType();
    }
    void written(const Expr *E) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); isTracked(Var))
          Facts[Var->getCanonicalDecl()].Written = true;
    }
    bool VisitVarDecl(VarDecl *Var) {
      if (Var->hasGlobalStorage() && !Var->isStaticLocal() &&
          Var->getType()->isPointerType() && !Var->isInvalidDecl() &&
          Var->isThisDeclarationADefinition()) {
        GlobalFact &F = Facts[Var->getCanonicalDecl()];
        F.Defined = true;
        F.Shared = Var->isExternallyVisible();
      }
      if (!isTracked(Var) || Var->isInvalidDecl() ||
          !Var->isThisDeclarationADefinition())
        return true;
      GlobalFact &F = Facts[Var->getCanonicalDecl()];
      if (const Expr *Init = Var->getInit())
        if (auto Value = integerConstant(Init, Ctx))
          F.Value = *Value;
      if (!F.Value)
        F.Value = 0; // Static storage starts zeroed.
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp())
        written(B->getLHS());
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
        written(U->getSubExpr());
      // Through its address anything may release what a pointer holds.
      if (U->getOpcode() == UO_AddrOf)
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
              Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
              Var->getType()->isPointerType())
            Facts[Var->getCanonicalDecl()].Opaque = true;
      return true;
    }
  } V(TU.getASTContext());
  // Headers' inline functions rarely write a program's flags: reading them
  // all would cost as much as the rest of the check.
  const SourceManager &SM = TU.getASTContext().getSourceManager();
  for (Decl *D : TU.decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      V.TraverseDecl(D);
  for (auto &[Var, Fact] : V.Facts) {
    Fact.Usr = usrOf(Var);
    if (!Fact.Usr.empty())
      SummaryStore::instance().addGlobal(Fact);
  }
}

} // namespace memtidy
