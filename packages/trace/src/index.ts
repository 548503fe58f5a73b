// @vsys/trace: see README.md in this folder.
export {};
