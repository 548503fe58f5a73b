# count.s — an archive member holding data: greet.o's reference to `greeting_count` pulls it.
    .globl greeting_count
    .data
    .p2align 2
greeting_count: .long 0
