/* Mock of include/linux/firmware.h. */
#ifndef MOCK_LINUX_FIRMWARE_H
#define MOCK_LINUX_FIRMWARE_H
#include <linux/device.h>
struct firmware {
  size_t size;
  const u8 *data;
};
int request_firmware(const struct firmware **fw, const char *name,
                     struct device *device);
int request_firmware_nowait(void *module, bool uevent, const char *name,
                            struct device *device, gfp_t gfp, void *context,
                            void (*cont)(const struct firmware *fw,
                                         void *context));
void release_firmware(const struct firmware *fw);
#endif
