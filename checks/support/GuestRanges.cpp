//===--- GuestRanges.cpp - Symbolic ranges of guest memory ----------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GuestRanges.h"

#include "llvm/ADT/STLExtras.h"
#include <tuple>

namespace memtidy {

LinearForm LinearForm::operator+(const LinearForm &O) const {
  LinearForm R = *this;
  R.Constant += O.Constant;
  for (const auto &[Name, C] : O.Terms)
    if ((R.Terms[Name] += C) == 0)
      R.Terms.erase(Name);
  return R;
}

LinearForm LinearForm::operator-(const LinearForm &O) const {
  return *this + O.scaled(-1);
}

LinearForm LinearForm::scaled(int64_t Factor) const {
  if (Factor == 0)
    return constant(0);
  LinearForm R;
  R.Constant = Constant * Factor;
  for (const auto &[Name, C] : Terms)
    R.Terms[Name] = C * Factor;
  return R;
}

LinearForm LinearForm::substituted(
    const std::function<std::optional<LinearForm>(const std::string &)> &Lookup)
    const {
  LinearForm R = constant(Constant);
  for (const auto &[Name, C] : Terms) {
    if (std::optional<LinearForm> Value = Lookup(Name))
      R = R + Value->scaled(C);
    else
      R = R + symbol(Name, C);
  }
  return R;
}

void LinearForm::rename(const std::string &From, const std::string &To) {
  auto It = Terms.find(From);
  if (It == Terms.end())
    return;
  int64_t C = It->second;
  Terms.erase(It);
  if ((Terms[To] += C) == 0)
    Terms.erase(To);
}

bool LinearForm::operator<(const LinearForm &O) const {
  return std::tie(Terms, Constant) < std::tie(O.Terms, O.Constant);
}

std::string LinearForm::spelling(
    const std::function<std::string(const std::string &)> &Display) const {
  std::string Text;
  for (const auto &[Name, C] : Terms) {
    std::string Term = Display ? Display(Name) : Name;
    if (C < 0)
      Text += Text.empty() ? "-" : " - ";
    else if (!Text.empty())
      Text += " + ";
    int64_t Magnitude = C < 0 ? -C : C;
    Text += Magnitude == 1 ? Term : Term + " * " + std::to_string(Magnitude);
  }
  if (Text.empty())
    return std::to_string(Constant);
  if (Constant > 0)
    Text += " + " + std::to_string(Constant);
  else if (Constant < 0)
    Text += " - " + std::to_string(-Constant);
  return Text;
}

bool Extent::operator<(const Extent &O) const {
  if (String != O.String)
    return String < O.String;
  return !String && Bytes < O.Bytes;
}

/// Every coefficient and the constant are >= 0: the form cannot be negative.
static bool nonNegative(const LinearForm &F) {
  return F.Constant >= 0 &&
         llvm::all_of(F.Terms, [](const auto &T) { return T.second >= 0; });
}

/// The form is positive for some choice of the guest's values (or always):
/// no term can pull it down, and either the constant or a guest term pushes
/// it up.
static bool
guestCanMakePositive(const LinearForm &F,
                     const std::function<bool(const std::string &)> &IsGuest) {
  if (!llvm::all_of(F.Terms, [](const auto &T) { return T.second >= 0; }))
    return false;
  if (F.Constant > 0)
    return true;
  return llvm::any_of(F.Terms, [&](const auto &T) { return IsGuest(T.first); });
}

Coverage
compareRanges(const LinearForm &Offset, const Extent &Access,
              const LinearForm &RangeOffset, const Extent &Validated,
              const std::function<bool(const std::string &)> &IsGuest,
              const std::function<int64_t(const std::string &)> &AtLeast) {
  // x = x' + least(x), with x' >= 0 like every name.
  auto Shifted = [&](const LinearForm &F) {
    if (!AtLeast)
      return F;
    LinearForm R = F;
    for (const auto &[Name, C] : F.Terms)
      R.Constant += C * AtLeast(Name);
    return R;
  };
  LinearForm Start = Offset - RangeOffset;
  if (!nonNegative(Start))
    return Coverage::Unrelated;
  if (Validated.String) {
    if (Access.String)
      return Start.isConstant() ? Coverage::Within : Coverage::Unrelated;
    // A string is known to hold one byte: its terminator.
    LinearForm Beyond = Start + Access.Bytes - LinearForm::constant(1);
    if (!guestCanMakePositive(Beyond, IsGuest))
      return Coverage::Within;
    return Coverage::Exceeds;
  }
  if (Access.String)
    // A string may end anywhere: only a constant validated extent (the
    // single byte of a '*' parameter) is certainly too small for it.
    return Validated.Bytes.isConstant() ? Coverage::Exceeds
                                        : Coverage::Unrelated;
  LinearForm Beyond = Start + Access.Bytes - Validated.Bytes;
  if (nonNegative(Shifted(Beyond.scaled(-1))))
    return Coverage::Within;
  if (guestCanMakePositive(Beyond, IsGuest))
    return Coverage::Exceeds;
  return Coverage::Unrelated;
}

Overrun classifyOverrun(const Extent &Access, const Extent &Validated) {
  if (Validated.String)
    return Overrun::StringAsBytes;
  if (Access.String)
    return Overrun::BytesAsString;
  const LinearForm &A = Access.Bytes, &V = Validated.Bytes;
  if ((A - V).isConstant())
    return Overrun::ByConstant;
  // sizeof(T) validated, n * sizeof(T) accessed.
  if (V.isConstant() && V.Constant > 1 && !A.Terms.empty() &&
      llvm::all_of(A.Terms,
                   [&](const auto &T) { return T.second % V.Constant == 0; }))
    return Overrun::OneElement;
  // n validated, n * sizeof(T) accessed.
  if (V.Terms.size() == 1) {
    const auto &[Name, C] = *V.Terms.begin();
    auto It = A.Terms.find(Name);
    if (It != A.Terms.end() && It->second != C && It->second % C == 0)
      return Overrun::CountAsBytes;
  }
  return Overrun::Other;
}

} // namespace memtidy
