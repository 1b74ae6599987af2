/* Mock of emscripten/heap.h. */
#ifndef MOCK_EMSCRIPTEN_HEAP_H
#define MOCK_EMSCRIPTEN_HEAP_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
int emscripten_resize_heap(size_t requested_size);
size_t emscripten_get_heap_size(void);
void *sbrk(long increment);
#ifdef __cplusplus
}
#endif
#endif
