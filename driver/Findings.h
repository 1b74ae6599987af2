//===--- Findings.h - Diagnostics resolved to file positions ----*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// clang-tidy hands out diagnostics as byte offsets into files. Text output,
// SARIF and fix application need real paths, lines, byte and UTF-16 columns,
// and one finding per defect even when several translation units include the
// same header. This is that common form.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_DRIVER_FINDINGS_H
#define MEMTIDY_DRIVER_FINDINGS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>
#include <vector>

namespace memtidy {

/// File contents with a line index, loaded once per file.
class SourceFile {
public:
  explicit SourceFile(std::unique_ptr<llvm::MemoryBuffer> Buffer);
  llvm::StringRef text() const { return Buffer->getBuffer(); }
  /// 1-based line and byte column of a byte offset.
  std::pair<unsigned, unsigned> lineColumn(unsigned Offset) const;
  /// The text of a 1-based line, without its line break.
  llvm::StringRef line(unsigned Line) const;
  /// The UTF-16 code-unit column (1-based) of a 1-based byte column.
  unsigned utf16Column(unsigned Line, unsigned ByteColumn) const;

private:
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  std::vector<unsigned> LineStarts;
};

class SourceCache {
public:
  /// Null if the file cannot be read.
  const SourceFile *get(llvm::StringRef Path);

private:
  llvm::StringMap<std::unique_ptr<SourceFile>> Files;
};

struct Position {
  std::string Path; ///< Absolute, symlinks resolved.
  unsigned Offset = 0;
  unsigned Length = 0;           ///< Bytes covered by the highlighted range.
  unsigned Line = 0, Column = 0; ///< 1-based, byte column.
  unsigned EndLine = 0, EndColumn = 0; ///< Exclusive end, byte column.
};

struct Note {
  Position Where;
  std::string Message;
};

struct Edit {
  Position Where; ///< Offset/Length: the replaced bytes.
  std::string Text;
};

struct Finding {
  std::string Check;
  std::string Level; ///< "warning" or "error".
  std::string Message;
  Position Where;
  std::vector<Note> Notes;
  std::vector<Edit> Fixes;
};

/// Converts clang-tidy's errors. Diagnostics of the compiler itself
/// ("clang-diagnostic-*") and configuration errors are not findings; the
/// caller inspects them separately.
std::vector<Finding>
toFindings(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
           SourceCache &Sources);

/// Sorts by file, position, check and message, and drops duplicates.
void sortAndDeduplicate(std::vector<Finding> &Findings);

/// Prints clang's "file:line:col: warning: message [check]" form with the
/// source line and a caret, then the notes.
void printText(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
               SourceCache &Sources);

/// Applies every non-conflicting fix; returns the number of files changed.
/// Conflicts and write failures are reported on \p Errors.
unsigned applyFixes(llvm::ArrayRef<Finding> Findings, SourceCache &Sources,
                    llvm::raw_ostream &Errors);

/// The position of a byte range of a file.
Position positionOf(llvm::StringRef File, unsigned Offset, unsigned Length,
                    SourceCache &Sources);

/// Resolves a path from a diagnostic (possibly relative to the build
/// directory) to an absolute path without symlinks.
std::string resolvePath(llvm::StringRef Path, llvm::StringRef BuildDirectory);

} // namespace memtidy

#endif // MEMTIDY_DRIVER_FINDINGS_H
