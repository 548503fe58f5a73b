// @vsys/elf: see README.md in this folder.
export {};
