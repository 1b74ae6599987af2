//===--- RulePack.cpp - memtidy API rule packs ----------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The only file that reads JSON with nlohmann_json. LLVM is built without
// exceptions, so this file alone is compiled with them: nothing thrown here
// escapes, errors leave as llvm::Error.
//
// Packs are parsed through the SAX interface so that every key and value
// keeps its position: errors point at the offending token, as a compiler's do.
//
//===----------------------------------------------------------------------===//

#include "RulePack.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

namespace memtidy {

namespace {

using Json = nlohmann::json;

struct EmbeddedFile {
  const char *Name;
  const char *Text;
};

const EmbeddedFile BuiltinPackFiles[] = {
#include "BuiltinRulePacks.inc"
};

/// An input iterator over the pack text that publishes how far the JSON
/// lexer has read, so SAX events can be mapped back to source offsets.
class TrackingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  TrackingIterator(const char *Ptr, const char **Furthest)
      : Ptr(Ptr), Furthest(Furthest) {}
  reference operator*() const { return *Ptr; }
  TrackingIterator &operator++() {
    ++Ptr;
    if (Ptr > *Furthest)
      *Furthest = Ptr;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator Old = *this;
    ++*this;
    return Old;
  }
  bool operator==(const TrackingIterator &O) const { return Ptr == O.Ptr; }
  bool operator!=(const TrackingIterator &O) const { return Ptr != O.Ptr; }

private:
  const char *Ptr;
  const char **Furthest;
};

/// Builds a nlohmann DOM and records where each value and key starts, keyed
/// by JSON pointer. Rejects duplicate keys, which nlohmann would silently
/// collapse.
class LocatingBuilder : public nlohmann::json_sax<Json> {
public:
  LocatingBuilder(llvm::StringRef Text, const char **Furthest)
      : Text(Text), Furthest(Furthest) {}

  Json Root;
  std::map<std::string, size_t> ValueOffsets;
  std::map<std::string, size_t> KeyOffsets;
  std::optional<size_t> ErrorOffset;
  std::string ErrorMessage;
  std::string ErrorNote;
  std::optional<size_t> ErrorNoteOffset;

  bool null() override { return addScalar(nullptr, literalStart()); }
  bool boolean(bool B) override { return addScalar(B, literalStart()); }
  bool number_integer(number_integer_t N) override {
    return addScalar(N, numberStart());
  }
  bool number_unsigned(number_unsigned_t N) override {
    return addScalar(N, numberStart());
  }
  bool number_float(number_float_t N, const string_t &) override {
    return addScalar(N, numberStart());
  }
  bool string(string_t &S) override { return addScalar(S, stringStart()); }
  bool binary(binary_t &) override { return false; }

  bool start_object(std::size_t) override {
    return openContainer(Json::object());
  }
  bool start_array(std::size_t) override {
    return openContainer(Json::array());
  }
  bool end_object() override { return closeContainer(); }
  bool end_array() override { return closeContainer(); }

  bool key(string_t &K) override {
    Frame &Top = Stack.back();
    std::string Pointer = Top.Pointer + "/" + escapePointer(K);
    size_t Offset = stringStart();
    if (!Top.Keys.insert(K).second) {
      ErrorOffset = Offset;
      ErrorMessage = "duplicate key '" + K + "'";
      ErrorNote = "first given here";
      ErrorNoteOffset = KeyOffsets[Pointer];
      return false;
    }
    KeyOffsets[Pointer] = Offset;
    PendingKey = K;
    return true;
  }

  bool parse_error(std::size_t Position, const std::string &,
                   const nlohmann::detail::exception &Ex) override {
    // nlohmann prefixes its own "[json.exception...] parse error at line L,
    // column C: " which repeats what our location already says.
    llvm::StringRef What = Ex.what();
    size_t Colon = What.find(": ");
    ErrorMessage =
        (Colon == llvm::StringRef::npos ? What : What.substr(Colon + 2)).str();
    ErrorOffset = Position > 0 ? Position - 1 : 0;
    return false;
  }

private:
  struct Frame {
    Json *Value;
    std::string Pointer;
    std::set<std::string> Keys;
  };

  llvm::StringRef Text;
  const char **Furthest;
  std::vector<Frame> Stack;
  std::string PendingKey;

  static std::string escapePointer(llvm::StringRef Key) {
    std::string Out;
    for (char C : Key) {
      if (C == '~')
        Out += "~0";
      else if (C == '/')
        Out += "~1";
      else
        Out += C;
    }
    return Out;
  }

  size_t consumed() const { return *Furthest - Text.data(); }

  // The lexer has just read a string token: its closing quote is the last
  // character consumed; walk back to the unescaped opening quote.
  size_t stringStart() const {
    size_t I = consumed();
    if (I < 2)
      return 0;
    for (I -= 2; I > 0; --I) {
      if (Text[I] != '"')
        continue;
      size_t Backslashes = 0;
      while (I > Backslashes && Text[I - 1 - Backslashes] == '\\')
        ++Backslashes;
      if (Backslashes % 2 == 0)
        return I;
    }
    return 0;
  }

  // Numbers are read one character past their end.
  size_t numberStart() const {
    auto IsNumberChar = [](char C) {
      return llvm::isDigit(C) || C == '-' || C == '+' || C == '.' || C == 'e' ||
             C == 'E';
    };
    size_t I = consumed();
    if (I > 0 && !IsNumberChar(Text[I - 1]))
      --I;
    while (I > 0 && IsNumberChar(Text[I - 1]))
      --I;
    return I;
  }

  size_t literalStart() const {
    size_t I = consumed();
    while (I > 0 && llvm::isAlpha(Text[I - 1]))
      --I;
    return I;
  }

  // Places a new value under the innermost open container and returns it.
  std::pair<Json *, std::string> place(Json V, size_t Offset) {
    if (Stack.empty()) {
      Root = std::move(V);
      ValueOffsets[""] = Offset;
      return {&Root, ""};
    }
    Frame &Top = Stack.back();
    std::string Pointer;
    Json *Slot;
    if (Top.Value->is_object()) {
      Pointer = Top.Pointer + "/" + escapePointer(PendingKey);
      Slot = &(*Top.Value)[PendingKey];
      *Slot = std::move(V);
    } else {
      Pointer = Top.Pointer + "/" + std::to_string(Top.Value->size());
      Top.Value->push_back(std::move(V));
      Slot = &Top.Value->back();
    }
    ValueOffsets[Pointer] = Offset;
    return {Slot, Pointer};
  }

