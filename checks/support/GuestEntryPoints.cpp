//===--- GuestEntryPoints.cpp - Host functions a guest calls --------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GuestEntryPoints.h"
#include "AccessPath.h"
#include "ApiCalls.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace memtidy {

std::optional<std::vector<NativeParam>>
parseNativeSignature(llvm::StringRef Signature) {
  if (!Signature.consume_front("("))
    return std::nullopt;
  size_t Close = Signature.find(')');
  if (Close == llvm::StringRef::npos)
    return std::nullopt;
  std::vector<NativeParam> Params;
  for (char C : Signature.take_front(Close)) {
    switch (C) {
    case 'i':
    case 'I':
    case 'f':
    case 'F':
    case 'r':
    case '*':
    case '$':
      Params.push_back(static_cast<NativeParam>(C));
      break;
    case '~':
      if (Params.empty() || Params.back() != NativeParam::Pointer)
        return std::nullopt;
      Params.back() = NativeParam::Buffer;
      Params.push_back(NativeParam::Length);
      break;
    default:
      return std::nullopt;
    }
  }
  return Params;
}

std::optional<NativeParam> NativeFunction::paramKind(unsigned Index) const {
  if (Index == 0 || Index > Params.size())
    return std::nullopt;
  return Params[Index - 1];
}

static constexpr llvm::StringLiteral TableId = "memtidy-native-table";
static constexpr llvm::StringLiteral CallId = "memtidy-entry-registration";

void GuestEntryPoints::addMatchers(MatchFinder *Finder,
                                   MatchFinder::MatchCallback *CB,
                                   const RuleSet &Rules) {
  std::vector<std::string> Registrars;
  bool HasTables = false;
  for (const RulePack &Pack : Rules.packs())
    for (const ApiEntry &Entry : Pack.Entries) {
      if (Entry.Kind == ApiKind::NativeTable)
        HasTables = true;
      if (Entry.Kind == ApiKind::RegistersNatives ||
          Entry.Kind == ApiKind::HostFunction) {
        Registrars.push_back(Entry.Name);
        Registrars.insert(Registrars.end(), Entry.Aliases.begin(),
                          Entry.Aliases.end());
      }
    }
  if (HasTables)
    Finder->addMatcher(
        varDecl(hasType(arrayType()), hasInitializer(initListExpr()))
            .bind(TableId),
        CB);
  if (!Registrars.empty()) {
    std::vector<llvm::StringRef> Names(Registrars.begin(), Registrars.end());
    Finder->addMatcher(
        callExpr(callee(functionDecl(hasAnyName(Names)))).bind(CallId), CB);
  }
}

