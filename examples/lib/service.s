// The service VM boot sequence of Hafnium's tests (reference 5.0):
// configure the mailbox pages (result ignored), receive the service name
// (blocking), clear, yield; then jump to `service`, which the service's own
// file defines. Needs hf-v3.s first and mailbox.s.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        bl      mailbox_setup
        mov     x0, #HF_MAILBOX_RECEIVE
        mov     x1, #1
        hvc     #0
        mov     x0, #HF_MAILBOX_CLEAR
        hvc     #0
        mov     x0, #HF_VCPU_YIELD
        hvc     #0
        b       service

