import { resolve } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

/**
 * The page folds gateway status with the gateway's own fold (src/gateway/world.ts, via src/gateway's index); package.json's
 * `"sideEffects": false` lets the bundler keep only that fold, not the engine, its state machines or its zod schemas.
 */
it('bundles the gateway status fold and the Connect fold into the page without the engine, xstate or zod', async () => {
  const result = await build({
    entryPoints: [resolve('src/viz/web/main.ts')], bundle: true, format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const bundled = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
  expect(bundled.filter((path) => /node_modules\/(zod|xstate)\//.test(path))).toEqual([]);
  expect(bundled.filter((path) => path.startsWith('src/gateway/'))).toEqual(['src/gateway/world.ts']);
  // Connect is folded and judged by src/connect's own functions, without its event schemas or command decisions.
  expect(bundled.filter((path) => path.startsWith('src/connect/')).sort()).toEqual([
    'src/connect/address.ts', 'src/connect/apply-event.ts', 'src/connect/model.ts', 'src/connect/party.ts', 'src/connect/policy.ts',
  ]);
});
