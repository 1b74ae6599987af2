// C++: pthread mutexes locked and unlocked by hand in one block. The advice
// is a scoped lock over a std::mutex; the mutex type changes, so no fix-it.
// RUN: %check_memtidy %s memtidy-missing-raii %t -- -- -nostdinc -I %headers

#include <pthread.h>

pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
int table_size;
void log_value(int v);
bool valid(int v) noexcept;

struct Queue {
  pthread_mutex_t lock;
  int length;
};

void grow() {
  pthread_mutex_lock(&table_lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'table_lock' is locked and unlocked by hand; use 'std::lock_guard' over a 'std::mutex' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: 'table_lock' unlocked here
  ++table_size;
  pthread_mutex_unlock(&table_lock);
}

int returns_locked(Queue *q, int v) {
  pthread_mutex_lock(&q->lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'q->lock' is locked by hand and stays locked on a path that skips the unlock; use 'std::lock_guard' over a 'std::mutex' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: this return leaves while 'q->lock' is locked
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'q->lock' unlocked here
  if (!valid(v))
    return -1;
  q->length = v;
  pthread_mutex_unlock(&q->lock);
  return 0;
}

void throws_locked(pthread_mutex_t *mutex, int v) {
  (void)pthread_mutex_lock(mutex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: '*mutex' is locked by hand and stays locked on a path that skips the unlock; use 'std::lock_guard' over a 'std::mutex' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: 'log_value' may throw here while '*mutex' is locked
  // CHECK-NOTES: :[[@LINE+2]]:3: note: '*mutex' unlocked here
  log_value(v);
  (void)pthread_mutex_unlock(mutex);
}

int unlocked_early(int v) {
  pthread_mutex_lock(&table_lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'table_lock' is locked and unlocked by hand; use 'std::unique_lock' over a 'std::mutex' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: 'table_lock' unlocked here
  // CHECK-NOTES: :[[@LINE+6]]:3: note: 'table_lock' unlocked here
  if (!valid(v)) {
    pthread_mutex_unlock(&table_lock);
    return -1;
  }
  table_size = v;
  pthread_mutex_unlock(&table_lock);
  return 0;
}

// Silent: released in another block, or by another function.
void other_block(bool flag) {
  pthread_mutex_lock(&table_lock);
  if (flag) {
    ++table_size;
    pthread_mutex_unlock(&table_lock);
  }
}
void release_elsewhere() { pthread_mutex_unlock(&table_lock); }

// Silent: trylock may fail, which std::lock_guard does not model.
int try_lock() {
  if (pthread_mutex_trylock(&table_lock) != 0)
    return -1;
  ++table_size;
  pthread_mutex_unlock(&table_lock);
  return 0;
}

// Silent: the result of the lock is checked, so the statement is not a
// plain lock.
int checked_lock() {
  if (pthread_mutex_lock(&table_lock) != 0)
    return -1;
  ++table_size;
  pthread_mutex_unlock(&table_lock);
  return 0;
}

// Silent: different mutexes.
void two_mutexes(Queue *a, Queue *b) {
  pthread_mutex_lock(&a->lock);
  ++a->length;
  pthread_mutex_unlock(&b->lock);
}
