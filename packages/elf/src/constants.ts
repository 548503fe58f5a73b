// ELF constants (System V gABI, "ELF-64 Object File Format" 1.5, and the x86-64 psABI /
// Arm "ELF for the Arm 64-bit Architecture" (AAELF64) relocation tables), as name → number
// maps so printers (readelf-style output, `vasm inspect`) can turn numbers back into names.
// Each group is a plain object; `nameOf(group, value)` does the reverse lookup.

/** e_ident[] indices and values (gABI "ELF Identification"). */
export const ELFMAG = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"
export const EI_CLASS = 4;
export const EI_DATA = 5;
export const EI_VERSION = 6;
export const EI_OSABI = 7;
export const EI_ABIVERSION = 8;
export const EI_NIDENT = 16;
export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;
export const EV_CURRENT = 1;
export const ELFOSABI_NONE = 0;

export const ET = { ET_NONE: 0, ET_REL: 1, ET_EXEC: 2, ET_DYN: 3, ET_CORE: 4 } as const;
export const { ET_NONE, ET_REL, ET_EXEC, ET_DYN, ET_CORE } = ET;

export const EM = {
  EM_NONE: 0,
  EM_386: 3,
  EM_ARM: 40,
  EM_X86_64: 62,
  EM_AARCH64: 183,
  EM_RISCV: 243,
} as const;
export const { EM_NONE, EM_386, EM_ARM, EM_X86_64, EM_AARCH64, EM_RISCV } = EM;

export const SHT = {
  SHT_NULL: 0,
  SHT_PROGBITS: 1,
  SHT_SYMTAB: 2,
  SHT_STRTAB: 3,
  SHT_RELA: 4,
  SHT_HASH: 5,
  SHT_DYNAMIC: 6,
  SHT_NOTE: 7,
  SHT_NOBITS: 8,
  SHT_REL: 9,
  SHT_SHLIB: 10,
  SHT_DYNSYM: 11,
  SHT_INIT_ARRAY: 14,
  SHT_FINI_ARRAY: 15,
  SHT_PREINIT_ARRAY: 16,
  SHT_GROUP: 17,
  SHT_SYMTAB_SHNDX: 18,
  SHT_GNU_ATTRIBUTES: 0x6ffffff5,
  SHT_GNU_HASH: 0x6ffffff6,
  SHT_GNU_verdef: 0x6ffffffd,
  SHT_GNU_verneed: 0x6ffffffe,
  SHT_GNU_versym: 0x6fffffff,
  SHT_X86_64_UNWIND: 0x70000001,
  SHT_AARCH64_ATTRIBUTES: 0x70000003,
} as const;
export const {
  SHT_NULL, SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_HASH, SHT_DYNAMIC, SHT_NOTE,
  SHT_NOBITS, SHT_REL, SHT_DYNSYM, SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_PREINIT_ARRAY, SHT_GROUP,
  SHT_SYMTAB_SHNDX, SHT_GNU_HASH, SHT_GNU_verdef, SHT_GNU_verneed, SHT_GNU_versym,
} = SHT;

/** sh_flags bits (bigint because sh_flags is an Elf64_Xword). */
export const SHF = {
  SHF_WRITE: 0x1n,
  SHF_ALLOC: 0x2n,
  SHF_EXECINSTR: 0x4n,
  SHF_MERGE: 0x10n,
  SHF_STRINGS: 0x20n,
  SHF_INFO_LINK: 0x40n,
  SHF_LINK_ORDER: 0x80n,
  SHF_OS_NONCONFORMING: 0x100n,
  SHF_GROUP: 0x200n,
  SHF_TLS: 0x400n,
  SHF_COMPRESSED: 0x800n,
  SHF_GNU_RETAIN: 0x200000n,
  SHF_EXCLUDE: 0x80000000n,
} as const;
export const {
  SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS, SHF_INFO_LINK, SHF_LINK_ORDER,
  SHF_GROUP, SHF_TLS, SHF_COMPRESSED, SHF_EXCLUDE,
} = SHF;

