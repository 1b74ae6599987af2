/* Mock of include/linux/usb.h: usb_fill_bulk_urb is an inline function that
 * stores into the urb but only keeps the buffer pointer. */
#ifndef MOCK_LINUX_USB_H
#define MOCK_LINUX_USB_H
#include <linux/gfp_types.h>
#include <linux/types.h>
struct usb_device;
struct urb;
typedef void (*usb_complete_t)(struct urb *);
struct urb {
  struct usb_device *dev;
  unsigned int pipe;
  void *transfer_buffer;
  u32 transfer_buffer_length;
  usb_complete_t complete;
  void *context;
};
extern struct urb *usb_alloc_urb(int iso_packets, gfp_t mem_flags);
extern void usb_free_urb(struct urb *urb);
extern int usb_submit_urb(struct urb *urb, gfp_t mem_flags);
static inline void usb_fill_bulk_urb(struct urb *urb, struct usb_device *dev,
                                     unsigned int pipe, void *transfer_buffer,
                                     int buffer_length,
                                     usb_complete_t complete_fn,
                                     void *context) {
  urb->dev = dev;
  urb->pipe = pipe;
  urb->transfer_buffer = transfer_buffer;
  urb->transfer_buffer_length = buffer_length;
  urb->complete = complete_fn;
  urb->context = context;
}
#endif
