//===--- MemtidyMain.cpp - The memtidy driver -----------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// memtidy [options] [files...] [-- compiler args]
//
// Runs the memtidy checks -- the same objects the clang-tidy plugin is built
// from -- through clang::tidy::runClangTidy, one translation unit per task on
// a thread pool, so .clang-tidy files, check options and NOLINT behave as in
// clang-tidy. Writes clang-style text or one SARIF 2.1.0 run.
//
// Exit codes: 0 no findings, 1 findings, 2 usage or input error,
// 3 some files could not be analyzed (everything else is still written).
//
//===----------------------------------------------------------------------===//

#include "Findings.h"
#include "SarifWriter.h"
#include "support/RulePack.h"
#include "support/Summaries.h"
#include "support/SummaryLocations.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include <atomic>
#include <mutex>

namespace clang::tidy {
// Keeps the statically linked module (and its registration) in the binary.
extern volatile int MemtidyModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED MemtidyModuleAnchorDestination =
    MemtidyModuleAnchorSource;
} // namespace clang::tidy

using namespace llvm;
namespace tooling = clang::tooling;
namespace tidy = clang::tidy;

namespace {

enum ExitCode : int {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitIncomplete = 3,
};

enum class OutputFormat { Text, Sarif };

cl::OptionCategory Category("memtidy options");

const char Overview[] =
    "memtidy: finds memory-safety bugs and GFP misuse in C and C++.\n\n"
    "  memtidy [options] [files...] [-- compiler args]\n\n"
    "Without files, analyzes every file of the compilation database. Without\n"
    "-p, looks for compile_commands.json in ., build/, out/ and\n"
    "cmake-build-*/. Arguments after '--' replace the database.\n\n"
    "Exit codes: 0 no findings, 1 findings, 2 usage or input error,\n"
    "3 some files could not be analyzed (all other results are written).\n";

cl::list<std::string> Files(cl::Positional, cl::desc("[<file> ...]"),
                            cl::cat(Category));
cl::opt<std::string>
    BuildPath("p", cl::desc("compile_commands.json, or the directory with it"),
              cl::value_desc("dir|file"), cl::cat(Category));
cl::opt<std::string> ChecksOption(
    "checks",
    cl::desc("Check globs, added to the configuration's (default: "
             "'memtidy-*'); e.g. -checks='-*,memtidy-unchecked-alloc'"),
    cl::cat(Category));
cl::opt<std::string> ConfigOption(
    "config",
    cl::desc("Configuration in YAML/JSON, as clang-tidy's --config; replaces "
             ".clang-tidy files"),
    cl::cat(Category));
cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format"), cl::init(OutputFormat::Text),
    cl::values(clEnumValN(OutputFormat::Text, "text", "clang-style text"),
               clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0")),
    cl::cat(Category));
cl::opt<std::string>
    OutputFile("o",
               cl::desc("Write the --format output to this file; findings "
                        "are still printed as text unless --quiet"),
               cl::value_desc("file"), cl::cat(Category));
cl::list<std::string> RuleFiles("rules",
                                cl::desc("Additional rule pack (repeatable)"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel jobs (default: all cores)"),
                       cl::Prefix, cl::init(0), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply fix-its to the source files"),
                  cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Print no text findings or progress"),
                    cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List enabled checks"),
                         cl::cat(Category));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regex of headers whose findings are reported (as clang-tidy)"),
    cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc("Append a compiler argument"),
                                cl::cat(Category));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("Prepend a compiler argument"),
                                      cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Root that SARIF URIs are relative to (default: the git work "
             "tree of the current directory, else the current directory)"),
    cl::cat(Category));
cl::opt<std::string>
    SarifCategory("sarif-category",
                  cl::desc("SARIF automationDetails category (default: "
                           "memtidy)"),
                  cl::init("memtidy"), cl::cat(Category));
