// @vsys/asm: see README.md in this folder.
export {};
