// The service VM boot sequence of Hafnium's tests (reference 5.0):
// configure the mailbox pages (result ignored), receive the service name
// (blocking), clear, yield; then jump to `service`, which the service's own
// file defines. Needs hf-v3.s first.
        .text
        .global _start
_start:
        ldr     x0, =service_stack_top
        mov     sp, x0
        mov     x0, #HF_VM_CONFIGURE
        adr     x1, send_page
        adr     x2, recv_page
        hvc     #0
        mov     x0, #HF_MAILBOX_RECEIVE
        mov     x1, #1
        hvc     #0
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x0, #HF_VCPU_YIELD
        hvc     #0
        b       service

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
service_stack_top:
