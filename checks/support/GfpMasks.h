//===--- GfpMasks.h - GFP mask values ---------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Whether an allocation may sleep depends on one bit of its GFP mask, and
// where that bit is differs between kernel versions: 6.1 #defines hex
// constants, 6.12 numbers the bits in an enum and builds them with BIT(). So
// the flags the rule packs name (__GFP_DIRECT_RECLAIM, __GFP_IO, ...) are
// valued from the translation unit's own definitions: the preprocessor notes
// where each flag macro is expanded, and clang evaluates the expression that
// expansion became. Masks are then judged by value, bit by bit, through
// variables, ORs, ANDs with complements and conditionals; their spelling
// (GFP_KERNEL, GFP_ATOMIC) is the fallback when a flag has no value.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_GFPMASKS_H
#define MEMTIDY_SUPPORT_GFPMASKS_H

#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Lex/PPCallbacks.h"
#include "llvm/ADT/StringMap.h"
#include <functional>
#include <memory>
#include <optional>

namespace memtidy {

/// What is known of a mask: some bits, and possibly that the other bits are
/// those of an input of the analyzed function (its gfp_t parameter, a field
/// its caller filled in), named by the check.
struct MaskValue {
  uint64_t Known = 0; ///< Bits whose value is known.
  uint64_t Bits = 0;  ///< Their values (zero outside Known).
  /// Index of the input the unknown bits come from, as the check numbers its
  /// inputs; none when they are simply unknown.
  std::optional<unsigned> Input;
  /// The expression the known bits were spelled in (GFP_KERNEL), for notes.
  const clang::Expr *Origin = nullptr;

  static MaskValue constant(uint64_t V, const clang::Expr *Origin) {
    return {~uint64_t(0), V, std::nullopt, Origin};
  }
  static MaskValue unknown() { return {}; }
  static MaskValue input(unsigned Index) { return {0, 0, Index, nullptr}; }
  bool isConstant() const { return Known == ~uint64_t(0); }
  bool operator==(const MaskValue &O) const {
    return Known == O.Known && Bits == O.Bits && Input == O.Input;
  }
  bool operator<(const MaskValue &O) const {
    return std::tie(Known, Bits, Input) < std::tie(O.Known, O.Bits, O.Input);
  }
  /// The values both may hold: the bits they agree on.
  MaskValue meet(const MaskValue &O) const;
};

/// The answer to "may an allocation with this mask sleep?".
enum class Reclaim {
  Allowed,   ///< The mask has the direct-reclaim bit.
  Forbidden, ///< It has not.
  OnInput,   ///< It is the bit of an input (MaskValue::Input).
  Unknown,
};

/// The values of a rule set's GFP flags in one translation unit.
class GfpFlagValues {
public:
  GfpFlagValues(const GfpFlags &Names, const clang::SourceManager &SM);
  GfpFlagValues(const GfpFlagValues &) = delete;
  GfpFlagValues &operator=(const GfpFlagValues &) = delete;

  /// Preprocessor callbacks that note where the flags are expanded; the
  /// caller registers them for the translation unit.
  std::unique_ptr<clang::PPCallbacks> makeCallbacks();

  /// The value of a flag named in the pack's gfp object, once the
  /// translation unit has been parsed; none if it never expands it.
  std::optional<uint64_t> value(llvm::StringRef Flag, clang::ASTContext &Ctx);
  std::optional<uint64_t> directReclaim(clang::ASTContext &Ctx) {
    return value(Names.DirectReclaim, Ctx);
  }
  const GfpFlags &names() const { return Names; }

  /// Notes an expansion of a flag macro (called by the callbacks).
  void noteExpansion(llvm::StringRef Flag, clang::SourceLocation Instance);

private:
  const GfpFlags &Names;
  const clang::SourceManager &SM;
  llvm::StringMap<llvm::SmallVector<clang::SourceLocation, 4>> Expansions;
  llvm::StringMap<std::optional<uint64_t>> Values;
  std::vector<const clang::Decl *> SortedDecls;
};

/// Values of the leaves of a mask expression (variables, fields,
/// parameters) as the check tracks them; none for "not tracked".
using MaskLeafResolver =
    std::function<std::optional<MaskValue>(const clang::Expr *Leaf)>;

/// The value of a mask expression: constants are evaluated by clang,
/// leaves resolved by \p Leaf, and |, &, ~, ?: and casts combined bit by bit.
/// A conditional whose arm the path has chosen is resolved by \p Arm.
MaskValue evaluateMask(
    const clang::Expr *E, const clang::ASTContext &Ctx,
    const MaskLeafResolver &Leaf,
    const std::function<std::optional<bool>(const clang::ConditionalOperator *)>
        &Arm = nullptr);

/// Whether a mask lets the allocator sleep: by the direct-reclaim bit when
/// its value is known, else by the complete masks it spells.
Reclaim allowsReclaim(const MaskValue &Mask, const clang::Expr *Spelled,
                      GfpFlagValues &Flags, clang::ASTContext &Ctx);

/// The outermost macro of the pack's complete masks (GFP_KERNEL) that \p E
/// spells, or "" if none.
llvm::StringRef spelledMask(const clang::Expr *E, const GfpFlags &Names,
                            const clang::ASTContext &Ctx);

/// True if \p E is a GFP mask by its type (gfp_t, before conversions) or by
/// spelling one of the pack's complete masks.
bool looksLikeMask(const clang::Expr *E, const GfpFlags &Names,
                   const clang::ASTContext &Ctx);

/// True if the type is the kernel's gfp_t.
bool isGfpType(clang::QualType T);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_GFPMASKS_H