  template <typename T> bool addScalar(T &&V, size_t Offset) {
    place(Json(std::forward<T>(V)), Offset);
    return true;
  }

  bool openContainer(Json Empty) {
    size_t Offset = consumed() > 0 ? consumed() - 1 : 0;
    auto [Slot, Pointer] = place(std::move(Empty), Offset);
    Stack.push_back(Frame{Slot, Pointer, {}});
    return true;
  }

  bool closeContainer() {
    Stack.pop_back();
    return true;
  }
};

/// Line and column (both 1-based) of byte offsets in the pack text.
class LineTable {
public:
  explicit LineTable(llvm::StringRef Text) : Text(Text) {
    Starts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
  }
  std::pair<unsigned, unsigned> at(size_t Offset) const {
    Offset = std::min(Offset, Text.size());
    auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
    size_t Line = It - Starts.begin();
    return {static_cast<unsigned>(Line),
            static_cast<unsigned>(Offset - Starts[Line - 1] + 1)};
  }

private:
  llvm::StringRef Text;
  std::vector<size_t> Starts;
};

const llvm::StringRef KindNames[] = {
    "allocator", "managed-allocator", "reallocator", "deallocator", "predicate",
    "dereferences", "noreturn", "acquire", "release", "consumes", "may-sleep",
    "error-value", "borrows",
    // WebAssembly
    "memory-base", "memory-size", "guest-validator", "guest-address",
    "moves-memory", "calls-guest", "native-table", "registers-natives",
    "host-function", "memory-view", "int32-result",
    // Execution contexts
    "registers-callback", "callback-field", "context-test",
    // wasm.h ownership
    "borrowed"};
const llvm::StringRef ConventionNames[] = {
    "null",    "err-ptr", "err-ptr-or-null", "negative",
    "nonzero", "zero",    "never",           "throws"};
const llvm::StringRef PredicateNames[] = {"err-ptr", "err-ptr-or-null"};
const llvm::StringRef ResourceNames[] = {"memory",  "file",     "fd",
                                         "handle",  "refcount", "lock",
                                         "context", "wasm-own"};

const llvm::StringRef TopLevelKeys[] = {"$schema",     "schema", "name",
                                        "description", "gfp",    "entries"};
const llvm::StringRef GfpKeys[] = {"nofail", "direct-reclaim", "io",
                                   "fs",     "sleeping-masks", "atomic-masks"};
const llvm::StringRef ContextNames[] = {"hardirq", "softirq", "atomic",
                                        "process"};

/// The keys an entry of each kind may carry (besides name, aliases, kind,
/// description, which every entry may carry).
llvm::ArrayRef<llvm::StringRef> keysForKind(ApiKind Kind) {
  static const llvm::StringRef Alloc[] = {"family",   "resource", "size",
                                          "gfp",      "out",      "fails",
                                          "consumes", "may-sleep"};
  static const llvm::StringRef Realloc[] = {
      "family", "resource", "size", "gfp", "ptr", "fails", "may-sleep"};
  static const llvm::StringRef Dealloc[] = {"family",    "resource",
                                            "ptr",       "requires-valid",
                                            "may-sleep", "also-releases"};
  static const llvm::StringRef Pred[] = {"tests", "arg"};
  static const llvm::StringRef Consumed[] = {"args"};
  static const llvm::StringRef Acquire[] = {
      "family", "resource", "arg", "fails", "atomic", "may-sleep", "macro"};
  static const llvm::StringRef Release[] = {"family", "resource", "arg",
                                            "may-sleep", "macro"};
  static const llvm::StringRef Sleep[] = {"gfp", "macro"};
  static const llvm::StringRef ErrorArg[] = {"arg"};
  static const llvm::StringRef Accesses[] = {"args",    "size",   "elements",
                                             "strings", "format", "borrows"};
  static const llvm::StringRef Base[] = {"shared"};
  static const llvm::StringRef Validator[] = {"offset", "size", "validates",
                                              "address", "end"};
  static const llvm::StringRef Address[] = {"offset", "fails"};
  static const llvm::StringRef Guest[] = {"results", "family", "resource",
                                          "fails"};
  static const llvm::StringRef Moves[] = {"out"};
  static const llvm::StringRef Table[] = {"function", "signature"};
  static const llvm::StringRef Registers[] = {"arg", "raw"};
  static const llvm::StringRef Host[] = {"callback", "params"};
  static const llvm::StringRef View[] = {"ptr", "size"};
  static const llvm::StringRef Int32[] = {"instead"};
  static const llvm::StringRef CallbackArgs[] = {"callbacks"};
  static const llvm::StringRef Field[] = {"context"};
  static const llvm::StringRef Test[] = {"atomic", "macro"};
  switch (Kind) {
  case ApiKind::NoReturn:
  case ApiKind::Borrows:
  case ApiKind::Borrowed:
    return {};
  case ApiKind::Acquire:
    return Acquire;
  case ApiKind::Release:
    return Release;
  case ApiKind::Consumes:
    return Consumed;
  case ApiKind::MaySleep:
    return Sleep;
  case ApiKind::ErrorValue:
    return ErrorArg;
  case ApiKind::RegistersCallback:
    return CallbackArgs;
  case ApiKind::CallbackField:
    return Field;
  case ApiKind::ContextTest:
    return Test;
  case ApiKind::Allocator:
  case ApiKind::ManagedAllocator:
    return Alloc;
  case ApiKind::Reallocator:
    return Realloc;
  case ApiKind::Deallocator:
    return Dealloc;
  case ApiKind::Predicate:
    return Pred;
  case ApiKind::Dereferences:
    return Accesses;
  case ApiKind::MemoryBase:
    return Base;
  case ApiKind::MemorySize:
    return {};
  case ApiKind::MovesMemory:
    return Moves;
  case ApiKind::GuestValidator:
    return Validator;
  case ApiKind::GuestAddress:
    return Address;
  case ApiKind::CallsGuest:
    return Guest;
  case ApiKind::NativeTable:
    return Table;
  case ApiKind::RegistersNatives:
    return Registers;
  case ApiKind::HostFunction:
    return Host;
  case ApiKind::MemoryView:
    return View;
  case ApiKind::Int32Result:
    return Int32;
  }
  llvm_unreachable("unknown kind");
}

const llvm::StringRef CommonEntryKeys[] = {"name", "aliases", "kind",
                                           "description"};

std::string joinNames(llvm::ArrayRef<llvm::StringRef> Names) {
  return llvm::join(Names.begin(), Names.end(), ", ");
}

template <typename EnumT>
std::optional<EnumT> enumFromName(llvm::ArrayRef<llvm::StringRef> Names,
                                  llvm::StringRef Name) {
  for (size_t I = 0; I < Names.size(); ++I)
    if (Names[I] == Name)
      return static_cast<EnumT>(I);
  return std::nullopt;
}

std::string closestName(llvm::ArrayRef<llvm::StringRef> Candidates,
                        llvm::StringRef Given) {
  std::string Best;
  unsigned BestDistance = 3;
  for (llvm::StringRef C : Candidates) {
    unsigned D = C.edit_distance(Given, true, BestDistance);
    if (D < BestDistance) {
      BestDistance = D;
      Best = C.str();
    }
  }
  return Best;
}

/// Validates the DOM of one pack against the schema and builds the model.
/// Every error is located at the key or value it is about.
class PackReader {
public:
  PackReader(llvm::StringRef FileName, llvm::StringRef Text,
             const LocatingBuilder &Built)
      : FileName(FileName), Lines(Text), Built(Built) {}

