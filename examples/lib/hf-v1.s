// Hafnium C1 (v1-rpc) hypercall ids and constants, plus PSCI and the hvlab
// debug console. Secondaries are numbered from 0.
        .equ HF_VCPU_RUN,             0xff00
        .equ HF_VM_GET_COUNT,         0xff01
        .equ HF_VCPU_GET_COUNT,       0xff02
        .equ HF_VM_CONFIGURE,         0xff03
        .equ HF_RPC_REQUEST,          0xff04
        .equ HF_RPC_READ_REQUEST,     0xff05
        .equ HF_RPC_ACK,              0xff06
        .equ HF_RPC_REPLY,            0xff07

        // run codes (32 bit): RESPONSE_READY carries the size in bits 8-31
        .equ RUN_YIELD,               0
        .equ RUN_WAIT_FOR_INTERRUPT,  1
        .equ RUN_WAKE_UP,             2
        .equ RUN_RESPONSE_READY,      3

        .equ PSCI_VERSION,            0x84000000
        .equ PSCI_SYSTEM_OFF,         0x84000008
        .equ HVLAB_DEBUG_PUTC,        0xee00
        .equ HVLAB_DEBUG_WRITE,       0xee01
