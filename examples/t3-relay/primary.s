// T3 mailbox/relay (Hafnium test, reference 5.2): a message goes
// primary -> VM 1 -> VM 2 -> primary, each relay stripping its next hop.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        mov     x0, #HF_VM_CONFIGURE     // set_up_mailbox -> 0
        adr     x1, send_page
        adr     x2, recv_page
        hvc     #0
        mov     x1, #0
        adr     x2, m_configure
        bl      check
        mov     x0, #1                   // SERVICE_SELECT(1, "relay")
        adr     x1, s_relay
        mov     x2, #5
        bl      service_select
        mov     x0, #2                   // SERVICE_SELECT(2, "relay")
        adr     x1, s_relay
        mov     x2, #5
        bl      service_select

        mov     x0, #1                   // 2. both relays block in receive
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_run1
        bl      check
        mov     x0, #2
        mov     x1, #0
        bl      run
        mov     x1, #RUN_WAIT_FOR_INTERRUPT
        adr     x2, m_run2
        bl      check

        adr     x0, send_page            // 3. [2][0]["Send this round the relay!\0"]
        adr     x1, message
        mov     x2, #35
        bl      memcpy
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, #1
        mov     x2, #35
        mov     x3, #0
        hvc     #0
        mov     x1, #0
        adr     x2, m_send
        bl      check

        mov     x0, #1                   // 4. VM 1 forwards to VM 2 -> WAKE_UP(vm 2, vcpu 0)
        mov     x1, #0
        bl      run
        ldr     x1, =0x0000000200000003  // WAKE_UP: code 3, vCPU 0 in bits 16-31, VM 2 in bits 32-63
        adr     x2, m_wake
        bl      check

        mov     x0, #2                   // 5. VM 2 forwards to us -> MESSAGE(27)
        mov     x1, #0
        bl      run
        ldr     x1, =0x0000001b00000004
        adr     x2, m_message
        bl      check
        adr     x0, recv_page
        adr     x1, message + 8
        mov     x2, #27
        bl      memcmp
        mov     x1, #0
        adr     x2, m_content
        bl      check

        mov     x0, #HF_MAILBOX_CLEAR    // 6. -> 0
        hvc     #0
        mov     x1, #0
        adr     x2, m_clear
        bl      check
        b       pass

        .section .rodata
s_relay:        .ascii "relay"
        .balign 4
message:        .word 2, 0
                .asciz "Send this round the relay!"
m_configure:    .asciz "set_up_mailbox: HF_VM_CONFIGURE should return 0"
m_run1:         .asciz "step 2: running VM 1 should return WAIT_FOR_INTERRUPT"
m_run2:         .asciz "step 2: running VM 2 should return WAIT_FOR_INTERRUPT"
m_send:         .asciz "step 3: HF_MAILBOX_SEND to VM 1 should return 0"
m_wake:         .asciz "step 4: running VM 1 should return WAKE_UP(vm 2, vcpu 0)"
m_message:      .asciz "step 5: running VM 2 should return MESSAGE(27)"
m_content:      .asciz "step 5: the relayed message should equal the original"
m_clear:        .asciz "step 6: HF_MAILBOX_CLEAR should return 0"
