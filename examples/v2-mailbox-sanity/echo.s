// A C2 echo service: configure, then forever receive (block), copy, clear,
// send back. At C2 a blocked receiver shows as blocked_interrupt (quirk).
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        bl      mailbox_setup
echo:
        mov     x0, #HF_MAILBOX_RECEIVE  // receive (block): x0 = size << 32 | sender (16 bits)
        mov     x1, #1
        hvc     #0
        and     x19, x0, #0xffff
        lsr     x20, x0, #32
        mov     x1, #0
        mov     x2, x20
        bl      copy_recv
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, x19
        mov     x2, x20
        hvc     #0
        b       echo
