// The echo_with_notification service (reference 5.1): echoes every message
// back with notify = 1; when the sender's mailbox is busy it waits for the
// WRITABLE interrupt (intid 2, lib/notify.s) and retries.
        .text
        .global service
service:
        bl      install_notify           // IRQ handler, enable HF_MAILBOX_WRITABLE_INTID
echo:
        mov     x0, #HF_MAILBOX_RECEIVE  // receive (block)
        mov     x1, #1
        hvc     #0
        mov     w19, w0                  // sender
        lsr     x20, x0, #32             // size
        mov     x1, #0
        mov     x2, x20
        bl      copy_recv
retry:
        mov     x0, #HF_MAILBOX_SEND     // send back with notify = 1
        mov     x1, x19
        mov     x2, x20
        mov     x3, #1
        hvc     #0
        cmn     x0, #1                   // -1: the sender's mailbox is busy
        b.ne    sent
        bl      wait_for_vm
        b       retry
sent:
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        b       echo

