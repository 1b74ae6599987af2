//===--- Summaries.cpp - Function summaries across files ------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Summaries.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include <set>
#include <tuple>

namespace memtidy {

namespace json = llvm::json;

/// Version of the summary file format.
constexpr int SummaryFormatVersion = 1;
/// How deep forwards are followed; chains of wrappers are short.
constexpr unsigned MaxForwardDepth = 8;

bool InputPath::operator<(const InputPath &O) const {
  return std::tie(IsGlobal, Param, Global, Steps) <
         std::tie(O.IsGlobal, O.Param, O.Global, O.Steps);
}

bool InputPath::operator==(const InputPath &O) const {
  return IsGlobal == O.IsGlobal && Param == O.Param && Global == O.Global &&
         Steps == O.Steps;
}

InputPath ForwardFact::forward(const InputPath &Input) const {
  InputPath Next = To;
  Next.Steps.insert(Next.Steps.end(), Input.Steps.begin() + From.Steps.size(),
                    Input.Steps.end());
  return Next;
}

bool InputPath::startsWith(const InputPath &Prefix) const {
  return IsGlobal == Prefix.IsGlobal && Param == Prefix.Param &&
         Global == Prefix.Global && Steps.size() >= Prefix.Steps.size() &&
         std::equal(Prefix.Steps.begin(), Prefix.Steps.end(), Steps.begin());
}

llvm::StringRef failureValueText(llvm::StringRef Convention, bool CPlusPlus) {
  if (Convention == "null")
    return CPlusPlus ? "a null pointer" : "NULL";
  if (Convention == "err-ptr")
    return "an ERR_PTR";
  if (Convention == "err-ptr-or-null")
    return "NULL or an ERR_PTR";
  if (Convention == "negative")
    return "a negative value";
  if (Convention == "nonzero")
    return "non-zero";
  return "an error";
}

llvm::StringRef howToCheckText(llvm::StringRef Convention) {
  if (Convention == "null")
    return "check it for NULL before use";
  if (Convention == "err-ptr")
    return "check it with IS_ERR() before use";
  if (Convention == "err-ptr-or-null")
    return "check it with IS_ERR_OR_NULL() before use";
  if (Convention == "negative")
    return "check it for a negative value before use";
  return "check the call's return value before use";
}

// --- JSON ----------------------------------------------------------------

static json::Value toJSON(const InputPath &P) {
  json::Object O;
  if (P.IsGlobal)
    O["global"] = P.Global;
  else
    O["param"] = P.Param;
  if (!P.Steps.empty())
    O["steps"] = json::Array(P.Steps);
  return O;
}

static json::Value toJSON(const FileRange &R) {
  return json::Object{
      {"file", R.File}, {"offset", R.Offset}, {"length", R.Length}};
}

static bool mapUnsigned(json::ObjectMapper &M, llvm::StringLiteral Key,
                        unsigned &Out) {
  int64_t Value = 0;
  if (!M.map(Key, Value) || Value < 0)
    return false;
  Out = static_cast<unsigned>(Value);
  return true;
}

static bool fromJSON(const json::Value &V, InputPath &P, json::Path Path) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    Path.report("expected an object");
    return false;
  }
  json::ObjectMapper M(V, Path);
  if (O->get("global")) {
    P.IsGlobal = true;
    if (!M.map("global", P.Global))
      return false;
  } else if (!mapUnsigned(M, "param", P.Param)) {
    return false;
  }
  return M.mapOptional("steps", P.Steps);
}

static bool fromJSON(const json::Value &V, FileRange &R, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("file", R.File) && mapUnsigned(M, "offset", R.Offset) &&
         mapUnsigned(M, "length", R.Length);
}

static bool fromJSON(const json::Value &V, DerefFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("input", F.Input) && M.map("spelling", F.Spelling) &&
         M.map("where", F.Where);
}

static bool fromJSON(const json::Value &V, ForwardFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("from", F.From) && M.map("callee", F.Callee) &&
         M.map("to", F.To);
}

static bool fromJSON(const json::Value &V, ReturnFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  if (!M || !M.map("convention", F.Convention) || !M.map("api", F.Api) ||
      !M.map("where", F.Where))
    return false;
  if (V.getAsObject()->get("gfpParam")) {
    unsigned Param;
    if (!mapUnsigned(M, "gfpParam", Param))
      return false;
    F.GfpParam = Param;
  }
  return true;
}

