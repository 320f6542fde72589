// Printing through hvlab's debug console (a playground extension, not
// Hafnium). Needs hf-v*.s first.
        .text
// puts: x0 = NUL-terminated string; writes it to the debug console.
        .global puts
puts:
        mov     x1, x0
        mov     x2, #0
1:      ldrb    w3, [x1, x2]
        cbz     w3, 2f
        add     x2, x2, #1
        b       1b
2:      mov     x0, #HVLAB_DEBUG_WRITE
        hvc     #0
        ret

// putc: prints the byte in x0.
        .global putc
putc:
        mov     x1, x0
        mov     x0, #HVLAB_DEBUG_PUTC
        hvc     #0
        ret
