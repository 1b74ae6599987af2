static char buffer[10];
int *make_array() { return new int[10]; }
int *make_one() { int *p = new int; return p; }
char *peek() { return buffer; }
