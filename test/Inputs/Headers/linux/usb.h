/* Mock of include/linux/usb.h: the usb_fill_*_urb helpers are inline
 * functions that store into the urb but only keep the buffer pointer; the
 * completion handler they store runs in atomic context. usb_kill_urb()
 * waits for the urb, usb_submit_urb() sleeps if its mask allows it. */
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
  unsigned char *setup_packet;
  int status;
  u32 actual_length;
  int interval;
};
extern struct urb *usb_alloc_urb(int iso_packets, gfp_t mem_flags);
extern void usb_free_urb(struct urb *urb);
extern int usb_submit_urb(struct urb *urb, gfp_t mem_flags);
extern int usb_unlink_urb(struct urb *urb);
extern void usb_kill_urb(struct urb *urb);
extern void usb_poison_urb(struct urb *urb);
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
static inline void
usb_fill_control_urb(struct urb *urb, struct usb_device *dev, unsigned int pipe,
                     unsigned char *setup_packet, void *transfer_buffer,
                     int buffer_length, usb_complete_t complete_fn,
                     void *context) {
  urb->dev = dev;
  urb->pipe = pipe;
  urb->setup_packet = setup_packet;
  urb->transfer_buffer = transfer_buffer;
  urb->transfer_buffer_length = buffer_length;
  urb->complete = complete_fn;
  urb->context = context;
}
static inline void usb_fill_int_urb(struct urb *urb, struct usb_device *dev,
                                    unsigned int pipe, void *transfer_buffer,
                                    int buffer_length,
                                    usb_complete_t complete_fn, void *context,
                                    int interval) {
  urb->dev = dev;
  urb->pipe = pipe;
  urb->transfer_buffer = transfer_buffer;
  urb->transfer_buffer_length = buffer_length;
  urb->complete = complete_fn;
  urb->context = context;
  urb->interval = interval;
}
#endif