static bool fromJSON(const json::Value &V, DiagnosticText &D, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("where", D.Where) && M.map("message", D.Message);
}

static bool fromJSON(const json::Value &V, SleepFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.mapOptional("ifInput", F.IfInput) && M.map("chain", F.Chain);
}

static const char *const ReclaimNames[] = {"unknown", "allows", "forbids",
                                           "input"};

static bool fromJSON(const json::Value &V, ArgMask &A, json::Path Path) {
  json::ObjectMapper M(V, Path);
  std::string Reclaim;
  if (!M || !M.map("reclaim", Reclaim) || !M.mapOptional("input", A.Input) ||
      !M.mapOptional("origin", A.Origin))
    return false;
  for (unsigned I = 0; I < std::size(ReclaimNames); ++I)
    if (Reclaim == ReclaimNames[I]) {
      A.Reclaim = static_cast<ArgMask::ReclaimKind>(I);
      return true;
    }
  Path.field("reclaim").report("unknown reclaim kind");
  return false;
}

static bool fromJSON(const json::Value &V, SleepCallFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("callee", F.Callee) && M.map("calleeName", F.CalleeName) &&
         M.map("where", F.Where) && M.map("args", F.Args);
}

static bool fromJSON(const json::Value &V, CallbackFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("callee", F.Callee) && M.map("context", F.Context) &&
         M.map("api", F.Api) && M.map("where", F.Where);
}

static bool fromJSON(const json::Value &V, LifecycleFact &F, json::Path Path) {
  json::ObjectMapper M(V, Path);
  std::string Fate;
  if (!M || !M.map("input", F.Input) || !M.map("fate", Fate) ||
      !M.map("where", F.Where))
    return false;
  if (Fate != "keeps" && Fate != "releases") {
    Path.field("fate").report("expected \"keeps\" or \"releases\"");
    return false;
  }
  F.Fate = Fate == "keeps" ? LifecycleFact::Keeps : LifecycleFact::Releases;
  return M.mapOptional("api", F.Api) && M.mapOptional("family", F.Family) &&
         M.mapOptional("alsoReleases", F.AlsoReleases);
}

static bool fromJSON(const json::Value &V, LifecycleReturn &R,
                     json::Path Path) {
  json::ObjectMapper M(V, Path);
  return M && M.map("family", R.Family) && M.map("resource", R.Resource) &&
         M.map("api", R.Api) && M.map("where", R.Where);
}

static bool fromJSON(const json::Value &V, FunctionSummary &S,
                     json::Path Path) {
  json::ObjectMapper M(V, Path);
  if (M && V.getAsObject()->get("lifecycle")) {
    S.LifecycleKnown = true;
    json::Path Life = Path.field("lifecycle");
    json::ObjectMapper L(*V.getAsObject()->get("lifecycle"), Life);
    if (!L || !L.map("definition", S.Definition) ||
        !L.mapOptional("facts", S.Lifecycle) ||
        !L.mapOptional("forwards", S.LifecycleForwards) ||
        !L.mapOptional("returns", S.ReturnsFresh))
      return false;
  }
  return M && M.map("usr", S.Usr) && M.map("name", S.Name) &&
         M.mapOptional("derefs", S.Derefs) &&
         M.mapOptional("forwards", S.Forwards) &&
         M.mapOptional("returns", S.Returns) &&
         M.mapOptional("returnsResultOf", S.ReturnsResultOf) &&
         M.mapOptional("sleeps", S.Sleeps) &&
         M.mapOptional("sleepCalls", S.SleepCalls) &&
         M.mapOptional("registers", S.Registers);
}

static json::Value toJSON(const DiagnosticText &D) {
  return json::Object{{"where", toJSON(D.Where)}, {"message", D.Message}};
}

static json::Array toJSON(const std::vector<DiagnosticText> &List) {
  json::Array Out;
  for (const DiagnosticText &D : List)
    Out.push_back(toJSON(D));
  return Out;
}

static json::Value toJSON(const ArgMask &A) {
  json::Object O{{"reclaim", ReclaimNames[A.Reclaim]}};
  if (A.Input)
    O["input"] = toJSON(*A.Input);
  if (A.Origin)
    O["origin"] = toJSON(*A.Origin);
  return O;
}

