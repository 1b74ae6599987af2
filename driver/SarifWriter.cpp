//===--- SarifWriter.cpp - SARIF 2.1.0 output -----------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SarifWriter.h"
#include "CheckDocs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"
#include <map>

#ifndef MEMTIDY_VERSION
#define MEMTIDY_VERSION "0.0.0"
#endif

namespace memtidy {

namespace json = llvm::json;

std::vector<std::string> lineHashes(llvm::StringRef Text) {
  // upload-sarif hashes the file as UTF-16 code units: spaces and tabs are
  // skipped, CR and CRLF become LF, and each line's hash covers the next 100
  // remaining code units from its first one, as a polynomial in 37 with
  // 64-bit wrap-around. Equal hashes are numbered in order of appearance.
  constexpr unsigned Block = 100;
  constexpr uint64_t Base = 37;
  uint64_t FirstMod = 1;
  for (unsigned I = 0; I < Block; ++I)
    FirstMod *= Base;

  std::vector<std::string> Hashes;
  uint64_t Window[Block] = {};
  int64_t LineAt[Block];
  std::fill(std::begin(LineAt), std::end(LineAt), -1);
  uint64_t Hash = 0;
  unsigned Index = 0;
  int64_t LineNumber = 0;
  bool LineStart = true, PrevCR = false;
  llvm::StringMap<unsigned> Seen;

  auto Output = [&] {
    std::string Hex = llvm::utohexstr(Hash, /*LowerCase=*/true);
    unsigned Count = ++Seen[Hex];
    size_t Line = LineAt[Index];
    if (Hashes.size() < Line)
      Hashes.resize(Line);
    Hashes[Line - 1] = Hex + ":" + std::to_string(Count);
    LineAt[Index] = -1;
  };
  auto Update = [&](uint64_t Current) {
    uint64_t Begin = Window[Index];
    Window[Index] = Current;
    Hash = Base * Hash + Current - FirstMod * Begin;
    Index = (Index + 1) % Block;
  };
  auto Process = [&](uint32_t Current) {
    if (Current == ' ' || Current == '\t' || (PrevCR && Current == '\n')) {
      PrevCR = false;
      return;
    }
    if (Current == '\r') {
      Current = '\n';
      PrevCR = true;
    } else {
      PrevCR = false;
    }
    if (LineAt[Index] != -1)
      Output();
    if (LineStart) {
      LineStart = false;
      LineAt[Index] = ++LineNumber;
    }
    if (Current == '\n')
      LineStart = true;
    Update(Current);
  };

  // Decode UTF-8 into UTF-16 code units; invalid bytes become U+FFFD.
  const auto *Ptr = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  while (Ptr < End) {
    unsigned Length = llvm::getNumBytesForUTF8(*Ptr);
    llvm::UTF32 CodePoint = 0xFFFD;
    if (Ptr + Length <= End && llvm::isLegalUTF8Sequence(Ptr, Ptr + Length)) {
      const llvm::UTF8 *Source = Ptr;
      llvm::UTF32 *Target = &CodePoint;
      llvm::ConvertUTF8toUTF32(&Source, Ptr + Length, &Target, Target + 1,
                               llvm::lenientConversion);
      Ptr += Length;
    } else {
      ++Ptr;
    }
    if (CodePoint >= 0x10000) {
      CodePoint -= 0x10000;
      Process(0xD800 + (CodePoint >> 10));
      Process(0xDC00 + (CodePoint & 0x3FF));
    } else {
      Process(CodePoint);
    }
  }
  Process(0xFFFF);
  for (unsigned I = 0; I < Block; ++I) {
    if (LineAt[Index] != -1)
      Output();
    Update(0);
  }
  return Hashes;
}

namespace {

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/')
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, false, 2);
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsoluteDir) {
  std::string Uri = "file://" + percentEncode(AbsoluteDir);
  if (!llvm::StringRef(Uri).ends_with("/"))
    Uri += "/";
  return Uri;
}

class Writer {
public:
  Writer(const SarifRun &Run, SourceCache &Sources)
      : Run(Run), Sources(Sources) {}

