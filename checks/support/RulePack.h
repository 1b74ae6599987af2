//===--- RulePack.h - memtidy API rule packs --------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Which APIs allocate, free, test for failure or dereference their arguments
// is data: JSON rule packs (docs/rule-packs.md). This header holds the plain
// model the checks consume; parsing lives in RulePack.cpp only.
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_SUPPORT_RULEPACK_H
#define MEMTIDY_SUPPORT_RULEPACK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memtidy {

/// The rule-pack format version this build reads.
constexpr int RulePackSchemaVersion = 1;

enum class ApiKind {
  Allocator,        ///< Returns (or writes through "out") a new resource.
  ManagedAllocator, ///< Like Allocator, but released automatically (devm_*).
  Reallocator,      ///< Resizes the block in argument "ptr".
  Deallocator,      ///< Releases the resource in argument "ptr".
  Predicate,        ///< Tests a value for failure, e.g. IS_ERR().
  Dereferences,     ///< Requires valid (non-failed) values in "args".
  NoReturn,         ///< Never returns, though not declared so (longjmp).
  Acquire,    ///< Takes a hold on the object in "arg" (a lock, a reference),
              ///< or without "arg" on a CPU context (rcu_read_lock()).
  Release,    ///< Drops a hold taken by an Acquire entry of its family.
  Consumes,   ///< Takes ownership of what arguments "args" hold (list_add).
  MaySleep,   ///< May sleep; with "gfp", only if its mask allows reclaim.
  ErrorValue, ///< Makes an error value (ERR_PTR); with "arg", returns it.
  Borrows,    ///< Uses its arguments and keeps none (usb_kill_urb).
  // WebAssembly linear memory (host and guest side).
  MemoryBase,        ///< Returns the base address of a linear memory.
  MemorySize,        ///< Returns the size of a linear memory in bytes.
  GuestValidator,    ///< Non-zero when a guest range lies in linear memory.
  GuestAddress,      ///< Converts a guest offset to a host pointer.
  MovesMemory,       ///< May grow linear memory, moving its base; with
                     ///< "out", stores a fresh pointer into it there.
  CallsGuest,        ///< Runs guest code: memory may move, results are
                     ///< guest-controlled.
  NativeTable,       ///< A record type whose arrays register host functions
                     ///< with WAMR signatures; the entry names the type.
  RegistersNatives,  ///< Registers the native table in argument "arg".
  HostFunction,      ///< Registers a callback the guest calls.
  MemoryView,        ///< Creates a JavaScript view over guest memory.
  Int32Result,       ///< Returns a 32-bit int that cannot carry a pointer
                     ///< on wasm64.
  RegistersCallback, ///< Stores functions that run later in "callbacks".
  CallbackField,     ///< "record::field": a function stored there runs later.
  ContextTest,       ///< Tells atomic from sleepable context (in_atomic()).
  Borrowed,          ///< Returns a value its argument still owns (wasm.h's
                     ///< wasm_extern_as_func): the caller must not release it.
};

/// The groups of kinds a name may have one entry in each of: what a function
/// does to resources, and three aspects of the CPU context it runs in.
enum class EntryGroup { Resource, Sleep, Callback, ContextTest };
constexpr unsigned NumEntryGroups = 4;
EntryGroup groupOf(ApiKind Kind);

/// Where a callback runs.
enum class ExecContext {
  HardIrq, ///< A hard-IRQ handler.
  SoftIrq, ///< Softirq: timers, tasklets, NAPI, RCU callbacks.
  Atomic,  ///< Some atomic context (URB completions: softirq or hard-IRQ).
  Process, ///< A kernel thread or workqueue: may sleep.
};

