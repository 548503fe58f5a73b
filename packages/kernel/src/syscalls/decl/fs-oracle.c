/* The native side of fs-differential.test.ts: runs a script of file syscalls on the host Linux
 * kernel (raw syscall(2), no libc wrappers) and prints one line per call, in the same format
 * fs-differential.test.ts prints for vsys. Script lines: an operation name then its arguments,
 * space-separated; numbers are decimal or 0-prefixed octal; a "-" string means NULL.
 * getdents prints the names sorted (comparable with any filesystem); getdentsu in the order the
 * kernel returned them (meaningful where both sides are tmpfs). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <poll.h>
#include <unistd.h>

struct dirent64_raw { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; };

static long num(const char *s) { return strtol(s, NULL, 0); }
static const char *str(const char *s) { return strcmp(s, "-") == 0 ? NULL : s; }
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void put_stat(long r, struct stat *st) {
  if (r < 0) { printf("%ld\n", r); return; }
  /* Directory sizes and link counts depend on the filesystem: not compared. */
  if (S_ISDIR(st->st_mode)) printf("%ld mode=0%o\n", r, st->st_mode);
  else printf("%ld mode=0%o nlink=%lu size=%ld\n", r, st->st_mode, (unsigned long)st->st_nlink, (long)st->st_size);
}

