// @vsys/cli: see README.md in this folder.
export {};
