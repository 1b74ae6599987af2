//===--- MissingRaiiCheck.cpp - memtidy -----------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Owned pointers come from the shared lifecycle analysis (support/Ownership):
// its acquisitions, releases and exit leaks of memory and FILE handles held
// in local variables. This check adds what a RAII rewrite needs on top: how
// each use of the variable would read on a std::unique_ptr, and the paths
// the analysis does not model (a call that may throw, continue and break).
// Locks and owning classes are matched on the AST.
//
//===----------------------------------------------------------------------===//

#include "MissingRaiiCheck.h"
#include "support/ApiCalls.h"
#include "support/Ownership.h"
#include "support/Summaries.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;
namespace mt = ::memtidy;

namespace clang::tidy::memtidy {

namespace {

/// The path states kept per block when this check is the first to analyze a
/// translation unit (the leak check's default).
constexpr unsigned DefaultPathStates = 32;

/// The name the lock_guard fix-it gives its variable.
constexpr llvm::StringLiteral GuardName = "guard";

const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

/// The parent of \p E above the casts, parentheses and cleanups that only
/// convert it.
DynTypedNode convertingParent(const Expr *&E, ASTContext &Ctx) {
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*E);
    if (Parents.empty())
      return DynTypedNode();
    const auto *Up = Parents[0].get<Expr>();
    if (Up && (isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups,
                   CXXStaticCastExpr, CStyleCastExpr>(Up))) {
      E = Up;
      continue;
    }
    return Parents[0];
  }
}

/// The local pointer variable an acquisition is first stored in
/// (T *p = new T, or p = new T), or the integer for a \p Descriptor;
/// \p Initializes says which.
const VarDecl *holderVariable(const Expr *Site, bool Descriptor,
                              ASTContext &Ctx, bool &Initializes) {
  const Expr *E = Site;
  DynTypedNode Parent = convertingParent(E, Ctx);
  const VarDecl *Var = nullptr;
  Initializes = false;
  if (const auto *VD = Parent.get<VarDecl>()) {
    Var = VD;
    Initializes = VD->getInit() && VD->getInit()->IgnoreParenImpCasts() ==
                                       E->IgnoreParenImpCasts();
  } else if (const auto *Assign = Parent.get<BinaryOperator>()) {
    if (Assign->getOpcode() == BO_Assign && Assign->getRHS() == E)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
        Var = dyn_cast<VarDecl>(Ref->getDecl());
  }
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
    return nullptr;
  QualType Type = Var->getType();
  if (Descriptor ? !Type->isIntegerType() : !Type->isPointerType())
    return nullptr;
  return Var;
}

/// How the uses of an owning variable would read on a std::unique_ptr.
struct UseSummary {
  /// Some use makes the fix-it unsafe: a copy, an assignment, &p, p + 1.
  bool Unfixable = false;
  /// Ownership leaves through a use: a container, a field, a return.
  bool HandedOn = false;
  /// Arguments that need a raw pointer: p becomes p.get().
  std::vector<const DeclRefExpr *> NeedGet;
};

bool isContextualBool(const DynTypedNode &Parent, const Expr *E) {
  if (const auto *Op = Parent.get<UnaryOperator>())
    return Op->getOpcode() == UO_LNot;
  if (const auto *Op = Parent.get<BinaryOperator>())
    return Op->isLogicalOp();
  if (const auto *If = Parent.get<IfStmt>())
    return If->getCond() == E;
  if (const auto *While = Parent.get<WhileStmt>())
    return While->getCond() == E;
  if (const auto *Cond = Parent.get<ConditionalOperator>())
    return Cond->getCond() == E;
  return false;
}

/// Calls that take ownership of a pointer argument: containers of the
/// standard library and anything shaped like one.
bool storesArgument(const CallExpr *Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member || !Member->getMethodDecl())
    return false;
  const CXXRecordDecl *Class = Member->getRecordDecl();
  if (Class && Class->isInStdNamespace())
    return true;
  StringRef Name = Member->getMethodDecl()->getName();
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "insert", "emplace", "push",
                             "append", "add", "set"},
                            Name);
}

/// True if a rule-pack entry of the callee takes over argument \p Arg, as
/// fdopen() takes over its descriptor.
bool consumesArgument(const CallExpr *Call, const Expr *Arg,
                      const mt::RuleSet &Rules) {
  const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
  if (!Entry)
    return false;
  for (unsigned I : Entry->ConsumedArgs)
    if (I < Call->getNumArgs() && Call->getArg(I) == Arg)
      return true;
  return false;
}