  llvm::Error read(RulePack &Pack) {
    const Json &Root = Built.Root;
    if (!Root.is_object())
      return error("", "a rule pack must be a JSON object");
    if (auto E = checkKeys(Root, "", TopLevelKeys, "at the top level"))
      return E;

    Pack.File = FileName.str();
    if (!Root.contains("schema"))
      return error("", "missing key 'schema'; add \"schema\": " +
                           std::to_string(RulePackSchemaVersion));
    const Json &Schema = Root["schema"];
    if (!Schema.is_number_integer())
      return error("/schema", "'schema' must be an integer");
    if (Schema.get<long long>() != RulePackSchemaVersion)
      return error("/schema",
                   llvm::formatv("unsupported rule-pack schema {0}; this "
                                 "memtidy reads schema {1}",
                                 Schema.get<long long>(), RulePackSchemaVersion)
                       .str());
    if (auto E = readString(Root, "", "name", Pack.Name, /*Required=*/true))
      return E;
    if (auto E = readString(Root, "", "description", Pack.Description,
                            /*Required=*/false))
      return E;
    if (Root.contains("gfp")) {
      const Json &Gfp = Root["gfp"];
      if (!Gfp.is_object())
        return error("/gfp", "'gfp' must be an object");
      if (auto E = checkKeys(Gfp, "/gfp", GfpKeys, "in 'gfp'"))
        return E;
      if (auto E = readString(Gfp, "/gfp", "nofail", Pack.Gfp.NoFail, false))
        return E;
      if (auto E = readString(Gfp, "/gfp", "direct-reclaim",
                              Pack.Gfp.DirectReclaim, false))
        return E;
      if (auto E = readString(Gfp, "/gfp", "io", Pack.Gfp.Io, false))
        return E;
      if (auto E = readString(Gfp, "/gfp", "fs", Pack.Gfp.Fs, false))
        return E;
      if (auto E = readNameList(Gfp, "/gfp", "sleeping-masks",
                                Pack.Gfp.SleepingMasks))
        return E;
      if (auto E =
              readNameList(Gfp, "/gfp", "atomic-masks", Pack.Gfp.AtomicMasks))
        return E;
    }
    if (!Root.contains("entries"))
      return error("", "missing key 'entries'");
    const Json &Entries = Root["entries"];
    if (!Entries.is_array())
      return error("/entries", "'entries' must be an array of objects");

    // name -> pointer of first use, per group of kinds
    llvm::StringMap<std::string> SeenNames[NumEntryGroups];
    for (size_t I = 0; I < Entries.size(); ++I) {
      std::string Pointer = "/entries/" + std::to_string(I);
      ApiEntry Entry;
      if (auto E = readEntry(Entries[I], Pointer, Entry))
        return E;
      Entry.Pack = Pack.Name;
      auto [Line, Column] = Lines.at(offsetOf(Pointer));
      Entry.Location = {FileName.str(), Line, Column};
      std::vector<std::pair<std::string, std::string>> Names;
      Names.push_back({Entry.Name, Pointer + "/name"});
      for (size_t A = 0; A < Entry.Aliases.size(); ++A)
        Names.push_back(
            {Entry.Aliases[A], Pointer + "/aliases/" + std::to_string(A)});
      for (auto &[Name, NamePointer] : Names) {
        auto [It, Inserted] =
            SeenNames[static_cast<unsigned>(groupOf(Entry.Kind))].try_emplace(
                Name, NamePointer);
        if (!Inserted)
          return error(NamePointer, "duplicate entry '" + Name + "'",
                       It->second, "'" + Name + "' first defined here");
      }
      Pack.Entries.push_back(std::move(Entry));
    }
    return llvm::Error::success();
  }

private:
  llvm::StringRef FileName;
  LineTable Lines;
  const LocatingBuilder &Built;

  size_t offsetOf(const std::string &Pointer, bool AtKey = false) const {
    if (AtKey) {
      auto It = Built.KeyOffsets.find(Pointer);
      if (It != Built.KeyOffsets.end())
        return It->second;
    }
    auto It = Built.ValueOffsets.find(Pointer);
    return It == Built.ValueOffsets.end() ? 0 : It->second;
  }

  std::string locate(const std::string &Pointer, bool AtKey) const {
    auto [Line, Column] = Lines.at(offsetOf(Pointer, AtKey));
    return llvm::formatv("{0}:{1}:{2}", FileName, Line, Column).str();
  }

  llvm::Error error(const std::string &Pointer, const std::string &Message,
                    const std::string &NotePointer = "",
                    const std::string &Note = "", bool AtKey = false) const {
    std::string Text = locate(Pointer, AtKey) + ": error: " + Message;
    if (!Note.empty())
      Text += "\n" + locate(NotePointer, false) + ": note: " + Note;
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Text);
  }

