// `vconform`: placeholder entry until the runner lands.
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('vconform: not built yet\n');
  return 2;
}
