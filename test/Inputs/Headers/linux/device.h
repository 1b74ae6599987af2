/* Mock of include/linux/device.h and devres. */
#ifndef MOCK_LINUX_DEVICE_H
#define MOCK_LINUX_DEVICE_H
#include <linux/gfp_types.h>
#include <linux/types.h>
struct device {
  void *driver_data;
};
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp) {
  return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}
static inline void dev_set_drvdata(struct device *dev, void *data) {
  dev->driver_data = data;
}
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
int devm_add_action_or_reset(struct device *dev, void (*action)(void *),
                             void *data);
__printf(3, 4) int dev_err_probe(const struct device *dev, int err,
                                 const char *fmt, ...);
struct platform_device {
  const char *name;
  struct device dev;
};
static inline void platform_set_drvdata(struct platform_device *pdev,
                                        void *data) {
  dev_set_drvdata(&pdev->dev, data);
}
__printf(2, 3) void _dev_err(const struct device *dev, const char *fmt, ...);
#define dev_err(dev, fmt, ...) _dev_err(dev, fmt, ##__VA_ARGS__)
#endif
