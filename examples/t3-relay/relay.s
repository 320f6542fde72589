// The relay service (reference 5.1): the first 4 bytes of a message name the
// next hop (a VM id, little-endian); the rest is forwarded there.
        .text
        .global service
service:
        mov     x0, #HF_MAILBOX_RECEIVE  // receive (block)
        mov     x1, #1
        hvc     #0
        lsr     x20, x0, #32             // size (at least 4)
        adr     x1, recv_page
        ldr     w19, [x1]                // next hop
        sub     x20, x20, #4
        mov     x1, #4
        mov     x2, x20
        bl      copy_recv                // the rest -> send page
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x0, #HF_MAILBOX_SEND     // forward, notify = 0
        mov     x1, x19
        mov     x2, x20
        mov     x3, #0
        hvc     #0
        b       service
