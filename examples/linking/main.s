# main.s — references two symbols it does not define: `greet` (code, in greet.s) and
# `greeting_count` (data, in count.s). The linker resolves them and patches the call/lea.
#
#   vasm build -c examples/linking/greet.s examples/linking/count.s    # greet.o, count.o
#   ar rcs libgreet.a greet.o count.o                                  # GNU ar (or any ar)
#   vasm build --nostdlib --map hello.map -o hello examples/linking/main.s libgreet.a
#   vrun hello; echo "exit status $?"                                  # → Hello, linker! / 1
#
# Without the archive: "undefined reference to `greet'" (see docs/linker.md).
    .globl _start
    .text
_start:
    call greet                       # R_X86_64_PLT32 against greet
    mov greeting_count(%rip), %edi   # R_X86_64_PC32 against greeting_count
    mov $60, %eax                    # exit(greeting_count)
    syscall
