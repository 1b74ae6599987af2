/* Mock of wasmtime.h: wasm.h plus Wasmtime's own API, split into
   the headers under wasmtime/, as the real one is. */
#ifndef MOCK_WASMTIME_H
#define MOCK_WASMTIME_H
#include <wasm.h>
#include <wasmtime/error.h>
#include <wasmtime/extern.h>
#include <wasmtime/func.h>
#include <wasmtime/linker.h>
#include <wasmtime/memory.h>
#include <wasmtime/module.h>
#include <wasmtime/sharedmemory.h>
#include <wasmtime/store.h>
#include <wasmtime/val.h>
#endif
