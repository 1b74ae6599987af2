#include <stdlib.h>
#include <string.h>

void sink(char *data);
void careful_sink(char *data);
void relay(char *data);
void deep_sink(char *data);
char *source(void);
void use_global(void);
extern char *shared;
