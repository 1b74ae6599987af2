//===--- GuestEntryPoints.h - Host functions a guest calls ------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Where guest data enters host code. A WAMR native is a function named in a
// native table ({"name", fn, "(i*~)i", NULL}); its signature says which
// parameters are guest integers ('i', 'I') and which pointers the runtime
// converted after validating one byte ('*'), a length ('*~') or a string
// ('$'). Natives registered raw get every argument as guest data in one
// array. Callbacks given to wasm.h's and Wasmtime's host-function
// constructors receive the guest's arguments through one parameter. All of
// this comes from rule packs (native-table, registers-natives,
// host-function); tables usually sit at the end of a file, after the
// functions, so checks record them while matching and analyze afterwards.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_GUESTENTRYPOINTS_H
#define MEMTIDY_SUPPORT_GUESTENTRYPOINTS_H

#include "RulePack.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>
#include <vector>

namespace memtidy {

/// One parameter as a WAMR signature declares it.
enum class NativeParam : char {
  I32 = 'i',
  I64 = 'I',
  F32 = 'f',
  F64 = 'F',
  Ref = 'r',
  Pointer = '*', ///< Converted after validating 1 byte.
  Buffer = 'b',  ///< '*~': converted after validating the next parameter.
  Length = '~',  ///< The length of the preceding Buffer.
  String = '$',  ///< Converted after validating a NUL-terminated string.
};

/// The parameters a signature such as "(i*~$)i" declares, in order, or
/// nothing if it is malformed.
std::optional<std::vector<NativeParam>>
parseNativeSignature(llvm::StringRef Signature);

struct NativeFunction {
  const clang::FunctionDecl *Function = nullptr;
  /// The signature as registered ("(i*~)i"), and where; empty when the
  /// table gives none, in which case every argument arrives unconverted.
  std::string Signature;
  const clang::Expr *SignatureExpr = nullptr;
  /// One entry per parameter after the execution environment; empty when
  /// the signature is missing or malformed.
  std::vector<NativeParam> Params;
  bool Raw = false;

  /// How parameter \p Index of the function (0 is the execution
  /// environment) is declared, if the signature says.
  std::optional<NativeParam> paramKind(unsigned Index) const;
};

/// The host functions of a translation unit that guests call.
class GuestEntryPoints {
public:
  /// Adds the matchers whose results record() understands.
  static void addMatchers(clang::ast_matchers::MatchFinder *Finder,
                          clang::ast_matchers::MatchFinder::MatchCallback *CB,
                          const RuleSet &Rules);
  /// Records a native table, a registration or a host-function
  /// constructor; false if the result is none of them.
  bool record(const clang::ast_matchers::MatchFinder::MatchResult &Result,
              const RuleSet &Rules);
  void clear();

  /// The native a function is registered as, if any.
  const NativeFunction *native(const clang::FunctionDecl *F) const;
  /// The parameter through which a function receives guest arguments as
  /// data: a raw native's argument array, a host callback's argument
  /// vector.
  std::optional<unsigned> guestArguments(const clang::FunctionDecl *F) const;
  /// True if the guest calls the function in any of these ways.
  bool isEntryPoint(const clang::FunctionDecl *F) const {
    return native(F) || guestArguments(F);
  }

private:
  llvm::DenseMap<const clang::FunctionDecl *, NativeFunction> Natives;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> GuestArgs;
  /// Tables registered raw, and natives seen before their registration.
  llvm::DenseSet<const clang::VarDecl *> RawTables;
  llvm::DenseMap<const clang::FunctionDecl *, const clang::VarDecl *> TableOf;

  void recordTable(const clang::VarDecl *Table, const ApiEntry &Entry);
};

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_GUESTENTRYPOINTS_H
