// The Kernel: work in progress (see index.ts for the API as it lands).
import type { Process } from './process/process.js';

export class Kernel {
  readonly processes = new Map<number, Process>();
}
