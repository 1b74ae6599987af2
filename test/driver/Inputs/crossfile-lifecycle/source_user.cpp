#include <stdlib.h>
int *make_array();
int *make_one();
char *peek();
void consume(int *p);
void wrong_release() {
  int *data = make_array();
  delete data;
}
void leaked_result() {
  int *data = make_one();
  data[0] = 1;
}
void borrowed_result() {
  char *p = peek();
  p[0] = 0;
}
void right_release() {
  int *data = make_array();
  delete[] data;
}