UseSummary summarizeUses(const VarDecl *Var, const Stmt *Body, bool Array,
                         const std::vector<const Expr *> &Deletes,
                         const mt::RuleSet &Rules, ASTContext &Ctx) {
  UseSummary Uses;
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("ref")),
            *Body, Ctx);
  for (const BoundNodes &Node : Refs) {
    const auto *Ref = Node.getNodeAs<DeclRefExpr>("ref");
    DynTypedNodeList Direct = Ctx.getParents(*Ref);
    const auto *Load =
        Direct.empty() ? nullptr : Direct[0].get<ImplicitCastExpr>();
    if (!Load || Load->getCastKind() != CK_LValueToRValue) {
      // p = ..., &p, ++p: the variable itself is changed or shared.
      Uses.Unfixable = true;
      continue;
    }
    const Expr *E = Load;
    DynTypedNode Parent = convertingParent(E, Ctx);
    if (const auto *Delete = Parent.get<CXXDeleteExpr>()) {
      if (!llvm::is_contained(Deletes, Delete))
        Uses.Unfixable = true;
      continue;
    }
    if (const auto *Op = Parent.get<UnaryOperator>()) {
      if (Op->getOpcode() == UO_Deref && !Array)
        continue;
      if (Op->getOpcode() == UO_LNot)
        continue;
    }
    if (const auto *Member = Parent.get<MemberExpr>())
      if (Member->isArrow() && !Array)
        continue;
    if (const auto *Subscript = Parent.get<ArraySubscriptExpr>())
      if (Subscript->getBase() == E && Array)
        continue;
    // if (p), !p, p && q: unique_ptr converts explicitly to bool there.
    if (isContextualBool(Parent, E))
      continue;
    if (const auto *Compare = Parent.get<BinaryOperator>())
      if (Compare->isEqualityOp()) {
        const Expr *Other =
            Compare->getLHS() == E ? Compare->getRHS() : Compare->getLHS();
        if (Other->isNullPointerConstant(Ctx,
                                         Expr::NPC_ValueDependentIsNotNull))
          continue;
      }
    if (Parent.get<ReturnStmt>()) {
      Uses.HandedOn = true;
      continue;
    }
    if (const auto *Call = Parent.get<CallExpr>()) {
      if (Call->getCallee()->IgnoreParenImpCasts() == E->IgnoreParenImpCasts())
        Uses.Unfixable = true;
      else if (storesArgument(Call) || consumesArgument(Call, E, Rules))
        Uses.HandedOn = true;
      else
        Uses.NeedGet.push_back(Ref);
      continue;
    }
    if (Parent.get<CXXConstructExpr>() || Parent.get<InitListExpr>()) {
      Uses.HandedOn = true;
      continue;
    }
    if (const auto *Assign = Parent.get<BinaryOperator>())
      if (Assign->getOpcode() == BO_Assign && Assign->getRHS() == E) {
        // Stored in a field or a global: ownership leaves the function.
        const Expr *LHS = Assign->getLHS()->IgnoreParenImpCasts();
        const auto *Target = dyn_cast<DeclRefExpr>(LHS);
        const auto *TargetVar =
            Target ? dyn_cast<VarDecl>(Target->getDecl()) : nullptr;
        if (!TargetVar || !TargetVar->hasLocalStorage())
          Uses.HandedOn = true;
        Uses.Unfixable = true;
        continue;
      }
    Uses.Unfixable = true;
  }
  return Uses;
}

/// True if \p Var also holds values that are not the function's to
/// release: initialized or assigned from something other than an
/// allocation, a null pointer or a constant (int fd = fd_; if (!owned)
/// fd = open(...)). No RAII type replaces such a variable.
bool holdsBorrowedValue(const VarDecl *Var, const Stmt *Body,
                        const mt::RuleSet &Rules, ASTContext &Ctx) {
  auto Owned = [&](const Expr *E) {
    E = E->IgnoreParenCasts();
    if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
        E->isIntegerConstantExpr(Ctx))
      return true;
    if (const auto *New = dyn_cast<CXXNewExpr>(E))
      return mt::lookupNew(New, Rules) != nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules))
        return Entry->Kind == mt::ApiKind::Allocator ||
               Entry->Kind == mt::ApiKind::Reallocator;
    return false;
  };
  if (const Expr *Init = Var->getInit(); Init && !Owned(Init))
    return true;
  auto Assigns =
      match(findAll(binaryOperator(hasOperatorName("="),
                                   hasLHS(ignoringParenImpCasts(declRefExpr(
                                       to(varDecl(equalsNode(Var)))))))
                        .bind("assign")),
            *Body, Ctx);
  for (const BoundNodes &Node : Assigns)
    if (!Owned(Node.getNodeAs<BinaryOperator>("assign")->getRHS()))
      return true;
  return false;
}

/// What a buffer from malloc() or calloc() would be in C++.
enum class BufferKind {
  None,   ///< Something other than an array: keep the owning pointer.
  Vector, ///< Only indexed and lent out: std::vector.
  String, ///< As Vector, and lent to string functions: std::string.
};

/// True if argument \p Arg of \p Call goes to a pointer-to-const
/// parameter: the callee reads the buffer and cannot free it without a cast.
bool lentAsConst(const CallExpr *Call, unsigned Arg) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Arg >= Callee->getNumParams())
    return false;
  QualType Type = Callee->getParamDecl(Arg)->getType();
  return Type->isPointerType() && Type->getPointeeType().isConstQualified();
}

/// Classifies the uses of \p Var, which holds a buffer from \p Site:
/// indexed (p[i]), checked for null, released by one of \p Releases, or
/// lent to a call that keeps no pointer (a rule-pack entry that borrows,
/// such as memcpy(), or a pointer-to-const parameter). Anything else --
/// *p, p + n, a copy, realloc() or an unknown callee -- needs the pointer.
BufferKind bufferKind(const VarDecl *Var, const Stmt *Body, const Expr *Site,
                      llvm::ArrayRef<const Stmt *> Releases,
                      const mt::RuleSet &Rules, ASTContext &Ctx) {
  QualType Element = Var->getType()->getPointeeType();
  if (Element.isNull() || Element->isIncompleteType() ||
      Element.isConstQualified() || !Element.isTriviallyCopyableType(Ctx))
    return BufferKind::None;
  bool Chars = Element->isSpecificBuiltinType(BuiltinType::Char_S) ||
               Element->isSpecificBuiltinType(BuiltinType::Char_U);
  bool ArrayUse = false;
  bool Strings = false;
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("ref")),
            *Body, Ctx);
  for (const BoundNodes &Node : Refs) {
    const auto *Ref = Node.getNodeAs<DeclRefExpr>("ref");
    DynTypedNodeList Direct = Ctx.getParents(*Ref);
    const auto *Load =
        Direct.empty() ? nullptr : Direct[0].get<ImplicitCastExpr>();
    if (!Load || Load->getCastKind() != CK_LValueToRValue) {
      // buf = malloc(n): the acquisition itself.
      const auto *Assign =
          Direct.empty() ? nullptr : Direct[0].get<BinaryOperator>();
      if (Assign && Assign->getOpcode() == BO_Assign &&
          Assign->getRHS()->IgnoreParenCasts() == Site->IgnoreParenCasts())
        continue;
      return BufferKind::None;
    }
    const Expr *E = Load;
    DynTypedNode Parent = convertingParent(E, Ctx);
    if (const auto *Subscript = Parent.get<ArraySubscriptExpr>())
      if (Subscript->getBase() == E) {
        ArrayUse = true;
        continue;
      }
    if (isContextualBool(Parent, E))
      continue;
    if (const auto *Compare = Parent.get<BinaryOperator>())
      if (Compare->isEqualityOp() &&
          (Compare->getLHS() == E ? Compare->getRHS() : Compare->getLHS())
              ->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        continue;
    const auto *Call = Parent.get<CallExpr>();
    if (!Call)
      return BufferKind::None;
    if (llvm::is_contained(Releases, Call))
      continue;
    unsigned Arg = 0;
    while (Arg < Call->getNumArgs() && Call->getArg(Arg) != E)
      ++Arg;
    if (Arg == Call->getNumArgs())
      return BufferKind::None;
    const mt::ApiEntry *Entry = mt::lookupCallee(Call, Rules);
    if (Entry && Entry->Borrows) {
      Strings |= !Entry->StringArgs.empty() || Entry->FormatArg.has_value();
    } else if (lentAsConst(Call, Arg)) {
      // For chars, a const char * parameter reads a NUL-terminated string.
      Strings = true;
    } else {
      return BufferKind::None;
    }
    ArrayUse = true;
  }
  if (!ArrayUse)
    return BufferKind::None;
  return Chars && Strings ? BufferKind::String : BufferKind::Vector;
}

