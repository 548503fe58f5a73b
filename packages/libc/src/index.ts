// @vsys/libc: see README.md in this folder.
export {};
