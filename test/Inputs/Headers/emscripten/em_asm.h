/* Mock of emscripten/em_asm.h: inline JavaScript, with Emscripten's macro
   structure (the code becomes a string in a section, the arguments follow a
   signature string). */
#ifndef MOCK_EMSCRIPTEN_EM_ASM_H
#define MOCK_EMSCRIPTEN_EM_ASM_H

#ifdef __cplusplus
extern "C" {
#endif
int emscripten_asm_const_int(const char *code, const char *arg_sigs, ...);
double emscripten_asm_const_double(const char *code, const char *arg_sigs,
                                   ...);
void *emscripten_asm_const_ptr(const char *code, const char *arg_sigs, ...);
int emscripten_asm_const_int_sync_on_main_thread(const char *code,
                                                 const char *arg_sigs, ...);
void *emscripten_asm_const_ptr_sync_on_main_thread(const char *code,
                                                   const char *arg_sigs, ...);
#ifdef __cplusplus
}
#endif

#define _EM_ASM_PREP_ARGS(...) , "", ##__VA_ARGS__
#define CODE_EXPR(code)                                                        \
  (__extension__({                                                             \
    __attribute__((section("em_asm"), aligned(1))) static const char x[] =     \
        code;                                                                  \
    x;                                                                         \
  }))

#define EM_ASM(code, ...)                                                      \
  ((void)emscripten_asm_const_int(CODE_EXPR(#code) _EM_ASM_PREP_ARGS(__VA_ARGS__)))
#define EM_ASM_INT(code, ...)                                                  \
  emscripten_asm_const_int(CODE_EXPR(#code) _EM_ASM_PREP_ARGS(__VA_ARGS__))
#define EM_ASM_DOUBLE(code, ...)                                               \
  emscripten_asm_const_double(CODE_EXPR(#code) _EM_ASM_PREP_ARGS(__VA_ARGS__))
#ifndef MOCK_EM_ASM_WITHOUT_PTR
#define EM_ASM_PTR(code, ...)                                                  \
  emscripten_asm_const_ptr(CODE_EXPR(#code) _EM_ASM_PREP_ARGS(__VA_ARGS__))
#endif
#define MAIN_THREAD_EM_ASM_INT(code, ...)                                      \
  emscripten_asm_const_int_sync_on_main_thread(                                \
      CODE_EXPR(#code) _EM_ASM_PREP_ARGS(__VA_ARGS__))
#ifndef MOCK_EM_ASM_WITHOUT_PTR
#define MAIN_THREAD_EM_ASM_PTR(code, ...)                                      \
  emscripten_asm_const_ptr_sync_on_main_thread(                                \
      CODE_EXPR(#code) _EM_ASM_PREP_ARGS(__VA_ARGS__))
#endif
#endif
