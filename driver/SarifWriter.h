//===--- SarifWriter.h - SARIF 2.1.0 output ---------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One SARIF run per invocation, shaped for GitHub code scanning: every rule
// with its help, repository-relative URIs under %SRCROOT%, UTF-16 columns,
// line-hash fingerprints computed as upload-sarif would, notes as related
// locations and as a code flow, fix-its as fixes, and a notification per
// file that could not be analyzed.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_DRIVER_SARIFWRITER_H
#define MEMTIDY_DRIVER_SARIFWRITER_H

#include "Findings.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace memtidy {

struct FileFailure {
  std::string Path;
  std::string Message;
};

struct SarifRun {
  std::vector<std::string> RuleIds; ///< Every check that ran, sorted.
  std::vector<Finding> Findings;
  std::vector<FileFailure> Failures;
  std::string SourceRoot; ///< Absolute directory; URIs below it are relative.
  std::string Category;   ///< automationDetails.id is "<Category>/".
  std::string WorkingDirectory;
  std::vector<std::string> Arguments;
};

void writeSarif(llvm::raw_ostream &OS, const SarifRun &Run,
                SourceCache &Sources);

/// GitHub's primaryLocationLineHash of every line of \p Text, in order.
std::vector<std::string> lineHashes(llvm::StringRef Text);

} // namespace memtidy

#endif // MEMTIDY_DRIVER_SARIFWRITER_H
