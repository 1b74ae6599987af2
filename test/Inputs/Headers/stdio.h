/* Mock <stdio.h>, shaped like glibc's declarations. */
#ifndef MOCK_STDIO_H
#define MOCK_STDIO_H
#include "sys_cdefs.h"
#include <stddef.h>
__BEGIN_DECLS
typedef struct _IO_FILE FILE;
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
extern FILE *fopen(const char *__restrict __filename,
                   const char *__restrict __modes) __wur;
extern FILE *fdopen(int __fd, const char *__modes) __THROW __wur;
extern int fclose(FILE *__stream);
extern int fprintf(FILE *__restrict __stream, const char *__restrict __format,
                   ...);
extern int printf(const char *__restrict __format, ...);
extern int snprintf(char *__restrict __s, size_t __maxlen,
                    const char *__restrict __format, ...);
extern int puts(const char *__s);
extern char *fgets(char *__restrict __s, int __n, FILE *__restrict __stream)
    __wur;
extern size_t fread(void *__restrict __ptr, size_t __size, size_t __n,
                    FILE *__restrict __stream) __wur;
extern size_t fwrite(const void *__restrict __ptr, size_t __size, size_t __n,
                     FILE *__restrict __s);
extern int fputs(const char *__restrict __s, FILE *__restrict __stream);
__END_DECLS
#endif
