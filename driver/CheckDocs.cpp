//===--- CheckDocs.cpp - Rule metadata from the check docs ----------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CheckDocs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#ifndef MEMTIDY_DOCS_URL
#define MEMTIDY_DOCS_URL ""
#endif

namespace memtidy {

namespace {

struct EmbeddedDoc {
  const char *Name;
  const char *Text;
};

const EmbeddedDoc CheckPages[] = {
#include "CheckDocs.inc"
};

} // namespace

std::optional<RuleDoc> parseRuleDoc(llvm::StringRef CheckId,
                                    llvm::StringRef Page, std::string &Error) {
  RuleDoc Doc;
  Doc.Id = CheckId.str();
  llvm::StringRef Rest = Page;
  if (!Rest.consume_front("---\n")) {
    Error = "the page does not start with front matter ('---')";
    return std::nullopt;
  }
  size_t End = Rest.find("\n---\n");
  if (End == llvm::StringRef::npos) {
    Error = "the front matter is not closed by '---'";
    return std::nullopt;
  }
  llvm::StringRef Front = Rest.take_front(End);
  Doc.Markdown = Rest.drop_front(End + 5).ltrim("\n").str();

  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Front.split(Lines, '\n', -1, false);
  for (llvm::StringRef Line : Lines) {
    auto [Key, Value] = Line.split(':');
    Key = Key.trim();
    Value = Value.trim();
    if (Key == "name")
      Doc.Name = Value.str();
    else if (Key == "short")
      Doc.ShortDescription = Value.str();
    else if (Key == "level")
      Doc.Level = Value.str();
    else if (Key == "precision")
      Doc.Precision = Value.str();
    else if (Key == "problem-severity")
      Doc.ProblemSeverity = Value.str();
    else if (Key == "security-severity")
      Doc.SecuritySeverity = Value.str();
    else if (Key == "tags") {
      llvm::SmallVector<llvm::StringRef, 8> Tags;
      Value.split(Tags, ',', -1, false);
      for (llvm::StringRef Tag : Tags)
        if (!Tag.trim().empty())
          Doc.Tags.push_back(Tag.trim().str());
    } else {
      Error = ("unknown front-matter key '" + Key + "'").str();
      return std::nullopt;
    }
  }
  if (Doc.Name.empty() || Doc.ShortDescription.empty()) {
    Error = "the front matter needs 'name' and 'short'";
    return std::nullopt;
  }
  // The first paragraph after the title describes the check in full.
  llvm::StringRef Body = Doc.Markdown;
  if (Body.starts_with("#"))
    Body = Body.split('\n').second;
  Body = Body.ltrim("\n");
  std::string Paragraph;
  while (!Body.empty()) {
    auto [Line, Tail] = Body.split('\n');
    if (Line.trim().empty())
      break;
    if (!Paragraph.empty())
      Paragraph += ' ';
    Paragraph += Line.trim().str();
    Body = Tail;
  }
  Doc.FullDescription = Paragraph.empty() ? Doc.ShortDescription : Paragraph;
  std::string Base = MEMTIDY_DOCS_URL;
  if (!Base.empty())
    Doc.HelpUri = Base + CheckId.drop_front(strlen("memtidy-")).str() + ".md";
  return Doc;
}

std::optional<RuleDoc> ruleDocFor(llvm::StringRef CheckId) {
  llvm::StringRef Short = CheckId;
  if (!Short.consume_front("memtidy-"))
    return std::nullopt;
  for (const EmbeddedDoc &Page : CheckPages) {
    if (Short != Page.Name)
      continue;
    std::string Error;
    return parseRuleDoc(CheckId, Page.Text, Error);
  }
  return std::nullopt;
}

} // namespace memtidy
