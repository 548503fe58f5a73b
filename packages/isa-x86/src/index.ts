// @vsys/isa-x86: see README.md in this folder.
export {};