  llvm::Error keyError(const std::string &Pointer,
                       const std::string &Message) const {
    return error(Pointer, Message, "", "", /*AtKey=*/true);
  }

  llvm::Error checkKeys(const Json &Object, const std::string &Pointer,
                        llvm::ArrayRef<llvm::StringRef> Allowed,
                        llvm::StringRef Where,
                        llvm::ArrayRef<llvm::StringRef> ForKind = {},
                        llvm::StringRef KindName = "") const {
    for (auto It = Object.begin(); It != Object.end(); ++It) {
      llvm::StringRef Key = It.key();
      if (llvm::is_contained(Allowed, Key))
        continue;
      std::string KeyPointer = Pointer + "/" + It.key();
      std::vector<llvm::StringRef> All(Allowed.begin(), Allowed.end());
      if (!KindName.empty()) {
        // A key known for another kind deserves a sharper message.
        for (ApiKind K :
             {ApiKind::Allocator, ApiKind::Reallocator, ApiKind::Deallocator,
              ApiKind::Predicate, ApiKind::Dereferences, ApiKind::Acquire,
              ApiKind::MaySleep, ApiKind::MemoryBase, ApiKind::GuestValidator,
              ApiKind::GuestAddress, ApiKind::CallsGuest, ApiKind::NativeTable,
              ApiKind::RegistersNatives, ApiKind::HostFunction,
              ApiKind::MemoryView, ApiKind::Int32Result,
              ApiKind::RegistersCallback, ApiKind::CallbackField,
              ApiKind::ContextTest})
          if (llvm::is_contained(keysForKind(K), Key))
            return keyError(KeyPointer,
                            llvm::formatv("key '{0}' does not apply to kind "
                                          "'{1}'; it takes: {2}",
                                          Key, KindName, joinNames(ForKind))
                                .str());
      }
      std::string Suggestion = closestName(All, Key);
      std::string Message = ("unknown key '" + Key + "' " + Where).str();
      if (!Suggestion.empty())
        Message += "; did you mean '" + Suggestion + "'?";
      else
        Message += "; expected one of: " + joinNames(All);
      return keyError(KeyPointer, Message);
    }
    return llvm::Error::success();
  }

  llvm::Error readString(const Json &Object, const std::string &Pointer,
                         llvm::StringRef Key, std::string &Out,
                         bool Required) const {
    std::string KeyPointer = Pointer + "/" + Key.str();
    if (!Object.contains(Key.str())) {
      if (Required)
        return error(Pointer, "missing key '" + Key.str() + "'");
      return llvm::Error::success();
    }
    const Json &V = Object[std::string(Key)];
    if (!V.is_string() || V.get_ref<const std::string &>().empty())
      return error(KeyPointer,
                   "'" + Key.str() + "' must be a non-empty string");
    Out = V.get<std::string>();
    return llvm::Error::success();
  }

  llvm::Error readNameList(const Json &Object, const std::string &Pointer,
                           llvm::StringRef Key,
                           std::vector<std::string> &Out) const {
    if (!Object.contains(Key.str()))
      return llvm::Error::success();
    const Json &V = Object[std::string(Key)];
    std::string KeyPointer = Pointer + "/" + Key.str();
    if (!V.is_array())
      return error(KeyPointer, "'" + Key.str() + "' must be an array of names");
    for (size_t I = 0; I < V.size(); ++I) {
      if (!V[I].is_string() || V[I].get<std::string>().empty())
        return error(KeyPointer + "/" + std::to_string(I),
                     "each name must be a non-empty string");
      Out.push_back(V[I].get<std::string>());
    }
    return llvm::Error::success();
  }

  llvm::Error readIndex(const Json &V, const std::string &Pointer,
                        llvm::StringRef Key, unsigned &Out) const {
    if (!V.is_number_integer() || V.get<long long>() < 0 ||
        V.get<long long>() > 64)
      return error(Pointer, "'" + Key.str() +
                                "' must be a 0-based argument index "
                                "(an integer from 0 to 64)");
    Out = static_cast<unsigned>(V.get<long long>());
    return llvm::Error::success();
  }

  llvm::Error readOptionalIndex(const Json &Object, const std::string &Pointer,
                                llvm::StringRef Key,
                                std::optional<unsigned> &Out) const {
    if (!Object.contains(Key.str()))
      return llvm::Error::success();
    unsigned Index;
    if (auto E = readIndex(Object[std::string(Key)], Pointer + "/" + Key.str(),
                           Key, Index))
      return E;
    Out = Index;
    return llvm::Error::success();
  }

  llvm::Error readIndexList(const Json &Object, const std::string &Pointer,
                            llvm::StringRef Key,
                            std::vector<unsigned> &Out) const {
    if (!Object.contains(Key.str()))
      return llvm::Error::success();
    std::string ListPointer = Pointer + "/" + Key.str();
    const Json &List = Object[std::string(Key)];
    if (!List.is_array() || List.empty())
      return error(ListPointer, "'" + Key.str() +
                                    "' must be a non-empty array of "
                                    "argument indices");
    for (size_t I = 0; I < List.size(); ++I) {
      unsigned Index;
      if (auto E = readIndex(List[I], ListPointer + "/" + std::to_string(I),
                             Key, Index))
        return E;
      Out.push_back(Index);
    }
    return llvm::Error::success();
  }

  llvm::Error readContext(const Json &V, const std::string &Pointer,
                          ExecContext &Out) const {
    std::optional<ExecContext> Parsed;
    if (V.is_string())
      Parsed = enumFromName<ExecContext>(ContextNames, V.get<std::string>());
    if (!Parsed)
      return error(Pointer, "a context is one of: " + joinNames(ContextNames));
    Out = *Parsed;
    return llvm::Error::success();
  }

  llvm::Error readBool(const Json &Object, const std::string &Pointer,
                       llvm::StringRef Key, bool &Out) const {
    if (!Object.contains(Key.str()))
      return llvm::Error::success();
    const Json &V = Object[std::string(Key)];
    if (!V.is_boolean())
      return error(Pointer + "/" + Key.str(),
                   "'" + Key.str() + "' must be true or false");
    Out = V.get<bool>();
    return llvm::Error::success();
  }

