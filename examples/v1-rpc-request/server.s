// A C1 RPC server: configure, then forever READ_REQUEST (block) and reply
// "pong" with the ack flag set.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        bl      mailbox_setup
serve:
        mov     x0, #HF_RPC_READ_REQUEST // block until a request: x0 = its size
        mov     x1, #1
        hvc     #0
        adr     x0, send_page
        ldr     w1, pong
        str     w1, [x0]
        strb    wzr, [x0, #4]
        mov     x0, #HF_RPC_REPLY        // reply 5 bytes, ack our request first
        mov     x1, #5
        mov     x2, #1
        hvc     #0
        b       serve
pong:   .ascii  "pong"