/// The callee of a call that may throw; null for calls that cannot (C
/// functions, noexcept, builtins, code built without exceptions, bodies
/// that call nothing, such as accessors) or whose callee is unknown.
const FunctionDecl *mayThrow(const CallExpr *Call, ASTContext &Ctx) {
  if (!Ctx.getLangOpts().CXXExceptions)
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Callee->getBuiltinID() || Callee->isExternC() ||
      Callee->isInExternCContext())
    return nullptr;
  const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
  if (!Proto || Proto->isNothrow())
    return nullptr;
  if (const Stmt *Body = Callee->getBody())
    if (match(findAll(stmt(anyOf(callExpr(), cxxThrowExpr(), cxxNewExpr(),
                                 cxxConstructExpr(), cxxDynamicCastExpr()))
                          .bind("s")),
              *Body, Ctx)
            .empty())
      return nullptr;
  return Callee;
}

bool contains(const Stmt *Outer, const Stmt *Inner, const SourceManager &SM) {
  SourceRange R = Outer->getSourceRange();
  SourceLocation L = Inner->getBeginLoc();
  return !SM.isBeforeInTranslationUnit(L, R.getBegin()) &&
         !SM.isBeforeInTranslationUnit(R.getEnd(), L);
}

/// True if a statement of \p Releases runs before \p S on every path to it:
/// it is an earlier statement of a block that encloses \p S.
bool releasedBefore(const Stmt *S, llvm::ArrayRef<const Stmt *> Releases,
                    ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Child = S;
  for (const Stmt *Up = parentStmt(S, Ctx); Up;
       Child = Up, Up = parentStmt(Up, Ctx)) {
    const auto *Block = dyn_cast<CompoundStmt>(Up);
    if (!Block)
      continue;
    for (const Stmt *Sibling : Block->body()) {
      if (Sibling == Child)
        break;
      for (const Stmt *Release : Releases)
        if (contains(Sibling, Release, SM))
          return true;
    }
  }
  return false;
}

/// The loop or switch a break or continue leaves.
const Stmt *jumpTarget(const Stmt *Jump, ASTContext &Ctx) {
  for (const Stmt *Up = parentStmt(Jump, Ctx); Up; Up = parentStmt(Up, Ctx)) {
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Up))
      return Up;
    if (isa<SwitchStmt>(Up) && isa<BreakStmt>(Jump))
      return Up;
  }
  return nullptr;
}

/// A path the CFG analysis does not report: a call that may throw, a throw,
/// or a break or continue leaving the scope, between \p From and \p To while
/// none of \p Releases has run.
struct SkippingPath {
  const Stmt *Where = nullptr;
  const FunctionDecl *Thrower = nullptr; ///< For calls.
};

std::optional<SkippingPath>
findSkippingPath(const Stmt *Body, SourceLocation From, SourceLocation To,
                 const Stmt *Scope, llvm::ArrayRef<const Stmt *> Releases,
                 ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Inside = [&](const Stmt *S) {
    SourceLocation L = S->getBeginLoc();
    if (L.isInvalid() || !SM.isBeforeInTranslationUnit(From, L) ||
        !SM.isBeforeInTranslationUnit(L, To))
      return false;
    for (const Stmt *Release : Releases)
      if (contains(Release, S, SM))
        return false;
    return !releasedBefore(S, Releases, Ctx);
  };
  auto Candidates = match(findAll(stmt(anyOf(callExpr(), cxxThrowExpr(),
                                             breakStmt(), continueStmt()))
                                      .bind("s")),
                          *Body, Ctx);
  std::optional<SkippingPath> First;
  for (const BoundNodes &Node : Candidates) {
    const auto *S = Node.getNodeAs<Stmt>("s");
    SkippingPath Path{S, nullptr};
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      Path.Thrower = mayThrow(Call, Ctx);
      if (!Path.Thrower)
        continue;
    } else if (isa<BreakStmt, ContinueStmt>(S)) {
      const Stmt *Target = jumpTarget(S, Ctx);
      if (!Target || contains(Scope, Target, SM))
        continue;
    }
    if (!Inside(S))
      continue;
    if (!First || SM.isBeforeInTranslationUnit(S->getBeginLoc(),
                                               First->Where->getBeginLoc()))
      First = Path;
  }
  return First;
}

/// The innermost block that declares \p Var.
const CompoundStmt *declaringBlock(const VarDecl *Var, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*Var);
  const Stmt *S = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  for (; S; S = parentStmt(S, Ctx))
    if (const auto *Block = dyn_cast<CompoundStmt>(S))
      return Block;
  return nullptr;
}

