// @vsys/loader: see README.md in this folder.
export {};