static json::Value toJSON(const FunctionSummary &S) {
  json::Array Derefs, Forwards;
  for (const DerefFact &F : S.Derefs)
    Derefs.push_back(json::Object{{"input", toJSON(F.Input)},
                                  {"spelling", F.Spelling},
                                  {"where", toJSON(F.Where)}});
  for (const ForwardFact &F : S.Forwards)
    Forwards.push_back(json::Object{
        {"from", toJSON(F.From)}, {"callee", F.Callee}, {"to", toJSON(F.To)}});
  json::Object O{{"usr", S.Usr}, {"name", S.Name}};
  if (!Derefs.empty())
    O["derefs"] = std::move(Derefs);
  if (!Forwards.empty())
    O["forwards"] = std::move(Forwards);
  if (S.Returns) {
    json::Object Returns{{"convention", S.Returns->Convention},
                         {"api", S.Returns->Api},
                         {"where", toJSON(S.Returns->Where)}};
    if (S.Returns->GfpParam)
      Returns["gfpParam"] = *S.Returns->GfpParam;
    O["returns"] = std::move(Returns);
  }
  if (!S.ReturnsResultOf.empty())
    O["returnsResultOf"] = json::Array(S.ReturnsResultOf);
  json::Array Sleeps, SleepCalls, Registers;
  for (const SleepFact &F : S.Sleeps) {
    json::Object Fact{{"chain", toJSON(F.Chain)}};
    if (F.IfInput)
      Fact["ifInput"] = toJSON(*F.IfInput);
    Sleeps.push_back(std::move(Fact));
  }
  for (const SleepCallFact &F : S.SleepCalls) {
    json::Array Args;
    for (const ArgMask &A : F.Args)
      Args.push_back(toJSON(A));
    SleepCalls.push_back(json::Object{{"callee", F.Callee},
                                      {"calleeName", F.CalleeName},
                                      {"where", toJSON(F.Where)},
                                      {"args", std::move(Args)}});
  }
  for (const CallbackFact &F : S.Registers)
    Registers.push_back(json::Object{{"callee", F.Callee},
                                     {"context", F.Context},
                                     {"api", F.Api},
                                     {"where", toJSON(F.Where)}});
  if (!Sleeps.empty())
    O["sleeps"] = std::move(Sleeps);
  if (!SleepCalls.empty())
    O["sleepCalls"] = std::move(SleepCalls);
  if (!Registers.empty())
    O["registers"] = std::move(Registers);
  if (S.LifecycleKnown) {
    json::Array Facts, LifeForwards;
    for (const LifecycleFact &F : S.Lifecycle) {
      json::Object Fact{
          {"input", toJSON(F.Input)},
          {"fate", F.Fate == LifecycleFact::Keeps ? "keeps" : "releases"},
          {"where", toJSON(F.Where)}};
      if (!F.Api.empty())
        Fact["api"] = F.Api;
      if (!F.Family.empty())
        Fact["family"] = F.Family;
      if (!F.AlsoReleases.empty())
        Fact["alsoReleases"] = json::Array(F.AlsoReleases);
      Facts.push_back(std::move(Fact));
    }
    for (const ForwardFact &F : S.LifecycleForwards)
      LifeForwards.push_back(json::Object{{"from", toJSON(F.From)},
                                          {"callee", F.Callee},
                                          {"to", toJSON(F.To)}});
    json::Object Life{{"definition", toJSON(S.Definition)},
                      {"facts", std::move(Facts)},
                      {"forwards", std::move(LifeForwards)}};
    if (S.ReturnsFresh)
      Life["returns"] = json::Object{{"family", S.ReturnsFresh->Family},
                                     {"resource", S.ReturnsFresh->Resource},
                                     {"api", S.ReturnsFresh->Api},
                                     {"where", toJSON(S.ReturnsFresh->Where)}};
    O["lifecycle"] = std::move(Life);
  }
  return O;
}

// --- Store -----------------------------------------------------------------

SummaryStore &SummaryStore::instance() {
  static SummaryStore Store;
  return Store;
}

void SummaryStore::setCollecting(bool On) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Collecting = On;
}

void SummaryStore::setWholeDatabase(bool On) {
  std::lock_guard<std::mutex> Lock(Mutex);
  WholeDatabase = On;
}

bool SummaryStore::collecting() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Collecting;
}