/// The range of a statement with its semicolon and, when it stands alone on
/// its line, the indentation before it.
std::optional<CharSourceRange> wholeStatement(const Stmt *S, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation Begin = S->getBeginLoc();
  SourceLocation End = S->getEndLoc();
  if (Begin.isMacroID() || End.isMacroID())
    return std::nullopt;
  std::optional<Token> Semi = Lexer::findNextToken(End, SM, LO);
  if (!Semi || !Semi->is(tok::semi))
    return std::nullopt;
  SourceLocation After = Semi->getEndLoc();
  bool Invalid = false;
  const char *BeginPtr = SM.getCharacterData(Begin, &Invalid);
  if (Invalid)
    return std::nullopt;
  const char *LineStart = BeginPtr;
  while (LineStart != SM.getBufferData(SM.getFileID(Begin)).data() &&
         (LineStart[-1] == ' ' || LineStart[-1] == '\t'))
    --LineStart;
  const char *AfterPtr = SM.getCharacterData(After);
  const char *LineEnd = AfterPtr;
  while (*LineEnd == ' ' || *LineEnd == '\t')
    ++LineEnd;
  bool OwnLine = (LineStart == SM.getBufferData(SM.getFileID(Begin)).data() ||
                  LineStart[-1] == '\n') &&
                 *LineEnd == '\n';
  if (!OwnLine)
    return CharSourceRange::getCharRange(Begin, After);
  // Remove the line break before the statement rather than the one after
  // it: clang-tidy's fix-it merging removes one more whitespace character
  // after a removal that leaves two in a row.
  return CharSourceRange::getCharRange(
      Begin.getLocWithOffset(LineStart - 1 - BeginPtr),
      After.getLocWithOffset(LineEnd - AfterPtr));
}

/// The fix-it that makes \p Var a std::unique_ptr: the declaration, every
/// delete, and .get() where a raw pointer is passed.
std::vector<FixItHint> uniquePtrFix(const VarDecl *Var, const CXXNewExpr *New,
                                    llvm::ArrayRef<const Expr *> Deletes,
                                    const UseSummary &Uses,
                                    StringRef SmartPointer, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::vector<FixItHint> Fixes;
  DynTypedNodeList Parents = Ctx.getParents(*Var);
  const auto *Decl = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  if (!Decl || !Decl->isSingleDecl() || Var->getType().isConstQualified() ||
      Var->getBeginLoc().isMacroID() || New->getSourceRange().isInvalid() ||
      New->getBeginLoc().isMacroID() || New->getEndLoc().isMacroID())
    return Fixes;
  // The element type as the new-expression spells it.
  TypeSourceInfo *Allocated = New->getAllocatedTypeSourceInfo();
  if (!Allocated)
    return Fixes;
  StringRef Type = Lexer::getSourceText(
      CharSourceRange::getTokenRange(
          Allocated->getTypeLoc().getUnqualifiedLoc().getSourceRange()),
      SM, LO);
  if (New->isArray()) {
    // new T[n] is written as T[n]; the type is what precedes the bracket.
    Type = Type.split('[').first.rtrim();
  }
  if (Type.empty())
    return Fixes;
  std::string Decl2 =
      (SmartPointer + "<" + Type + (New->isArray() ? "[]" : "") + "> " +
       Var->getName() + "(")
          .str();
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Var->getBeginLoc(), New->getBeginLoc()),
      Decl2));
  Fixes.push_back(FixItHint::CreateInsertion(
      Lexer::getLocForEndOfToken(New->getEndLoc(), 0, SM, LO), ")"));
  for (const Expr *Delete : Deletes) {
    // Only a delete that is a statement of its own block can go.
    if (!isa_and_nonnull<CompoundStmt>(parentStmt(Delete, Ctx)))
      return {};
    std::optional<CharSourceRange> Range = wholeStatement(Delete, Ctx);
    if (!Range)
      return {};
    Fixes.push_back(FixItHint::CreateRemoval(*Range));
  }
  for (const DeclRefExpr *Ref : Uses.NeedGet) {
    if (Ref->getEndLoc().isMacroID())
      return {};
    Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(Ref->getEndLoc(), 0, SM, LO), ".get()"));
  }
  return Fixes;
}

/// The insertion of \p Header ("<memory>") before the first #include of a
/// system header in the main file, unless the file includes it or
/// \p Declared is declared.
std::optional<FixItHint> includeFix(StringRef Header, StringRef Declared,
                                    ASTContext &Ctx) {
  if (Header.empty())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  FileID Main = SM.getMainFileID();
  StringRef Text = SM.getBufferData(Main);
  std::string Directive = ("#include " + Header).str();
  if (Text.contains(Directive))
    return std::nullopt;
  // std::unique_ptr may come through another header already.
  auto [Namespace, Name] = Declared.rsplit("::");
  if (Namespace == "std")
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        if (NS->getName() == "std")
          for (const Decl *Member : NS->decls())
            if (const auto *Named = dyn_cast<NamedDecl>(Member))
              if (Named->getName() == Name)
                return std::nullopt;
  // Among the system headers if there are any, after the file's own header
  // that Google and LLVM style include first.
  size_t Offset = StringRef::npos;
  for (StringRef Prefix : {"#include <", "#include"}) {
    for (size_t Pos = Text.find(Prefix); Pos != StringRef::npos;
         Pos = Text.find(Prefix, Pos + 1))
      if (Pos == 0 || Text[Pos - 1] == '\n') {
        Offset = Pos;
        break;
      }
    if (Offset != StringRef::npos)
      break;
  }
  if (Offset == StringRef::npos)
    Offset = 0;
  return FixItHint::CreateInsertion(
      SM.getLocForStartOfFile(Main).getLocWithOffset(Offset), Directive + "\n");
}

/// A new-expression that hands a pointer to the constructed object, as Qt's
/// new QWidget(parent) does: the parent may own it.
bool mayHaveParent(const CXXNewExpr *New) {
  const CXXConstructExpr *Construct = New->getConstructExpr();
  if (!Construct)
    return false;
  for (const Expr *Arg : Construct->arguments()) {
    QualType T = Arg->getType();
    if (T->isPointerType() && T->getPointeeType()->isRecordType())
      return true;
  }
  return false;
}

