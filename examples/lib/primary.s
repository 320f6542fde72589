// Helpers for test-runner primaries (they define send_page and recv_page;
// include console.s too): checks that print PASS/FAIL on the
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

// memcpy: x0 = destination, x1 = source, x2 = byte count.
        .global memcpy
memcpy:
        cbz     x2, 2f
1:      ldrb    w3, [x1], #1
        strb    w3, [x0], #1
        subs    x2, x2, #1
        b.ne    1b
2:      ret

// memcmp: x0, x1 = buffers, x2 = byte count. Returns x0 = 0 if equal, else 1.
        .global memcmp
memcmp:
        cbz     x2, 2f
1:      ldrb    w3, [x0], #1
        ldrb    w4, [x1], #1
        cmp     w3, w4
        b.ne    3f
        subs    x2, x2, #1
        b.ne    1b
2:      mov     x0, #0
        ret
3:      mov     x0, #1
        ret

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
