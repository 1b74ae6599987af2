/* Mock of include/linux/bits.h with vdso/bits.h, vdso/const.h and
 * uapi/linux/const.h: BIT() pastes a UL suffix onto its literal. */
#ifndef MOCK_LINUX_BITS_H
#define MOCK_LINUX_BITS_H
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#define _UL(x) (_AC(x, UL))
#define UL(x) (_UL(x))
#define BIT(nr) (UL(1) << (nr))
#endif
