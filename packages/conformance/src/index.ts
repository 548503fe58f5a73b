// @vsys/conformance: see README.md in this folder.
export {};
