// SERVICE_SELECT of Hafnium's tests (reference 5.0), for test-runner
// primaries at v3-notify. Needs hf-v3.s, primary.s.
        .text
// service_select: x0 = VM id, x1 = name, x2 = name length (reference 5.0).
// run -> WAIT_FOR_INTERRUPT; send the name -> 0; run -> YIELD.
        .global service_select
service_select:
        stp     x29, x30, [sp, #-48]!
        stp     x19, x20, [sp, #16]
        str     x21, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_select_run1
        bl      check
        adr     x0, send_page
        mov     x1, x20
        mov     x2, x21
        bl      memcpy
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, x19
        mov     x2, x21
        mov     x3, #0
        hvc     #0
        mov     x1, #0
        adr     x2, m_select_send
        bl      check
        mov     x0, x19
        mov     x1, #0
        bl      run
        mov     x1, #RUN_YIELD
        adr     x2, m_select_run2
        bl      check
        ldr     x21, [sp, #32]
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #48
        ret

        .section .rodata
m_select_run1:  .asciz "SERVICE_SELECT: first run should return WAIT_FOR_INTERRUPT"
m_select_send:  .asciz "SERVICE_SELECT: sending the service name should return 0"
m_select_run2:  .asciz "SERVICE_SELECT: second run should return YIELD"
