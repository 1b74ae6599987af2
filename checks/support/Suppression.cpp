//===--- Suppression.cpp - NOLINT outside clang-tidy's path ---------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Suppression.h"

#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace memtidy {

namespace {

/// Whether the text after a NOLINT marker ("", or "(globs)") covers Check.
bool coversCheck(llvm::StringRef After, llvm::StringRef Check) {
  if (!After.starts_with("("))
    return true;
  size_t Close = After.find(')');
  if (Close == llvm::StringRef::npos)
    return false;
  tidy::GlobList Globs(After.slice(1, Close));
  return Globs.contains(Check);
}

/// Finds Marker in Line, not followed by a longer marker's letters.
bool lineHas(llvm::StringRef Line, llvm::StringRef Marker,
             llvm::StringRef Check) {
  for (size_t Pos = Line.find(Marker); Pos != llvm::StringRef::npos;
       Pos = Line.find(Marker, Pos + 1)) {
    llvm::StringRef After = Line.substr(Pos + Marker.size());
    if (!After.empty() &&
        (llvm::isAlpha(After.front()) || After.front() == '_'))
      continue;
    if (coversCheck(After, Check))
      return true;
  }
  return false;
}

} // namespace

bool isSuppressedByNolint(const SourceManager &SM, SourceLocation Loc,
                          llvm::StringRef Check) {
  Loc = SM.getFileLoc(Loc);
  FileID File = SM.getFileID(Loc);
  bool Invalid = false;
  llvm::StringRef Text = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return false;
  unsigned Offset = SM.getFileOffset(Loc);
  size_t LineStart = Text.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Line = Text.substr(LineStart).split('\n').first;
  if (lineHas(Line, "NOLINT", Check))
    return true;
  if (LineStart > 0) {
    llvm::StringRef Before = Text.substr(0, LineStart - 1);
    size_t PrevStart = Before.rfind('\n');
    llvm::StringRef Prev =
        Before.substr(PrevStart == llvm::StringRef::npos ? 0 : PrevStart + 1);
    if (lineHas(Prev, "NOLINTNEXTLINE", Check))
      return true;
  }
  // Inside a NOLINTBEGIN ... NOLINTEND region for this check.
  int Depth = 0;
  llvm::StringRef Head = Text.substr(0, LineStart);
  while (!Head.empty()) {
    auto [Current, Rest] = Head.split('\n');
    if (lineHas(Current, "NOLINTBEGIN", Check))
      ++Depth;
    else if (lineHas(Current, "NOLINTEND", Check) && Depth > 0)
      --Depth;
    Head = Rest;
  }
  return Depth > 0;
}

} // namespace memtidy
