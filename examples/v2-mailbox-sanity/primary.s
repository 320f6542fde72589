// v2-mailbox (Hafnium C2, reference 3): the C2 primary's sanity checks
// (3.8), then one message to VM 1 and its echo back.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        mov     x0, #HF_VM_GET_COUNT     // VM count = 2 (the primary counts at C2)
        hvc     #0
        mov     x1, #2
        adr     x2, m_count
        bl      check
        mov     x0, #HF_VCPU_GET_COUNT   // VCPU_GET_COUNT(1) = 1
        mov     x1, #1
        hvc     #0
        mov     x1, #1
        adr     x2, m_vcpus
        bl      check
        mov     x0, #HF_VCPU_GET_COUNT   // VCPU_GET_COUNT(0xffffffff) = -1
        mov     x1, #0xffffffff
        hvc     #0
        mov     x1, #-1
        adr     x2, m_vcpus_bad
        bl      check

        adr     x19, send_page           // configure errors: unaligned send, recv, both; same page
        adr     x20, recv_page
        add     x1, x19, #1
        mov     x2, x20
        bl      configure_fails
        mov     x1, x19
        add     x2, x20, #1
        bl      configure_fails
        add     x1, x19, #1
        add     x2, x20, #1
        bl      configure_fails
        mov     x1, x19
        mov     x2, x19
        bl      configure_fails
        mov     x0, #HF_VM_CONFIGURE     // configure -> 0, then again -> -1
        mov     x1, x19
        mov     x2, x20
        hvc     #0
        mov     x1, #0
        adr     x2, m_configure
        bl      check
        mov     x1, x19
        mov     x2, x20
        bl      configure_fails

        mov     x0, #1                   // run VM 1: it blocks in receive -> WAIT_FOR_INTERRUPT (1 at C2)
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_run1
        bl      check

        adr     x0, send_page            // send "hello, C2" (10 bytes) -> 0: vCPU 0 was waiting
        adr     x1, message
        mov     x2, #10
        bl      memcpy
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, #1
        mov     x2, #10
        hvc     #0
        mov     x1, #0
        adr     x2, m_send
        bl      check

        mov     x0, #1                   // run VM 1 -> MESSAGE: code 3, VM field 0, size 10 in bits 32-63
        mov     x1, #0
        bl      run
        ldr     x1, =0x0000000a00000003
        adr     x2, m_message
        bl      check
        adr     x0, recv_page
        adr     x1, message
        mov     x2, #10
        bl      memcmp
        mov     x1, #0
        adr     x2, m_content
        bl      check
        mov     x0, #HF_MAILBOX_CLEAR    // clear -> 0, again -> -1
        hvc     #0
        mov     x1, #0
        adr     x2, m_clear
        bl      check
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x1, #-1
        adr     x2, m_clear2
        bl      check
        b       pass

// configure_fails: HF_VM_CONFIGURE(x1, x2) must return -1.
configure_fails:
        stp     x29, x30, [sp, #-16]!
        mov     x0, #HF_VM_CONFIGURE
        hvc     #0
        mov     x1, #-1
        adr     x2, m_configure_bad
        bl      check
        ldp     x29, x30, [sp], #16
        ret

        .section .rodata
message:          .asciz "hello, C2"
m_count:          .asciz "HF_VM_GET_COUNT should return 2"
m_vcpus:          .asciz "HF_VCPU_GET_COUNT(1) should return 1"
m_vcpus_bad:      .asciz "HF_VCPU_GET_COUNT(0xffffffff) should return -1"
m_configure_bad:  .asciz "a bad or repeated HF_VM_CONFIGURE should return -1"
m_configure:      .asciz "HF_VM_CONFIGURE should return 0"
m_run1:           .asciz "the first run should return WAIT_FOR_INTERRUPT"
m_send:           .asciz "HF_MAILBOX_SEND should return 0 (vCPU 0 was waiting)"
m_message:        .asciz "the second run should return MESSAGE(10)"
m_content:        .asciz "the echo should equal the message"
m_clear:          .asciz "HF_MAILBOX_CLEAR should return 0"
m_clear2:         .asciz "a second HF_MAILBOX_CLEAR should return -1"
