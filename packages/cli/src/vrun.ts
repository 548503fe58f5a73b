// `vrun`: placeholder entry until the CLI lands.
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('vrun: not built yet\n');
  return 2;
}
