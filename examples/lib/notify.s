// Waiting for a mailbox to become writable (reference 4.7, case A): the
// WRITABLE interrupt handler and wait_for_vm. Call install_notify first.
        .text
// install_notify: installs the vector table and enables HF_MAILBOX_WRITABLE_INTID.
        .global install_notify
install_notify:
        adr     x0, vectors
        msr     vbar_el1, x0
        mov     x0, #HF_INTERRUPT_ENABLE
        mov     x1, #HF_MAILBOX_WRITABLE_INTID
        mov     x2, #1
        hvc     #0
        ret

// wait_for_vm: returns once HF_MAILBOX_WRITABLE_GET names VM x19.
        .global wait_for_vm
wait_for_vm:
        mov     x0, #HF_MAILBOX_WRITABLE_GET
        hvc     #0
        cmp     x0, x19
        b.eq    1f
        cmn     x0, #1
        b.ne    wait_for_vm
        wfi                              // nothing writable yet: wait for an interrupt
        msr     daifclr, #2              // unmask IRQs: a pending one is taken here
        msr     daifset, #2
        b       wait_for_vm
1:      ret

// The IRQ handler only acknowledges the interrupt (HF_INTERRUPT_GET). A
// hypercall zeroes x1-x17, so it saves and restores x0-x17 around it.
irq_handler:
        stp     x0, x1, [sp, #-144]!
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        stp     x8, x9, [sp, #64]
        stp     x10, x11, [sp, #80]
        stp     x12, x13, [sp, #96]
        stp     x14, x15, [sp, #112]
        stp     x16, x17, [sp, #128]
        mov     x0, #HF_INTERRUPT_GET
        hvc     #0
        ldp     x16, x17, [sp, #128]
        ldp     x14, x15, [sp, #112]
        ldp     x12, x13, [sp, #96]
        ldp     x10, x11, [sp, #80]
        ldp     x8, x9, [sp, #64]
        ldp     x6, x7, [sp, #48]
        ldp     x4, x5, [sp, #32]
        ldp     x2, x3, [sp, #16]
        ldp     x0, x1, [sp], #144
        eret

unexpected:                              // any other exception: stop here
        b       unexpected

// EL1 vector table: 16 entries of 0x80 bytes; only "IRQ, current EL with
// SP_ELx" (offset 0x280) is expected.
        .balign 2048
vectors:
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       irq_handler              // 0x280
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
