//===--- PathSensitive.h - Forward analysis over path states ----*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A forward analysis over a function's CFG that keeps up to N distinct states
// per block instead of joining them at once. Error handling correlates
// values ("err = -ENOMEM" on the path where p is NULL, then "if (err)
// return"); a single joined state loses that and reports paths that cannot
// run. Past the limit, states are merged as in property simulation (ESP):
// only states that agree on the tracked property (a check's own typestate)
// are joined, so the property stays correlated with the rest of the state.
// Past a second limit everything is joined, which keeps the analysis linear
// on functions with many independent branches.
//
// Branch conditions refine states edge by edge; a client that finds an edge
// infeasible for a state drops that state on the edge. Constant conditions
// prune their dead edge, except kernel configuration tests (IS_ENABLED(),
// CONFIG_*): code disabled by this build's .config is live in another one.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_PATHSENSITIVE_H
#define MEMTIDY_SUPPORT_PATHSENSITIVE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"
#include <queue>
#include <vector>

namespace memtidy {

/// What a check supplies to the engine. StateT must provide operator==,
/// joinWith(const StateT &), a monotone join over a finite lattice, and
/// sameProperty(const StateT &), which says when two states may be merged.
template <typename StateT> class PathClient {
public:
  virtual ~PathClient() = default;
  /// Applies one CFG element to \p State. Returns false if execution does
  /// not continue past it (a call to a function that never returns).
  virtual bool transfer(const clang::CFGElement &Element, StateT &State) = 0;
  /// Refines \p State for the edge on which \p Cond evaluated to \p Taken.
  /// Returns false if no execution in \p State can take that edge.
  virtual bool assume(const clang::Expr *Cond, bool Taken, StateT &State) = 0;
  /// Refines \p State for the edge of \p Switch to \p Label (a case, a
  /// default, or null for the edge taken when no label matches). Returns
  /// false if the switch cannot take that edge in \p State.
  virtual bool assumeCase(const clang::SwitchStmt &Switch,
                          const clang::SwitchCase *Label, StateT &State) {
    return true;
  }
  /// Called when \p State has run through all of \p Block, before its
  /// terminator (a goto, a branch) takes it to a successor.
  virtual void leaveBlock(const clang::CFGBlock &Block, StateT &State) {}
};

/// True if \p Cond is a constant that depends on the build configuration.
bool dependsOnConfiguration(const clang::Expr *Cond,
                            const clang::ASTContext &Ctx);

/// Builds the CFG the path analyses run on: every subexpression an element
/// in evaluation order, noreturn destructors ending paths, and constant
/// branches kept (the engine decides which to prune).
std::unique_ptr<clang::CFG>
buildAnalysisCFG(const clang::FunctionDecl *Function, clang::ASTContext &Ctx);

template <typename StateT> class PathSensitiveAnalysis {
public:
  PathSensitiveAnalysis(const clang::CFG &Graph, const clang::ASTContext &Ctx,
                        unsigned MaxStatesPerBlock = 32,
                        unsigned ElementBudget = 400000)
      : Graph(Graph), Ctx(Ctx), MaxStates(MaxStatesPerBlock),
        Budget(ElementBudget), Blocks(Graph.getNumBlockIDs()) {
    computeReversePostOrder();
  }

  /// Runs to a fixpoint from \p Initial at the entry block (or at \p Start).
  /// Returns false if the element budget ran out; the states are then
  /// incomplete and a check should report nothing for the function.
  bool run(PathClient<StateT> &Client, StateT Initial,
           const clang::CFGBlock *Start = nullptr) {
    const clang::CFGBlock &Entry = Start ? *Start : Graph.getEntry();
    if (Order[Entry.getBlockID()] == ~0u)
      return false; // Unreachable from the function's entry.
    std::priority_queue<unsigned, std::vector<unsigned>, std::greater<>>
        Worklist;
    llvm::BitVector Queued(Graph.getNumBlockIDs());
    addState(Entry, std::move(Initial));
    Worklist.push(Order[Entry.getBlockID()]);
    Queued.set(Entry.getBlockID());

    while (!Worklist.empty()) {
      const clang::CFGBlock *Block = ByOrder[Worklist.top()];
      Worklist.pop();
      Queued.reset(Block->getBlockID());
      BlockStates &BS = Blocks[Block->getBlockID()];
      std::vector<StateT> Pending = std::move(BS.Pending);
      BS.Pending.clear();
      for (StateT &State : Pending) {
        if (Spent > Budget)
          return false;
        Spent += Block->size() + 1;
        if (!transferBlock(Client, *Block, State))
          continue;
        forEachFeasibleSuccessor(Client, *Block, State,
                                 [&](const clang::CFGBlock &Succ, StateT Next) {
                                   if (!addState(Succ, std::move(Next)))
                                     return;
                                   if (!Queued.test(Succ.getBlockID())) {
                                     Queued.set(Succ.getBlockID());
                                     Worklist.push(Order[Succ.getBlockID()]);
                                   }
                                 });
      }
    }
    return true;
  }

  /// Applies the client once more to every state that reached each block,
  /// in reverse post-order, so that it can report what it sees.
  void replay(PathClient<StateT> &Client) {
    for (const clang::CFGBlock *Block : ByOrder) {
      for (StateT State : Blocks[Block->getBlockID()].Seen) {
        if (!transferBlock(Client, *Block, State))
          continue;
        forEachFeasibleSuccessor(Client, *Block, State,
                                 [](const clang::CFGBlock &, StateT) {});
      }
    }
  }

  /// True if some state that reached \p Block runs through all of it.
  bool completes(PathClient<StateT> &Client, const clang::CFGBlock &Block) {
    for (StateT State : Blocks[Block.getBlockID()].Seen)
      if (transferBlock(Client, Block, State))
        return true;
    return false;
  }

  /// Calls \p Visit with each state that leaves \p Block for \p Succ: run
  /// through the block and refined by its branch (the false edge of
  /// "if (j) kfree(p);" when it leads to the exit).
  template <typename Fn>
  void forEachStateInto(PathClient<StateT> &Client,
                        const clang::CFGBlock &Block,
                        const clang::CFGBlock &Succ, Fn &&Visit) {
    for (StateT State : Blocks[Block.getBlockID()].Seen) {
      if (!transferBlock(Client, Block, State))
        continue;
      forEachFeasibleSuccessor(Client, Block, State,
                               [&](const clang::CFGBlock &To, StateT Next) {
                                 if (&To == &Succ)
                                   Visit(Next);
                               });
    }
  }

  /// The states that reached \p Block (after the fixpoint).
  llvm::ArrayRef<StateT> statesAt(const clang::CFGBlock &Block) const {
    return Blocks[Block.getBlockID()].Seen;
  }

private:
  struct BlockStates {
    std::vector<StateT> Seen;
    std::vector<StateT> Pending;
    bool Joined = false;
  };

  const clang::CFG &Graph;
  const clang::ASTContext &Ctx;
  unsigned MaxStates;
  unsigned Budget;
  unsigned Spent = 0;
  std::vector<BlockStates> Blocks;
  std::vector<unsigned> Order;                  // block id -> RPO index
  std::vector<const clang::CFGBlock *> ByOrder; // RPO index -> block

  void computeReversePostOrder() {
    Order.assign(Graph.getNumBlockIDs(), ~0u);
    std::vector<const clang::CFGBlock *> PostOrder;
    llvm::BitVector Visited(Graph.getNumBlockIDs());
    // Iterative DFS: (block, next successor index).
    std::vector<std::pair<const clang::CFGBlock *, unsigned>> Stack;
    Stack.push_back({&Graph.getEntry(), 0});
    Visited.set(Graph.getEntry().getBlockID());
    while (!Stack.empty()) {
      auto &[Block, Next] = Stack.back();
      if (Next < Block->succ_size()) {
        const clang::CFGBlock *Succ = Block->succ_begin()[Next++];
        if (Succ && !Visited.test(Succ->getBlockID())) {
          Visited.set(Succ->getBlockID());
          Stack.push_back({Succ, 0});
        }
        continue;
      }
      PostOrder.push_back(Block);
      Stack.pop_back();
    }
    ByOrder.assign(PostOrder.rbegin(), PostOrder.rend());
    for (unsigned I = 0; I < ByOrder.size(); ++I)
      Order[ByOrder[I]->getBlockID()] = I;
  }

  static bool transferBlock(PathClient<StateT> &Client,
                            const clang::CFGBlock &Block, StateT &State) {
    for (const clang::CFGElement &Element : Block)
      if (!Client.transfer(Element, State))
        return false;
    Client.leaveBlock(Block, State);
    return true;
  }

  /// The condition whose value picks between a two-way branch's successors.
  static const clang::Expr *branchCondition(const clang::CFGBlock &Block) {
    if (Block.succ_size() != 2)
      return nullptr;
    const clang::Stmt *Terminator = Block.getTerminatorStmt();
    if (!Terminator || llvm::isa<clang::SwitchStmt>(Terminator))
      return nullptr;
    if (const clang::Expr *Last = Block.getLastCondition())
      return Last;
    return llvm::dyn_cast_or_null<clang::Expr>(Block.getTerminatorCondition());
  }

  template <typename Fn>
  void forEachFeasibleSuccessor(PathClient<StateT> &Client,
                                const clang::CFGBlock &Block,
                                const StateT &State, Fn &&Visit) {
    if (const auto *Switch = llvm::dyn_cast_or_null<clang::SwitchStmt>(
            Block.getTerminatorStmt())) {
      for (const clang::CFGBlock *Succ : Block.succs()) {
        if (!Succ)
          continue;
        const auto *Label =
            llvm::dyn_cast_or_null<clang::SwitchCase>(Succ->getLabel());
        StateT Next = State;
        if (!Client.assumeCase(*Switch, Label, Next))
          continue;
        Visit(*Succ, std::move(Next));
      }
      return;
    }
    const clang::Expr *Cond = branchCondition(Block);
    std::optional<bool> Constant;
    bool Known;
    if (Cond && !Cond->isValueDependent() &&
        Cond->EvaluateAsBooleanCondition(Known, Ctx) &&
        !dependsOnConfiguration(Cond, Ctx))
      Constant = Known;
    unsigned Index = 0;
    for (const clang::CFGBlock *Succ : Block.succs()) {
      bool Taken = Index++ == 0;
      if (!Succ || (Constant && *Constant != Taken))
        continue;
      StateT Next = State;
      if (Cond && !Client.assume(Cond, Taken, Next))
        continue;
      Visit(*Succ, std::move(Next));
    }
  }

  /// Joins \p State into \p Into; true if that changed \p Into, which is
  /// then processed again.
  static bool joinInto(BlockStates &BS, StateT &Into, const StateT &State) {
    StateT Joined = Into;
    Joined.joinWith(State);
    if (Joined == Into)
      return false;
    Into = Joined;
    BS.Pending.push_back(std::move(Joined));
    return true;
  }

  /// Adds a state to a block's input; true if the input changed.
  bool addState(const clang::CFGBlock &Block, StateT State) {
    BlockStates &BS = Blocks[Block.getBlockID()];
    if (BS.Joined)
      return joinInto(BS, BS.Seen.front(), State);
    for (const StateT &Known : BS.Seen)
      if (Known == State)
        return false;
    if (BS.Seen.size() < MaxStates) {
      BS.Seen.push_back(State);
      BS.Pending.push_back(std::move(State));
      return true;
    }
    // Many distinct paths: merge with a state of the same property.
    for (StateT &Known : BS.Seen)
      if (Known.sameProperty(State))
        return joinInto(BS, Known, State);
    if (BS.Seen.size() < 2 * MaxStates) {
      BS.Seen.push_back(State);
      BS.Pending.push_back(std::move(State));
      return true;
    }
    // Too many distinct properties: fall back to one joined state.
    StateT Joined = std::move(State);
    for (const StateT &Known : BS.Seen)
      Joined.joinWith(Known);
    BS.Joined = true;
    BS.Seen.assign(1, Joined);
    BS.Pending.assign(1, std::move(Joined));
    return true;
  }
};

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_PATHSENSITIVE_H