/// The function an initializer or argument names, through casts.
static const FunctionDecl *functionNamed(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

/// The table a registration passes: tbl, &tbl[0], or a pointer to it.
static const VarDecl *tableNamed(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenCasts();
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    E = Subscript->getBase()->IgnoreParenCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

static const ApiEntry *tableEntry(const VarDecl *Var, const RuleSet &Rules) {
  const auto *Array = Var->getType()->getAsArrayTypeUnsafe();
  if (!Array)
    return nullptr;
  QualType Element = Array->getElementType();
  // A typedef's name first (NativeSymbol), then the record's own.
  if (const auto *Typedef = Element->getAs<TypedefType>())
    if (const ApiEntry *Entry = Rules.lookup(Typedef->getDecl()->getName());
        Entry && Entry->Kind == ApiKind::NativeTable)
      return Entry;
  if (const RecordDecl *Record = Element->getAsRecordDecl())
    if (const ApiEntry *Entry = Rules.lookup(Record->getName());
        Entry && Entry->Kind == ApiKind::NativeTable)
      return Entry;
  return nullptr;
}

void GuestEntryPoints::recordTable(const VarDecl *Table,
                                   const ApiEntry &Entry) {
  const auto *Init = dyn_cast_or_null<InitListExpr>(Table->getInit());
  if (!Init)
    return;
  if (!Init->isSemanticForm() && Init->getSemanticForm())
    Init = Init->getSemanticForm();
  for (const Expr *Element : Init->inits()) {
    const auto *Row = dyn_cast<InitListExpr>(Element->IgnoreParenImpCasts());
    if (!Row)
      continue;
    if (!Row->isSemanticForm() && Row->getSemanticForm())
      Row = Row->getSemanticForm();
    const RecordDecl *Record = Row->getType()->getAsRecordDecl();
    if (!Record)
      continue;
    const Expr *FunctionInit = nullptr, *SignatureInit = nullptr;
    unsigned Index = 0;
    for (const FieldDecl *Field : Record->fields()) {
      const Expr *Value =
          Index < Row->getNumInits() ? Row->getInit(Index) : nullptr;
      ++Index;
      if (Field->getName() == Entry.FunctionField)
        FunctionInit = Value;
      else if (Field->getName() == Entry.SignatureField)
        SignatureInit = Value;
    }
    const FunctionDecl *Function = functionNamed(FunctionInit);
    if (!Function)
      continue;
    const FunctionDecl *Definition = Function->getDefinition();
    NativeFunction Native;
    Native.Function = Definition ? Definition : Function;
    if (SignatureInit)
      if (const auto *Literal =
              dyn_cast<StringLiteral>(SignatureInit->IgnoreParenImpCasts())) {
        Native.Signature = Literal->getString().str();
        Native.SignatureExpr = Literal;
        if (auto Params = parseNativeSignature(Native.Signature))
          Native.Params = std::move(*Params);
      }
    Native.Raw = RawTables.count(Table);
    const FunctionDecl *Key = Function->getCanonicalDecl();
    TableOf[Key] = Table;
    Natives[Key] = std::move(Native);
  }
}

bool GuestEntryPoints::record(const MatchFinder::MatchResult &Result,
                              const RuleSet &Rules) {
  if (const auto *Table = Result.Nodes.getNodeAs<VarDecl>(TableId)) {
    if (const ApiEntry *Entry = tableEntry(Table, Rules))
      recordTable(Table, *Entry);
    return true;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>(CallId);
  if (!Call)
    return false;
  const ApiEntry *Entry = lookupCallee(Call, Rules);
  if (!Entry)
    return true;
  if (Entry->Kind == ApiKind::RegistersNatives && Entry->Raw &&
      Entry->HeldArg && *Entry->HeldArg < Call->getNumArgs()) {
    if (const VarDecl *Table = tableNamed(Call->getArg(*Entry->HeldArg))) {
      RawTables.insert(Table);
      for (auto &[Function, Native] : Natives)
        if (TableOf.lookup(Function) == Table)
          Native.Raw = true;
    }
  }
  if (Entry->Kind == ApiKind::HostFunction && Entry->CallbackArg &&
      *Entry->CallbackArg < Call->getNumArgs())
    if (const FunctionDecl *Callback =
            functionNamed(Call->getArg(*Entry->CallbackArg)))
      GuestArgs[Callback->getCanonicalDecl()] = Entry->GuestParam;
  return true;
}

void GuestEntryPoints::clear() {
  Natives.clear();
  GuestArgs.clear();
  RawTables.clear();
  TableOf.clear();
}

const NativeFunction *GuestEntryPoints::native(const FunctionDecl *F) const {
  auto It = Natives.find(F->getCanonicalDecl());
  return It == Natives.end() ? nullptr : &It->second;
}

std::optional<unsigned>
GuestEntryPoints::guestArguments(const FunctionDecl *F) const {
  if (const NativeFunction *Native = native(F))
    if (Native->Raw)
      return 1u;
  auto It = GuestArgs.find(F->getCanonicalDecl());
  if (It == GuestArgs.end())
    return std::nullopt;
  return It->second;
}

} // namespace memtidy
