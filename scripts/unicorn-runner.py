#!/usr/bin/python3
"""Unicorn side of hvlab's CPU differential suite and benchmarks.

Reads one JSON request per line on stdin, writes one JSON reply per line on
stdout. One Unicorn instance serves every request, with the bare machine's
layout mapped: [0x80000, 0x110000) read/write/execute (image from 0x80000,
64 KiB RAM at 0x100000). 64-bit values travel as "0x..." hex strings.

Requests:
  {"cmd": "ram", "hex": H}
      Sets the RAM image ([0x100000, 0x110000)) every later program starts from.
  {"cmd": "run", "code": H, "x": [31 hex], "sp": hex, "nzcv": n, "until": addr,
   "dump": bool}
      Clears the image area, writes `code` at 0x80000, restores the RAM image,
      sets x0-x30, SP, NZCV (bits 31:28) with PSTATE = EL1h and DAIF masked,
      and runs from 0x80000 until PC reaches `until`. Replies {"x", "sp",
      "pc", "nzcv", "ram": sha1 of RAM, "error"?: text, "ramHex"?: when dump}.
  {"cmd": "bench", "code": H, "until": addr, "repeat": n}
      Runs the code from 0x80000 to `until` `repeat` times; replies
      {"seconds": best CPU time of one run}.
  {"cmd": "info"}
      Replies the initial state of a fresh Unicorn arm64 core
      ({"pstate", "sp", "sctlr", "model"}).
"""
import hashlib
import json
import sys
import time

from unicorn import Uc, UcError, UC_ARCH_ARM64, UC_MODE_ARM, UC_PROT_ALL
from unicorn import arm64_const as A

IMAGE = 0x80000
RAM = 0x100000
RAM_SIZE = 0x10000
END = RAM + RAM_SIZE
# EL1h (M = 0b0101) with D, A, I, F masked: what Unicorn starts in, made explicit.
PSTATE_EL1H_MASKED = 0x3C5
MAX_COUNT = 100_000


def new_uc():
    uc = Uc(UC_ARCH_ARM64, UC_MODE_ARM)
    uc.mem_map(IMAGE, END - IMAGE, UC_PROT_ALL)
    return uc


def info():
    uc = new_uc()
    code = bytes.fromhex("001038d5")  # mrs x0, sctlr_el1
    uc.mem_write(IMAGE, code)
    pstate = uc.reg_read(A.UC_ARM64_REG_PSTATE)
    sp = uc.reg_read(A.UC_ARM64_REG_SP)
    uc.emu_start(IMAGE, IMAGE + 4)
    return {"pstate": pstate, "sp": sp, "sctlr": uc.reg_read(A.UC_ARM64_REG_X0), "model": uc.ctl_get_cpu_model()}


def hx(v):
    return "0x%x" % v


class Runner:
    def __init__(self):
        self.uc = new_uc()
        self.ram = bytes(RAM_SIZE)
        self.zero_image = bytes(RAM - IMAGE)
        self.code_end = IMAGE

    def load(self, code):
        uc = self.uc
        uc.mem_write(IMAGE, self.zero_image)
        uc.mem_write(IMAGE, code)
        uc.mem_write(RAM, self.ram)
        # Drop translations of the previous program (ctl_flush_tb costs ~0.5 s).
        end = max(self.code_end, IMAGE + len(code))
        uc.ctl_remove_cache(IMAGE, end)
        self.code_end = IMAGE + len(code)

    def run(self, req):
        uc = self.uc
        self.load(bytes.fromhex(req["code"]))
        uc.reg_write(A.UC_ARM64_REG_PSTATE, PSTATE_EL1H_MASKED)
        uc.reg_write(A.UC_ARM64_REG_NZCV, (req["nzcv"] & 0xF) << 28)
        # Programs may write these; every program starts from zero.
        uc.reg_write(A.UC_ARM64_REG_TPIDR_EL0, 0)
        uc.reg_write(A.UC_ARM64_REG_TPIDR_EL1, 0)
        for i, v in enumerate(req["x"]):
            uc.reg_write(A.UC_ARM64_REG_X0 + i if i < 29 else (A.UC_ARM64_REG_X29 if i == 29 else A.UC_ARM64_REG_X30), int(v, 16))
        uc.reg_write(A.UC_ARM64_REG_SP, int(req["sp"], 16))
        out = {}
        try:
            uc.emu_start(IMAGE, req["until"], count=MAX_COUNT)
        except UcError as e:
            out["error"] = str(e)
        regs = [uc.reg_read(A.UC_ARM64_REG_X0 + i) for i in range(29)]
        regs += [uc.reg_read(A.UC_ARM64_REG_X29), uc.reg_read(A.UC_ARM64_REG_X30)]
        ram = bytes(uc.mem_read(RAM, RAM_SIZE))
        out.update({
            "x": [hx(v) for v in regs],
            "sp": hx(uc.reg_read(A.UC_ARM64_REG_SP)),
            "pc": uc.reg_read(A.UC_ARM64_REG_PC),
            "nzcv": uc.reg_read(A.UC_ARM64_REG_NZCV) >> 28,
            "ram": hashlib.sha1(ram).hexdigest(),
        })
        if req.get("dump"):
            out["ramHex"] = ram.hex()
        return out

    def bench(self, req):
        uc = self.uc
        self.load(bytes.fromhex(req["code"]))
        best = None
        for _ in range(req.get("repeat", 3)):
            uc.reg_write(A.UC_ARM64_REG_PSTATE, PSTATE_EL1H_MASKED)
            uc.reg_write(A.UC_ARM64_REG_SP, END)
            for i in range(29):
                uc.reg_write(A.UC_ARM64_REG_X0 + i, 0)
            t0 = time.process_time()
            uc.emu_start(IMAGE, req["until"])
            dt = time.process_time() - t0
            best = dt if best is None else min(best, dt)
        return {"seconds": best}


def main():
    runner = Runner()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            cmd = req.get("cmd")
            if cmd == "ram":
                runner.ram = bytes.fromhex(req["hex"])
                reply = {"ok": True}
            elif cmd == "run":
                reply = runner.run(req)
            elif cmd == "bench":
                reply = runner.bench(req)
            elif cmd == "info":
                reply = info()
            else:
                reply = {"error": "unknown command %r" % cmd}
        except Exception as e:  # one bad request must not end the batch
            reply = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
