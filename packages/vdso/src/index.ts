// @vsys/vdso: see README.md in this folder.
export {};