  template <typename EnumT>
  llvm::Error
  readEnum(const Json &Object, const std::string &Pointer, llvm::StringRef Key,
           llvm::ArrayRef<llvm::StringRef> Names, EnumT &Out) const {
    std::string Value;
    if (auto E = readString(Object, Pointer, Key, Value, /*Required=*/false))
      return E;
    auto Parsed = enumFromName<EnumT>(Names, Value);
    if (!Parsed)
      return error(Pointer + "/" + Key.str(),
                   "unknown " + Key.str() + " '" + Value +
                       "'; expected one of: " + joinNames(Names));
    Out = *Parsed;
    return llvm::Error::success();
  }

  /// "macro": true entries describe contexts and sleeps, which macros
  /// enter as a whole; an argument of a macro is no object of the program.
  llvm::Error readMacro(const Json &Object, const std::string &Pointer,
                        ApiEntry &Entry) const {
    if (auto E = readBool(Object, Pointer, "macro", Entry.Macro))
      return E;
    if (Entry.Macro && (Entry.HeldArg || Entry.GfpArg))
      return error(Pointer + "/macro",
                   "a \"macro\": true entry cannot name an argument ('arg', "
                   "'gfp'); describe the function the macro calls instead");
    return llvm::Error::success();
  }

  llvm::Error requireKey(const Json &Object, const std::string &Pointer,
                         llvm::StringRef Key, llvm::StringRef Kind,
                         llvm::StringRef Why) const {
    if (Object.contains(Key.str()))
      return llvm::Error::success();
    return error(Pointer, ("entry of kind '" + Kind + "' needs key '" + Key +
                           "' (" + Why + ")")
                              .str());
  }

