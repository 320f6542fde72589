// T6 mailbox/primary_to_secondary (Hafnium test, reference 5.2): VM 1 must
// wait for the PRIMARY's mailbox to become writable. The primary plays the
// scheduler's part by hand: CLEAR -> 1, WAITER_GET, INTERRUPT_INJECT, run.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        mov     x0, #HF_VM_CONFIGURE     // 1. set_up_mailbox -> 0
        adr     x1, send_page
        adr     x2, recv_page
        hvc     #0
        mov     x1, #0
        adr     x2, m_configure
        bl      check
        mov     x0, #1                   // SERVICE_SELECT(1, "echo_with_notification")
        adr     x1, s_service
        mov     x2, #22
        bl      service_select

        mov     x0, #1                   // 2. run -> WAIT_FOR_INTERRUPT (intid 2 enabled, blocked in receive)
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_step2
        bl      check

        adr     x0, send_page            // 3. send "not ready echo" (15 bytes) -> 0
        adr     x1, message
        mov     x2, #15
        bl      memcpy
        bl      send_to_vm1
        mov     x1, #0
        adr     x2, m_step3
        bl      check

        mov     x0, #1                   // 4. run -> MESSAGE(15); we do NOT clear
        mov     x1, #0
        bl      run
        ldr     x1, =0x0000000f00000004
        adr     x2, m_step4
        bl      check
        adr     x0, recv_page
        adr     x1, message
        mov     x2, #15
        bl      memcmp
        mov     x1, #0
        adr     x2, m_step4_content
        bl      check

        mov     x0, #1                   // 5. run -> WAIT_FOR_INTERRUPT (VM 1 cleared and blocks in receive again)
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_step5
        bl      check

        adr     x0, send_page            // 6. send the first 14 characters reversed -> 0
        adr     x1, reversed
        mov     x2, #15
        bl      memcpy
        bl      send_to_vm1
        mov     x1, #0
        adr     x2, m_step6
        bl      check

        mov     x0, #1                   // 7. run -> WAIT_FOR_INTERRUPT: VM 1's send failed (our mailbox is
        mov     x1, #0                   //    still read), it waits on our waiter list, then WFI
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_step7
        bl      check

        mov     x0, #HF_MAILBOX_CLEAR    // 8. clear -> 1: there are waiters to notify
        hvc     #0
        mov     x1, #1
        adr     x2, m_step8
        bl      check

        mov     x0, #HF_MAILBOX_WAITER_GET  // 9. WAITER_GET(0) -> 1, then -1
        mov     x1, #0
        hvc     #0
        mov     x1, #1
        adr     x2, m_step9a
        bl      check
        mov     x0, #HF_MAILBOX_WAITER_GET
        mov     x1, #0
        hvc     #0
        mov     x1, #-1
        adr     x2, m_step9b
        bl      check

        mov     x0, #HF_INTERRUPT_INJECT // 10. inject WRITABLE into VM 1 vCPU 0 -> 1
        mov     x1, #1
        mov     x2, #0
        mov     x3, #HF_MAILBOX_WRITABLE_INTID
        hvc     #0
        mov     x1, #1
        adr     x2, m_step10
        bl      check

        mov     x0, #1                   // 11. run -> MESSAGE(15) with the reversed text
        mov     x1, #0
        bl      run
        ldr     x1, =0x0000000f00000004
        adr     x2, m_step11
        bl      check
        adr     x0, recv_page
        adr     x1, reversed
        mov     x2, #15
        bl      memcmp
        mov     x1, #0
        adr     x2, m_step11_content
        bl      check
        b       pass

// send_to_vm1: HF_MAILBOX_SEND(1, 15, notify 0); returns its result.
send_to_vm1:
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, #1
        mov     x2, #15
        mov     x3, #0
        hvc     #0
        ret

        .section .rodata
s_service:        .ascii "echo_with_notification"
message:          .asciz "not ready echo"
reversed:         .asciz "ohce ydaer ton"
m_configure:      .asciz "step 1: HF_VM_CONFIGURE should return 0"
m_step2:          .asciz "step 2: run should return WAIT_FOR_INTERRUPT"
m_step3:          .asciz "step 3: HF_MAILBOX_SEND should return 0"
m_step4:          .asciz "step 4: run should return MESSAGE(15)"
m_step4_content:  .asciz "step 4: the echo should equal the message"
m_step5:          .asciz "step 5: run should return WAIT_FOR_INTERRUPT"
m_step6:          .asciz "step 6: HF_MAILBOX_SEND should return 0"
m_step7:          .asciz "step 7: run should return WAIT_FOR_INTERRUPT (VM 1 waits for our mailbox)"
m_step8:          .asciz "step 8: HF_MAILBOX_CLEAR should return 1 (waiters to notify)"
m_step9a:         .asciz "step 9: HF_MAILBOX_WAITER_GET(0) should return VM 1"
m_step9b:         .asciz "step 9: a second HF_MAILBOX_WAITER_GET(0) should return -1"
m_step10:         .asciz "step 10: HF_INTERRUPT_INJECT should return 1 (VM 1 woken)"
m_step11:         .asciz "step 11: run should return MESSAGE(15)"
m_step11_content: .asciz "step 11: the echo should be the reversed text"
