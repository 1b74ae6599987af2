//===--- SummaryLocations.cpp - Summaries meet the AST --------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SummaryLocations.h"
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

} // namespace memtidy
