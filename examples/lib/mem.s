// memcpy and memcmp for guests. Needs nothing else.
        .text
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

