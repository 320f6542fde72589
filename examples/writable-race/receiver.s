// VM 1, the busy receiver: takes one message at a time and works on it for
// a while before clearing its mailbox, so senders find it busy (its mailbox
// stays "read"). When it clears with senders on its waiter list, the clear
// returns 0 to VM 1 but switches to the scheduler with NOTIFY_WAITERS, which
// hands the waiters the WRITABLE interrupt.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        bl      mailbox_setup
        mov     x22, #0                  // messages received
loop:
        mov     x0, #HF_MAILBOX_RECEIVE  // receive (block)
        mov     x1, #1
        hvc     #0
        lsr     x20, x0, #32             // size (with the NUL)
        adr     x0, line + 10            // "VM 1 got: <message>\n", printed in one call
        adr     x1, recv_page
        sub     x2, x20, #1
        add     x21, x0, x2
1:      ldrb    w3, [x1], #1
        strb    w3, [x0], #1
        subs    x2, x2, #1
        b.ne    1b
        mov     w3, #'\n'
        strb    w3, [x21]
        mov     x0, #HVLAB_DEBUG_WRITE
        adr     x1, line
        add     x2, x20, #10
        hvc     #0
        mov     x1, #800                 // busy with the message: the mailbox stays "read"
1:      subs    x1, x1, #1
        b.ne    1b
        mov     x0, #HF_MAILBOX_CLEAR    // now writable again: waiters get notified
        hvc     #0
        add     x22, x22, #1
        cmp     x22, #6
        b.ne    loop
        adr     x0, all
        bl      puts
        b       loop

        .section .rodata
all:    .asciz  "VM 1: all 6 messages received\n"
        .data
line:   .ascii  "VM 1 got: "
        .space  64
