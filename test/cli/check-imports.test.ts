import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every source file and package the module at `entry` loads, following static imports only (lazy ones load later). */
async function staticImportsOf(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const result = await build({
    entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent',
  });
  const { inputs } = result.metafile;
  const files = new Set<string>([entry]);
  const packages = new Set<string>();
  for (const file of files) {
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import') continue;
      if (imported.external === true) packages.add(imported.path);
      else files.add(imported.path);
    }
  }
  return { files: [...files], packages: [...packages] };
}

describe('what `vnetsim check` loads at start-up', () => {
  it('reads plans through src/input and never loads the engine, the scenario runner or xstate', async () => {
    const { files, packages } = await staticImportsOf('src/cli/check.ts');
    expect(files.some((file) => file.startsWith('src/input/'))).toBe(true);
    expect(files.filter((file) => /^src\/(sim|scenario|vm|gateway|topology|viz|api|asm)\//.test(file))).toEqual([]);
    expect(packages.filter((name) => ['xstate', 'ws', 'node-forge'].includes(name))).toEqual([]);
  });

  it('the command registry itself loads no command module', async () => {
    const { files } = await staticImportsOf('src/cli/main.ts');
    expect(files.filter((file) => file.startsWith('src/') && !/^src\/(cli\/(main|commands)|common\/)/.test(file))).toEqual([]);
  });
});
