//===--- MacroChain.cpp - The macros a token comes from -------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "MacroChain.h"

#include "clang/Lex/Lexer.h"

using namespace clang;

namespace memtidy {

/// Deeper chains do not occur in real headers; the bound keeps a corrupt
/// location from looping.
constexpr unsigned MaxMacroDepth = 64;

void forEachMacroInstance(
    SourceLocation Loc, const SourceManager &SM, const LangOptions &LO,
    llvm::function_ref<bool(llvm::StringRef, SourceLocation)> Visit) {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < MaxMacroDepth; ++Depth) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    SourceLocation Instance = SM.getImmediateExpansionRange(Loc).getBegin();
    if (!Visit(Lexer::getImmediateMacroName(Loc, SM, LO), Instance))
      return;
    Loc = Instance;
  }
}

bool isFromInstance(SourceLocation Loc, SourceLocation Instance,
                    const SourceManager &SM) {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < MaxMacroDepth; ++Depth) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    SourceLocation Caller = SM.getImmediateExpansionRange(Loc).getBegin();
    if (Caller == Instance)
      return true;
    Loc = Caller;
  }
  return false;
}

} // namespace memtidy
