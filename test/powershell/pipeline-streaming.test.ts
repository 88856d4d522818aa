import { describe, expect, it } from 'vitest';
import { runInMemory } from './harness.js';

function output(script: string): string {
  return runInMemory(script).text.replace(/\n+$/, '');
}

const GEN = 'function Gen { foreach ($i in 1..5) { Write-Host "made $i"; $i } }';

describe('pipelines stream objects one at a time', () => {
  it.each([
    ['ForEach-Object stages interleave', '1..3 | ForEach-Object { Write-Host "a$_"; $_ } | ForEach-Object { Write-Host "b$_" }', 'a1\nb1\na2\nb2\na3\nb3'],
    ['Where-Object passes each object on at once', '1..3 | ForEach-Object { Write-Host "a$_"; $_ } | Where-Object { $_ -ne 2 } | ForEach-Object { Write-Host "b$_" }', 'a1\nb1\na2\na3\nb3'],
    ['Sort-Object needs all its input first', '1..3 | ForEach-Object { Write-Host "a$_"; $_ } | Sort-Object -Descending | ForEach-Object { Write-Host "b$_" }', 'a1\na2\na3\nb3\nb2\nb1'],
    ['every begin block runs before the first object, end blocks in order',
      'function G { begin { Write-Host "G begin" } process { Write-Host "G $_"; $_ } end { Write-Host "G end" } }\nfunction F { begin { Write-Host "F begin" } process { Write-Host "F $_" } end { Write-Host "F end" } }\n1..2 | G | F',
      'G begin\nF begin\nG 1\nF 1\nG 2\nF 2\nG end\nF end'],
    ['ForEach-Object -Begin runs before upstream writes anything', `${GEN}\nGen | Select-Object -First 1 | ForEach-Object -Begin { Write-Host "begin" } -Process { Write-Host "got $_" }`, 'begin\nmade 1\ngot 1'],
    ['Select-Object -First stops the command before it', `${GEN}\nGen | Select-Object -First 2 | ForEach-Object { Write-Host "got $_" }`, 'made 1\ngot 1\nmade 2\ngot 2'],
    ['stopped commands do not run their end blocks; later ones do',
      'function G { process { $_ } end { Write-Host "G end" } }\nfunction H { process { Write-Host "H $_" } end { Write-Host "H end" } }\n1..3 | G | Select-Object -First 1 | H', 'H 1\nH end'],
    ['-Skip then -First', `${GEN}\n(Gen | Select-Object -Skip 1 -First 2) -join ","`, 'made 1\nmade 2\nmade 3\n2,3'],
    ['-First 0 asks for nothing', `${GEN}\n"[$(Gen | Select-Object -First 0)]"`, '[]'],
    ['-Last needs the whole input', `${GEN}\n(Gen | Select-Object -Last 2) -join ","`, 'made 1\nmade 2\nmade 3\nmade 4\nmade 5\n4,5'],
    ['a stop inside a nested pipeline ends only that pipeline', '(1..3 | ForEach-Object { (10..15 | Select-Object -First 1) + $_ }) -join ","', '11,12,13'],
    ['a function without a process block gets its input as $input at the end', 'function Count-It { "n=$(@($input).Count)" }\n1..4 | ForEach-Object { Write-Host "a$_"; $_ } | Count-It', 'a1\na2\na3\na4\nn=4'],
    ['arguments of every command are evaluated before objects flow', `${GEN}\nGen | Select-Object -First $(Write-Host "argument"; 1) | ForEach-Object { Write-Host "got $_" }`, 'argument\nmade 1\ngot 1'],
  ])('%s', (_name, script, expected) => {
    expect(output(script)).toBe(expected);
  });
});
