// @vsys/isa-arm64: see README.md in this folder.
export {};
