import type { Cmdlet, CmdletCall } from './cmdlet.js';
import { enumerate, toStr } from './convert.js';
import { RuntimeFailure } from './runtime-error.js';

function contentOf(call: CmdletCall): string {
  const values = call.hasPipelineInput ? call.input : enumerate(call.get('Value'));
  return values.map((v) => toStr(v)).join('\r\n');
}

const testPath: Cmdlet = {
  name: 'Test-Path',
  parameters: [{ name: 'Path', position: 0, pipeline: 'both' }, { name: 'PathType' }, { name: 'IsValid', isSwitch: true }],
  invoke(call) {
    call.output(enumerate(call.get('Path')).every((p) => call.host.fileExists(toStr(p))));
  },
};

const getContent: Cmdlet = {
  name: 'Get-Content',
  parameters: [{ name: 'Path', aliases: ['FullName'], position: 0, pipeline: 'property' }, { name: 'Raw', isSwitch: true }, { name: 'Encoding' }, { name: 'TotalCount', aliases: ['First', 'Head'] }],
  invoke(call) {
    for (const path of enumerate(call.get('Path'))) {
      let text: string;
      try {
        text = call.host.readFile(toStr(path));
      } catch (error) {
        if (!(error instanceof RuntimeFailure)) throw error;
        call.writeError(error, toStr(path));
        continue;
      }
      if (call.has('Raw')) call.output(text);
      else for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) call.output(line);
    }
  },
};

function writeContent(name: string, append: boolean): Cmdlet {
  return {
    name,
    parameters: [{ name: 'Path', position: 0 }, { name: 'Value', position: 1, pipeline: 'value' }, { name: 'Encoding' }, { name: 'Force', isSwitch: true }, { name: 'NoNewline', isSwitch: true }],
    invoke(call) {
      call.host.writeFile(toStr(call.get('Path')), `${contentOf(call)}\r\n`, append);
    },
  };
}

const outFile: Cmdlet = {
  name: 'Out-File',
  parameters: [{ name: 'FilePath', aliases: ['Path'], position: 0 }, { name: 'InputObject', pipeline: 'value' }, { name: 'Encoding', position: 1 }, { name: 'Append', isSwitch: true }, { name: 'Force', isSwitch: true }, { name: 'Width' }],
  invoke(call) {
    const values = call.hasPipelineInput ? call.input : enumerate(call.get('InputObject'));
    call.host.writeFile(toStr(call.get('FilePath')), `${call.formatLines(values).join('\r\n')}\r\n`, call.has('Append'));
  },
};

const joinPath: Cmdlet = {
  name: 'Join-Path',
  parameters: [{ name: 'Path', position: 0 }, { name: 'ChildPath', position: 1 }],
  invoke(call) {
    for (const parent of enumerate(call.get('Path'))) call.output(`${toStr(parent).replace(/[\\/]$/, '')}\\${toStr(call.get('ChildPath')).replace(/^[\\/]/, '')}`);
  },
};

const splitPath: Cmdlet = {
  name: 'Split-Path',
  parameters: [{ name: 'Path', position: 0, pipeline: 'value' }, { name: 'Parent', isSwitch: true }, { name: 'Leaf', isSwitch: true }],
  invoke(call) {
    const path = toStr(call.get('Path'));
    call.output(call.has('Leaf') ? path.split(/[\\/]/).pop() ?? '' : path.replace(/[\\/][^\\/]*$/, ''));
  },
};

const newItem: Cmdlet = {
  name: 'New-Item',
  parameters: [{ name: 'Path', position: 0 }, { name: 'ItemType', aliases: ['Type'] }, { name: 'Name' }, { name: 'Value' }, { name: 'Force', isSwitch: true }],
  invoke(call) {
    const type = toStr(call.get('ItemType')).toLowerCase();
    if (type === 'directory') return;
    call.host.writeFile(toStr(call.get('Path')), toStr(call.get('Value')), false);
  },
};

const unsupportedFileSystem = (name: string): Cmdlet => ({
  name,
  parameters: [{ name: 'Path', position: 0, remaining: true }, { name: 'Filter' }, { name: 'Recurse', isSwitch: true }, { name: 'Force', isSwitch: true }],
  invoke() {
    throw new RuntimeFailure(`${name} walks the file system, which vnetsim ps does not model; map the files the script reads under files: in the answers.`, 'NotImplemented', 'FileSystemNotModelled', 'NotSupportedException', 'unsupported');
  },
});

const location: Cmdlet = {
  name: 'Set-Location',
  parameters: [{ name: 'Path', position: 0 }],
  invoke(call) {
    call.host.note(`Set-Location ${toStr(call.get('Path'))}: relative paths still resolve beside the script.`);
  },
};

/** Test-Path, Get-Content, Set-Content, Out-File and the path helpers, over the host's mapped files. */
export const FILE_CMDLETS: readonly Cmdlet[] = [
  testPath, getContent, writeContent('Set-Content', false), writeContent('Add-Content', true), outFile, joinPath, splitPath, newItem, location,
  { name: 'Remove-Item', parameters: [{ name: 'Path', position: 0 }, { name: 'Force', isSwitch: true }, { name: 'Recurse', isSwitch: true }], invoke(call) { call.host.note(`Remove-Item ${toStr(call.get('Path'))}: files are left in place.`); } },
  unsupportedFileSystem('Get-ChildItem'), unsupportedFileSystem('Copy-Item'),
];
