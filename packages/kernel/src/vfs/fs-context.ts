// A process's filesystem context (struct fs_struct): its root, its working directory and its
// umask (umask(2): 022 by default, inherited by fork). Threads made with CLONE_FS share one.

import type { Path } from './dentry.js';

export class FsContext {
  constructor(
    public root: Path,
    public cwd: Path,
    public umask = 0o022,
  ) {}

  /** fork without CLONE_FS: a copy that then changes on its own. */
  clone(): FsContext {
    return new FsContext(this.root, this.cwd, this.umask);
  }
}
