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
// run. Past the limit a block's states are joined, which keeps the analysis
// linear on functions with many independent branches.
//
// Branch conditions refine states edge by edge; a client that finds an edge
// infeasible for a state drops that state on the edge.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_PATHSENSITIVE_H
#define MEMTIDY_SUPPORT_PATHSENSITIVE_H

#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"
#include <queue>
#include <vector>

namespace memtidy {

/// What a check supplies to the engine. StateT must provide operator== and
/// joinWith(const StateT &), a monotone join over a finite lattice.
template <typename StateT> class PathClient {
public:
  virtual ~PathClient() = default;
  /// Applies one CFG element to \p State.
  virtual void transfer(const clang::CFGElement &Element, StateT &State) = 0;
  /// Refines \p State for the edge on which \p Cond evaluated to \p Taken.
  /// Returns false if no execution in \p State can take that edge.
  virtual bool assume(const clang::Expr *Cond, bool Taken, StateT &State) = 0;
};

template <typename StateT> class PathSensitiveAnalysis {
public:
  explicit PathSensitiveAnalysis(const clang::CFG &Graph,
                                 unsigned MaxStatesPerBlock = 12,
                                 unsigned ElementBudget = 400000)
      : Graph(Graph), MaxStates(MaxStatesPerBlock), Budget(ElementBudget),
        Blocks(Graph.getNumBlockIDs()) {
    computeReversePostOrder();
  }

  /// Runs to a fixpoint from \p Initial at the entry block. Returns false if
  /// the element budget ran out; the states are then incomplete and a check
  /// should report nothing for the function.
  bool run(PathClient<StateT> &Client, StateT Initial) {
    const clang::CFGBlock &Entry = Graph.getEntry();
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
        for (const clang::CFGElement &Element : *Block)
          Client.transfer(Element, State);
        forEachFeasibleSuccessor(
            Client, *Block, State,
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
        for (const clang::CFGElement &Element : *Block)
          Client.transfer(Element, State);
        forEachFeasibleSuccessor(Client, *Block, State,
                                 [](const clang::CFGBlock &, StateT) {});
      }
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
  unsigned MaxStates;
  unsigned Budget;
  unsigned Spent = 0;
  std::vector<BlockStates> Blocks;
  std::vector<unsigned> Order;                 // block id -> RPO index
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
    const clang::Expr *Cond = branchCondition(Block);
    unsigned Index = 0;
    for (const clang::CFGBlock *Succ : Block.succs()) {
      bool Taken = Index++ == 0;
      if (!Succ)
        continue;
      StateT Next = State;
      if (Cond && !Client.assume(Cond, Taken, Next))
        continue;
      Visit(*Succ, std::move(Next));
    }
  }

  /// Adds a state to a block's input; true if the input changed.
  bool addState(const clang::CFGBlock &Block, StateT State) {
    BlockStates &BS = Blocks[Block.getBlockID()];
    if (BS.Joined) {
      StateT Joined = BS.Seen.front();
      Joined.joinWith(State);
      if (Joined == BS.Seen.front())
        return false;
      BS.Seen.front() = Joined;
      BS.Pending.assign(1, std::move(Joined));
      return true;
    }
    for (const StateT &Known : BS.Seen)
      if (Known == State)
        return false;
    if (BS.Seen.size() < MaxStates) {
      BS.Seen.push_back(State);
      BS.Pending.push_back(std::move(State));
      return true;
    }
    // Too many distinct paths: fall back to one joined state.
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
