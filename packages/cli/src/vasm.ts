// `vasm`: placeholder entry until the CLI lands.
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('vasm: not built yet\n');
  return 2;
}
