/* The native side of fs-i386.test.ts: file syscalls through the i386 table (`int $0x80` from
 * a 64-bit process, which Linux serves with the compat entry; buffers are static, so below
 * 4 GiB). Prints each result and the raw bytes the kernel wrote (buffers pre-filled with 0xee,
 * so untouched padding shows). Build: gcc -static -no-pie. */
#include <stdio.h>
#include <string.h>

static long int80(long nr, long a, long b, long c, long d, long e) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
  return (int)r;
}

static char file[] = "f386";
static char link_[] = "l386";
static char dir[] = "d386";
static char dot[] = ".";
static char text[] = "hello i386";
static unsigned char buf[512];

static void dump(const char *what, long r, int n) {
  printf("%s %ld", what, r);
  if (r >= 0) { printf(" "); for (int i = 0; i < n; i++) printf("%02x", buf[i]); }
  printf("\n");
}

int main(void) {
  long fd = int80(5, (long)file, 0102, 0640, 0, 0);          /* open(O_RDWR|O_CREAT) */
  printf("open %ld\n", fd);
  printf("write %ld\n", int80(4, fd, (long)text, 10, 0, 0));
  memset(buf, 0xee, sizeof buf); dump("fstat64", int80(197, fd, (long)buf, 0, 0, 0), 100);
  memset(buf, 0xee, sizeof buf); dump("stat64", int80(195, (long)file, (long)buf, 0, 0, 0), 100);
  memset(buf, 0xee, sizeof buf); dump("stat", int80(106, (long)file, (long)buf, 0, 0, 0), 68);
  memset(buf, 0xee, sizeof buf); dump("fstat", int80(108, fd, (long)buf, 0, 0, 0), 68);
  printf("symlink %ld\n", int80(83, (long)file, (long)link_, 0, 0, 0));
  memset(buf, 0xee, sizeof buf); dump("lstat64", int80(196, (long)link_, (long)buf, 0, 0, 0), 100);
  memset(buf, 0xee, sizeof buf); dump("lstat", int80(107, (long)link_, (long)buf, 0, 0, 0), 68);
  memset(buf, 0xee, sizeof buf); dump("fstatat64", int80(300, -100, (long)link_, (long)buf, 0x100, 0), 100);
  memset(buf, 0xee, sizeof buf); dump("_llseek", int80(140, fd, 0, 3, (long)buf, 0), 8);
  memset(buf, 0xee, sizeof buf); dump("_llseek_end", int80(140, fd, 0, 0, (long)buf, 2), 8);
  printf("_llseek_neg %ld\n", int80(140, fd, -1, 0, (long)buf, 0));
  printf("lseek %ld\n", int80(19, fd, 4, 0, 0, 0));
  printf("lseek_bad %ld\n", int80(19, fd, 0, 9, 0, 0));
  printf("fcntl64 %ld\n", int80(221, fd, 3, 0, 0, 0));
  printf("fcntl %ld\n", int80(55, fd, 3, 0, 0, 0));
  memset(buf, 0xee, sizeof buf); dump("pread64", int80(180, fd, (long)buf, 4, 6, 0), 4);
  printf("mkdir %ld\n", int80(39, (long)dir, 0755, 0, 0, 0));
  long d = int80(5, (long)dot, 0200000, 0, 0, 0);                /* O_DIRECTORY (x86 value) */
  memset(buf, 0xee, sizeof buf);
  long n = int80(141, d, (long)buf, sizeof buf, 0, 0);            /* old getdents */
  printf("getdents %ld\n", n);
  /* Records: u32 d_ino, u32 d_off, u16 d_reclen, name, NUL, …, d_type in the last byte. */
  for (long off = 0; off < n;) {
    unsigned short reclen = buf[off + 8] | (buf[off + 9] << 8);
    printf("dirent reclen=%u name=%s type=%u\n", reclen, (char *)buf + off + 10, buf[off + reclen - 1]);
    off += reclen;
  }
  printf("getdents_small %ld\n", int80(141, d, (long)buf, 8, 0, 0));
  return 0;
}