cl::opt<std::string> ExportSummaries(
    "export-summaries",
    cl::desc("Write the summaries of the analyzed functions to FILE, for the "
             "SummaryFile option of the checks (cross-file findings in "
             "editors)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    ResourceDir("resource-dir",
                cl::desc("Clang resource directory (builtin headers)"),
                cl::init(MEMTIDY_CLANG_RESOURCE_DIR), cl::cat(Category));
cl::opt<std::string> PrintLineHashes(
    "print-line-hashes",
    cl::desc("Print the SARIF line fingerprint of every line of a file"),
    cl::Hidden, cl::cat(Category));

void error(const Twine &Message) {
  WithColor::error(errs(), "memtidy") << Message << '\n';
}

void warning(const Twine &Message) {
  WithColor::warning(errs(), "memtidy") << Message << '\n';
}

/// Drops options that make clang write files beside the build: kernel
/// commands carry -Wp,-MMD,<depfile>, which LibTooling does not strip, and
/// analysis never needs dependency files.
std::vector<std::string> withoutOutputFiles(std::vector<std::string> Args) {
  std::vector<std::string> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef Arg = Args[I];
    if (Arg.starts_with("-Wp,-M") || Arg == "-MD" || Arg == "-MMD")
      continue;
    if ((Arg == "-MF" || Arg == "-MT" || Arg == "-MQ") && I + 1 < Args.size()) {
      ++I;
      continue;
    }
    Kept.push_back(Args[I]);
  }
  return Kept;
}

/// One compile command for one file, so threads share no database state.
class SingleFileDatabase : public tooling::CompilationDatabase {
public:
  explicit SingleFileDatabase(std::vector<tooling::CompileCommand> InCommands)
      : Commands(std::move(InCommands)) {
    for (tooling::CompileCommand &Command : Commands)
      Command.CommandLine = withoutOutputFiles(std::move(Command.CommandLine));
  }
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return Commands;
  }

private:
  std::vector<tooling::CompileCommand> Commands;
};

struct FileResult {
  std::vector<tidy::ClangTidyError> Errors;
  std::optional<std::string> Failure;
  bool NoChecksEnabled = false;
};

tidy::ClangTidyOptions overrideOptions() {
  tidy::ClangTidyOptions Override;
  if (!ChecksOption.empty())
    Override.Checks = ChecksOption;
  if (HeaderFilter.getNumOccurrences())
    Override.HeaderFilterRegex = HeaderFilter;
  Override.ExtraArgsBefore =
      std::vector<std::string>(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  if (!ResourceDir.empty())
    Override.ExtraArgsBefore->push_back("-resource-dir=" + ResourceDir);
  Override.ExtraArgs =
      std::vector<std::string>(ExtraArgs.begin(), ExtraArgs.end());
  // clang's own "N warnings generated." summary: memtidy prints its own.
  Override.ExtraArgs->push_back("-fno-caret-diagnostics");
  return Override;
}

Expected<std::unique_ptr<tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  tidy::ClangTidyGlobalOptions Global;
  tidy::ClangTidyOptions Defaults = tidy::ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,memtidy-*";
  tidy::ClangTidyOptions Override = overrideOptions();
  if (!ConfigOption.empty()) {
    auto Parsed =
        tidy::parseConfiguration(MemoryBufferRef(ConfigOption, "--config"));
    if (!Parsed)
      return createStringError(Parsed.getError(),
                               "invalid --config: " +
                                   Parsed.getError().message());
    return std::make_unique<tidy::ConfigOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(*Parsed),
        std::move(Override));
  }
  return std::make_unique<tidy::FileOptionsProvider>(
      std::move(Global), std::move(Defaults), std::move(Override),
      std::move(FS));
}

