// T1 mailbox/echo (Hafnium test, reference 5.2), the primary as test runner.
// Every expected result is checked; the console says PASS or FAIL: <step>.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0

        // set_up_mailbox: configure our send and receive pages -> 0
        mov     x0, #HF_VM_CONFIGURE
        adr     x1, send_page
        adr     x2, recv_page
        hvc     #0
        mov     x1, #0
        adr     x2, m_configure
        bl      check

        // SERVICE_SELECT(1, "echo")
        mov     x0, #1
        adr     x1, s_echo
        mov     x2, #4
        bl      service_select

        // 2. run VM 1: echo blocks in receive -> WAIT_FOR_INTERRUPT
        mov     x0, #1
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_run_blocked
        bl      check

        // 3. send "Echo this back to me!" (22 bytes) -> 0 (vCPU 0 was waiting)
        adr     x0, send_page
        adr     x1, message
        mov     x2, #22
        bl      memcpy
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, #1
        mov     x2, #22
        mov     x3, #0
        hvc     #0
        mov     x1, #0
        adr     x2, m_send
        bl      check

        // 4. run VM 1 -> MESSAGE, size 22; the echo is in our receive page
        mov     x0, #1
        mov     x1, #0
        bl      run
        mov     x19, x0
        and     x0, x19, #0xff
        mov     x1, #RUN_MESSAGE
        adr     x2, m_run_message
        bl      check
        lsr     x0, x19, #32
        mov     x1, #22
        adr     x2, m_size
        bl      check
        adr     x0, recv_page
        adr     x1, message
        mov     x2, #22
        bl      memcmp
        mov     x1, #0
        adr     x2, m_content
        bl      check

        // 5. clear our mailbox -> 0
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x1, #0
        adr     x2, m_clear
        bl      check
        b       pass

        .section .rodata
s_echo:         .ascii "echo"
message:        .asciz "Echo this back to me!"
m_configure:    .asciz "set_up_mailbox: HF_VM_CONFIGURE should return 0"
m_run_blocked:  .asciz "step 2: run should return WAIT_FOR_INTERRUPT (echo blocked in receive)"
m_send:         .asciz "step 3: HF_MAILBOX_SEND should return 0 (vCPU 0 was waiting)"
m_run_message:  .asciz "step 4: run should return MESSAGE"
m_size:         .asciz "step 4: the message size should be 22"
m_content:      .asciz "step 4: the echo should equal the message"
m_clear:        .asciz "step 5: HF_MAILBOX_CLEAR should return 0"
