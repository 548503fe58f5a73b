// Character devices by number (fs/char_dev.c): a device node on any filesystem (devfs, or one
// made with mknod on tmpfs) opens the driver registered for its st_rdev.

import type { OpenFile } from './file.js';

export interface CharDevice {
  /** Sets `file.ops` for a newly opened file (or returns -errno: ENXIO when absent). */
  open(file: OpenFile): number;
}

export class DeviceRegistry {
  private readonly byRdev = new Map<number, CharDevice>();

  register(rdev: number, device: CharDevice): void {
    this.byRdev.set(rdev, device);
  }

  get(rdev: number): CharDevice | undefined {
    return this.byRdev.get(rdev);
  }
}