bool isCompilerError(const tidy::ClangTidyError &E) {
  return E.DiagLevel == tooling::Diagnostic::Error &&
         StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

FileResult analyzeFile(const std::string &File,
                       std::vector<tooling::CompileCommand> Commands) {
  FileResult Result;
  // A physical file system per task: its working directory is its own, so
  // tasks on other threads do not chdir under each other.
  auto BaseFS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::createPhysicalFileSystem());
  auto Provider = makeOptionsProvider(BaseFS);
  if (!Provider) {
    Result.Failure = toString(Provider.takeError());
    return Result;
  }
  tidy::ClangTidyOptions FileOptions = (*Provider)->getOptions(File);
  if (tidy::getCheckNames(FileOptions, false).empty()) {
    Result.NoChecksEnabled = true;
    return Result;
  }
  tidy::ClangTidyContext Context(std::move(*Provider));
  SingleFileDatabase Database(std::move(Commands));
  Result.Errors = tidy::runClangTidy(Context, Database, {File}, BaseFS,
                                     /*ApplyAnyFix=*/false);
  unsigned CompileErrors = 0;
  const tidy::ClangTidyError *First = nullptr;
  for (const tidy::ClangTidyError &E : Result.Errors)
    if (isCompilerError(E)) {
      ++CompileErrors;
      if (!First)
        First = &E;
    }
  if (CompileErrors) {
    std::string Where;
    if (!First->Message.FilePath.empty()) {
      memtidy::SourceCache Sources;
      Where =
          memtidy::resolvePath(First->Message.FilePath, First->BuildDirectory);
      if (const memtidy::SourceFile *Source = Sources.get(Where)) {
        auto [Line, Column] = Source->lineColumn(First->Message.FileOffset);
        Where += ":" + std::to_string(Line) + ":" + std::to_string(Column);
      }
      Where += ": ";
    }
    Result.Failure = (Twine(CompileErrors) + " compiler error" +
                      (CompileErrors > 1 ? "s" : "") + ", first: " + Where +
                      First->Message.Message)
                         .str();
  }
  return Result;
}

/// Reads global definitions from a file, for the summary store only.
class GlobalFactsAction : public clang::ASTFrontendAction {
  struct Consumer : clang::ASTConsumer {
    void HandleTranslationUnit(clang::ASTContext &Ctx) override {
      // A file that does not compile may define anything.
      if (!Ctx.getDiagnostics().hasErrorOccurred())
        memtidy::exportGlobalFacts(*Ctx.getTranslationUnitDecl());
    }
  };
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, StringRef) override {
    return std::make_unique<Consumer>();
  }
};

bool isSourceFile(StringRef Path) {
  return StringSwitch<bool>(sys::path::extension(Path))
      .Cases(".c", ".cc", ".cpp", ".cxx", true)
      .Default(false);
}

/// Whether a line of \p Text looks like the file-scope definition of one of
/// \p Names ("const int FLAG = 1;", "int flag;"): it starts in the first
/// column with a type, not "extern", and the name follows without a
/// parenthesis before it, then "=", ";" or "[". Parsing is for files that
/// pass.
bool mayDefineAny(StringRef Text, const std::set<std::string> &Names) {
  auto IsIdentifierChar = [](char C) { return isAlnum(C) || C == '_'; };
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (StringRef Line : Lines) {
    if (Line.empty() || !(isAlpha(Line[0]) || Line[0] == '_') ||
        Line.starts_with("extern") || Line.starts_with("return"))
      continue;
    for (const std::string &Name : Names) {
      size_t At = Line.find(Name);
      if (At == StringRef::npos || At == 0 || IsIdentifierChar(Line[At - 1]) ||
          Line.take_front(At).contains('('))
        continue;
      StringRef Rest = Line.drop_front(At + Name.size()).ltrim();
      if (!Rest.empty() && StringRef("=;[").contains(Rest.front()))
        return true;
    }
  }
  return false;
}

