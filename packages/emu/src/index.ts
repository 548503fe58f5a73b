// @vsys/emu: see README.md in this folder.
export {};