/// Several checks describe one function: each adds the facts it knows.
static void merge(FunctionSummary &Into, FunctionSummary &&From) {
  auto Append = [](auto &To, auto &&Facts) {
    To.insert(To.end(), std::make_move_iterator(Facts.begin()),
              std::make_move_iterator(Facts.end()));
  };
  Append(Into.Derefs, From.Derefs);
  Append(Into.Forwards, From.Forwards);
  if (!Into.Returns)
    Into.Returns = std::move(From.Returns);
  Append(Into.ReturnsResultOf, From.ReturnsResultOf);
  Append(Into.Sleeps, From.Sleeps);
  Append(Into.SleepCalls, From.SleepCalls);
  Append(Into.Registers, From.Registers);
  if (From.LifecycleKnown && !Into.LifecycleKnown) {
    Into.LifecycleKnown = true;
    Into.Definition = From.Definition;
    Into.Lifecycle = std::move(From.Lifecycle);
    Into.LifecycleForwards = std::move(From.LifecycleForwards);
    Into.ReturnsFresh = std::move(From.ReturnsFresh);
  }
}

void SummaryStore::add(FunctionSummary Summary) {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::string Usr = Summary.Usr;
  auto [It, Inserted] = Collected.try_emplace(Usr, Summary);
  if (!Inserted)
    merge(It->second, std::move(Summary));
}

void SummaryStore::addPending(PendingFinding Finding) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Pending.push_back(std::move(Finding));
}

void SummaryStore::addGlobal(const GlobalFact &Fact) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto [It, Inserted] = Globals.try_emplace(Fact.Usr, Fact);
  if (Inserted)
    return;
  It->second.Written |= Fact.Written;
  It->second.Opaque |= Fact.Opaque;
  It->second.Defined |= Fact.Defined;
  It->second.Shared |= Fact.Shared;
  if (Fact.Value) {
    // Two files defining it differently: nothing is certain.
    if (It->second.Value && *It->second.Value != *Fact.Value)
      It->second.Written = true;
    It->second.Value = Fact.Value;
  }
}

std::map<std::string, std::set<std::string>>
SummaryStore::undefinedAssumedGlobals() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::map<std::string, std::set<std::string>> Out;
  for (const PendingFinding &P : Pending)
    for (const GlobalAssumption &A : P.Assumes) {
      auto It = Globals.find(A.Usr);
      if ((It == Globals.end() || !It->second.Value) && !A.DeclaredIn.empty())
        Out[A.DeclaredIn].insert(A.Name);
    }
  return Out;
}

bool SummaryStore::feasibleLocked(
    const std::vector<GlobalAssumption> &Assumes) const {
  for (const GlobalAssumption &A : Assumes) {
    auto It = Globals.find(A.Usr);
    if (It == Globals.end() || It->second.Written || !It->second.Value)
      continue;
    if ((*It->second.Value != 0) != A.NonZero)
      return false;
  }
  return true;
}

llvm::Error SummaryStore::loadFile(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (LoadedFiles.count(Path.str()))
      return llvm::Error::success();
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(), "cannot read summary file '%s': %s",
        Path.str().c_str(), Buffer.getError().message().c_str());
  auto Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "summary file '%s' is not JSON: %s",
        Path.str().c_str(), llvm::toString(Parsed.takeError()).c_str());
  const json::Object *Root = Parsed->getAsObject();
  std::optional<int64_t> Version =
      Root ? Root->getInteger("memtidy-summaries") : std::nullopt;
  if (!Version || *Version != SummaryFormatVersion)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'%s' is not a memtidy summary file of version %d; write it again "
        "with 'memtidy --export-summaries'",
        Path.str().c_str(), SummaryFormatVersion);
  std::vector<FunctionSummary> Functions;
  json::Path::Root PathRoot("summaries");
  const json::Value *List = Root->get("functions");
  if (!List || !fromJSON(*List, Functions, PathRoot))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "summary file '%s' is malformed: %s",
        Path.str().c_str(), llvm::toString(PathRoot.getError()).c_str());
  std::lock_guard<std::mutex> Lock(Mutex);
  for (FunctionSummary &S : Functions) {
    for (const CallbackFact &F : S.Registers)
      LoadedRegistrations.try_emplace(F.Callee, F);
    std::string Usr = S.Usr;
    Loaded[Usr] = std::move(S);
  }
  LoadedFiles[Path.str()] = true;
  return llvm::Error::success();
}

