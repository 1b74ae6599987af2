//===--- Findings.cpp - Diagnostics resolved to file positions ------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Findings.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <map>
#include <tuple>

namespace memtidy {

SourceFile::SourceFile(std::unique_ptr<llvm::MemoryBuffer> InBuffer)
    : Buffer(std::move(InBuffer)) {
  llvm::StringRef Text = Buffer->getBuffer();
  LineStarts.push_back(0);
  for (unsigned I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      LineStarts.push_back(I + 1);
}

std::pair<unsigned, unsigned> SourceFile::lineColumn(unsigned Offset) const {
  Offset = std::min<unsigned>(Offset, Buffer->getBufferSize());
  auto It = llvm::upper_bound(LineStarts, Offset);
  unsigned Line = It - LineStarts.begin();
  return {Line, Offset - LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceFile::line(unsigned Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return "";
  llvm::StringRef Text = Buffer->getBuffer();
  unsigned Begin = LineStarts[Line - 1];
  unsigned End =
      Line < LineStarts.size() ? LineStarts[Line] - 1 : unsigned(Text.size());
  llvm::StringRef Result = Text.slice(Begin, End);
  return Result.rtrim("\r");
}

unsigned SourceFile::utf16Column(unsigned Line, unsigned ByteColumn) const {
  llvm::StringRef Text = line(Line);
  unsigned Bytes = std::min<unsigned>(ByteColumn - 1, Text.size());
  unsigned Units = 0;
  for (unsigned I = 0; I < Bytes;) {
    unsigned char C = Text[I];
    unsigned Length = C < 0x80           ? 1
                      : (C >> 5) == 0x6  ? 2
                      : (C >> 4) == 0xE  ? 3
                      : (C >> 3) == 0x1E ? 4
                                         : 1;
    Units += Length == 4 ? 2 : 1;
    I += Length;
  }
  return Units + 1;
}

const SourceFile *SourceCache::get(llvm::StringRef Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second.get();
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  std::unique_ptr<SourceFile> File;
  if (Buffer)
    File = std::make_unique<SourceFile>(std::move(*Buffer));
  return Files.insert({Path, std::move(File)}).first->second.get();
}

std::string resolvePath(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Absolute(Path);
  if (!llvm::sys::path::is_absolute(Absolute) && !BuildDirectory.empty()) {
    Absolute = BuildDirectory;
    llvm::sys::path::append(Absolute, Path);
  }
  llvm::sys::fs::make_absolute(Absolute);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Absolute, Real))
    return std::string(Real);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

namespace {

Position positionIn(llvm::StringRef FilePath, unsigned Offset, unsigned Length,
                    llvm::StringRef BuildDirectory, SourceCache &Sources) {
  Position P;
  P.Path = resolvePath(FilePath, BuildDirectory);
  P.Offset = Offset;
  P.Length = Length;
  if (const SourceFile *File = Sources.get(P.Path)) {
    std::tie(P.Line, P.Column) = File->lineColumn(Offset);
    std::tie(P.EndLine, P.EndColumn) = File->lineColumn(Offset + Length);
  }
  return P;
}

/// The highlighted range of a message that starts at its location, if any.
unsigned rangeLength(const clang::tooling::DiagnosticMessage &M) {
  for (const clang::tooling::FileByteRange &R : M.Ranges)
    if (R.FilePath == M.FilePath && R.FileOffset == M.FileOffset)
      return R.Length;
  return 0;
}

/// Without a range, a location covers the token at it.
unsigned tokenLength(llvm::StringRef Text, unsigned Offset) {
  if (Offset >= Text.size())
    return 0;
  auto IsIdent = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  if (IsIdent(Text[Offset])) {
    unsigned End = Offset;
    while (End < Text.size() && IsIdent(Text[End]))
      ++End;
    return End - Offset;
  }
  for (llvm::StringRef Two :
       {"->", "++", "--", "::", "<<", ">>", "&&", "||", "==", "!=", "<=", ">="})
    if (Text.substr(Offset).starts_with(Two))
      return 2;
  return 1;
}

Position messagePosition(const clang::tooling::DiagnosticMessage &M,
                         llvm::StringRef BuildDirectory, SourceCache &Sources) {
  unsigned Length = rangeLength(M);
  if (Length == 0) {
    std::string Path = resolvePath(M.FilePath, BuildDirectory);
    if (const SourceFile *File = Sources.get(Path))
      Length = tokenLength(File->text(), M.FileOffset);
  }
  return positionIn(M.FilePath, M.FileOffset, Length, BuildDirectory, Sources);
}

} // namespace

Position positionOf(llvm::StringRef File, unsigned Offset, unsigned Length,
                    SourceCache &Sources) {
  return positionIn(File, Offset, Length, "", Sources);
}

std::vector<Finding>
toFindings(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
           SourceCache &Sources) {
  std::vector<Finding> Findings;
  for (const clang::tidy::ClangTidyError &Error : Errors) {
    llvm::StringRef Name = Error.DiagnosticName;
    if (Name.starts_with("clang-diagnostic-") || Name == "clang-tidy-config" ||
        Error.Message.FilePath.empty())
      continue;
    Finding F;
    F.Check = Error.DiagnosticName;
    // Remarks are findings a check was told to tone down (SARIF "note").
    F.Level = Error.DiagLevel == clang::tooling::Diagnostic::Error ||
                      Error.IsWarningAsError
                  ? "error"
              : Error.DiagLevel == clang::tooling::Diagnostic::Remark
                  ? "note"
                  : "warning";
    F.Message = Error.Message.Message;
    F.Where = messagePosition(Error.Message, Error.BuildDirectory, Sources);
    for (const clang::tooling::DiagnosticMessage &N : Error.Notes) {
      if (N.FilePath.empty())
        continue;
      F.Notes.push_back(
          {messagePosition(N, Error.BuildDirectory, Sources), N.Message});
    }
    for (const auto &[File, Replacements] : Error.Message.Fix)
      for (const clang::tooling::Replacement &R : Replacements)
        F.Fixes.push_back(
            {positionIn(R.getFilePath(), R.getOffset(), R.getLength(),
                        Error.BuildDirectory, Sources),
             R.getReplacementText().str()});
    Findings.push_back(std::move(F));
  }
  return Findings;
}

void sortAndDeduplicate(std::vector<Finding> &Findings) {
  auto Key = [](const Finding &F) {
    return std::tie(F.Where.Path, F.Where.Offset, F.Check, F.Message);
  };
  llvm::stable_sort(Findings, [&](const Finding &A, const Finding &B) {
    return Key(A) < Key(B);
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [&](const Finding &A, const Finding &B) {
                               return Key(A) == Key(B);
                             }),
                 Findings.end());
}

namespace {

void printMessage(llvm::raw_ostream &OS, const Position &P,
                  llvm::StringRef Kind, llvm::StringRef Message,
                  llvm::StringRef Check, SourceCache &Sources) {
  OS << P.Path << ':' << P.Line << ':' << P.Column << ": " << Kind << ": "
     << Message;
  if (!Check.empty())
    OS << " [" << Check << ']';
  OS << '\n';
  const SourceFile *File = Sources.get(P.Path);
  if (!File || P.Line == 0)
    return;
  llvm::StringRef Line = File->line(P.Line);
  OS << Line << '\n';
  // Keep tabs so the caret lines up under the source text.
  std::string Caret;
  for (unsigned I = 0; I + 1 < P.Column && I < Line.size(); ++I)
    Caret += Line[I] == '\t' ? '\t' : ' ';
  Caret += '^';
  if (P.EndLine == P.Line && P.EndColumn > P.Column + 1)
    Caret += std::string(P.EndColumn - P.Column - 1, '~');
  OS << Caret << '\n';
}

} // namespace

void printText(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
               SourceCache &Sources) {
  for (const Finding &F : Findings) {
    printMessage(OS, F.Where, F.Level, F.Message, F.Check, Sources);
    for (const Note &N : F.Notes)
      printMessage(OS, N.Where, "note", N.Message, "", Sources);
  }
}

unsigned applyFixes(llvm::ArrayRef<Finding> Findings, SourceCache &Sources,
                    llvm::raw_ostream &Errors) {
  std::map<std::string, clang::tooling::Replacements> ByFile;
  for (const Finding &F : Findings) {
    // A finding's edits apply together or not at all.
    std::map<std::string, clang::tooling::Replacements> Candidate = ByFile;
    bool Conflict = false;
    for (const Edit &E : F.Fixes) {
      clang::tooling::Replacement R(E.Where.Path, E.Where.Offset,
                                    E.Where.Length, E.Text);
      if (llvm::Error Err = Candidate[E.Where.Path].add(R)) {
        llvm::consumeError(std::move(Err));
        Conflict = true;
        break;
      }
    }
    if (Conflict) {
      Errors << "memtidy: note: fix for " << F.Where.Path << ':' << F.Where.Line
             << ':' << F.Where.Column << " [" << F.Check
             << "] overlaps another fix; not applied\n";
      continue;
    }
    ByFile = std::move(Candidate);
  }
  unsigned Changed = 0;
  for (const auto &[Path, Replacements] : ByFile) {
    if (Replacements.empty())
      continue;
    const SourceFile *File = Sources.get(Path);
    if (!File) {
      Errors << "memtidy: error: cannot read " << Path << " to apply fixes\n";
      continue;
    }
    auto Fixed =
        clang::tooling::applyAllReplacements(File->text(), Replacements);
    if (!Fixed) {
      Errors << "memtidy: error: cannot apply fixes to " << Path << ": "
             << llvm::toString(Fixed.takeError()) << '\n';
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream Out(Path, EC);
    if (EC) {
      Errors << "memtidy: error: cannot write fixes to " << Path << ": "
             << EC.message() << '\n';
      continue;
    }
    Out << *Fixed;
    ++Changed;
  }
  return Changed;
}

} // namespace memtidy
