// C++: std::mutex locked and unlocked by hand. The fix-it turns a section
// that ends its block into a std::lock_guard; the fixed file compiles.
// RUN: %check_memtidy --compile-fixed %s memtidy-missing-raii %t -- -- -nostdinc -I %headers

#include <mutex>

int shared_count;
std::mutex count_mutex;
void log_value(int v);
bool valid(int v) noexcept;
extern "C" int c_helper(int v);

struct Counter {
  std::recursive_mutex mu;
  int value;
};

void increment() {
  count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'count_mutex' is locked and unlocked by hand; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'count_mutex' unlocked here
  // CHECK-FIXES: {{^}}  std::lock_guard<std::mutex> guard(count_mutex);{{$}}
  ++shared_count;
  count_mutex.unlock();
  // CHECK-FIXES-NOT: {{^}}  count_mutex.unlock();{{$}}
}

void through_pointer(Counter *c) {
  c->mu.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'c->mu' is locked and unlocked by hand; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'c->mu' unlocked here
  // CHECK-FIXES: {{^}}  std::lock_guard<std::recursive_mutex> guard(c->mu);{{$}}
  c->value = c_helper(c->value);
  c->mu.unlock();
  // CHECK-FIXES-NOT: {{^}}  c->mu.unlock();{{$}}
}

int returns_locked(int v) {
  count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'count_mutex' is locked by hand and stays locked on a path that skips the unlock; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: this return leaves while 'count_mutex' is locked
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'count_mutex' unlocked here
  // CHECK-FIXES: {{^}}  count_mutex.lock();{{$}}
  if (!valid(v))
    return -1;
  shared_count = v;
  count_mutex.unlock();
  return 0;
}

void throws_locked(int v) {
  count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'count_mutex' is locked by hand and stays locked on a path that skips the unlock; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'log_value' may throw here while 'count_mutex' is locked
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'count_mutex' unlocked here
  // CHECK-FIXES: {{^}}  std::lock_guard<std::mutex> guard(count_mutex);{{$}}
  log_value(v);
  count_mutex.unlock();
  // CHECK-FIXES-NOT: {{^}}  count_mutex.unlock();{{$}}
}

void not_last(int v) {
  count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'count_mutex' is locked and unlocked by hand; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'count_mutex' unlocked here
  // CHECK-FIXES: {{^}}  count_mutex.lock();{{$}}
  shared_count = v;
  count_mutex.unlock();
  c_helper(v);
}

int unlocked_early(int v) {
  count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'count_mutex' is locked and unlocked by hand; use 'std::unique_lock' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: 'count_mutex' unlocked here
  // CHECK-NOTES: :[[@LINE+7]]:3: note: 'count_mutex' unlocked here
  if (!valid(v)) {
    count_mutex.unlock();
    log_value(v);
    return -1;
  }
  shared_count = v;
  count_mutex.unlock();
  return 0;
}

void name_taken(int guard) {
  count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'count_mutex' is locked and unlocked by hand; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'count_mutex' unlocked here
  // CHECK-FIXES: {{^}}  count_mutex.lock();{{$}}
  shared_count = guard;
  count_mutex.unlock();
}

// A cast to void changes nothing: still a std::mutex, still fixed.
void discarded(int v) {
  (void)count_mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'count_mutex' is locked and unlocked by hand; use 'std::lock_guard' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'count_mutex' unlocked here
  // CHECK-FIXES: {{^}}  std::lock_guard<std::mutex> guard(count_mutex);{{$}}
  shared_count = v;
  count_mutex.unlock();
}

// Silent: RAII already, or the section does not end in this block.
void guarded(int v) {
  std::lock_guard<std::mutex> lock(count_mutex);
  shared_count = v;
}

void lock_only() { count_mutex.lock(); }
void unlock_only() { count_mutex.unlock(); }

void other_mutex(std::mutex &a, std::mutex &b) {
  a.lock();
  b.unlock();
}

// A hand-written guard locks in its constructor and unlocks in its
// destructor: that is RAII already (seen in real code).
class ScopedCounterLock {
public:
  explicit ScopedCounterLock(std::mutex &m) : m(m) { m.lock(); }
  ~ScopedCounterLock() { m.unlock(); }

private:
  std::mutex &m;
};
