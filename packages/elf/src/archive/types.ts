// The in-memory form of a Unix `ar` archive (GNU/SysV variant, as written by GNU ar):
// members in order, and the archive symbol index that maps a defined global symbol to the
// member that defines it (what a linker consults to pull members for undefined symbols).

export interface ArchiveMember {
  /** Member file name (long names already resolved, trailing '/' removed). */
  name: string;
  data: Uint8Array;
  /** Header fields (decimal / octal in the file). 0 in deterministic archives. */
  date: number;
  uid: number;
  gid: number;
  mode: number;
  /** Offset of the member's 60-byte header in the archive (what the symbol index stores). */
  headerOffset: number;
}

export interface ArchiveSymbol {
  name: string;
  /** Index into ArchiveFile.members. */
  member: number;
}

export interface ArchiveFile {
  members: ArchiveMember[];
  /** From the `/` (or `/SYM64/`) member; empty when the archive has no index. */
  symbols: ArchiveSymbol[];
}

/** What writeArchive takes per member. */
export interface ArchiveInput {
  name: string;
  data: Uint8Array;
  mode?: number;
}