/// Findings may hold only if a global has some value, and no analyzed file
/// defines it: a compilation database often lacks a project's support
/// sources (a test harness's io.c). The sources beside the header that
/// declares such a global are read for its definition -- with the command of
/// their nearest neighbour in the database -- and nothing else.
void readDefinitionsBesideHeaders(const tooling::CompilationDatabase &Database,
                                  const std::vector<std::string> &Inputs) {
  // Bounds the cost when a header sits in a large source directory.
  constexpr unsigned MaxFilesPerDirectory = 64;
  std::map<std::string, std::set<std::string>> NamesByDirectory;
  for (const auto &[Header, Names] :
       memtidy::SummaryStore::instance().undefinedAssumedGlobals())
    NamesByDirectory[sys::path::parent_path(Header).str()].insert(Names.begin(),
                                                                  Names.end());
  std::set<std::string> Analyzed(Inputs.begin(), Inputs.end());
  for (const auto &[Directory, Names] : NamesByDirectory) {
    std::error_code EC;
    unsigned Seen = 0;
    for (sys::fs::directory_iterator It(Directory, EC), End;
         It != End && !EC && Seen < MaxFilesPerDirectory; It.increment(EC)) {
      std::string Path = It->path();
      if (!isSourceFile(Path) || Analyzed.count(Path) ||
          It->type() != sys::fs::file_type::regular_file)
        continue;
      ++Seen;
      auto Text = MemoryBuffer::getFile(Path);
      if (!Text || !mayDefineAny((*Text)->getBuffer(), Names))
        continue;
      std::vector<tooling::CompileCommand> Commands =
          Database.getCompileCommands(Path);
      if (Commands.empty())
        continue;
      SingleFileDatabase One(std::move(Commands));
      tooling::ClangTool Tool(One, {Path});
      clang::IgnoringDiagConsumer Quiet;
      Tool.setDiagnosticConsumer(&Quiet);
      Tool.run(tooling::newFrontendActionFactory<GlobalFactsAction>().get());
    }
  }
}

/// The compilation database the user meant, and where it came from.
std::unique_ptr<tooling::CompilationDatabase> loadDatabase(std::string &Source,
                                                           std::string &Error) {
  auto LoadFrom =
      [&](StringRef Path) -> std::unique_ptr<tooling::CompilationDatabase> {
    std::string Message;
    std::unique_ptr<tooling::CompilationDatabase> DB;
    if (sys::fs::is_directory(Path))
      DB = tooling::CompilationDatabase::loadFromDirectory(Path, Message);
    else if (auto JSON = tooling::JSONCompilationDatabase::loadFromFile(
                 Path, Message, tooling::JSONCommandLineSyntax::AutoDetect))
      // As for a directory: files missing from the database (headers) get
      // the command of their nearest neighbour.
      DB = tooling::inferTargetAndDriverMode(
          tooling::inferMissingCompileCommands(tooling::expandResponseFiles(
              std::move(JSON), vfs::getRealFileSystem())));
    if (!DB)
      Error = Message;
    return DB;
  };
  if (!BuildPath.empty()) {
    if (!sys::fs::exists(BuildPath)) {
      Error = "'" + BuildPath +
              "' does not exist; pass -p <build directory "
              "with compile_commands.json>";
      return nullptr;
    }
    Source = BuildPath;
    auto DB = LoadFrom(BuildPath);
    if (!DB)
      Error = "cannot use the compilation database at '" + BuildPath +
              "': " + Error;
    return DB;
  }
  std::vector<std::string> Candidates = {".", "build", "out"};
  std::error_code EC;
  std::vector<std::string> CMakeDirs;
  for (sys::fs::directory_iterator It(".", EC), End; It != End && !EC;
       It.increment(EC))
    if (sys::path::filename(It->path()).starts_with("cmake-build-"))
      CMakeDirs.push_back(sys::path::filename(It->path()).str());
  llvm::sort(CMakeDirs);
  Candidates.insert(Candidates.end(), CMakeDirs.begin(), CMakeDirs.end());
  for (const std::string &Dir : Candidates) {
    SmallString<128> Path(Dir);
    sys::path::append(Path, "compile_commands.json");
    if (!sys::fs::exists(Path))
      continue;
    Source = std::string(Path);
    auto DB = LoadFrom(Path);
    if (!DB)
      Error =
          "cannot use the compilation database at '" + Source + "': " + Error;
    return DB;
  }
  Error = "no compilation database found in ., build/, out/ or "
          "cmake-build-*/; pass -p <build directory> (CMake: configure with "
          "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON), or give compiler arguments "
          "after '--', e.g. 'memtidy file.c -- -Iinclude'";
  return nullptr;
}

std::string defaultSourceRoot() {
  SmallString<256> Dir;
  sys::fs::current_path(Dir);
  SmallString<256> Real;
  if (!sys::fs::real_path(Dir, Real))
    Dir = Real;
  for (SmallString<256> Probe = Dir; !Probe.empty();
       Probe = sys::path::parent_path(Probe)) {
    SmallString<256> Git = Probe;
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return std::string(Probe);
    if (sys::path::parent_path(Probe) == Probe)
      break;
  }
  return std::string(Dir);
}