  json::Value document() {
    json::Array Rules;
    for (const std::string &Id : Run.RuleIds)
      ruleIndex(Id);
    json::Array Results;
    for (const Finding &F : Run.Findings)
      Results.push_back(result(F));
    for (const std::string &Id : RuleOrder)
      Rules.push_back(rule(Id));

    json::Array Notifications;
    for (const FileFailure &Failure : Run.Failures)
      Notifications.push_back(json::Object{
          {"level", "error"},
          {"message", json::Object{{"text", Failure.Message}}},
          {"locations",
           json::Array{json::Object{
               {"physicalLocation",
                json::Object{
                    {"artifactLocation", artifactLocation(Failure.Path)}}}}}}});
    json::Object Invocation{
        {"executionSuccessful", Run.Failures.empty()},
        {"workingDirectory",
         json::Object{{"uri", fileUri(Run.WorkingDirectory)}}},
        {"arguments", json::Array(Run.Arguments)},
    };
    if (!Notifications.empty())
      Invocation["toolExecutionNotifications"] = std::move(Notifications);

    json::Object Driver{
        {"name", "memtidy"},
        {"semanticVersion", MEMTIDY_VERSION},
        {"version", MEMTIDY_VERSION},
        {"informationUri", "https://github.com/memtidy/memtidy"},
        {"rules", std::move(Rules)},
    };
    json::Object RunObject{
        {"tool", json::Object{{"driver", std::move(Driver)}}},
        {"automationDetails", json::Object{{"id", Run.Category + "/"}}},
        {"columnKind", "utf16CodeUnits"},
        {"originalUriBaseIds",
         json::Object{
             {"%SRCROOT%", json::Object{{"uri", fileUri(Run.SourceRoot)}}}}},
        {"invocations", json::Array{std::move(Invocation)}},
        {"results", std::move(Results)},
    };
    return json::Object{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::Array{std::move(RunObject)}},
    };
  }

