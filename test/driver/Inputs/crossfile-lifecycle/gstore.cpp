namespace g {
int *shared;
static int *local_shared;
void sink();
static void local_sink() { int *data = local_shared; delete data; }
void store_bad() {
  int *data = new int[4];
  shared = data;
  sink();
}
void store_local_bad() {
  int *data = new int[4];
  local_shared = data;
  local_sink();
}
}