/// Checks early that the output can be written, so a long run does not end
/// in an error.
std::optional<std::string> outputProblem(StringRef Path) {
  if (sys::fs::is_directory(Path))
    return "'" + Path.str() + "' is a directory; pass a file name to -o";
  if (sys::fs::exists(Path)) {
    if (sys::fs::access(Path, sys::fs::AccessMode::Write))
      return "'" + Path.str() +
             "' is not writable; choose another file with -o";
    return std::nullopt;
  }
  SmallString<256> Parent(Path);
  sys::fs::make_absolute(Parent);
  sys::path::remove_filename(Parent);
  if (!sys::fs::is_directory(Parent))
    return "cannot write '" + Path.str() + "': directory '" +
           std::string(Parent) +
           "' does not exist; create it or choose "
           "another path with -o";
  if (sys::fs::access(Parent, sys::fs::AccessMode::Write))
    return "cannot write '" + Path.str() + "': directory '" +
           std::string(Parent) +
           "' is not writable; choose another path "
           "with -o";
  return std::nullopt;
}

/// Writes atomically: a partial SARIF file is worse than none.
std::optional<std::string> writeFile(StringRef Path, StringRef Contents) {
  SmallString<256> Temp;
  int FD;
  SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%";
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp))
    return "cannot write '" + Path.str() + "': " + EC.message();
  {
    raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Contents;
    Out.close();
    if (Out.has_error()) {
      std::string Message = Out.error().message();
      Out.clear_error();
      sys::fs::remove(Temp);
      return "cannot write '" + Path.str() + "': " + Message;
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return "cannot write '" + Path.str() + "': " + EC.message();
  }
  return std::nullopt;
}

