// Hafnium C2 (v2-mailbox) hypercall ids and constants, plus PSCI and the
// hvlab debug console.
        .equ HF_VCPU_RUN,             0xff00
        .equ HF_VM_GET_COUNT,         0xff01
        .equ HF_VCPU_GET_COUNT,       0xff02
        .equ HF_VM_CONFIGURE,         0xff03
        .equ HF_MAILBOX_SEND,         0xff04
        .equ HF_MAILBOX_RECEIVE,      0xff05
        .equ HF_MAILBOX_CLEAR,        0xff06

        // run codes: bits 0-7 code, bits 16-31 a VM id, bits 32-63 data
        .equ RUN_YIELD,               0
        .equ RUN_WAIT_FOR_INTERRUPT,  1
        .equ RUN_WAKE_UP,             2
        .equ RUN_MESSAGE,             3

        .equ PSCI_VERSION,            0x84000000
        .equ PSCI_SYSTEM_OFF,         0x84000008
        .equ HVLAB_DEBUG_PUTC,        0xee00
        .equ HVLAB_DEBUG_WRITE,       0xee01