/// How an API reports failure.
enum class FailureConvention {
  Null,         ///< Returns NULL.
  ErrPtr,       ///< Returns an ERR_PTR()-encoded errno, never NULL.
  ErrPtrOrNull, ///< Returns either an ERR_PTR() or NULL.
  Negative,     ///< Returns a negative value (file descriptors).
  NonZero,      ///< Returns non-zero and leaves "out" unset.
  Zero,         ///< Returns zero when it did not acquire (trylocks).
  Never,        ///< Cannot fail (or aborts instead).
  Throws,       ///< Throws an exception instead of returning.
};

/// What a Predicate entry tests.
enum class PredicateTest {
  ErrPtr,       ///< True when the argument is an ERR_PTR (IS_ERR).
  ErrPtrOrNull, ///< True when the argument is an ERR_PTR or NULL.
};

/// Where an entry was defined, for diagnostics about the pack itself.
struct PackLocation {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// One API in a rule pack.
struct ApiEntry {
  std::string Name;
  std::vector<std::string> Aliases;
  ApiKind Kind = ApiKind::Allocator;
  std::string Family;
  std::string Resource = "memory";
  std::vector<unsigned> SizeArgs;
  std::optional<unsigned> GfpArg;
  std::optional<unsigned> PtrArg;
  std::optional<unsigned> OutArg;
  std::vector<unsigned> DerefArgs;
  /// For Acquire and Release entries: the argument that is held, or none
  /// for a context of the CPU. For ErrorValue entries: the error returned.
  std::optional<unsigned> HeldArg;
  /// Arguments whose resources the callee takes over (Consumes entries,
  /// and allocators such as of_find_node_by_name() that drop "from").
  std::vector<unsigned> ConsumedArgs;
  /// For Acquire entries: code runs in atomic context while it is held.
  bool Atomic = false;
  /// The call may sleep whatever its arguments (vmalloc, mutex_lock).
  bool MaySleep = false;
  /// The callee keeps none of its arguments (Borrows entries, and
  /// Dereferences entries with "borrows").
  bool Borrows = false;
  /// For deallocators: other families it releases correctly (kvfree()
  /// frees kmalloc() and vmalloc() memory).
  std::vector<std::string> AlsoReleases;
  /// The name is a function-like macro: code expanded from it counts as a
  /// call (preempt_disable() has no function of its own).
  bool Macro = false;
  /// For RegistersCallback entries: the context each callback argument
  /// runs in (request_threaded_irq: handler hard-IRQ, thread_fn process).
  std::vector<std::pair<ExecContext, unsigned>> Callbacks;
  /// For CallbackField entries: where a function stored there runs.
  ExecContext FieldContext = ExecContext::Atomic;
  FailureConvention Fails = FailureConvention::Never;
  /// For deallocators: the argument must be valid (fclose(NULL) crashes,
  /// free(NULL) does not).
  bool RequiresValid = false;
  PredicateTest Tests = PredicateTest::ErrPtr;
  unsigned PredicateArg = 0;

  // Dereferences entries: how much memory the call accesses through the
  // arguments in DerefArgs (SizeArgs multiplied, or ElementsArg elements of
  // the pointee type), which arguments it reads as NUL-terminated strings,
  // and the printf format whose %s conversions read strings.
  std::optional<unsigned> ElementsArg;
  std::vector<unsigned> StringArgs;
  std::optional<unsigned> FormatArg;

  // WebAssembly entries.
  /// MemoryBase: the memory is shared, and shared memories never move.
  bool SharedMemory = false;
  /// GuestValidator and GuestAddress: the guest offset (or, for validators
  /// of host pointers, the pointer) argument. A validator's extent is the
  /// product of SizeArgs, one byte without them, or a NUL-terminated string.
  std::optional<unsigned> OffsetArg;
  bool ValidatesString = false;
  bool ValidatesPointer = false;
  /// GuestValidator: where it stores the end of the valid region.
  std::optional<unsigned> EndArg;
  /// CallsGuest: the argument whose elements receive the guest's results.
  std::optional<unsigned> ResultsArg;
  /// NativeTable: the fields holding each host function and its signature.
  std::string FunctionField;
  std::string SignatureField;
  /// RegistersNatives: the functions receive their arguments as one raw
  /// array instead of one parameter per signature letter.
  bool Raw = false;
  /// HostFunction: the callback argument, and which of the callback's
  /// parameters carries the guest's arguments.
  std::optional<unsigned> CallbackArg;
  unsigned GuestParam = 0;
  /// Int32Result: what to call instead when the result is a pointer.
  std::string Instead;

