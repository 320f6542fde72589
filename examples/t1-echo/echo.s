// The echo service (reference 5.1): sends every message back to its sender.
        .text
        .global service
service:
        mov     x0, #HF_MAILBOX_RECEIVE  // receive (block): x0 = size << 32 | sender
        mov     x1, #1
        hvc     #0
        mov     w19, w0                  // sender id
        lsr     x20, x0, #32             // size
        mov     x1, #0
        mov     x2, x20
        bl      copy_recv                // recv -> send
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x0, #HF_MAILBOX_SEND     // send it back, notify = 0
        mov     x1, x19
        mov     x2, x20
        mov     x3, #0
        hvc     #0
        b       service