  llvm::Error readEntry(const Json &Object, const std::string &Pointer,
                        ApiEntry &Entry) const {
    if (!Object.is_object())
      return error(Pointer, "each entry must be a JSON object");
    if (auto E = readString(Object, Pointer, "name", Entry.Name, true))
      return E;
    if (!Object.contains("kind"))
      return error(Pointer, "entry '" + Entry.Name +
                                "' is missing key 'kind'; expected one of: " +
                                joinNames(KindNames));
    if (auto E = readEnum(Object, Pointer, "kind", KindNames, Entry.Kind))
      return E;
    llvm::StringRef Kind = KindNames[static_cast<size_t>(Entry.Kind)];

    std::vector<llvm::StringRef> Allowed(std::begin(CommonEntryKeys),
                                         std::end(CommonEntryKeys));
    llvm::ArrayRef<llvm::StringRef> KindKeys = keysForKind(Entry.Kind);
    Allowed.insert(Allowed.end(), KindKeys.begin(), KindKeys.end());
    if (auto E = checkKeys(Object, Pointer, Allowed,
                           "in entry '" + Entry.Name + "'", KindKeys, Kind))
      return E;

    if (Object.contains("aliases")) {
      const Json &Aliases = Object["aliases"];
      std::string AliasPointer = Pointer + "/aliases";
      if (!Aliases.is_array())
        return error(AliasPointer, "'aliases' must be an array of names");
      for (size_t I = 0; I < Aliases.size(); ++I) {
        if (!Aliases[I].is_string() || Aliases[I].get<std::string>().empty())
          return error(AliasPointer + "/" + std::to_string(I),
                       "each alias must be a non-empty string");
        Entry.Aliases.push_back(Aliases[I].get<std::string>());
      }
    }
    std::string Ignored;
    if (auto E = readString(Object, Pointer, "description", Ignored, false))
      return E;

    switch (Entry.Kind) {
    case ApiKind::Allocator:
    case ApiKind::ManagedAllocator:
    case ApiKind::Reallocator:
    case ApiKind::Deallocator:
    case ApiKind::Acquire:
    case ApiKind::Release:
      if (auto E = requireKey(Object, Pointer, "family", Kind,
                              "it pairs acquisitions with releases"))
        return E;
      if (auto E = readString(Object, Pointer, "family", Entry.Family, true))
        return E;
      if (Object.contains("resource")) {
        unsigned ResourceIndex = 0;
        std::string Resource;
        if (auto E = readString(Object, Pointer, "resource", Resource, true))
          return E;
        auto Known = enumFromName<unsigned>(ResourceNames, Resource);
        if (!Known)
          return error(Pointer + "/resource",
                       "unknown resource '" + Resource +
                           "'; expected one of: " + joinNames(ResourceNames));
        ResourceIndex = *Known;
        Entry.Resource = ResourceNames[ResourceIndex].str();
      }
      break;
    default:
      break;
    }

    switch (Entry.Kind) {
    case ApiKind::Allocator:
    case ApiKind::ManagedAllocator:
    case ApiKind::Reallocator:
      if (auto E = requireKey(Object, Pointer, "fails", Kind,
                              "how the API reports failure"))
        return E;
      if (auto E =
              readEnum(Object, Pointer, "fails", ConventionNames, Entry.Fails))
        return E;
      if (auto E = readIndexList(Object, Pointer, "size", Entry.SizeArgs))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "gfp", Entry.GfpArg))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "out", Entry.OutArg))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "ptr", Entry.PtrArg))
        return E;
      if (Entry.Kind == ApiKind::Reallocator)
        if (auto E = requireKey(Object, Pointer, "ptr", Kind,
                                "the argument that is resized"))
          return E;
      if (Entry.Fails == FailureConvention::NonZero && !Entry.OutArg)
        return error(Pointer + "/fails",
                     "'fails': \"nonzero\" describes an API that returns its "
                     "resource through an argument; add \"out\"");
      if (Entry.Fails == FailureConvention::Zero)
        return error(Pointer + "/fails",
                     "'fails': \"zero\" applies to kind 'acquire' only (a "
                     "trylock); an allocator that returns 0 on failure is "
                     "\"null\"");
      if (auto E =
              readIndexList(Object, Pointer, "consumes", Entry.ConsumedArgs))
        return E;
      if (auto E = readBool(Object, Pointer, "may-sleep", Entry.MaySleep))
        return E;
      break;
    case ApiKind::Acquire: {
      if (auto E = readOptionalIndex(Object, Pointer, "arg", Entry.HeldArg))
        return E;
      if (Object.contains("fails")) {
        if (auto E = readEnum(Object, Pointer, "fails", ConventionNames,
                              Entry.Fails))
          return E;
        using FC = FailureConvention;
        if (!llvm::is_contained(
                {FC::Negative, FC::NonZero, FC::Zero, FC::Never}, Entry.Fails))
          return error(Pointer + "/fails",
                       "an 'acquire' entry reports failure as \"negative\", "
                       "\"nonzero\" or \"zero\" (or \"never\")");
      }
      if (auto E = readBool(Object, Pointer, "atomic", Entry.Atomic))
        return E;
      if (auto E = readBool(Object, Pointer, "may-sleep", Entry.MaySleep))
        return E;
      if (auto E = readMacro(Object, Pointer, Entry))
        return E;
      break;
    }
    case ApiKind::Release:
      if (auto E = readOptionalIndex(Object, Pointer, "arg", Entry.HeldArg))
        return E;
      if (auto E = readBool(Object, Pointer, "may-sleep", Entry.MaySleep))
        return E;
      if (auto E = readMacro(Object, Pointer, Entry))
        return E;
      break;
    case ApiKind::Consumes:
      if (auto E = requireKey(Object, Pointer, "args", Kind,
                              "the arguments the callee takes over"))
        return E;
      if (auto E = readIndexList(Object, Pointer, "args", Entry.ConsumedArgs))
        return E;
      break;
    case ApiKind::MaySleep:
      if (auto E = readOptionalIndex(Object, Pointer, "gfp", Entry.GfpArg))
        return E;
      Entry.MaySleep = !Entry.GfpArg;
      if (auto E = readMacro(Object, Pointer, Entry))
        return E;
      break;
    case ApiKind::RegistersCallback: {
      if (auto E = requireKey(Object, Pointer, "callbacks", Kind,
                              "the context each callback argument runs in"))
        return E;
      std::string CallbacksPointer = Pointer + "/callbacks";
      const Json &Callbacks = Object["callbacks"];
      if (!Callbacks.is_object() || Callbacks.empty())
        return error(CallbacksPointer,
                     "'callbacks' maps contexts to argument indices, e.g. "
                     "{\"hardirq\": 1, \"process\": 2}");
      if (auto E = checkKeys(Callbacks, CallbacksPointer, ContextNames,
                             "in 'callbacks'"))
        return E;
      for (llvm::StringRef Name : ContextNames) {
        std::optional<unsigned> Index;
        if (auto E =
                readOptionalIndex(Callbacks, CallbacksPointer, Name, Index))
          return E;
        if (Index)
          Entry.Callbacks.push_back(
              {*enumFromName<ExecContext>(ContextNames, Name), *Index});
      }
      break;
    }
    case ApiKind::CallbackField:
      if (!llvm::StringRef(Entry.Name).contains("::"))
        return error(Pointer + "/name",
                     "a 'callback-field' entry names a field as "
                     "'record::field', e.g. 'hrtimer::function'");
      if (auto E = requireKey(Object, Pointer, "context", Kind,
                              "where a function stored there runs"))
        return E;
      if (auto E = readContext(Object["context"], Pointer + "/context",
                               Entry.FieldContext))
        return E;
      break;
    case ApiKind::ContextTest:
      if (auto E = requireKey(Object, Pointer, "atomic", Kind,
                              "whether the test is true in atomic context "
                              "(in_atomic) or where sleeping is allowed "
                              "(preemptible)"))
        return E;
      if (auto E = readBool(Object, Pointer, "atomic", Entry.Atomic))
        return E;
      if (auto E = readMacro(Object, Pointer, Entry))
        return E;
      break;
    case ApiKind::ErrorValue:
      if (auto E = readOptionalIndex(Object, Pointer, "arg", Entry.HeldArg))
        return E;
      break;
    case ApiKind::Deallocator:
      if (auto E = requireKey(Object, Pointer, "ptr", Kind,
                              "the argument that is released"))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "ptr", Entry.PtrArg))
        return E;
      if (auto E =
              readBool(Object, Pointer, "requires-valid", Entry.RequiresValid))
        return E;
      if (auto E = readBool(Object, Pointer, "may-sleep", Entry.MaySleep))
        return E;
      if (auto E = readNameList(Object, Pointer, "also-releases",
                                Entry.AlsoReleases))
        return E;
      break;
    case ApiKind::Predicate: {
      if (auto E = requireKey(Object, Pointer, "tests", Kind,
                              "which failures the predicate detects"))
        return E;
      if (auto E =
              readEnum(Object, Pointer, "tests", PredicateNames, Entry.Tests))
        return E;
      std::optional<unsigned> Arg;
      if (auto E = readOptionalIndex(Object, Pointer, "arg", Arg))
        return E;
      Entry.PredicateArg = Arg.value_or(0);
      break;
    }
    case ApiKind::Dereferences:
      if (auto E = requireKey(Object, Pointer, "args", Kind,
                              "the arguments that must be valid"))
        return E;
      if (auto E = readIndexList(Object, Pointer, "args", Entry.DerefArgs))
        return E;
      if (auto E = readBool(Object, Pointer, "borrows", Entry.Borrows))
        return E;
      if (auto E = readIndexList(Object, Pointer, "size", Entry.SizeArgs))
        return E;
      if (auto E =
              readOptionalIndex(Object, Pointer, "elements", Entry.ElementsArg))
        return E;
      if (!Entry.SizeArgs.empty() && Entry.ElementsArg)
        return error(Pointer + "/elements",
                     "give the accessed extent either in bytes ('size') or "
                     "in elements ('elements'), not both");
      if (auto E = readIndexList(Object, Pointer, "strings", Entry.StringArgs))
        return E;
      if (auto E =
              readOptionalIndex(Object, Pointer, "format", Entry.FormatArg))
        return E;
      break;
    case ApiKind::NoReturn:
    case ApiKind::MemorySize:
      break;
    case ApiKind::Borrows:
      Entry.Borrows = true;
      break;
    default:
      return readWasmEntry(Object, Pointer, Kind, Entry);
    }
    return llvm::Error::success();
  }

  /// The keys of the WebAssembly kinds.
  llvm::Error readWasmEntry(const Json &Object, const std::string &Pointer,
                            llvm::StringRef Kind, ApiEntry &Entry) const {
    switch (Entry.Kind) {
    case ApiKind::MemoryBase:
      return readBool(Object, Pointer, "shared", Entry.SharedMemory);
    case ApiKind::GuestValidator: {
      if (auto E = requireKey(Object, Pointer, "offset", Kind,
                              "the guest offset or pointer it validates"))
        return E;
      if (auto E =
              readOptionalIndex(Object, Pointer, "offset", Entry.OffsetArg))
        return E;
      if (auto E = readIndexList(Object, Pointer, "size", Entry.SizeArgs))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "end", Entry.EndArg))
        return E;
      if (auto E = requireKey(Object, Pointer, "validates", Kind,
                              "\"range\" or \"string\""))
        return E;
      static const llvm::StringRef Validates[] = {"range", "string"};
      unsigned What = 0;
      if (auto E = readEnum(Object, Pointer, "validates", Validates, What))
        return E;
      Entry.ValidatesString = What == 1;
      if (Entry.ValidatesString && !Entry.SizeArgs.empty())
        return error(Pointer + "/size",
                     "a validator of strings has no 'size': it validates up "
                     "to the NUL terminator");
      if (Object.contains("address")) {
        static const llvm::StringRef Addresses[] = {"offset", "pointer"};
        unsigned Address = 0;
        if (auto E = readEnum(Object, Pointer, "address", Addresses, Address))
          return E;
        Entry.ValidatesPointer = Address == 1;
      }
      return llvm::Error::success();
    }
    case ApiKind::GuestAddress: {
      if (auto E = requireKey(Object, Pointer, "offset", Kind,
                              "the guest offset it converts"))
        return E;
      if (auto E =
              readOptionalIndex(Object, Pointer, "offset", Entry.OffsetArg))
        return E;
      Entry.Fails = FailureConvention::Never;
      if (!Object.contains("fails"))
        return llvm::Error::success();
      if (auto E =
              readEnum(Object, Pointer, "fails", ConventionNames, Entry.Fails))
        return E;
      if (Entry.Fails != FailureConvention::Null &&
          Entry.Fails != FailureConvention::Never)
        return error(Pointer + "/fails",
                     "a 'guest-address' entry returns NULL for an offset "
                     "outside linear memory (\"null\") or cannot fail "
                     "(\"never\")");
      return llvm::Error::success();
    }
    case ApiKind::MovesMemory:
      return readOptionalIndex(Object, Pointer, "out", Entry.OutArg);
    case ApiKind::CallsGuest:
      if (auto E =
              readOptionalIndex(Object, Pointer, "results", Entry.ResultsArg))
        return E;
      // With a family, the call returns a resource of it (a trap).
      if (!Object.contains("family"))
        return llvm::Error::success();
      if (auto E = readString(Object, Pointer, "family", Entry.Family, true))
        return E;
      if (Object.contains("resource")) {
        std::string Resource;
        if (auto E = readString(Object, Pointer, "resource", Resource, true))
          return E;
        auto Known = enumFromName<unsigned>(ResourceNames, Resource);
        if (!Known)
          return error(Pointer + "/resource",
                       "unknown resource '" + Resource +
                           "'; expected one of: " + joinNames(ResourceNames));
        Entry.Resource = ResourceNames[*Known].str();
      }
      if (!Object.contains("fails"))
        return llvm::Error::success();
      return readEnum(Object, Pointer, "fails", ConventionNames, Entry.Fails);
    case ApiKind::NativeTable:
      if (auto E = requireKey(Object, Pointer, "function", Kind,
                              "the field that holds each host function"))
        return E;
      if (auto E = readString(Object, Pointer, "function", Entry.FunctionField,
                              true))
        return E;
      if (auto E = requireKey(Object, Pointer, "signature", Kind,
                              "the field that holds each signature"))
        return E;
      return readString(Object, Pointer, "signature", Entry.SignatureField,
                        true);
    case ApiKind::RegistersNatives:
      if (auto E = requireKey(Object, Pointer, "arg", Kind,
                              "the argument that passes the native table"))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "arg", Entry.HeldArg))
        return E;
      return readBool(Object, Pointer, "raw", Entry.Raw);
    case ApiKind::HostFunction: {
      if (auto E = requireKey(Object, Pointer, "callback", Kind,
                              "the argument that passes the callback"))
        return E;
      if (auto E =
              readOptionalIndex(Object, Pointer, "callback", Entry.CallbackArg))
        return E;
      if (auto E = requireKey(Object, Pointer, "params", Kind,
                              "the callback's parameter that carries the "
                              "guest's arguments"))
        return E;
      std::optional<unsigned> Param;
      if (auto E = readOptionalIndex(Object, Pointer, "params", Param))
        return E;
      Entry.GuestParam = *Param;
      return llvm::Error::success();
    }
    case ApiKind::MemoryView:
      if (auto E = requireKey(Object, Pointer, "ptr", Kind,
                              "the argument that points to the viewed memory"))
        return E;
      if (auto E = readOptionalIndex(Object, Pointer, "ptr", Entry.PtrArg))
        return E;
      if (auto E = requireKey(Object, Pointer, "size", Kind,
                              "the arguments that count its elements"))
        return E;
      return readIndexList(Object, Pointer, "size", Entry.SizeArgs);
    case ApiKind::Int32Result:
      return readString(Object, Pointer, "instead", Entry.Instead, false);
    default:
      return llvm::Error::success();
    }
  }
};