  std::string Pack;
  PackLocation Location;

  bool canFail() const {
    return Fails != FailureConvention::Never &&
           Fails != FailureConvention::Throws;
  }
};

/// GFP mask facts a kernel pack supplies: flag macro names whose meaning the
/// checks evaluate against the translation unit's own definitions, and the
/// complete masks by what they allow, for when a value cannot be computed.
struct GfpFlags {
  std::string NoFail;
  std::string DirectReclaim;
  std::string Io;
  std::string Fs;
  std::vector<std::string> SleepingMasks;
  std::vector<std::string> AtomicMasks;
};

/// A parsed rule pack.
struct RulePack {
  std::string Name;
  std::string File;
  std::string Description;
  GfpFlags Gfp;
  std::vector<ApiEntry> Entries;
};

/// Parses one pack. \p FileName names the pack in error messages, which read
/// "file:line:col: error: ...". The whole pack is rejected on any error.
llvm::Expected<RulePack> parseRulePack(llvm::StringRef Text,
                                       llvm::StringRef FileName);

/// Reads and parses a pack file.
llvm::Expected<RulePack> loadRulePackFile(llvm::StringRef Path);

/// The packs compiled into memtidy (rules/*.json), by name.
llvm::ArrayRef<RulePack> builtinRulePacks();

/// The merged view the checks query. Later packs override entries of earlier
/// ones with the same name, so a user pack can correct a built-in entry.
class RuleSet {
public:
  explicit RuleSet(std::vector<RulePack> Packs);
  RuleSet(const RuleSet &) = delete;
  RuleSet &operator=(const RuleSet &) = delete;

  /// The entry for a function (or alias) name, or null.
  const ApiEntry *lookup(llvm::StringRef Name) const;
  /// The entry of \p Group for a function name, or with \p Macro for a
  /// macro name; null if there is none.
  const ApiEntry *lookup(llvm::StringRef Name, EntryGroup Group,
                         bool Macro = false) const;
  /// True if some entry names a macro: most code needs no macro lookups.
  bool hasMacroEntries() const { return HasMacroEntries; }
  /// The first Deallocator or Release entry of \p Family, for messages
  /// that say how to release a resource; null if the packs have none.
  const ApiEntry *releaserOf(llvm::StringRef Family) const;
  const GfpFlags &gfp() const { return Gfp; }
  llvm::ArrayRef<RulePack> packs() const { return Packs; }

private:
  std::vector<RulePack> Packs;
  /// Functions, then macros, of each group.
  llvm::StringMap<const ApiEntry *> ByName[NumEntryGroups][2];
  llvm::StringMap<const ApiEntry *> Releasers;
  GfpFlags Gfp;
  bool HasMacroEntries = false;
};

/// Registers packs given on the driver's command line (--rules). Every check
/// includes them after the built-in packs and before packs named by the
/// RulePacks option.
void setCommandLineRulePacks(std::vector<RulePack> Packs);

/// The rule set for a RulePacks option value (a ';'-separated list of files):
/// built-ins, command-line packs, then these files. Parsed once per distinct
/// value and shared between translation units and threads.
llvm::Expected<std::shared_ptr<const RuleSet>>
getRuleSet(llvm::StringRef RulePacksOption);

/// Spelling of enum values as they appear in pack files.
llvm::StringRef kindName(ApiKind Kind);
llvm::StringRef conventionName(FailureConvention Fails);
llvm::StringRef contextName(ExecContext Context);

} // namespace memtidy

#endif // MEMTIDY_SUPPORT_RULEPACK_H