export const PT = {
  PT_NULL: 0,
  PT_LOAD: 1,
  PT_DYNAMIC: 2,
  PT_INTERP: 3,
  PT_NOTE: 4,
  PT_SHLIB: 5,
  PT_PHDR: 6,
  PT_TLS: 7,
  PT_GNU_EH_FRAME: 0x6474e550,
  PT_GNU_STACK: 0x6474e551,
  PT_GNU_RELRO: 0x6474e552,
  PT_GNU_PROPERTY: 0x6474e553,
} as const;
export const {
  PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE, PT_PHDR, PT_TLS, PT_GNU_EH_FRAME,
  PT_GNU_STACK, PT_GNU_RELRO, PT_GNU_PROPERTY,
} = PT;

export const PF = { PF_X: 1, PF_W: 2, PF_R: 4 } as const;
export const { PF_X, PF_W, PF_R } = PF;

export const STB = { STB_LOCAL: 0, STB_GLOBAL: 1, STB_WEAK: 2, STB_GNU_UNIQUE: 10 } as const;
export const { STB_LOCAL, STB_GLOBAL, STB_WEAK } = STB;

export const STT = {
  STT_NOTYPE: 0,
  STT_OBJECT: 1,
  STT_FUNC: 2,
  STT_SECTION: 3,
  STT_FILE: 4,
  STT_COMMON: 5,
  STT_TLS: 6,
  STT_GNU_IFUNC: 10,
} as const;
export const { STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION, STT_FILE, STT_COMMON, STT_TLS } = STT;

export const STV = { STV_DEFAULT: 0, STV_INTERNAL: 1, STV_HIDDEN: 2, STV_PROTECTED: 3 } as const;
export const { STV_DEFAULT, STV_INTERNAL, STV_HIDDEN, STV_PROTECTED } = STV;

export const SHN = {
  SHN_UNDEF: 0,
  SHN_LORESERVE: 0xff00,
  SHN_ABS: 0xfff1,
  SHN_COMMON: 0xfff2,
  SHN_XINDEX: 0xffff,
} as const;
export const { SHN_UNDEF, SHN_LORESERVE, SHN_ABS, SHN_COMMON, SHN_XINDEX } = SHN;

/** x86-64 psABI §4.4.1 "Relocation Types". */
export const R_X86_64 = {
  R_X86_64_NONE: 0,
  R_X86_64_64: 1,
  R_X86_64_PC32: 2,
  R_X86_64_GOT32: 3,
  R_X86_64_PLT32: 4,
  R_X86_64_COPY: 5,
  R_X86_64_GLOB_DAT: 6,
  R_X86_64_JUMP_SLOT: 7,
  R_X86_64_RELATIVE: 8,
  R_X86_64_GOTPCREL: 9,
  R_X86_64_32: 10,
  R_X86_64_32S: 11,
  R_X86_64_16: 12,
  R_X86_64_PC16: 13,
  R_X86_64_8: 14,
  R_X86_64_PC8: 15,
  R_X86_64_DTPMOD64: 16,
  R_X86_64_DTPOFF64: 17,
  R_X86_64_TPOFF64: 18,
  R_X86_64_TLSGD: 19,
  R_X86_64_TLSLD: 20,
  R_X86_64_DTPOFF32: 21,
  R_X86_64_GOTTPOFF: 22,
  R_X86_64_TPOFF32: 23,
  R_X86_64_PC64: 24,
  R_X86_64_GOTOFF64: 25,
  R_X86_64_GOTPC32: 26,
  R_X86_64_SIZE32: 32,
  R_X86_64_SIZE64: 33,
  R_X86_64_IRELATIVE: 37,
  R_X86_64_GOTPCRELX: 41,
  R_X86_64_REX_GOTPCRELX: 42,
} as const;

