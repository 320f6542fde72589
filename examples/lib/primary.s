// Helpers for test-runner primaries, and their mailbox pages (send_page,
// recv_page) and stack (stack_top). Include console.s and mem.s too: checks that print PASS/FAIL on the
// debug console and end the run with PSCI SYSTEM_OFF. Needs hf-v*.s first.
//
// Register use: x0-x17 are clobbered by every hypercall (Hafnium zeroes
// x1-x17 on return), so the tests keep their state in x19-x28.

        .text
// check: x0 = actual, x1 = expected, x2 = NUL-terminated label.
// Returns if equal; otherwise prints "FAIL: <label>" and powers off.
        .global check
check:
        cmp     x0, x1
        b.ne    fail
        ret

// fail: x2 = label. Prints "FAIL: <label>\n" and powers off.
        .global fail
fail:
        mov     x19, x2
        adr     x0, fail_msg
        bl      puts
        mov     x0, x19
        bl      puts
        adr     x0, newline
        bl      puts
        b       power_off

// pass: prints "PASS\n" and powers off.
        .global pass
pass:
        adr     x0, pass_msg
        bl      puts

power_off:
        ldr     x0, =PSCI_SYSTEM_OFF
        hvc     #0
        b       power_off

// run: x0 = VM id, x1 = vCPU index. Returns x0 = the hf_vcpu_run code.
        .global run
run:
        mov     x2, x1
        mov     x1, x0
        mov     x0, #HF_VCPU_RUN
        hvc     #0
        ret

        .section .rodata
fail_msg:  .asciz "FAIL: "
pass_msg:  .asciz "PASS\n"
newline:   .asciz "\n"

        .data
        .balign 4096
        .global send_page
send_page:      .space 4096
        .global recv_page
recv_page:      .space 4096
        .balign 16
                .space 4096
        .global stack_top
stack_top:
