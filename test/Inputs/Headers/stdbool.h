/* Mock <stdbool.h>. */
#ifndef MOCK_STDBOOL_H
#define MOCK_STDBOOL_H
#ifndef __cplusplus
#define bool _Bool
#define true 1
#define false 0
#endif
#endif