int main(void) {
  char line[8192];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    char *a[8] = {0};
    int n = 0;
    for (char *t = strtok(line, " "); t && n < 8; t = strtok(NULL, " ")) a[n++] = t;
    if (n == 0) continue;
    const char *op = a[0];
    long r;
#define RET(x) do { r = (x); if (r == -1) r = -errno; } while (0)
    if (!strcmp(op, "open")) { RET(syscall(SYS_openat, AT_FDCWD, str(a[1]), (int)num(a[2]), (int)num(a[3] ? a[3] : "0"))); printf("%ld\n", r); }
    else if (!strcmp(op, "close")) { RET(syscall(SYS_close, (int)num(a[1]))); printf("%ld\n", r); }
    else if (!strcmp(op, "write")) { RET(syscall(SYS_write, (int)num(a[1]), a[2], strlen(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "read")) {
      char buf[4096]; long want = num(a[2]); if (want > 4096) want = 4096;
      RET(syscall(SYS_read, (int)num(a[1]), buf, want));
      printf("%ld", r); if (r > 0) printf(" %.*s", (int)r, buf); printf("\n");
    }
    else if (!strcmp(op, "pread")) {
      char buf[4096]; RET(syscall(SYS_pread64, (int)num(a[1]), buf, num(a[2]), num(a[3])));
      printf("%ld", r); if (r > 0) printf(" %.*s", (int)r, buf); printf("\n");
    }
    else if (!strcmp(op, "pwrite")) { RET(syscall(SYS_pwrite64, (int)num(a[1]), a[2], strlen(a[2]), num(a[3]))); printf("%ld\n", r); }
    else if (!strcmp(op, "lseek")) { RET(syscall(SYS_lseek, (int)num(a[1]), num(a[2]), (int)num(a[3]))); printf("%ld\n", r); }
    else if (!strcmp(op, "mkdir")) { RET(syscall(SYS_mkdirat, AT_FDCWD, str(a[1]), (int)num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "rmdir")) { RET(syscall(SYS_unlinkat, AT_FDCWD, str(a[1]), AT_REMOVEDIR)); printf("%ld\n", r); }
    else if (!strcmp(op, "unlink")) { RET(syscall(SYS_unlinkat, AT_FDCWD, str(a[1]), 0)); printf("%ld\n", r); }
    else if (!strcmp(op, "unlinkat")) { RET(syscall(SYS_unlinkat, AT_FDCWD, str(a[1]), (int)num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "rename")) { RET(syscall(SYS_renameat2, AT_FDCWD, str(a[1]), AT_FDCWD, str(a[2]), (int)num(a[3] ? a[3] : "0"))); printf("%ld\n", r); }
    else if (!strcmp(op, "link")) { RET(syscall(SYS_linkat, AT_FDCWD, str(a[1]), AT_FDCWD, str(a[2]), (int)num(a[3] ? a[3] : "0"))); printf("%ld\n", r); }
    else if (!strcmp(op, "symlink")) { RET(syscall(SYS_symlinkat, a[1], AT_FDCWD, str(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "readlink")) {
      char buf[4096]; RET(syscall(SYS_readlinkat, AT_FDCWD, str(a[1]), buf, (int)num(a[2])));
      printf("%ld", r); if (r > 0) printf(" %.*s", (int)r, buf); printf("\n");
    }
    else if (!strcmp(op, "stat") || !strcmp(op, "lstat")) {
      struct stat st; RET(syscall(SYS_newfstatat, AT_FDCWD, str(a[1]), &st, !strcmp(op, "lstat") ? AT_SYMLINK_NOFOLLOW : 0));
      put_stat(r, &st);
    }
    else if (!strcmp(op, "statfs") || !strcmp(op, "fstatfs")) {
      struct statfs sf;
      if (!strcmp(op, "statfs")) RET(syscall(SYS_statfs, str(a[1]), &sf)); else RET(syscall(SYS_fstatfs, (int)num(a[1]), &sf));
      if (r < 0) printf("%ld\n", r);
      else printf("%ld type=0x%lx bsize=%ld namelen=%ld frsize=%ld flags=0x%lx\n", r, (long)sf.f_type, (long)sf.f_bsize, (long)sf.f_namelen, (long)sf.f_frsize, (long)sf.f_flags);
    }
    else if (!strcmp(op, "statraw")) {
      /* The bytes of struct stat as the kernel wrote them into a 0xee-filled buffer. */
      unsigned char raw[256]; memset(raw, 0xee, sizeof raw);
      RET(syscall(SYS_newfstatat, AT_FDCWD, str(a[1]), raw, AT_SYMLINK_NOFOLLOW));
      printf("%ld", r); if (r == 0) { printf(" "); for (int i = 0; i < (int)sizeof(struct stat) + 8; i++) printf("%02x", raw[i]); } printf("\n");
    }
    else if (!strcmp(op, "statxraw")) {
      unsigned char raw[256]; memset(raw, 0xee, sizeof raw);
      RET(syscall(SYS_statx, AT_FDCWD, str(a[1]), AT_SYMLINK_NOFOLLOW, 0x7ff, raw));
      printf("%ld", r); if (r == 0) { printf(" "); for (int i = 0; i < 256; i++) printf("%02x", raw[i]); } printf("\n");
    }
    else if (!strcmp(op, "lock")) {
      struct flock fl; memset(&fl, 0, sizeof fl);
      fl.l_type = (short)num(a[3]); fl.l_whence = (short)num(a[4]); fl.l_start = num(a[5]); fl.l_len = num(a[6]);
      int cmd = (int)num(a[2]);
      RET(syscall(SYS_fcntl, (int)num(a[1]), cmd, &fl));
      if (r < 0 || (cmd != F_GETLK && cmd != 36)) printf("%ld\n", r);
      else if (fl.l_pid == getpid()) printf("%ld type=%d whence=%d start=%ld len=%ld pid=self\n", r, fl.l_type, fl.l_whence, (long)fl.l_start, (long)fl.l_len);
      else printf("%ld type=%d whence=%d start=%ld len=%ld pid=%d\n", r, fl.l_type, fl.l_whence, (long)fl.l_start, (long)fl.l_len, fl.l_pid);
    }
    else if (!strcmp(op, "flock")) { RET(syscall(SYS_flock, (int)num(a[1]), (int)num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "poll")) {
      struct pollfd p = {(int)num(a[1]), (short)num(a[2]), 0};
      struct timespec zero = {0, 0};
      RET(syscall(SYS_ppoll, &p, 1, &zero, NULL, 8));
      printf("%ld revents=0x%x\n", r, (unsigned short)p.revents);
    }
    else if (!strcmp(op, "statown")) {
      struct stat st; RET(syscall(SYS_newfstatat, AT_FDCWD, str(a[1]), &st, AT_SYMLINK_NOFOLLOW));
      if (r < 0) printf("%ld\n", r); else printf("%ld uid=%u gid=%u mode=0%o\n", r, st.st_uid, st.st_gid, st.st_mode);
    }
    else if (!strcmp(op, "chown")) { RET(syscall(SYS_fchownat, AT_FDCWD, str(a[1]), (int)num(a[2]), (int)num(a[3]), (int)num(a[4] ? a[4] : "0"))); printf("%ld\n", r); }
    else if (!strcmp(op, "fchown")) { RET(syscall(SYS_fchown, (int)num(a[1]), (int)num(a[2]), (int)num(a[3]))); printf("%ld\n", r); }
    else if (!strcmp(op, "utimens")) {
      struct timespec ts[2] = {{num(a[2]), num(a[3])}, {num(a[4]), num(a[5])}};
      RET(syscall(SYS_utimensat, AT_FDCWD, str(a[1]), ts, (int)num(a[6] ? a[6] : "0")));
      if (r < 0) { printf("%ld\n", r); continue; }
      struct stat st; syscall(SYS_newfstatat, AT_FDCWD, str(a[1]), &st, AT_SYMLINK_NOFOLLOW);
      printf("%ld atime=%ld.%09ld mtime=%ld.%09ld\n", r, (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    }
    else if (!strcmp(op, "fstat")) { struct stat st; RET(syscall(SYS_fstat, (int)num(a[1]), &st)); put_stat(r, &st); }
    else if (!strcmp(op, "chdir")) { RET(syscall(SYS_chdir, str(a[1]))); printf("%ld\n", r); }
    else if (!strcmp(op, "fchdir")) { RET(syscall(SYS_fchdir, (int)num(a[1]))); printf("%ld\n", r); }
    else if (!strcmp(op, "dup")) { RET(syscall(SYS_dup, (int)num(a[1]))); printf("%ld\n", r); }
#ifdef SYS_dup2
    else if (!strcmp(op, "dup2")) { RET(syscall(SYS_dup2, (int)num(a[1]), (int)num(a[2]))); printf("%ld\n", r); }
#endif
    else if (!strcmp(op, "dup3")) { RET(syscall(SYS_dup3, (int)num(a[1]), (int)num(a[2]), (int)num(a[3]))); printf("%ld\n", r); }
    else if (!strcmp(op, "fcntl")) { RET(syscall(SYS_fcntl, (int)num(a[1]), (int)num(a[2]), num(a[3] ? a[3] : "0"))); printf("%ld\n", r); }
    else if (!strcmp(op, "pipe2")) {
      int fds[2] = {-1, -1}; RET(syscall(SYS_pipe2, fds, (int)num(a[1])));
      printf("%ld", r); if (r == 0) printf(" %d %d", fds[0], fds[1]); printf("\n");
    }
    else if (!strcmp(op, "access")) { RET(syscall(SYS_faccessat, AT_FDCWD, str(a[1]), (int)num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "truncate")) { RET(syscall(SYS_truncate, str(a[1]), num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "ftruncate")) { RET(syscall(SYS_ftruncate, (int)num(a[1]), num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "umask")) { RET(syscall(SYS_umask, (int)num(a[1]))); printf("0%lo\n", r); }
    else if (!strcmp(op, "chmod")) { RET(syscall(SYS_fchmodat, AT_FDCWD, str(a[1]), (int)num(a[2]))); printf("%ld\n", r); }
    else if (!strcmp(op, "getcwd")) { char buf[4096]; RET(syscall(SYS_getcwd, buf, num(a[1]))); printf("%s\n", r > 0 ? "ok" : (sprintf(buf, "%ld", r), buf)); }
    else if (!strcmp(op, "getdents") || !strcmp(op, "getdentsu")) {
      char buf[8192]; long cnt = num(a[2]); if (cnt > 8192) cnt = 8192;
      RET(syscall(SYS_getdents64, (int)num(a[1]), buf, cnt));
      if (r <= 0) { printf("%ld\n", r); continue; }
      char *names[512]; int k = 0;
      for (long off = 0; off < r && k < 512;) { struct dirent64_raw *d = (void *)(buf + off); names[k++] = d->name; off += d->reclen; }
      if (!strcmp(op, "getdents")) qsort(names, k, sizeof names[0], cmp);
      printf("n=%d", k); for (int i = 0; i < k; i++) printf(" %s", names[i]); printf("\n");
    }
    else { printf("? %s\n", op); }
    fflush(stdout);
  }
  return 0;
}
