const int CONST_TRUE = 1;
int flag_true = 1;
int changing = 1;
void print(int v) { if (v) changing = 0; }