private:
  const SarifRun &Run;
  SourceCache &Sources;
  std::vector<std::string> RuleOrder;
  llvm::StringMap<unsigned> RuleIndex;
  llvm::StringMap<std::vector<std::string>> HashesByFile;

  unsigned ruleIndex(const std::string &Id) {
    auto [It, Inserted] = RuleIndex.try_emplace(Id, RuleOrder.size());
    if (Inserted)
      RuleOrder.push_back(Id);
    return It->second;
  }

  json::Value rule(const std::string &Id) {
    std::optional<RuleDoc> Doc = ruleDocFor(Id);
    if (!Doc) {
      Doc = RuleDoc();
      Doc->Id = Id;
      Doc->Name = Id;
      Doc->ShortDescription = Doc->FullDescription = Doc->Markdown = Id;
    }
    json::Object Properties{
        {"tags", json::Array(Doc->Tags)},
        {"precision", Doc->Precision},
        {"problem.severity", Doc->ProblemSeverity},
    };
    if (!Doc->SecuritySeverity.empty())
      Properties["security-severity"] = Doc->SecuritySeverity;
    json::Object Rule{
        {"id", Id},
        {"name", Doc->Name},
        {"shortDescription", json::Object{{"text", Doc->ShortDescription}}},
        {"fullDescription", json::Object{{"text", Doc->FullDescription}}},
        {"help",
         json::Object{{"text", Doc->Markdown}, {"markdown", Doc->Markdown}}},
        {"defaultConfiguration", json::Object{{"level", Doc->Level}}},
        {"properties", std::move(Properties)},
    };
    if (!Doc->HelpUri.empty())
      Rule["helpUri"] = Doc->HelpUri;
    return Rule;
  }

  json::Object artifactLocation(const std::string &Path) {
    llvm::StringRef Root = Run.SourceRoot;
    llvm::StringRef P = Path;
    if (!Root.empty() && P.starts_with(Root) && P.size() > Root.size() &&
        (Root.ends_with("/") || P[Root.size()] == '/')) {
      llvm::StringRef Relative = P.drop_front(Root.size()).ltrim('/');
      return json::Object{{"uri", percentEncode(Relative)},
                          {"uriBaseId", "%SRCROOT%"}};
    }
    return json::Object{{"uri", "file://" + percentEncode(P)}};
  }

  json::Object region(const Position &P) {
    const SourceFile *File = Sources.get(P.Path);
    if (!File || P.Line == 0)
      return json::Object{{"startLine", std::max(P.Line, 1u)}};
    unsigned EndLine = P.EndLine ? P.EndLine : P.Line;
    unsigned EndColumn = P.EndLine ? P.EndColumn : P.Column;
    return json::Object{
        {"startLine", P.Line},
        {"startColumn", File->utf16Column(P.Line, P.Column)},
        {"endLine", EndLine},
        {"endColumn", File->utf16Column(EndLine, EndColumn)},
    };
  }

  json::Object physicalLocation(const Position &P) {
    return json::Object{{"artifactLocation", artifactLocation(P.Path)},
                        {"region", region(P)}};
  }

  std::string lineHash(const Position &P) {
    auto It = HashesByFile.find(P.Path);
    if (It == HashesByFile.end()) {
      const SourceFile *File = Sources.get(P.Path);
      It = HashesByFile
               .insert({P.Path, File ? lineHashes(File->text())
                                     : std::vector<std::string>()})
               .first;
    }
    if (P.Line == 0 || P.Line > It->second.size())
      return "";
    return It->second[P.Line - 1];
  }

  json::Value result(const Finding &F) {
    json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", ruleIndex(F.Check)},
        {"level", F.Level},
        {"message", json::Object{{"text", F.Message}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation", physicalLocation(F.Where)}}}},
    };
    // Remarks suggest a change where nothing is wrong yet (memory freed by
    // hand on every path): "informational" keeps them out of defect counts
    // that read the kind, while GitHub, which reads only the level, shows
    // them as notes.
    if (F.Level == "note")
      Result["kind"] = "informational";
    json::Object Fingerprints;
    std::string Hash = lineHash(F.Where);
    if (!Hash.empty())
      Fingerprints["primaryLocationLineHash"] = Hash;
    // A semantic key that survives edits to the flagged line itself as long
    // as the rule, file and message stay the same.
    json::Value Uri = artifactLocation(F.Where.Path)["uri"];
    std::string Semantic =
        F.Check + "\n" + Uri.getAsString()->str() + "\n" + F.Message;
    Fingerprints["memtidy/v1"] =
        llvm::utohexstr(llvm::xxh3_64bits(Semantic), true, 16);
    Result["partialFingerprints"] = std::move(Fingerprints);

    if (!F.Notes.empty()) {
      json::Array Related, Steps;
      unsigned Id = 0;
      for (const Note &N : F.Notes) {
        Related.push_back(
            json::Object{{"id", ++Id},
                         {"message", json::Object{{"text", N.Message}}},
                         {"physicalLocation", physicalLocation(N.Where)}});
        Steps.push_back(json::Object{
            {"location",
             json::Object{{"message", json::Object{{"text", N.Message}}},
                          {"physicalLocation", physicalLocation(N.Where)}}},
            {"importance", "essential"}});
      }
      Steps.push_back(json::Object{
          {"location",
           json::Object{{"message", json::Object{{"text", F.Message}}},
                        {"physicalLocation", physicalLocation(F.Where)}}},
          {"importance", "essential"}});
      Result["relatedLocations"] = std::move(Related);
      Result["codeFlows"] = json::Array{json::Object{
          {"threadFlows",
           json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
    }

    if (!F.Fixes.empty()) {
      std::map<std::string, json::Array> ByFile;
      for (const Edit &E : F.Fixes)
        ByFile[E.Where.Path].push_back(
            json::Object{{"deletedRegion", region(E.Where)},
                         {"insertedContent", json::Object{{"text", E.Text}}}});
      json::Array Changes;
      for (auto &[Path, Replacements] : ByFile)
        Changes.push_back(
            json::Object{{"artifactLocation", artifactLocation(Path)},
                         {"replacements", std::move(Replacements)}});
      Result["fixes"] = json::Array{json::Object{
          {"description", json::Object{{"text", "Apply the suggested fix"}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    return Result;
  }
};

} // namespace

void writeSarif(llvm::raw_ostream &OS, const SarifRun &Run,
                SourceCache &Sources) {
  Writer W(Run, Sources);
  OS << llvm::formatv("{0:2}", W.document()) << '\n';
}

} // namespace memtidy