std::vector<std::string> registeredMemtidyChecks() {
  tidy::ClangTidyCheckFactories Factories;
  for (const auto &Module : tidy::ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Entry : Factories)
    if (StringRef(Entry.getKey()).starts_with("memtidy-"))
      Names.push_back(Entry.getKey().str());
  llvm::sort(Names);
  return Names;
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM Init(argc, argv);
  std::vector<std::string> Arguments(argv + 1, argv + argc);

  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Fixed =
      tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                             FixedError);
  if (!FixedError.empty()) {
    error(FixedError);
    return ExitUsage;
  }
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "memtidy " << MEMTIDY_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  if (!cl::ParseCommandLineOptions(argc, argv, Overview, &errs()))
    return ExitUsage;

  if (!PrintLineHashes.empty()) {
    memtidy::SourceCache Sources;
    const memtidy::SourceFile *File = Sources.get(PrintLineHashes);
    if (!File) {
      error("cannot read '" + PrintLineHashes + "'");
      return ExitUsage;
    }
    unsigned Line = 0;
    for (const std::string &Hash : memtidy::lineHashes(File->text()))
      outs() << ++Line << ' ' << Hash << '\n';
    return ExitClean;
  }

  // Rule packs: all problems at once, then stop before any analysis.
  std::vector<memtidy::RulePack> Packs;
  bool BadPack = false;
  for (const std::string &Path : RuleFiles) {
    auto Pack = memtidy::loadRulePackFile(Path);
    if (!Pack) {
      errs() << toString(Pack.takeError()) << '\n';
      BadPack = true;
      continue;
    }
    Packs.push_back(std::move(*Pack));
  }
  if (BadPack) {
    error("rule pack rejected; fix it (format: docs/rule-packs.md) or drop "
          "its --rules");
    return ExitUsage;
  }
  memtidy::setCommandLineRulePacks(std::move(Packs));
  if (auto Rules = memtidy::getRuleSet(""); !Rules) {
    errs() << toString(Rules.takeError()) << '\n';
    return ExitUsage;
  }

  if (ListChecks) {
    auto Provider = makeOptionsProvider(vfs::getRealFileSystem());
    if (!Provider) {
      error(toString(Provider.takeError()));
      return ExitUsage;
    }
    SmallString<256> Here;
    sys::fs::current_path(Here);
    sys::path::append(Here, "memtidy.c");
    outs() << "Enabled checks:\n";
    for (const std::string &Name :
         tidy::getCheckNames((*Provider)->getOptions(Here), false))
      outs() << "    " << Name << '\n';
    return ExitClean;
  }

  for (const std::string &Path :
       {OutputFile.getValue(), ExportSummaries.getValue()})
    if (!Path.empty())
      if (auto Problem = outputProblem(Path)) {
        error(*Problem);
        return ExitUsage;
      }
  if (auto Provider = makeOptionsProvider(vfs::getRealFileSystem());
      !Provider) {
    error(toString(Provider.takeError()));
    return ExitUsage;
  }

  std::unique_ptr<tooling::CompilationDatabase> Database = std::move(Fixed);
  if (!Database) {
    std::string Source, DBError;
    Database = loadDatabase(Source, DBError);
    if (!Database) {
      error(DBError);
      return ExitUsage;
    }
    if (BuildPath.empty() && !Quiet)
      errs() << "memtidy: using compilation database " << Source << '\n';
  }

  std::vector<std::string> Inputs;
  if (Files.empty()) {
    Inputs = Database->getAllFiles();
    if (Inputs.empty()) {
      error("the compilation database lists no files and none were given");
      return ExitUsage;
    }
  } else {
    for (const std::string &File : Files) {
      SmallString<256> Absolute(File);
      sys::fs::make_absolute(Absolute);
      sys::path::remove_dots(Absolute, true);
      Inputs.push_back(std::string(Absolute));
    }
  }
  llvm::sort(Inputs);
  Inputs.erase(std::unique(Inputs.begin(), Inputs.end()), Inputs.end());

  // Gather compile commands up front: the database is not shared by threads.
  std::vector<FileResult> Results(Inputs.size());
  std::vector<std::vector<tooling::CompileCommand>> Commands(Inputs.size());
  for (size_t I = 0; I < Inputs.size(); ++I) {
    if (!sys::fs::exists(Inputs[I])) {
      Results[I].Failure = "file not found";
      continue;
    }
    Commands[I] = Database->getCompileCommands(Inputs[I]);
    if (Commands[I].empty())
      Results[I].Failure = "no compile command in the compilation database; "
                           "add the file to it or pass flags after '--'";
  }

  // Findings that depend on functions of other files wait for every file's
  // summaries.
  memtidy::SummaryStore &Summaries = memtidy::SummaryStore::instance();
  Summaries.setCollecting(true);
  Summaries.setWholeDatabase(Files.empty());
  bool ShowProgress = !Quiet && sys::Process::StandardErrIsDisplayed();
  std::mutex ProgressMutex;
  std::atomic<unsigned> Done{0};
  {
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (size_t I = 0; I < Inputs.size(); ++I) {
      if (Results[I].Failure)
        continue;
      Pool.async([&, I] {
        Results[I] = analyzeFile(Inputs[I], std::move(Commands[I]));
        unsigned Count = ++Done;
        if (ShowProgress) {
          std::lock_guard<std::mutex> Lock(ProgressMutex);
          errs() << "\r\x1b[K[" << Count << '/' << Inputs.size() << "] "
                 << sys::path::filename(Inputs[I]);
        }
      });
    }
    Pool.wait();
  }
  if (ShowProgress)
    errs() << "\r\x1b[K";
  readDefinitionsBesideHeaders(*Database, Inputs);

  // Collect everything before writing anything.
  memtidy::SourceCache Sources;
  std::vector<tidy::ClangTidyError> AllErrors;
  std::vector<memtidy::FileFailure> Failures;
  StringSet<> ConfigErrors;
  bool WarnedNoChecks = false;
  for (size_t I = 0; I < Inputs.size(); ++I) {
    FileResult &R = Results[I];
    if (R.NoChecksEnabled && !WarnedNoChecks) {
      warning("the configuration for " + Inputs[I] +
              " enables no memtidy check (a .clang-tidy 'Checks' with '-*'?); "
              "pass --checks='memtidy-*' to enable them");
      WarnedNoChecks = true;
    }
    for (tidy::ClangTidyError &E : R.Errors) {
      if (E.DiagnosticName == "clang-tidy-config") {
        ConfigErrors.insert(E.Message.Message);
        continue;
      }
      AllErrors.push_back(std::move(E));
    }
    if (R.Failure) {
      error("cannot analyze " + Inputs[I] + ": " + *R.Failure);
      Failures.push_back(
          {memtidy::resolvePath(Inputs[I], ""),
           "memtidy could not analyze this file: " + *R.Failure});
    }
  }
  for (const auto &Message : ConfigErrors)
    error(Message.getKey());

  std::vector<memtidy::Finding> Findings =
      memtidy::toFindings(AllErrors, Sources);
  for (const memtidy::ResolvedFinding &R : Summaries.resolvePending()) {
    memtidy::Finding F;
    F.Check = R.Check;
    F.Level = "warning";
    F.Message = R.Warning.Message;
    auto PositionOf = [&](const memtidy::FileRange &Where) {
      return memtidy::positionOf(Where.File, Where.Offset, Where.Length,
                                 Sources);
    };
    F.Where = PositionOf(R.Warning.Where);
    for (const memtidy::DiagnosticText &N : R.Notes)
      F.Notes.push_back({PositionOf(N.Where), N.Message});
    Findings.push_back(std::move(F));
  }
  memtidy::sortAndDeduplicate(Findings);

  int Exit = ExitClean;
  if (!Findings.empty())
    Exit = ExitFindings;
  if (!Failures.empty())
    Exit = ExitIncomplete;
  if (!ConfigErrors.empty())
    Exit = ExitUsage;
  if (!ExportSummaries.empty()) {
    std::string Json;
    raw_string_ostream OS(Json);
    OS << formatv("{0:2}", Summaries.exportSummaries()) << '\n';
    if (auto Problem = writeFile(ExportSummaries, Json)) {
      error(*Problem);
      Exit = ExitUsage;
    }
  }

  std::string Text;
  raw_string_ostream TextOS(Text);
  memtidy::printText(TextOS, Findings, Sources);

  std::string Output = Text;
  if (Format == OutputFormat::Sarif) {
    memtidy::SarifRun Run;
    Run.RuleIds = registeredMemtidyChecks();
    Run.Findings = Findings;
    Run.Failures = Failures;
    Run.SourceRoot = SourceRoot.empty() ? defaultSourceRoot()
                                        : memtidy::resolvePath(SourceRoot, "");
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    Run.WorkingDirectory = std::string(Cwd);
    Run.Category = SarifCategory;
    Run.Arguments = Arguments;
    Output.clear();
    raw_string_ostream SarifOS(Output);
    memtidy::writeSarif(SarifOS, Run, Sources);
  }

  if (OutputFile.empty()) {
    outs() << Output;
  } else {
    if (!Quiet)
      outs() << Text;
    if (auto Problem = writeFile(OutputFile, Output)) {
      error(*Problem);
      // Nothing is lost: the findings reach stdout even when --quiet.
      if (Quiet)
        outs() << Text;
      Exit = ExitUsage;
    }
  }
  outs().flush();

  if (Fix && !Findings.empty()) {
    unsigned Changed = memtidy::applyFixes(Findings, Sources, errs());
    if (!Quiet)
      errs() << "memtidy: applied fixes to " << Changed << " file"
             << (Changed == 1 ? "" : "s") << '\n';
  }

  if (!Quiet) {
    size_t WithFindings = 0;
    StringSet<> Paths;
    for (const memtidy::Finding &F : Findings)
      Paths.insert(F.Where.Path);
    WithFindings = Paths.size();
    errs() << "memtidy: " << Findings.size() << " finding"
           << (Findings.size() == 1 ? "" : "s") << " in " << WithFindings
           << " file" << (WithFindings == 1 ? "" : "s") << "; "
           << Inputs.size() - Failures.size() << " of " << Inputs.size()
           << " file" << (Inputs.size() == 1 ? "" : "s") << " analyzed\n";
  }
  return Exit;
}
