/* Mock of include/linux/of.h: of_find_* and of_get_* return a counted
 * reference, of_node_put() drops it; for_each_child_of_node() is a for loop
 * over of_get_next_child(), which drops the previous child. */
#ifndef MOCK_LINUX_OF_H
#define MOCK_LINUX_OF_H
#include <linux/types.h>
struct device_node {
  const char *name;
  struct device_node *parent;
};
extern struct device_node *of_node_get(struct device_node *node);
extern void of_node_put(struct device_node *node);
extern struct device_node *of_find_node_by_name(struct device_node *from,
                                                const char *name);
extern struct device_node *of_find_compatible_node(struct device_node *from,
                                                   const char *type,
                                                   const char *compat);
extern struct device_node *of_get_child_by_name(const struct device_node *node,
                                                const char *name);
extern struct device_node *of_get_next_child(const struct device_node *node,
                                             struct device_node *prev);
extern struct device_node *of_parse_phandle(const struct device_node *np,
                                            const char *phandle_name,
                                            int index);
extern int of_property_read_u32_index(const struct device_node *np,
                                      const char *propname, u32 index,
                                      u32 *out_value);
static inline int of_property_read_u32(const struct device_node *np,
                                       const char *propname, u32 *out_value) {
  return of_property_read_u32_index(np, propname, 0, out_value);
}
#define for_each_child_of_node(parent, child)                                  \
  for (child = of_get_next_child(parent, NULL); child != NULL;                 \
       child = of_get_next_child(parent, child))
#endif
