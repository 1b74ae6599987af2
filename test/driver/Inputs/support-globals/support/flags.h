#ifdef __cplusplus
extern "C" {
#endif
extern const int FLAG_ON;  /* 1 */
extern const int FLAG_OFF; /* 0 */
extern int verbose;        /* set by set_verbose() */
void print_line(const char *line);
#ifdef __cplusplus
}
#endif
