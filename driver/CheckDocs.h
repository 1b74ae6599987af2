//===--- CheckDocs.h - Rule metadata from the check docs --------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Each check's page in docs/checks/ is compiled into the driver. Its front
// matter carries what SARIF consumers need about the rule (name, short
// description, level, precision, severities, tags) and its body becomes the
// rule's help, so the docs are the single source of rule metadata.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_DRIVER_CHECKDOCS_H
#define MEMTIDY_DRIVER_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace memtidy {

struct RuleDoc {
  std::string Id;               ///< memtidy-unchecked-alloc
  std::string Name;             ///< UncheckedAllocation
  std::string ShortDescription; ///< One line.
  std::string FullDescription;  ///< The page's first paragraph.
  std::string Markdown;         ///< The page without its front matter.
  std::string HelpUri;
  std::string Level = "warning";
  std::string Precision = "high";
  std::string ProblemSeverity = "warning";
  std::string SecuritySeverity; ///< Empty for non-security rules.
  std::vector<std::string> Tags;
};

/// The documentation of check \p CheckId, or nothing if it has no page.
std::optional<RuleDoc> ruleDocFor(llvm::StringRef CheckId);

/// Parses one page; \p Error says what is wrong with its front matter.
std::optional<RuleDoc> parseRuleDoc(llvm::StringRef CheckId,
                                    llvm::StringRef Page, std::string &Error);

} // namespace memtidy

#endif // MEMTIDY_DRIVER_CHECKDOCS_H
