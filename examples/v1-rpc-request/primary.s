// v1-rpc (Hafnium C1, reference 2): the primary sends a request to
// secondary 0 (VM 1) and reads its reply (RESPONSE_READY), then acks it.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        mov     x0, #HF_VM_GET_COUNT     // secondaries only at C1: 1
        hvc     #0
        mov     x1, #1
        adr     x2, m_count
        bl      check
        mov     x0, #HF_VM_CONFIGURE
        adr     x1, send_page
        adr     x2, recv_page
        hvc     #0
        mov     x1, #0
        adr     x2, m_configure
        bl      check

        mov     x0, #0                   // run secondary 0: it blocks in READ_REQUEST -> 1
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_run1
        bl      check

        adr     x0, send_page            // request "ping" (5 bytes) -> waiter index + 1 = 1
        adr     x1, request
        mov     x2, #5
        bl      memcpy
        mov     x0, #HF_RPC_REQUEST
        mov     x1, #0
        mov     x2, #5
        hvc     #0
        mov     x1, #1
        adr     x2, m_request
        bl      check

        mov     x0, #0                   // run it -> RESPONSE_READY: (5 << 8) | 3
        mov     x1, #0
        bl      run
        mov     x1, #0x503
        adr     x2, m_reply
        bl      check
        adr     x0, recv_page
        adr     x1, reply
        mov     x2, #5
        bl      memcmp
        mov     x1, #0
        adr     x2, m_content
        bl      check
        mov     x0, #HF_RPC_ACK          // ack the reply -> 0, again -> -1
        hvc     #0
        mov     x1, #0
        adr     x2, m_ack
        bl      check
        mov     x0, #HF_RPC_ACK
        hvc     #0
        mov     x1, #-1
        adr     x2, m_ack2
        bl      check
        b       pass

        .section .rodata
request:        .asciz "ping"
reply:          .asciz "pong"
m_count:        .asciz "HF_VM_GET_COUNT should return 1 (secondaries only)"
m_configure:    .asciz "HF_VM_CONFIGURE should return 0"
m_run1:         .asciz "the first run should return WAIT_FOR_INTERRUPT (1)"
m_request:      .asciz "HF_RPC_REQUEST should return 1 (vCPU 0 was waiting)"
m_reply:        .asciz "the second run should return RESPONSE_READY(5)"
m_content:      .asciz "the reply should be pong"
m_ack:          .asciz "HF_RPC_ACK should return 0"
m_ack2:         .asciz "a second HF_RPC_ACK should return -1"
