# files.s — one read()/write() interface, four kinds of file behind it (x86-64, with libc).
#
#   vasm build -o files examples/vfs/files.s
#   vrun files                    # tmpfs file, pipe, /dev/null, then /proc/self/maps
#   vstrace files                 # every openat/read/write/pipe the program makes
#
# /tmp is tmpfs, /dev devfs, /proc procfs (docs/vfs.md); the calls are libc wrappers that
# return -1 and set errno on failure (packages/libc/src/x86_64/syscalls.s).
    .globl main
    .text
main:
    push %rbx
    sub $16, %rsp                   # 8 bytes for the pipe's two fds, keeps %rsp 16-aligned
    # 1. a tmpfs file: create, write, seek back, read
    lea tmp_path(%rip), %rdi
    mov $0102, %esi                 # O_RDWR | O_CREAT
    mov $0644, %edx
    xor %eax, %eax
    call open
    mov %eax, %ebx
    mov %ebx, %edi
    lea note(%rip), %rsi
    mov $note_len, %edx
    call write
    mov %ebx, %edi
    xor %esi, %esi
    xor %edx, %edx                  # SEEK_SET
    call lseek
    lea buf(%rip), %rdi
    mov %ebx, %esi
    call read_and_print
    mov %ebx, %edi
    call close
    # 2. a pipe: what goes into fds[1] comes out of fds[0]
    mov %rsp, %rdi
    call pipe
    mov 4(%rsp), %edi
    lea piped(%rip), %rsi
    mov $piped_len, %edx
    call write
    lea buf(%rip), %rdi
    mov (%rsp), %esi
    call read_and_print
    # 3. /dev/null reads as end of file
    lea null_path(%rip), %rdi
    xor %esi, %esi                  # O_RDONLY
    xor %eax, %eax
    call open
    mov %eax, %edi
    lea buf(%rip), %rsi
    mov $64, %edx
    call read
    lea fmt_null(%rip), %rdi
    mov %rax, %rsi
    xor %eax, %eax
    call printf
    # 4. /proc/self/maps: text the kernel generates from this process's memory map
    lea maps_path(%rip), %rdi
    xor %esi, %esi
    xor %eax, %eax
    call open
    mov %eax, %ebx
1:  mov %ebx, %edi
    lea buf(%rip), %rsi
    mov $4096, %edx
    call read
    test %rax, %rax
    jle 2f
    mov $1, %edi
    lea buf(%rip), %rsi
    mov %rax, %rdx
    call write
    jmp 1b
2:  add $16, %rsp
    pop %rbx
    xor %eax, %eax
    ret

# read_and_print(buf, fd): read up to 4096 bytes from fd and print them as "read: ..."
read_and_print:
    push %rbx
    mov %rdi, %rbx
    mov %esi, %edi
    mov %rbx, %rsi
    mov $4095, %edx
    call read
    movb $0, (%rbx,%rax)
    lea fmt_read(%rip), %rdi
    mov %rbx, %rsi
    xor %eax, %eax
    call printf
    pop %rbx
    ret

    .section .rodata
tmp_path:  .asciz "/tmp/note"
null_path: .asciz "/dev/null"
maps_path: .asciz "/proc/self/maps"
note:      .ascii "kept in tmpfs\n"
note_len = . - note
piped:     .ascii "through a pipe\n"
piped_len = . - piped
fmt_read:  .asciz "read: %s"
fmt_null:  .asciz "read(/dev/null) = %ld\n"
    .bss
buf: .zero 4096
