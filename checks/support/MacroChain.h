//===--- MacroChain.h - The macros a token comes from -----------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Kernel APIs are often macros over macros (spin_lock_irqsave over
// raw_spin_lock_irqsave over _raw_spin_lock_irqsave(); wait_event over
// might_sleep()). Checks ask which macro invocations a token of the AST was
// expanded from, innermost first, each named and identified by where its
// name was written.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_MACROCHAIN_H
#define MEMTIDY_SUPPORT_MACROCHAIN_H

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace memtidy {

/// Calls \p Visit(name, instance) for each macro invocation whose body
/// \p Loc was expanded from, innermost first, until it returns false. A
/// token written as a macro argument is followed to where it was written:
/// it belongs to the macros around that place, not to the macro it was
/// passed to. The instance is the location of the macro's name at the
/// invocation, unique to one expansion.
void forEachMacroInstance(
    clang::SourceLocation Loc, const clang::SourceManager &SM,
    const clang::LangOptions &LO,
    llvm::function_ref<bool(llvm::StringRef, clang::SourceLocation)> Visit);

/// True if \p Loc was expanded from the body of the invocation \p Instance.
bool isFromInstance(clang::SourceLocation Loc, clang::SourceLocation Instance,
                    const clang::SourceManager &SM);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_MACROCHAIN_H
