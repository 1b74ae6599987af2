//===--- SummaryLocations.h - Summaries meet the AST ------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Summaries name places by file and offset and inputs by parameter and step
// names, so that they outlive their translation unit; checks convert to and
// from source locations and access paths here.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_SUMMARYLOCATIONS_H
#define MEMTIDY_SUPPORT_SUMMARYLOCATIONS_H

#include "AccessPath.h"
#include "Summaries.h"
#include "clang/Basic/SourceManager.h"

namespace memtidy {

/// The steps of \p P from \p From on, as an InputPath spells them: "*" for
/// a dereference, else the field's name.
std::vector<std::string> stepNames(const AccessPath &P, size_t From);

/// The USR that names \p D in every translation unit; empty if it has none.
std::string usrOf(const clang::Decl *D);

/// The file range of a source range, at the file locations of macros.
FileRange fileRangeOf(clang::SourceRange Range, const clang::SourceManager &SM,
                      const clang::LangOptions &LO);

/// A location in this translation unit's source manager for a range that
/// may come from another file (a summary file's note); invalid if the file
/// cannot be read.
clang::SourceLocation locationOf(const FileRange &R, clang::SourceManager &SM);

/// Tells the summary store which externally visible integer globals the
/// main file defines, with their constant initial values, and which it may
/// change: the facts that settle what pending findings assume of them; and
/// which pointer globals it defines and which have their address taken.
void exportGlobalFacts(const clang::TranslationUnitDecl &TU);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_SUMMARYLOCATIONS_H