std::string sourceText(const Expr *E, ASTContext &Ctx) {
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

/// True for a call of pthread_mutex_lock() (\p Method "lock") or
/// pthread_mutex_unlock() ("unlock"). Only the plain forms: trylock and
/// timedlock may fail, which a scoped lock over std::mutex does not.
bool isPthreadMutexCall(const Expr *E, StringRef Method) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Call->getNumArgs() == 1 &&
         Callee->isExternC() &&
         Callee->getName() == ("pthread_mutex_" + Method).str();
}

/// The mutex a lock() or unlock() call operates on, or a
/// pthread_mutex_lock() or pthread_mutex_unlock() call, as written ("m",
/// "*mp"), or empty if it is not such a call.
std::string lockedObject(const Stmt *S, StringRef Method,
                         llvm::ArrayRef<StringRef> MutexTypes,
                         ASTContext &Ctx) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return {};
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    E = Cleanups->getSubExpr();
  // (void)pthread_mutex_lock(&m) discards the result on purpose.
  E = E->IgnoreParenCasts();
  if (isPthreadMutexCall(E, Method)) {
    const auto *Call = cast<CallExpr>(E);
    if (Call->getBeginLoc().isMacroID())
      return {};
    const Expr *Arg = Call->getArg(0)->IgnoreParenImpCasts();
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(Arg))
      if (AddressOf->getOpcode() == UO_AddrOf)
        return sourceText(AddressOf->getSubExpr(), Ctx);
    std::string Pointer = sourceText(Arg, Ctx);
    return Pointer.empty() ? Pointer : "*" + Pointer;
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() ||
      Call->getMethodDecl()->getName() != Method || Call->getNumArgs() != 0)
    return {};
  const CXXRecordDecl *Class = Call->getRecordDecl();
  if (!Class ||
      !llvm::is_contained(MutexTypes, Class->getQualifiedNameAsString()))
    return {};
  const auto *Member = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens());
  if (!Member || Member->getBeginLoc().isMacroID())
    return {};
  std::string Object = sourceText(Member->getBase(), Ctx);
  if (Object.empty())
    return {};
  return Member->isArrow() ? "*" + Object : Object;
}

/// A boolean option as clang-tidy spells them (true, false, 1, 0).
bool parseBool(StringRef Value, bool Default) {
  if (Value.equals_insensitive("true") || Value == "1")
    return true;
  if (Value.equals_insensitive("false") || Value == "0")
    return false;
  return Default;
}

} // namespace

MissingRaiiCheck::MissingRaiiCheck(StringRef Name, ClangTidyContext *Context)
    : RuleDrivenCheck(Name, Context),
      SmartPointer(Options.get("SmartPointer", "std::unique_ptr")),
      SmartPointerHeader(
          Options.get("SmartPointerHeader",
                      SmartPointer == "std::unique_ptr" ? "<memory>" : "")),
      LockGuard(Options.get("LockGuard", "std::lock_guard")),
      UniqueLock(Options.get("UniqueLock", "std::unique_lock")),
      MutexTypes(Options.get("MutexTypes",
                             "std::mutex;std::recursive_mutex;std::timed_"
                             "mutex;std::recursive_timed_mutex")),
      ReportUnreleased(
          parseBool(Options.get("ReportUnreleased", "false"), false)),
      DescriptorWrapper(Options.get("DescriptorWrapper", "")) {
  StringRef(MutexTypes).split(MutexTypeList, ';', -1, false);
}

void MissingRaiiCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulePacks", RulePacks);
  Options.store(Opts, "SmartPointer", SmartPointer);
  Options.store(Opts, "SmartPointerHeader", SmartPointerHeader);
  Options.store(Opts, "LockGuard", LockGuard);
  Options.store(Opts, "UniqueLock", UniqueLock);
  Options.store(Opts, "MutexTypes", MutexTypes);
  Options.store(Opts, "ReportUnreleased", ReportUnreleased ? "true" : "false");
  Options.store(Opts, "DescriptorWrapper", DescriptorWrapper);
}

void MissingRaiiCheck::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("function"),
      this);
  // Copies of a class are only generated for a complete, non-template
  // definition the user wrote.
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), unless(isImplicit()),
                    unless(ast_matchers::isTemplateInstantiation()),
                    has(cxxDestructorDecl(isUserProvided())))
          .bind("class"),
      this);
}

void MissingRaiiCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Record = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    checkOwningClass(Record, Ctx);
    return;
  }
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isDependentContext() || !Function->getBody() ||
      Function->isTemplateInstantiation())
    return;
  checkOwnedPointers(Function, Ctx);
  auto Blocks =
      match(findAll(compoundStmt().bind("block")), *Function->getBody(), Ctx);
  for (const BoundNodes &Node : Blocks)
    checkManualLocks(Function, Node.getNodeAs<CompoundStmt>("block"), Ctx);
}

