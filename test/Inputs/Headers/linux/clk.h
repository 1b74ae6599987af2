/* Mock of include/linux/clk.h: clk_prepare_enable() is an inline function
 * over clk_prepare() and clk_enable(), as in 6.1 and 6.12. */
#ifndef MOCK_LINUX_CLK_H
#define MOCK_LINUX_CLK_H
#include <linux/compiler.h>
struct device;
struct clk;
struct clk *clk_get(struct device *dev, const char *id);
void clk_put(struct clk *clk);
struct clk *devm_clk_get(struct device *dev, const char *id);
int clk_prepare(struct clk *clk);
void clk_unprepare(struct clk *clk);
int clk_enable(struct clk *clk);
void clk_disable(struct clk *clk);
static inline int __must_check clk_prepare_enable(struct clk *clk) {
  int ret;
  ret = clk_prepare(clk);
  if (ret)
    return ret;
  ret = clk_enable(clk);
  if (ret)
    clk_unprepare(clk);
  return ret;
}
static inline void clk_disable_unprepare(struct clk *clk) {
  clk_disable(clk);
  clk_unprepare(clk);
}
#endif