const FunctionSummary *SummaryStore::find(llvm::StringRef Usr,
                                          bool WithCollected) const {
  if (WithCollected) {
    auto It = Collected.find(Usr.str());
    if (It != Collected.end())
      return &It->second;
  }
  auto It = Loaded.find(Usr.str());
  return It == Loaded.end() ? nullptr : &It->second;
}

bool SummaryStore::dereferencesLocked(llvm::StringRef Usr,
                                      const InputPath &Input, DerefFact *Proof,
                                      bool WithCollected,
                                      unsigned Depth) const {
  const FunctionSummary *S = find(Usr, WithCollected);
  if (!S || Depth > MaxForwardDepth)
    return false;
  for (const DerefFact &F : S->Derefs)
    if (F.Input == Input) {
      if (Proof)
        *Proof = F;
      return true;
    }
  for (const ForwardFact &F : S->Forwards)
    if (Input.startsWith(F.From) &&
        dereferencesLocked(F.Callee, F.forward(Input), Proof, WithCollected,
                           Depth + 1))
      return true;
  return false;
}

bool SummaryStore::dereferences(llvm::StringRef Usr, const InputPath &Input,
                                DerefFact *Proof) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return dereferencesLocked(Usr, Input, Proof, /*WithCollected=*/false, 0);
}

std::optional<ReturnFact> SummaryStore::returnsLocked(llvm::StringRef Usr,
                                                      bool WithCollected,
                                                      unsigned Depth) const {
  const FunctionSummary *S = find(Usr, WithCollected);
  if (!S || Depth > MaxForwardDepth)
    return std::nullopt;
  if (S->Returns)
    return S->Returns;
  for (const std::string &Callee : S->ReturnsResultOf)
    if (auto R = returnsLocked(Callee, WithCollected, Depth + 1))
      return R;
  return std::nullopt;
}

std::optional<ReturnFact>
SummaryStore::returnsFallible(llvm::StringRef Usr) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return returnsLocked(Usr, /*WithCollected=*/false, 0);
}

