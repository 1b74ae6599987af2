//===--- GuestRanges.h - Symbolic ranges of guest memory --------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Offsets and sizes in WebAssembly linear memory as linear forms over named
// values ("n * 48 + 4", "len + 1"), and the comparison that decides whether
// an access stays within what a validation covered. Sizes are rarely
// constants in host functions: they are the guest's lengths and counts, and
// what matters is how the validated extent relates to the accessed one
// ("len" against "len + 1", one element against "n" elements). Names are
// strings so that the same forms serve summaries that cross files.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_GUESTRANGES_H
#define MEMTIDY_SUPPORT_GUESTRANGES_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace memtidy {

/// Constant + sum of Coefficient * Name, over values assumed non-negative
/// (sizes, counts, unsigned offsets).
struct LinearForm {
  std::map<std::string, int64_t> Terms;
  int64_t Constant = 0;

  static LinearForm constant(int64_t C) { return LinearForm{{}, C}; }
  static LinearForm symbol(const std::string &Name, int64_t Coefficient = 1) {
    return LinearForm{{{Name, Coefficient}}, 0};
  }

  bool isConstant() const { return Terms.empty(); }
  bool mentions(llvm::StringRef Name) const {
    return Terms.count(Name.str()) != 0;
  }
  LinearForm operator+(const LinearForm &O) const;
  LinearForm operator-(const LinearForm &O) const;
  LinearForm scaled(int64_t Factor) const;
  /// Replaces each name by the form \p Lookup gives for it, if any.
  LinearForm substituted(
      const std::function<std::optional<LinearForm>(const std::string &)>
          &Lookup) const;
  /// Renames one name (a value that was overwritten keeps its old facts
  /// under a new name).
  void rename(const std::string &From, const std::string &To);
  bool operator==(const LinearForm &O) const {
    return Terms == O.Terms && Constant == O.Constant;
  }
  bool operator!=(const LinearForm &O) const { return !(*this == O); }
  bool operator<(const LinearForm &O) const;

  /// As C would write it, with \p Display naming each term ("n * 48 + 4").
  std::string spelling(const std::function<std::string(const std::string &)>
                           &Display = nullptr) const;
};

/// An extent: a number of bytes, or "up to and including a NUL".
struct Extent {
  LinearForm Bytes;
  bool String = false;
  bool operator==(const Extent &O) const {
    return String == O.String && (String || Bytes == O.Bytes);
  }
  bool operator<(const Extent &O) const;
};

/// How an access relates to a validated range of the same guest offset.
enum class Coverage {
  Within,   ///< The access provably stays inside the range.
  Exceeds,  ///< A guest-chosen value makes the access leave the range.
  Unrelated ///< Neither can be shown (different offsets, opposite terms).
};

/// Compares an access [Offset, Offset + Access) with a validated range
/// [RangeOffset, RangeOffset + Validated). \p IsGuest says which names the
/// guest chooses: only those (or a positive constant) make an overrun
/// certain. Strings: a string access is within a string range; a string
/// range covers at least one byte.
/// \p AtLeast gives the least value a name is known to take (i < n with i
/// at 0 makes n at least 1); names are otherwise at least 0.
Coverage compareRanges(
    const LinearForm &Offset, const Extent &Access,
    const LinearForm &RangeOffset, const Extent &Validated,
    const std::function<bool(const std::string &)> &IsGuest,
    const std::function<int64_t(const std::string &)> &AtLeast = nullptr);

/// Why an access exceeds a validated extent, for the message.
enum class Overrun {
  ByConstant,    ///< len validated, len + 1 accessed; 1 byte vs 4.
  OneElement,    ///< sizeof(T) validated, n * sizeof(T) accessed.
  CountAsBytes,  ///< n validated, n * sizeof(T) accessed.
  StringAsBytes, ///< a string validated, bytes accessed.
  BytesAsString, ///< bytes validated, a NUL-terminated string read.
  Other,
};
Overrun classifyOverrun(const Extent &Access, const Extent &Validated);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_GUESTRANGES_H
