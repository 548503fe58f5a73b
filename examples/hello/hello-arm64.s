// hello-arm64.s — the same trip on ARM64: `svc #0` takes the exception to EL1.
//
//   vasm build --arch arm64 -o hello-arm64 examples/hello/hello-arm64.s
//   vrun hello-arm64
    .globl _start
    .text
_start:
    mov x0, #1              // fd 1: stdout
    adr x1, msg             // buf
    mov x2, #len            // count
    mov x8, #64             // __NR_write (asm-generic)
    svc #0
    mov x0, #0              // status 0
    mov x8, #93             // __NR_exit
    svc #0

msg:    .ascii "Hello from EL0!\n"
len = . - msg