std::optional<std::vector<DiagnosticText>>
SummaryStore::sleepChainLocked(llvm::StringRef Usr,
                               llvm::ArrayRef<ArgMask> Args, bool WithCollected,
                               unsigned Depth) const {
  const FunctionSummary *S = find(Usr, WithCollected);
  if (!S || Depth > MaxForwardDepth)
    return std::nullopt;
  // The argument a parameter input was passed, if the caller knows it.
  auto ArgumentOf = [&](const std::optional<InputPath> &Input) -> ArgMask {
    if (!Input || Input->IsGlobal || !Input->Steps.empty() ||
        Input->Param >= Args.size())
      return ArgMask();
    return Args[Input->Param];
  };
  for (const SleepFact &F : S->Sleeps) {
    if (!F.IfInput)
      return F.Chain;
    ArgMask Passed = ArgumentOf(F.IfInput);
    if (Passed.Reclaim != ArgMask::Allows)
      continue;
    std::vector<DiagnosticText> Chain = F.Chain;
    if (Passed.Origin)
      Chain.push_back(*Passed.Origin);
    return Chain;
  }
  for (const SleepCallFact &Call : S->SleepCalls) {
    std::vector<ArgMask> Mapped;
    for (const ArgMask &A : Call.Args)
      Mapped.push_back(A.Reclaim == ArgMask::FromInput ? ArgumentOf(A.Input)
                                                       : A);
    if (auto Chain =
            sleepChainLocked(Call.Callee, Mapped, WithCollected, Depth + 1)) {
      Chain->insert(Chain->begin(),
                    {Call.Where, llvm::formatv("'{0}' calls '{1}' here",
                                               S->Name, Call.CalleeName)
                                     .str()});
      return Chain;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<DiagnosticText>>
SummaryStore::sleepChain(llvm::StringRef Usr,
                         llvm::ArrayRef<ArgMask> Args) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return sleepChainLocked(Usr, Args, /*WithCollected=*/false, 0);
}

std::optional<CallbackFact>
SummaryStore::registration(llvm::StringRef Usr) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = LoadedRegistrations.find(Usr.str());
  if (It == LoadedRegistrations.end())
    return std::nullopt;
  return It->second;
}

SummaryStore::Fate SummaryStore::fateLocked(llvm::StringRef Usr,
                                            const InputPath &Input,
                                            unsigned Depth) const {
  Fate Out;
  const FunctionSummary *S = find(Usr, /*WithCollected=*/true);
  if (!S || !S->LifecycleKnown || Depth > MaxForwardDepth)
    return Out;
  Out.Known = true;
  Out.Via = S->Name;
  // A fact on the input, or on something that contains it (the struct it
  // is a member of), decides; one on a member of the input does not.
  for (const LifecycleFact &F : S->Lifecycle)
    if (Input.startsWith(F.Input)) {
      Out.Fact = F;
      if (!(F.Input == Input) && F.Fate == LifecycleFact::Releases)
        Out.Fact->Fate = LifecycleFact::Keeps;
      return Out;
    }
  for (const ForwardFact &F : S->LifecycleForwards) {
    if (!Input.startsWith(F.From))
      continue;
    Fate Further = fateLocked(F.Callee, F.forward(Input), Depth + 1);
    if (!Further.Known || Further.Fact)
      return Further;
  }
  return Out;
}

static std::string fill(llvm::StringRef Template, llvm::StringRef Failure,
                        llvm::StringRef HowToCheck) {
  std::string Out;
  for (size_t I = 0; I < Template.size(); ++I) {
    if (Template.substr(I).starts_with("{0}")) {
      Out += Failure;
      I += 2;
    } else if (Template.substr(I).starts_with("{1}")) {
      Out += HowToCheck;
      I += 2;
    } else {
      Out += Template[I];
    }
  }
  return Out;
}

std::vector<ResolvedFinding> SummaryStore::resolvePending() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<ResolvedFinding> Result;
  std::set<std::tuple<std::string, unsigned, std::string>> Seen;
  for (const PendingFinding &P : Pending) {
    ResolvedFinding R{P.Check, P.Warning, P.Notes};
    if (!feasibleLocked(P.Assumes))
      continue;
    std::optional<LifecycleReturn> Fresh;
    if (!P.FreshFrom.empty()) {
      const FunctionSummary *Source = find(P.FreshFrom, true);
      if (!Source || !Source->ReturnsFresh ||
          !(P.FreshResources.empty() ||
            llvm::is_contained(P.FreshResources,
                               Source->ReturnsFresh->Resource)))
        continue;
      Fresh = Source->ReturnsFresh;
      R.Notes.insert(
          R.Notes.begin() + std::min<size_t>(1, R.Notes.size()),
          {Fresh->Where, llvm::formatv("'{0}' returns the result of '{1}' here",
                                       P.FreshFromName, Fresh->Api)
                             .str()});
    }
    if (P.Condition == PendingFinding::Always) {
      // Decided by the assumptions alone.
    } else if (P.Condition == PendingFinding::GlobalReleasedOther) {
      const LifecycleFact *Wrong = nullptr;
      const FunctionSummary *By = nullptr;
      for (const auto &[Usr, S] : Collected)
        for (const LifecycleFact &F : S.Lifecycle)
          if (!Wrong && F.Input == P.Input &&
              F.Fate == LifecycleFact::Releases && !F.Family.empty() &&
              F.Family != P.Family &&
              !llvm::is_contained(F.AlsoReleases, P.Family)) {
            Wrong = &F;
            By = &S;
          }
      if (!Wrong)
        continue;
      llvm::StringRef Releaser = Wrong->Api;
      R.Warning.Message = fill(P.Warning.Message, Releaser, By->Name);
      R.Notes.push_back(
          {Wrong->Where, llvm::formatv("'{0}' releases it with '{1}' here",
                                       By->Name, Wrong->Api)
                             .str()});
    } else if (P.Condition == PendingFinding::GlobalNeverReleased) {
      // A run over part of the program says nothing of the rest: the file
      // that defines the global must be among those analyzed, and for a
      // global other files may name, all of them.
      auto Global = Globals.find(P.Input.Global);
      if (Global == Globals.end() || !Global->second.Defined ||
          Global->second.Opaque || (Global->second.Shared && !WholeDatabase))
        continue;
      // Anything reached through the global counts: what it points into
      // may be released with it.
      auto OnGlobal = [&](const InputPath &In) {
        return In.IsGlobal && In.Global == P.Input.Global;
      };
      bool Handled = false;
      for (const auto &[Usr, S] : Collected) {
        Handled |= llvm::any_of(S.Lifecycle, [&](const LifecycleFact &F) {
          return OnGlobal(F.Input);
        });
        Handled |= llvm::any_of(S.LifecycleForwards, [&](const ForwardFact &F) {
          return OnGlobal(F.From);
        });
        if (Handled)
          break;
      }
      if (Handled)
        continue;
    } else if (P.Condition == PendingFinding::CalleeReturnsOther) {
      if (!Fresh || Fresh->Family == P.Family ||
          llvm::is_contained(P.AlsoReleases, Fresh->Family))
        continue;
      llvm::StringRef Allocator = Fresh->Api;
      R.Warning.Message = fill(P.Warning.Message, Allocator, "");
    } else if (P.Condition == PendingFinding::CalleeMaySleep) {
      auto Chain = sleepChainLocked(P.Callee, P.Args, true, 0);
      if (!Chain)
        continue;
      R.Notes.insert(R.Notes.end(), Chain->begin(), Chain->end());
    } else if (P.Condition == PendingFinding::CalleesBorrow) {
      bool Borrowed = !P.Handoffs.empty();
      std::vector<DiagnosticText> Proof;
      for (const PendingFinding::Handoff &H : P.Handoffs) {
        Fate F = fateLocked(H.Callee, H.Input, 0);
        const FunctionSummary *S = find(H.Callee, true);
        if (!F.Known || F.Fact || !S) {
          Borrowed = false;
          break;
        }
        Proof.push_back(
            {S->Definition,
             llvm::formatv("'{0}' neither releases nor keeps what it is "
                           "handed",
                           H.CalleeName)
                 .str()});
      }
      if (!Borrowed)
        continue;
      R.Notes.insert(R.Notes.end(), Proof.begin(), Proof.end());
    } else if (P.Condition == PendingFinding::CalleeReleasesOther) {
      Fate F = fateLocked(P.Callee, P.Input, 0);
      if (!F.Fact || F.Fact->Fate != LifecycleFact::Releases ||
          F.Fact->Family.empty() || F.Fact->Family == P.Family ||
          llvm::is_contained(F.Fact->AlsoReleases, P.Family))
        continue;
      llvm::StringRef Releaser = F.Fact->Api;
      R.Warning.Message = fill(P.Warning.Message, Releaser, "");
      for (DiagnosticText &N : R.Notes)
        N.Message = fill(N.Message, Releaser, "");
      R.Notes.push_back(
          {F.Fact->Where, llvm::formatv("'{0}' releases it with '{1}' here",
                                        F.Via, F.Fact->Api)
                              .str()});
    } else if (P.Condition == PendingFinding::CalleeDereferences) {
      DerefFact Proof;
      if (!dereferencesLocked(P.Callee, P.Input, &Proof, true, 0))
        continue;
      R.Notes.push_back(
          {Proof.Where,
           llvm::formatv("'{0}' is dereferenced here", Proof.Spelling).str()});
    } else {
      std::optional<ReturnFact> Returns = returnsLocked(P.Callee, true, 0);
      if (!Returns)
        continue;
      llvm::StringRef Failure =
          failureValueText(Returns->Convention, P.CPlusPlus);
      llvm::StringRef How = howToCheckText(Returns->Convention);
      R.Warning.Message = fill(P.Warning.Message, Failure, How);
      for (DiagnosticText &N : R.Notes)
        N.Message = fill(N.Message, Failure, How);
      R.Notes.push_back(
          {Returns->Where, llvm::formatv("'{0}' returns the result of '{1}' "
                                         "here without checking it",
                                         P.CalleeName, Returns->Api)
                               .str()});
    }
    auto Key = std::make_tuple(R.Warning.Where.File, R.Warning.Where.Offset,
                               R.Warning.Message);
    if (Seen.insert(Key).second)
      Result.push_back(std::move(R));
  }
  llvm::sort(Result, [](const ResolvedFinding &A, const ResolvedFinding &B) {
    return std::tie(A.Warning.Where.File, A.Warning.Where.Offset,
                    A.Warning.Message) < std::tie(B.Warning.Where.File,
                                                  B.Warning.Where.Offset,
                                                  B.Warning.Message);
  });
  return Result;
}

json::Value SummaryStore::exportSummaries() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  json::Array Functions;
  for (const auto &[Usr, S] : Collected)
    Functions.push_back(toJSON(S));
  return json::Object{{"memtidy-summaries", SummaryFormatVersion},
                      {"functions", std::move(Functions)}};
}

} // namespace memtidy