void MissingRaiiCheck::checkOwnedPointers(const FunctionDecl *Function,
                                          ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const std::optional<mt::FunctionOwnership> &Ownership =
      mt::OwnershipAnalyzer::shared(*Rules, Ctx, DefaultPathStates)
          .analyze(Function);
  if (!Ownership)
    return;
  const Stmt *Body = Function->getBody();
  for (unsigned I = 0; I < Ownership->Acquisitions.size(); ++I) {
    const mt::Acquisition &A = Ownership->Acquisitions[I];
    // Only what this function allocates itself, from the families that a
    // standard RAII type releases; arenas and pools of rule packs are
    // other families and stay silent.
    if (A.From != mt::Acquisition::Origin::Api || A.Object || A.isLockLike() ||
        A.HolderIsTemporary ||
        !llvm::is_contained({"new", "new[]", "malloc", "stdio", "fd"},
                            A.Family))
      continue;
    if (SM.isInSystemHeader(A.Site->getBeginLoc()))
      continue;
    const auto *New = dyn_cast<CXXNewExpr>(A.Site->IgnoreParenImpCasts());
    if (New && mayHaveParent(New))
      continue;
    bool Descriptor = A.Family == "fd";
    bool Initializes = false;
    const VarDecl *Var = holderVariable(A.Site, Descriptor, Ctx, Initializes);
    if (!Var)
      continue;
    std::vector<const Expr *> Deletes;
    std::vector<const Stmt *> ReleaseStmts;
    bool AllPlainDeletes = true;
    for (const mt::ReleaseSite &R : Ownership->Releases) {
      if (R.Acq != I)
        continue;
      ReleaseStmts.push_back(R.Call);
      const auto *Delete = dyn_cast<CXXDeleteExpr>(R.Call);
      const auto *Ref =
          Delete
              ? dyn_cast<DeclRefExpr>(Delete->getArgument()->IgnoreImpCasts())
              : nullptr;
      if (!Ref || Ref->getDecl() != Var ||
          Delete->isArrayForm() != (A.Family == "new[]"))
        AllPlainDeletes = false;
      else
        Deletes.push_back(Delete);
    }
    llvm::sort(ReleaseStmts, [&](const Stmt *L, const Stmt *R) {
      return SM.isBeforeInTranslationUnit(L->getBeginLoc(), R->getBeginLoc());
    });
    std::vector<const mt::ExitLeak *> Leaks;
    // A pointer whose address went to another file's function may have
    // been released there, and a path may exist only for some values of
    // another file's globals: the leak check's pending findings settle
    // both once every file is seen.
    bool Collecting = mt::SummaryStore::instance().collecting();
    for (const mt::ExitLeak &L : Ownership->Leaks)
      if (L.Acq == I && !L.Deferred && !(Collecting && !L.Assumes.empty()))
        Leaks.push_back(&L);
    // Never released here: a leak, or ownership lent to code that may keep
    // it; only the first is worth a RAII type, and only when asked for.
    if (ReleaseStmts.empty() &&
        (!ReportUnreleased || Leaks.empty() ||
         llvm::any_of(Leaks, [](const mt::ExitLeak *L) { return L->Lent; })))
      continue;
    UseSummary Uses =
        summarizeUses(Var, Body, A.Family == "new[]", Deletes, *Rules, Ctx);
    if (Uses.HandedOn || holdsBorrowedValue(Var, Body, *Rules, Ctx))
      continue;

    // What to suggest: a buffer of malloc() or calloc() that is only
    // indexed is an array, and a container already owns one.
    std::string Element =
        Var->getType()->getPointeeType().getAsString(Ctx.getPrintingPolicy());
    BufferKind Buffer = BufferKind::None;
    if (const auto *Call = dyn_cast<CallExpr>(A.Site->IgnoreParenCasts()))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (Callee->getIdentifier() &&
            llvm::is_contained({"malloc", "calloc"}, Callee->getName()))
          Buffer = bufferKind(Var, Body, A.Site, ReleaseStmts, *Rules, Ctx);
    std::string Suggested;
    if (A.Family == "new")
      Suggested = SmartPointer + "<" + Element + ">";
    else if (A.Family == "new[]")
      Suggested = SmartPointer + "<" + Element + "[]>";
    else if (Buffer == BufferKind::String)
      Suggested = "std::string";
    else if (Buffer == BufferKind::Vector)
      Suggested = "std::vector<" + Element + ">";
    else if (A.Family == "malloc")
      Suggested = SmartPointer + "<" + Element + ", decltype(&free)>";
    else if (A.Family == "stdio")
      Suggested = SmartPointer + "<FILE, decltype(&fclose)>";
    else
      Suggested = DescriptorWrapper;
    // There is no standard owner of a descriptor to name by default.
    std::string Advice = Suggested.empty() ? "use a RAII type that closes it"
                                           : "use '" + Suggested + "'";

    SourceLocation Where = mt::reportLocation(Var->getLocation(), SM);
    std::string Name = "'" + Var->getName().str() + "'";
    if (ReleaseStmts.empty()) {
      diag(Where, "%0 owns %1 from '%2' that this function never releases; "
                  "%3")
          << Name
          << (A.Resource == "file" ? "a file"
              : Descriptor         ? "a descriptor"
                                   : "memory")
          << A.Api << Advice;
      diag(mt::reportLocation(A.Site->getBeginLoc(), SM), "%0 %1 here",
           DiagnosticIDs::Note)
          << Name << mt::acquiredVerb(A.Resource) << A.Site->getSourceRange();
      continue;
    }

    // A path that skips every release: an exit the analysis found, else a
    // throw, break or continue it does not model.
    SourceLocation LastRelease = ReleaseStmts.back()->getBeginLoc();
    std::optional<SkippingPath> Skip;
    const CompoundStmt *Scope = declaringBlock(Var, Ctx);
    if (Scope)
      Skip = findSkippingPath(Body, A.Site->getEndLoc(), LastRelease, Scope,
                              ReleaseStmts, Ctx);

    bool Fixable = New && Initializes && AllPlainDeletes && !Uses.Unfixable &&
                   (A.Family == "new" || A.Family == "new[]");
    std::vector<FixItHint> Fixes;
    if (Fixable)
      Fixes = uniquePtrFix(Var, New, Deletes, Uses, SmartPointer, Ctx);
    if (!Fixes.empty() && !HeaderInserted &&
        SM.isInMainFile(Var->getLocation())) {
      // Once per translation unit: equal insertions of several fix-its
      // would conflict.
      HeaderInserted = true;
      if (std::optional<FixItHint> Include =
              includeFix(SmartPointerHeader, SmartPointer, Ctx))
        Fixes.push_back(*Include);
    }

    StringRef Verb = mt::releasedVerb(A.Resource);
    {
      // Without a path that skips the release nothing leaks: a remark, a
      // suggestion that SARIF marks informational.
      auto D = !Leaks.empty() || Skip
                   ? diag(Where, "%0 leaks on a path that skips its release; "
                                 "%2")
                   : diag(Where,
                          "%0 is %1 by hand; %2 so that every path releases "
                          "it",
                          DiagnosticIDs::Remark);
      D << Name << Verb << Advice;
      for (const FixItHint &Fix : Fixes)
        D << Fix;
    }
    diag(mt::reportLocation(A.Site->getBeginLoc(), SM), "%0 %1 by '%2' here",
         DiagnosticIDs::Note)
        << Name << mt::acquiredVerb(A.Resource) << A.Api
        << A.Site->getSourceRange();
    // Show the first way out: the analysis reports a leak in a loop at the
    // return after it, where the break or continue that skips the release
    // says more.
    const mt::ExitLeak *Leak = Leaks.empty() ? nullptr : Leaks.front();
    if (Leak && (!Skip || (Leak->Return && SM.isBeforeInTranslationUnit(
                                               Leak->Return->getBeginLoc(),
                                               Skip->Where->getBeginLoc())))) {
      if (Leak->Return)
        diag(mt::reportLocation(Leak->Return->getBeginLoc(), SM),
             "this return leaves without releasing %0", DiagnosticIDs::Note)
            << Name;
      else
        diag(mt::reportLocation(Body->getEndLoc(), SM),
             "the end of the function is reached without releasing %0",
             DiagnosticIDs::Note)
            << Name;
    } else if (Skip) {
      SourceLocation SkipLoc =
          mt::reportLocation(Skip->Where->getBeginLoc(), SM);
      if (Skip->Thrower)
        diag(SkipLoc, "%0 may throw here before %1 is released",
             DiagnosticIDs::Note)
            << Skip->Thrower << Name;
      else if (isa<CXXThrowExpr>(Skip->Where))
        diag(SkipLoc, "this throw leaves before %0 is released",
             DiagnosticIDs::Note)
            << Name;
      else
        diag(SkipLoc, "this %select{continue|break}0 skips the release of %1",
             DiagnosticIDs::Note)
            << isa<BreakStmt>(Skip->Where) << Name;
    }
    for (const Stmt *R : ReleaseStmts)
      diag(mt::reportLocation(R->getBeginLoc(), SM), "%0 %1 here",
           DiagnosticIDs::Note)
          << Name << Verb;
  }
}

