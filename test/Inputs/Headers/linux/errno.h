/* Mock of the errno values the kernel returns negated. */
#ifndef MOCK_LINUX_ERRNO_H
#define MOCK_LINUX_ERRNO_H
#define EPERM 1
#define ENOENT 2
#define EIO 5
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define ENODEV 19
#define EINVAL 22
#define EPROBE_DEFER 517
#endif
