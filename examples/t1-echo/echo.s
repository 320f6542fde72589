// The echo service (reference 5.1) on SERVICE_VM0: sends every message
// back to its sender.
        .text
        .global _start
_start:
        // Service VM boot: configure pages (result ignored), receive the
        // service name, clear, yield; then run the service.
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

echo:   // forever: receive (block) -> copy recv to send -> clear -> send back
        mov     x0, #HF_MAILBOX_RECEIVE
        mov     x1, #1
        hvc     #0
        mov     w19, w0                 // sender id (bits 0-31)
        lsr     x20, x0, #32            // size (bits 32-63)
        adr     x0, send_page
        adr     x1, recv_page
        mov     x2, x20
copy:   cbz     x2, 1f
        ldrb    w3, [x1], #1
        strb    w3, [x0], #1
        sub     x2, x2, #1
        b       copy
1:      mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x0, #HF_MAILBOX_SEND
        mov     x1, x19
        mov     x2, x20
        mov     x3, #0
        hvc     #0
        b       echo

        .data
        .balign 4096
send_page:      .space 4096
recv_page:      .space 4096