llvm::Expected<RulePack> parseRulePackImpl(llvm::StringRef Text,
                                           llvm::StringRef FileName) {
  const char *Furthest = Text.data();
  LocatingBuilder Builder(Text, &Furthest);
  TrackingIterator First(Text.data(), &Furthest);
  TrackingIterator Last(Text.data() + Text.size(), &Furthest);
  bool Parsed = Json::sax_parse(First, Last, &Builder);
  LineTable Lines(Text);
  if (!Parsed || Builder.ErrorOffset) {
    auto [Line, Column] = Lines.at(Builder.ErrorOffset.value_or(0));
    std::string Message =
        llvm::formatv("{0}:{1}:{2}: error: {3}", FileName, Line, Column,
                      Builder.ErrorMessage.empty() ? "invalid JSON"
                                                   : Builder.ErrorMessage)
            .str();
    if (Builder.ErrorNoteOffset) {
      auto [NoteLine, NoteColumn] = Lines.at(*Builder.ErrorNoteOffset);
      Message += llvm::formatv("\n{0}:{1}:{2}: note: {3}", FileName, NoteLine,
                               NoteColumn, Builder.ErrorNote)
                     .str();
    }
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
  }
  RulePack Pack;
  if (llvm::Error E = PackReader(FileName, Text, Builder).read(Pack))
    return llvm::Expected<RulePack>(std::move(E));
  return Pack;
}