/** i386 psABI (System V ABI Intel386 supplement) relocation types, for printing ELF32 files. */
export const R_386 = {
  R_386_NONE: 0,
  R_386_32: 1,
  R_386_PC32: 2,
  R_386_GOT32: 3,
  R_386_PLT32: 4,
  R_386_COPY: 5,
  R_386_GLOB_DAT: 6,
  R_386_JMP_SLOT: 7,
  R_386_RELATIVE: 8,
  R_386_GOTOFF: 9,
  R_386_GOTPC: 10,
  R_386_TLS_TPOFF: 14,
  R_386_TLS_LE: 17,
  R_386_16: 20,
  R_386_PC16: 21,
  R_386_8: 22,
  R_386_PC8: 23,
  R_386_GOT32X: 43,
} as const;

/** AAELF64 §5.7 "Relocation" tables. */
export const R_AARCH64 = {
  R_AARCH64_NONE: 0,
  R_AARCH64_ABS64: 257,
  R_AARCH64_ABS32: 258,
  R_AARCH64_ABS16: 259,
  R_AARCH64_PREL64: 260,
  R_AARCH64_PREL32: 261,
  R_AARCH64_PREL16: 262,
  R_AARCH64_MOVW_UABS_G0: 263,
  R_AARCH64_MOVW_UABS_G0_NC: 264,
  R_AARCH64_MOVW_UABS_G1: 265,
  R_AARCH64_MOVW_UABS_G1_NC: 266,
  R_AARCH64_MOVW_UABS_G2: 267,
  R_AARCH64_MOVW_UABS_G2_NC: 268,
  R_AARCH64_MOVW_UABS_G3: 269,
  R_AARCH64_LD_PREL_LO19: 273,
  R_AARCH64_ADR_PREL_LO21: 274,
  R_AARCH64_ADR_PREL_PG_HI21: 275,
  R_AARCH64_ADR_PREL_PG_HI21_NC: 276,
  R_AARCH64_ADD_ABS_LO12_NC: 277,
  R_AARCH64_LDST8_ABS_LO12_NC: 278,
  R_AARCH64_TSTBR14: 279,
  R_AARCH64_CONDBR19: 280,
  R_AARCH64_JUMP26: 282,
  R_AARCH64_CALL26: 283,
  R_AARCH64_LDST16_ABS_LO12_NC: 284,
  R_AARCH64_LDST32_ABS_LO12_NC: 285,
  R_AARCH64_LDST64_ABS_LO12_NC: 286,
  R_AARCH64_LDST128_ABS_LO12_NC: 299,
  R_AARCH64_ADR_GOT_PAGE: 311,
  R_AARCH64_LD64_GOT_LO12_NC: 312,
  R_AARCH64_TLSLE_MOVW_TPREL_G0: 547,
  R_AARCH64_TLSLE_MOVW_TPREL_G0_NC: 548,
  R_AARCH64_TLSLE_ADD_TPREL_HI12: 549,
  R_AARCH64_TLSLE_ADD_TPREL_LO12: 550,
  R_AARCH64_TLSLE_ADD_TPREL_LO12_NC: 551,
  R_AARCH64_COPY: 1024,
  R_AARCH64_GLOB_DAT: 1025,
  R_AARCH64_JUMP_SLOT: 1026,
  R_AARCH64_RELATIVE: 1027,
  R_AARCH64_TLS_TPREL64: 1030,
  R_AARCH64_IRELATIVE: 1032,
} as const;

/** Dynamic section tags (gABI "Dynamic Section", GNU extensions). bigint-valued d_tag is
 *  read as a number here: every tag we know fits in 32 bits. */
