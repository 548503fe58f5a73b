// @vsys/kernel: see README.md in this folder.
export {};
