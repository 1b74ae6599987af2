//===--- Suppression.h - NOLINT outside clang-tidy's path -------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Findings that are emitted after the run (pending cross-file findings) do
// not pass through clang-tidy's diagnostic consumer, so their NOLINT comments
// are honoured here, with clang-tidy's syntax: NOLINT, NOLINTNEXTLINE and
// NOLINTBEGIN/NOLINTEND, each optionally followed by "(check globs)".
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_SUPPRESSION_H
#define MEMTIDY_SUPPORT_SUPPRESSION_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace memtidy {

/// True if a NOLINT comment suppresses \p Check at \p Loc.
bool isSuppressedByNolint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef Check);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_SUPPRESSION_H
