/* Mock of the file API of include/linux/fs.h. */
#ifndef MOCK_LINUX_FS_H
#define MOCK_LINUX_FS_H
#include <linux/err.h>
#include <linux/types.h>
struct file {
  loff_t f_pos;
};
extern struct file *filp_open(const char *, int, umode_t);
extern int filp_close(struct file *, void *id);
#endif
