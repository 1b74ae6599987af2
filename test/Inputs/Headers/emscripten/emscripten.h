/* Mock of emscripten/emscripten.h. */
#ifndef MOCK_EMSCRIPTEN_EMSCRIPTEN_H
#define MOCK_EMSCRIPTEN_EMSCRIPTEN_H
#include <emscripten/em_asm.h>
#include <emscripten/heap.h>
#define EMSCRIPTEN_KEEPALIVE __attribute__((used))
#endif