void MissingRaiiCheck::checkManualLocks(const FunctionDecl *Function,
                                        const CompoundStmt *Block,
                                        ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Body = Block->body();
  for (auto It = Body.begin(); It != Body.end(); ++It) {
    std::string Object = lockedObject(*It, "lock", MutexTypeList, Ctx);
    if (Object.empty())
      continue;
    const Stmt *Lock = *It;
    // The unlock that closes the section in this block.
    const Stmt *Unlock = nullptr;
    auto UnlockIt = std::next(It);
    for (; UnlockIt != Body.end(); ++UnlockIt)
      if (lockedObject(*UnlockIt, "unlock", MutexTypeList, Ctx) == Object) {
        Unlock = *UnlockIt;
        break;
      }
    if (!Unlock)
      continue;
    // What runs between: early unlocks, and exits that skip the unlock.
    std::vector<const Stmt *> Unlocks;
    std::vector<const Stmt *> Between(std::next(It), UnlockIt);
    for (const Stmt *S : Between) {
      auto Nested = match(findAll(callExpr().bind("call")), *S, Ctx);
      for (const BoundNodes &Node : Nested) {
        const auto *Call = Node.getNodeAs<CallExpr>("call");
        if (lockedObject(Call, "unlock", MutexTypeList, Ctx) == Object)
          Unlocks.push_back(Call);
      }
    }
    bool EarlyUnlock = !Unlocks.empty();
    Unlocks.push_back(Unlock);
    const Stmt *Exit = nullptr;
    const FunctionDecl *Thrower = nullptr;
    for (const Stmt *S : Between) {
      auto Exits =
          match(findAll(stmt(anyOf(returnStmt(), cxxThrowExpr(), gotoStmt(),
                                   breakStmt(), continueStmt(), callExpr()))
                            .bind("exit")),
                *S, Ctx);
      for (const BoundNodes &Node : Exits) {
        const auto *E = Node.getNodeAs<Stmt>("exit");
        const FunctionDecl *Callee = nullptr;
        if (const auto *Call = dyn_cast<CallExpr>(E)) {
          // Unlocking the mutex is what ends the section, not an exit.
          if (llvm::is_contained(Unlocks, E))
            continue;
          Callee = mayThrow(Call, Ctx);
          if (!Callee)
            continue;
        }
        if (isa<BreakStmt, ContinueStmt>(E)) {
          const Stmt *Target = jumpTarget(E, Ctx);
          if (!Target || contains(S, Target, SM))
            continue;
        }
        if (releasedBefore(E, Unlocks, Ctx))
          continue;
        if (!Exit || SM.isBeforeInTranslationUnit(E->getBeginLoc(),
                                                  Exit->getBeginLoc())) {
          Exit = E;
          Thrower = Callee;
        }
      }
    }

    const auto *LockExpr = cast<Expr>(Lock);
    // A pthread mutex becomes a std::mutex first: no fix for that.
    const auto *LockCall = dyn_cast<CXXMemberCallExpr>(
        LockExpr->IgnoreImplicit()->IgnoreParenCasts());
    const Stmt *Last = Block->body_back();
    bool CanFix = LockCall && !EarlyUnlock && Unlock == Last &&
                  !Lock->getBeginLoc().isMacroID();
    if (CanFix) {
      // The guard's name must not hide or clash with another name: a
      // parameter, a local, or a global the function uses.
      auto IsGuard = namedDecl(hasName(GuardName.str()));
      CanFix =
          match(findAll(decl(IsGuard)), *Function, Ctx).empty() &&
          match(findAll(declRefExpr(to(IsGuard))), *Function->getBody(), Ctx)
              .empty();
    }
    StringRef Suggested = EarlyUnlock ? UniqueLock : LockGuard;
    SourceLocation Where = mt::reportLocation(Lock->getBeginLoc(), SM);
    {
      // Without an exit that skips the unlock, nothing is wrong yet: a
      // remark, which SARIF marks informational.
      auto D = Exit ? diag(Where, "'%0' is locked by hand and stays locked "
                                  "on a path that skips the unlock; use "
                                  "'%1'%select{| over a 'std::mutex'}2")
                    : diag(Where,
                           "'%0' is locked and unlocked by hand; use "
                           "'%1'%select{| over a 'std::mutex'}2",
                           DiagnosticIDs::Remark);
      D << Object << Suggested << !LockCall;
      std::optional<CharSourceRange> UnlockRange;
      if (CanFix)
        UnlockRange = wholeStatement(Unlock, Ctx);
      if (UnlockRange) {
        std::string MutexType =
            LockCall->getRecordDecl()->getQualifiedNameAsString();
        D << FixItHint::CreateReplacement(LockExpr->getSourceRange(),
                                          (LockGuard + "<" + MutexType + "> " +
                                           GuardName + "(" + Object + ")")
                                              .str())
          << FixItHint::CreateRemoval(*UnlockRange);
      }
    }
    if (Exit) {
      SourceLocation ExitLoc = mt::reportLocation(Exit->getBeginLoc(), SM);
      if (Thrower)
        diag(ExitLoc, "%0 may throw here while '%1' is locked",
             DiagnosticIDs::Note)
            << Thrower << Object;
      else
        diag(ExitLoc,
             "this %select{return|throw|goto|break|continue}0 "
             "leaves while '%1' is locked",
             DiagnosticIDs::Note)
            << (isa<ReturnStmt>(Exit)     ? 0
                : isa<CXXThrowExpr>(Exit) ? 1
                : isa<GotoStmt>(Exit)     ? 2
                : isa<BreakStmt>(Exit)    ? 3
                                          : 4)
            << Object;
    }
    for (const Stmt *U : Unlocks)
      diag(mt::reportLocation(U->getBeginLoc(), SM), "'%0' unlocked here",
           DiagnosticIDs::Note)
          << Object;
  }
}