struct BuiltinPacks {
  std::vector<RulePack> Packs;
  std::string Error;
};

const BuiltinPacks &builtins() {
  static const BuiltinPacks Loaded = [] {
    BuiltinPacks Result;
    for (const EmbeddedFile &File : BuiltinPackFiles) {
      std::string Name = std::string("<builtin>/") + File.Name;
      auto Pack = parseRulePack(File.Text, Name);
      if (!Pack) {
        Result.Error += llvm::toString(Pack.takeError()) + "\n";
        continue;
      }
      Result.Packs.push_back(std::move(*Pack));
    }
    return Result;
  }();
  return Loaded;
}

std::mutex CacheMutex;
std::vector<RulePack> CommandLinePacks;
std::map<std::string, std::shared_ptr<const RuleSet>> RuleSetCache;
std::map<std::string, RulePack> PackFileCache;

} // namespace

llvm::Expected<RulePack> parseRulePack(llvm::StringRef Text,
                                       llvm::StringRef FileName) {
  try {
    return parseRulePackImpl(Text, FileName);
  } catch (const std::exception &Ex) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s:1:1: error: cannot read pack: %s",
                                   FileName.str().c_str(), Ex.what());
  }
}

llvm::Expected<RulePack> loadRulePackFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(), "%s: error: cannot read rule pack: %s",
        Path.str().c_str(), Buffer.getError().message().c_str());
  return parseRulePack((*Buffer)->getBuffer(), Path);
}

llvm::ArrayRef<RulePack> builtinRulePacks() { return builtins().Packs; }

RuleSet::RuleSet(std::vector<RulePack> InPacks) : Packs(std::move(InPacks)) {
  auto Override = [](std::string &Into, const std::string &From) {
    if (!From.empty())
      Into = From;
  };
  for (const RulePack &Pack : Packs) {
    Override(Gfp.NoFail, Pack.Gfp.NoFail);
    Override(Gfp.DirectReclaim, Pack.Gfp.DirectReclaim);
    Override(Gfp.Io, Pack.Gfp.Io);
    Override(Gfp.Fs, Pack.Gfp.Fs);
    if (!Pack.Gfp.SleepingMasks.empty())
      Gfp.SleepingMasks = Pack.Gfp.SleepingMasks;
    if (!Pack.Gfp.AtomicMasks.empty())
      Gfp.AtomicMasks = Pack.Gfp.AtomicMasks;
    for (const ApiEntry &Entry : Pack.Entries) {
      auto &Index =
          ByName[static_cast<unsigned>(groupOf(Entry.Kind))][Entry.Macro];
      HasMacroEntries |= Entry.Macro;
      Index[Entry.Name] = &Entry;
      if (Entry.Kind == ApiKind::Deallocator || Entry.Kind == ApiKind::Release)
        Releasers.try_emplace(Entry.Family, &Entry);
      for (const std::string &Alias : Entry.Aliases)
        Index[Alias] = &Entry;
    }
  }
}

const ApiEntry *RuleSet::lookup(llvm::StringRef Name) const {
  return lookup(Name, EntryGroup::Resource);
}

const ApiEntry *RuleSet::lookup(llvm::StringRef Name, EntryGroup Group,
                                bool Macro) const {
  const auto &Index = ByName[static_cast<unsigned>(Group)][Macro];
  auto It = Index.find(Name);
  return It == Index.end() ? nullptr : It->second;
}

const ApiEntry *RuleSet::releaserOf(llvm::StringRef Family) const {
  auto It = Releasers.find(Family);
  return It == Releasers.end() ? nullptr : It->second;
}

void setCommandLineRulePacks(std::vector<RulePack> Packs) {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  CommandLinePacks = std::move(Packs);
  RuleSetCache.clear();
}

llvm::Expected<std::shared_ptr<const RuleSet>>
getRuleSet(llvm::StringRef RulePacksOption) {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  std::string Key = RulePacksOption.trim().str();
  auto Cached = RuleSetCache.find(Key);
  if (Cached != RuleSetCache.end())
    return Cached->second;

  const BuiltinPacks &Builtin = builtins();
  if (!Builtin.Error.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   llvm::StringRef(Builtin.Error).rtrim());
  std::vector<RulePack> Packs = Builtin.Packs;
  Packs.insert(Packs.end(), CommandLinePacks.begin(), CommandLinePacks.end());
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  llvm::StringRef(Key).split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    Path = Path.trim();
    if (Path.empty())
      continue;
    auto Known = PackFileCache.find(Path.str());
    if (Known == PackFileCache.end()) {
      auto Pack = loadRulePackFile(Path);
      if (!Pack)
        return Pack.takeError();
      Known = PackFileCache.emplace(Path.str(), std::move(*Pack)).first;
    }
    Packs.push_back(Known->second);
  }
  auto Set = std::make_shared<const RuleSet>(std::move(Packs));
  RuleSetCache.emplace(Key, Set);
  return Set;
}

llvm::StringRef kindName(ApiKind Kind) {
  return KindNames[static_cast<size_t>(Kind)];
}

llvm::StringRef conventionName(FailureConvention Fails) {
  return ConventionNames[static_cast<size_t>(Fails)];
}

llvm::StringRef contextName(ExecContext Context) {
  return ContextNames[static_cast<size_t>(Context)];
}

EntryGroup groupOf(ApiKind Kind) {
  switch (Kind) {
  case ApiKind::MaySleep:
    return EntryGroup::Sleep;
  case ApiKind::RegistersCallback:
  case ApiKind::CallbackField:
    return EntryGroup::Callback;
  case ApiKind::ContextTest:
    return EntryGroup::ContextTest;
  default:
    return EntryGroup::Resource;
  }
}

} // namespace memtidy
