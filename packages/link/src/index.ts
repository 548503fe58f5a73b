// @vsys/link: see README.md in this folder.
export {};