void MissingRaiiCheck::checkOwningClass(const CXXRecordDecl *Record,
                                        ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CXXDestructorDecl *Dtor = Record->getDestructor();
  if (!Dtor || !Dtor->hasBody() || SM.isInSystemHeader(Record->getLocation()))
    return;
  // Copies are generated only when the class declares none of the copy or
  // move operations; a move declared by the user deletes them.
  if (Record->hasUserDeclaredMoveConstructor() ||
      Record->hasUserDeclaredMoveAssignment())
    return;
  bool CopyCtor = !Record->hasUserDeclaredCopyConstructor();
  bool CopyAssign = !Record->hasUserDeclaredCopyAssignment();
  for (const CXXConstructorDecl *Ctor : Record->ctors())
    if (Ctor->isCopyConstructor() && Ctor->isImplicit() && Ctor->isDeleted())
      CopyCtor = false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->isCopyAssignmentOperator() && Method->isImplicit() &&
        Method->isDeleted())
      CopyAssign = false;
  // A member that cannot be copied deletes the generated copies too.
  for (const FieldDecl *Field : Record->fields()) {
    const CXXRecordDecl *FieldClass = Field->getType()->getAsCXXRecordDecl();
    if (FieldClass && FieldClass->hasDefinition() &&
        (FieldClass->hasUserDeclaredMoveConstructor() ||
         !FieldClass->hasSimpleCopyConstructor()))
      return;
    if (Field->getType().isConstQualified() ||
        Field->getType()->isReferenceType())
      CopyAssign = false;
  }
  if (!CopyCtor && !CopyAssign)
    return;
  const Stmt *DtorBody = Dtor->getBody();
  for (const FieldDecl *Field : Record->fields()) {
    if (!Field->getType()->isPointerType())
      continue;
    auto IsField = memberExpr(member(equalsNode(Field)),
                              hasObjectExpression(cxxThisExpr()));
    auto Deletes =
        match(findAll(cxxDeleteExpr(has(expr(ignoringParenImpCasts(IsField))))
                          .bind("delete")),
              *DtorBody, Ctx);
    if (Deletes.empty())
      continue;
    const Expr *Allocation = nullptr;
    for (const CXXConstructorDecl *Ctor : Record->ctors()) {
      if (!Ctor->hasBody() || Ctor->isCopyOrMoveConstructor())
        continue;
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getMember() == Field && Init->getInit() &&
            isa<CXXNewExpr>(Init->getInit()->IgnoreParenImpCasts()))
          Allocation = Init->getInit()->IgnoreParenImpCasts();
      if (Allocation)
        break;
      auto Assigned =
          match(findAll(binaryOperator(
                    isAssignmentOperator(), hasLHS(IsField),
                    hasRHS(ignoringParenImpCasts(cxxNewExpr().bind("new"))))),
                *Ctor->getBody(), Ctx);
      if (!Assigned.empty()) {
        Allocation = Assigned.front().getNodeAs<CXXNewExpr>("new");
        break;
      }
    }
    if (!Allocation || mayHaveParent(cast<CXXNewExpr>(Allocation)))
      continue;
    std::string Element =
        Field->getType()->getPointeeType().getAsString(Ctx.getPrintingPolicy());
    bool Array = cast<CXXNewExpr>(Allocation)->isArray();
    diag(mt::reportLocation(Field->getLocation(), SM),
         "%0 owns %1 through a raw pointer but keeps the implicit "
         "%select{copy constructor|copy assignment operator|copy constructor "
         "and copy assignment operator}2; a copy deletes it twice; use "
         "'%3<%4%5>' or delete the copy operations")
        << Record << Field
        << (CopyCtor && CopyAssign ? 2
            : CopyCtor             ? 0
                                   : 1)
        << SmartPointer << Element << (Array ? "[]" : "");
    diag(mt::reportLocation(Allocation->getBeginLoc(), SM), "%0 allocated here",
         DiagnosticIDs::Note)
        << Field;
    const auto *Delete = Deletes.front().getNodeAs<CXXDeleteExpr>("delete");
    diag(mt::reportLocation(Delete->getBeginLoc(), SM),
         "%0 deleted in the destructor here", DiagnosticIDs::Note)
        << Field;
  }
}

void MissingRaiiCheck::onEndOfTranslationUnit() {
  HeaderInserted = false;
  mt::OwnershipAnalyzer::releaseShared();
}

} // namespace clang::tidy::memtidy
