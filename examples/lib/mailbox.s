// A secondary's mailbox pages (send_page, recv_page), a stack (stack_top),
// mailbox_setup and copy_recv. Needs hf-v*.s first.
        .text
// mailbox_setup: HF_VM_CONFIGURE(send_page, recv_page); returns its result.
        .global mailbox_setup
mailbox_setup:
        mov     x0, #HF_VM_CONFIGURE
        adr     x1, send_page
        adr     x2, recv_page
        hvc     #0
        ret

// copy_recv: copies x2 bytes from recv_page + x1 to the start of send_page.
        .global copy_recv
copy_recv:
        adr     x0, send_page
        adr     x3, recv_page
        add     x1, x3, x1
1:      cbz     x2, 2f
        ldrb    w3, [x1], #1
        strb    w3, [x0], #1
        sub     x2, x2, #1
        b       1b
2:      ret

        .data
        .balign 4096
        .global send_page
send_page:      .space 4096
        .global recv_page
recv_page:      .space 4096
        .balign 16
                .space 2048
stack_top:
