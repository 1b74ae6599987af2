//===--- AccessPath.h - Named storage locations -----------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// An access path names a storage location the way code spells it: a variable
// followed by field selections and dereferences ("priv->buf" is priv, deref,
// field buf). Flow checks bind resources to access paths, so a value stored in
// "dev->urb" and later tested as "dev->urb" is recognised as the same one.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_ACCESSPATH_H
#define MEMTIDY_SUPPORT_ACCESSPATH_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace memtidy {

class AccessPath {
public:
  /// One step after the base variable: a dereference or a field selection.
  struct Step {
    const clang::FieldDecl *Field = nullptr; ///< Null for a dereference.
    /// For dereferences: the element, p[Index] (0 for *p).
    int64_t Index = 0;
    bool operator==(const Step &O) const {
      return Field == O.Field && Index == O.Index;
    }
    bool operator<(const Step &O) const {
      return Field != O.Field ? Field < O.Field : Index < O.Index;
    }
  };

  explicit AccessPath(const clang::ValueDecl *Base) : Base(Base) {}

  const clang::ValueDecl *base() const { return Base; }
  llvm::ArrayRef<Step> steps() const { return Steps; }
  bool isPlainVariable() const { return Steps.empty(); }

  /// True if this path is \p Other or reaches through it, so assigning to
  /// \p Other changes what this path denotes.
  bool isReachedThrough(const AccessPath &Other) const;

  /// The path as C would spell it, e.g. "priv->buf" or "*out".
  std::string spelling() const;

  bool operator==(const AccessPath &O) const {
    return Base == O.Base && Steps == O.Steps;
  }
  bool operator!=(const AccessPath &O) const { return !(*this == O); }
  bool operator<(const AccessPath &O) const;

  void addDeref() { Steps.push_back(Step{nullptr}); }
  void addIndex(int64_t Index) { Steps.push_back(Step{nullptr, Index}); }
  void addStep(Step S) { Steps.push_back(S); }
  void addField(const clang::FieldDecl *F) { Steps.push_back(Step{F}); }

private:
  const clang::ValueDecl *Base;
  llvm::SmallVector<Step, 2> Steps;
};

/// Skips parentheses and value-preserving casts (including explicit casts
/// between pointer types), and steps into the value of statement expressions,
/// comma operators and assignments: what is left yields the same value.
const clang::Expr *stripValuePreserving(const clang::Expr *E);

/// The access path an lvalue or pointer-valued expression reads from, if it
/// is a variable optionally followed by '->', '.' and unary '*'.
std::optional<AccessPath> accessPathOf(const clang::Expr *E);

/// Like accessPathOf, and also through subscripts with constant indices
/// (args->data[1].of.i32, argv[0]), which the WebAssembly checks need to
/// name the slots guest values arrive in.
std::optional<AccessPath> accessPathWithIndicesOf(const clang::Expr *E,
                                                  const clang::ASTContext &Ctx);

/// The pointer operand of pointer arithmetic (p + n, n + p, p - n), else E.
const clang::Expr *pointerBaseOf(const clang::Expr *E);

/// Removes the entries of a map keyed by location for the locations reached
/// through \p Path (it and its members, what it points to); true if any was.
template <typename MapT>
bool eraseReachedThrough(MapT &Map, const AccessPath &Path) {
  bool Removed = false;
  for (auto It = Map.begin(); It != Map.end();) {
    if (It->first.isReachedThrough(Path)) {
      It = Map.erase(It);
      Removed = true;
    } else {
      ++It;
    }
  }
  return Removed;
}

/// Joins what locations hold on two paths: each location may hold what it
/// holds on either (sorted, without repeats).
template <typename MapT> void joinBindings(MapT &Into, const MapT &From) {
  for (const auto &[Path, Ids] : From) {
    auto &Mine = Into[Path];
    for (const auto &Id : Ids)
      if (!llvm::is_contained(Mine, Id))
        Mine.push_back(Id);
    llvm::sort(Mine);
  }
}

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_ACCESSPATH_H
