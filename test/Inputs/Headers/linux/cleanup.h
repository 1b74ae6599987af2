/* Mock of include/linux/cleanup.h. By default as backported to 6.1.y:
 * scoped_guard() is a for loop over a class variable. With MOCK_ALLOC_HOOKS
 * as in 6.12: the loop leaves through a goto to a label in an if (0), and
 * lock guards have a lock_ptr helper. In both, a guard is a variable whose
 * cleanup attribute calls the class destructor at the end of its scope. */
#ifndef MOCK_LINUX_CLEANUP_H
#define MOCK_LINUX_CLEANUP_H
#include <linux/compiler.h>
#define DEFINE_FREE(_name, _type, _free)                                       \
  static inline void __free_##_name(void *p) {                                 \
    _type _T = *(_type *)p;                                                    \
    _free;                                                                     \
  }
#define __free(_name) __cleanup(__free_##_name)
#define no_free_ptr(p)                                                         \
  ({                                                                           \
    __auto_type __ptr = (p);                                                   \
    (p) = NULL;                                                                \
    __ptr;                                                                     \
  })
#define return_ptr(p) return no_free_ptr(p)
#define DEFINE_CLASS(_name, _type, _exit, _init, _init_args...)                \
  typedef _type class_##_name##_t;                                             \
  static inline void class_##_name##_destructor(_type *p) {                    \
    _type _T = *p;                                                             \
    _exit;                                                                     \
  }                                                                            \
  static inline _type class_##_name##_constructor(_init_args) {                \
    _type t = _init;                                                           \
    return t;                                                                  \
  }
#define CLASS(_name, var)                                                      \
  class_##_name##_t var __cleanup(class_##_name##_destructor) =                \
      class_##_name##_constructor
#define guard(_name) CLASS(_name, __UNIQUE_ID(guard))
#ifndef MOCK_ALLOC_HOOKS
#define DEFINE_GUARD(_name, _type, _lock, _unlock)                             \
  DEFINE_CLASS(_name, _type, _unlock, ({                                       \
                 _lock;                                                        \
                 _T;                                                           \
               }),                                                             \
               _type _T)
#define scoped_guard(_name, args...)                                           \
  for (CLASS(_name, scope)(args), *done = NULL; !done; done = (void *)1)
#define __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, ...)                      \
  typedef struct {                                                             \
    _type *lock;                                                               \
    __VA_ARGS__;                                                               \
  } class_##_name##_t;                                                         \
  static inline void class_##_name##_destructor(class_##_name##_t *_T) {       \
    if (_T->lock) {                                                            \
      _unlock;                                                                 \
    }                                                                          \
  }
#else
#define __DEFINE_CLASS_IS_CONDITIONAL(_name, _is_cond)                         \
  static __maybe_unused const bool class_##_name##_is_conditional = _is_cond
#define DEFINE_GUARD(_name, _type, _lock, _unlock)                             \
  __DEFINE_CLASS_IS_CONDITIONAL(_name, false);                                 \
  DEFINE_CLASS(                                                                \
      _name, _type, if (_T) { _unlock; }, ({                                   \
        _lock;                                                                 \
        _T;                                                                    \
      }),                                                                      \
      _type _T);                                                               \
  static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T) {        \
    return (void *)(__force unsigned long)*_T;                                 \
  }
#define __guard_ptr(_name) class_##_name##_lock_ptr
#define __is_cond_ptr(_name) class_##_name##_is_conditional
#define __scoped_guard(_name, _label, args...)                                 \
  for (CLASS(_name, scope)(args);                                              \
       __guard_ptr(_name)(&scope) || !__is_cond_ptr(_name);                    \
       ({ goto _label; }))                                                     \
    if (0) {                                                                   \
    _label:                                                                    \
      break;                                                                   \
    } else
#define scoped_guard(_name, args...)                                           \
  __scoped_guard(_name, __UNIQUE_ID(label), args)
#define __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, ...)                      \
  typedef struct {                                                             \
    _type *lock;                                                               \
    __VA_ARGS__;                                                               \
  } class_##_name##_t;                                                         \
  static inline void class_##_name##_destructor(class_##_name##_t *_T) {       \
    if (_T->lock) {                                                            \
      _unlock;                                                                 \
    }                                                                          \
  }                                                                            \
  static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T) {        \
    return (void *)(__force unsigned long)_T->lock;                            \
  }
#endif
#define __DEFINE_LOCK_GUARD_1(_name, _type, _lock)                             \
  static inline class_##_name##_t class_##_name##_constructor(_type *l) {      \
    class_##_name##_t _t = {.lock = l}, *_T = &_t;                             \
    _lock;                                                                     \
    return _t;                                                                 \
  }
#define __DEFINE_LOCK_GUARD_0(_name, _lock)                                    \
  static inline class_##_name##_t class_##_name##_constructor(void) {          \
    class_##_name##_t _t = {.lock = (void *)1}, *_T __maybe_unused = &_t;      \
    _lock;                                                                     \
    return _t;                                                                 \
  }
#ifndef MOCK_ALLOC_HOOKS
#define DEFINE_LOCK_GUARD_1(_name, _type, _lock, _unlock, ...)                 \
  __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, __VA_ARGS__)                    \
  __DEFINE_LOCK_GUARD_1(_name, _type, _lock)
#define DEFINE_LOCK_GUARD_0(_name, _lock, _unlock, ...)                        \
  __DEFINE_UNLOCK_GUARD(_name, void, _unlock, __VA_ARGS__)                     \
  __DEFINE_LOCK_GUARD_0(_name, _lock)
#else
#define DEFINE_LOCK_GUARD_1(_name, _type, _lock, _unlock, ...)                 \
  __DEFINE_CLASS_IS_CONDITIONAL(_name, false);                                 \
  __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, __VA_ARGS__)                    \
  __DEFINE_LOCK_GUARD_1(_name, _type, _lock)
#define DEFINE_LOCK_GUARD_0(_name, _lock, _unlock, ...)                        \
  __DEFINE_CLASS_IS_CONDITIONAL(_name, false);                                 \
  __DEFINE_UNLOCK_GUARD(_name, void, _unlock, __VA_ARGS__)                     \
  __DEFINE_LOCK_GUARD_0(_name, _lock)
#endif
#endif