export const DT = {
  DT_NULL: 0,
  DT_NEEDED: 1,
  DT_PLTRELSZ: 2,
  DT_PLTGOT: 3,
  DT_HASH: 4,
  DT_STRTAB: 5,
  DT_SYMTAB: 6,
  DT_RELA: 7,
  DT_RELASZ: 8,
  DT_RELAENT: 9,
  DT_STRSZ: 10,
  DT_SYMENT: 11,
  DT_INIT: 12,
  DT_FINI: 13,
  DT_SONAME: 14,
  DT_RPATH: 15,
  DT_SYMBOLIC: 16,
  DT_REL: 17,
  DT_RELSZ: 18,
  DT_RELENT: 19,
  DT_PLTREL: 20,
  DT_DEBUG: 21,
  DT_TEXTREL: 22,
  DT_JMPREL: 23,
  DT_BIND_NOW: 24,
  DT_INIT_ARRAY: 25,
  DT_FINI_ARRAY: 26,
  DT_INIT_ARRAYSZ: 27,
  DT_FINI_ARRAYSZ: 28,
  DT_RUNPATH: 29,
  DT_FLAGS: 30,
  DT_GNU_HASH: 0x6ffffef5,
  DT_VERSYM: 0x6ffffff0,
  DT_RELACOUNT: 0x6ffffff9,
  DT_FLAGS_1: 0x6ffffffb,
  DT_VERDEF: 0x6ffffffc,
  DT_VERDEFNUM: 0x6ffffffd,
  DT_VERNEED: 0x6ffffffe,
  DT_VERNEEDNUM: 0x6fffffff,
} as const;

/** Auxiliary vector types (Linux include/uapi/linux/auxvec.h, arch AT_SYSINFO_EHDR). */
export const AT = {
  AT_NULL: 0,
  AT_IGNORE: 1,
  AT_EXECFD: 2,
  AT_PHDR: 3,
  AT_PHENT: 4,
  AT_PHNUM: 5,
  AT_PAGESZ: 6,
  AT_BASE: 7,
  AT_FLAGS: 8,
  AT_ENTRY: 9,
  AT_NOTELF: 10,
  AT_UID: 11,
  AT_EUID: 12,
  AT_GID: 13,
  AT_EGID: 14,
  AT_PLATFORM: 15,
  AT_HWCAP: 16,
  AT_CLKTCK: 17,
  AT_SECURE: 23,
  AT_BASE_PLATFORM: 24,
  AT_RANDOM: 25,
  AT_HWCAP2: 26,
  AT_RSEQ_FEATURE_SIZE: 27,
  AT_RSEQ_ALIGN: 28,
  AT_EXECFN: 31,
  AT_SYSINFO_EHDR: 33,
  AT_MINSIGSTKSZ: 51,
} as const;

/** Note types in the "GNU" namespace (elf.h NT_GNU_*). */
export const NT_GNU = {
  NT_GNU_ABI_TAG: 1,
  NT_GNU_HWCAP: 2,
  NT_GNU_BUILD_ID: 3,
  NT_GNU_GOLD_VERSION: 4,
  NT_GNU_PROPERTY_TYPE_0: 5,
} as const;

/** Symbol versioning: Elf64_Verdef flags and reserved version indices (GNU extension, LSB). */
export const VER_DEF_CURRENT = 1;
export const VER_FLG_BASE = 0x1;
export const VER_NDX_LOCAL = 0;
export const VER_NDX_GLOBAL = 1;

/** A constants group above (name → value). */
type NameGroup = Readonly<Record<string, number | bigint>>;

/** The name of `value` in `group` (e.g. nameOf(SHT, 1) → 'SHT_PROGBITS'), or undefined. When a
 *  group has aliases the first listed name wins. */
export function nameOf(group: NameGroup, value: number | bigint): string | undefined {
  for (const [name, v] of Object.entries(group)) {
    if (typeof v === 'bigint' ? v === BigInt(value) : BigInt(v) === BigInt(value)) return name;
  }
  return undefined;
}

/** Names of the bits set in `value` (for flag groups such as SHF or PF), plus a hex remainder
 *  for unknown bits. */
export function flagNames(group: NameGroup, value: number | bigint): string[] {
  let rest = BigInt(value);
  const names: string[] = [];
  for (const [name, v] of Object.entries(group)) {
    const bit = BigInt(v);
    if (bit !== 0n && (rest & bit) === bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  if (rest !== 0n) names.push(`0x${rest.toString(16)}`);
  return names;
}

/** The relocation-type table for a machine (EM_X86_64 → R_X86_64, EM_AARCH64 → R_AARCH64). */
export function relocationNames(machine: number): NameGroup | undefined {
  if (machine === EM_X86_64) return R_X86_64;
  if (machine === EM_AARCH64) return R_AARCH64;
  if (machine === EM_386) return R_386;
  return undefined;
}
