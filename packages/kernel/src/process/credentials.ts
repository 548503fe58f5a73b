// Process credentials: real, effective, saved and filesystem user/group ids plus supplementary
// groups (credentials(7)). Guests start as root (uid 0), like the recorded reference runs, so
// every set*id call is permitted (CAP_SETUID/CAP_SETGID); the rules for unprivileged callers
// are implemented too (setuid(2), setresuid(2)) so a guest that drops root behaves like Linux.

export class Credentials {
  uid = 0;
  euid = 0;
  suid = 0;
  fsuid = 0;
  gid = 0;
  egid = 0;
  sgid = 0;
  fsgid = 0;
  groups: number[] = [];

  clone(): Credentials {
    const c = new Credentials();
    Object.assign(c, this);
    c.groups = [...this.groups];
    return c;
  }

  /** CAP_SETUID / CAP_SETGID: held by effective uid 0 in this kernel (no capability sets). */
  get privileged(): boolean {
    return this.euid === 0;
  }
}
