// VMs 2 and 3, the racing senders: each sends three messages to VM 1 with
// notify = 1 (Hafnium C3's writable notifications, reference 4.7 case A):
//  1. HF_MAILBOX_SEND fails (-1) while VM 1's mailbox is not empty; because
//     notify = 1, our wait entry joins VM 1's waiter list (once);
//  2. we wait: WRITABLE_GET answers -1, so WFI -> WAIT_FOR_INTERRUPT, and
//     the scheduler puts our thread to sleep;
//  3. VM 1 clears its mailbox -> NOTIFY_WAITERS; the scheduler calls
//     WAITER_GET(1), which moves our entry to our ready list, and injects
//     HF_MAILBOX_WRITABLE_INTID into our vCPU 0, which wakes us;
//  4. the IRQ is taken (lib/notify.s), WRITABLE_GET answers 1: retry.
// With two senders the waiter list is FIFO: the first to fail is notified
// first, but the other may still win the race to the empty mailbox.
        .text
        .global _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        bl      mailbox_setup
        bl      install_notify
        mov     x0, #HF_VM_GET_ID
        hvc     #0
        add     x23, x0, #'0'            // our id as a digit, patched into our lines
        adr     x1, busy
        strb    w23, [x1, #3]
        adr     x1, done
        strb    w23, [x1, #3]
        mov     x19, #1                  // the receiver: VM 1
        mov     x24, #'1'                // message number
next:
        adr     x0, send_page            // "ping <n> from VM <id>"
        adr     x1, template
        mov     x2, #17
        bl      memcpy
        adr     x0, send_page
        strb    w24, [x0, #5]
        strb    w23, [x0, #15]
retry:
        mov     x0, #HF_MAILBOX_SEND     // send(VM 1, 17 bytes, notify = 1)
        mov     x1, x19
        mov     x2, #17
        mov     x3, #1
        hvc     #0
        cmn     x0, #1                   // -1: busy, and we are now on VM 1's waiter list
        b.ne    sent
        adr     x0, busy                 // "VM <id>: VM 1 is busy, waiting for WRITABLE"
        bl      puts
        bl      wait_for_vm              // until WRITABLE_GET names VM 1
        b       retry
sent:
        add     x24, x24, #1
        cmp     x24, #'4'
        b.ne    next
        adr     x0, done
        bl      puts
        mov     x0, #HF_MAILBOX_RECEIVE  // nothing more to do: block for good
        mov     x1, #1
        hvc     #0

        .section .rodata
template: .asciz "ping 1 from VM 2"
        .data
busy:     .asciz "VM ?: VM 1 is busy, waiting for WRITABLE\n"
done:     .asciz "VM ?: all sent\n"
