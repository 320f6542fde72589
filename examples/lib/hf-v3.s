// Hafnium C3 (v3-notify) hypercall ids and constants, plus PSCI and the
// hvlab debug console. Include this file first in a VM's "files".
        .equ HF_VM_GET_ID,            0xff00
        .equ HF_VM_GET_COUNT,         0xff01
        .equ HF_VCPU_GET_COUNT,       0xff02
        .equ HF_VCPU_RUN,             0xff03
        .equ HF_VCPU_YIELD,           0xff04
        .equ HF_VM_CONFIGURE,         0xff05
        .equ HF_MAILBOX_SEND,         0xff06
        .equ HF_MAILBOX_RECEIVE,      0xff07
        .equ HF_MAILBOX_CLEAR,        0xff08
        .equ HF_MAILBOX_WRITABLE_GET, 0xff09
        .equ HF_MAILBOX_WAITER_GET,   0xff0a
        .equ HF_INTERRUPT_ENABLE,     0xff0b
        .equ HF_INTERRUPT_GET,        0xff0c
        .equ HF_INTERRUPT_INJECT,     0xff0d

        // hf_vcpu_run return codes (bits 0-7 of x0)
        .equ RUN_PREEMPTED,           0
        .equ RUN_YIELD,               1
        .equ RUN_WAIT_FOR_INTERRUPT,  2
        .equ RUN_WAKE_UP,             3
        .equ RUN_MESSAGE,             4
        .equ RUN_NOTIFY_WAITERS,      6

        .equ HF_MAILBOX_READABLE_INTID, 1
        .equ HF_MAILBOX_WRITABLE_INTID, 2
        .equ HF_INVALID_VCPU,         0xffff

        .equ PSCI_VERSION,            0x84000000
        .equ PSCI_CPU_OFF,            0x84000002
        .equ PSCI_CPU_ON,             0x84000003
        .equ PSCI_SYSTEM_OFF,         0x84000008
        .equ PSCI_SYSTEM_RESET,       0x84000009

        // hvlab's debug console (a playground extension, not Hafnium)
        .equ HVLAB_DEBUG_PUTC,        0xee00
        .equ HVLAB_DEBUG_WRITE,       0xee01
