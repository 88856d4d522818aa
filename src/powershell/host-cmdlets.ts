import type { Cmdlet } from './cmdlet.js';
import { enumerate, hashtableToObject, toNumber, toStr } from './convert.js';
import { parseScript } from './parser.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsSyntaxError } from './syntax-error.js';
import { PsDate, PsHashtable, PsObject, PsScriptBlock, PsSecureString, formatDate } from './values.js';
import { XmlNamespaceManager } from './xml-xpath.js';

/** A PSCredential as Get-Credential returns it; GetNetworkCredential() gives the plain password back. */
export function makeCredential(user: string, password: PsSecureString): PsObject {
  return new PsObject('System.Management.Automation.PSCredential', { UserName: user, Password: password }).method('GetNetworkCredential', () => {
    const [domain, name] = user.includes('\\') ? user.split('\\') : ['', user];
    return new PsObject('System.Net.NetworkCredential', { UserName: name, Password: password.plain, SecurePassword: password, Domain: domain });
  });
}

const writeHost: Cmdlet = {
  name: 'Write-Host',
  parameters: [{ name: 'Object', position: 0, remaining: true, pipeline: 'value' }, { name: 'NoNewline', isSwitch: true }, { name: 'Separator' }, { name: 'ForegroundColor' }, { name: 'BackgroundColor' }],
  invoke(call) {
    const values = call.hasPipelineInput ? call.input : enumerate(call.get('Object'));
    const separator = call.has('Separator') ? toStr(call.get('Separator')) : ' ';
    call.write(values.map((v) => toStr(v)).join(separator), !call.has('NoNewline') || call.get('NoNewline') === false);
  },
};

function writeStream(name: string, prefix: string, shown: (verbose: boolean) => boolean): Cmdlet {
  return {
    name,
    parameters: [{ name: 'Message', position: 0, pipeline: 'value' }],
    invoke(call) {
      if (shown(call.has('Verbose') && call.get('Verbose') !== false)) call.write(`${prefix}${toStr(call.get('Message'))}`, true);
    },
  };
}

const writeWarning: Cmdlet = {
  name: 'Write-Warning',
  parameters: [{ name: 'Message', position: 0, pipeline: 'value' }],
  invoke(call) {
    call.writeWarning(toStr(call.get('Message')));
  },
};

const writeError: Cmdlet = {
  name: 'Write-Error',
  parameters: [{ name: 'Message', position: 0, pipeline: 'value' }, { name: 'Category' }, { name: 'ErrorId' }, { name: 'Exception' }],
  invoke(call) {
    const message = toStr(call.get('Message') ?? call.get('Exception'));
    call.writeError(new RuntimeFailure(message, toStr(call.get('Category') ?? 'NotSpecified'), toStr(call.get('ErrorId') ?? 'Microsoft.PowerShell.Commands.WriteErrorException'), 'Microsoft.PowerShell.Commands.WriteErrorException'));
  },
};

const startSleep: Cmdlet = {
  name: 'Start-Sleep',
  parameters: [{ name: 'Seconds', aliases: ['s'], position: 0 }, { name: 'Milliseconds', aliases: ['m'] }],
  invoke(call) {
    const ms = call.has('Milliseconds') ? toNumber(call.get('Milliseconds')) : toNumber(call.get('Seconds')) * 1000;
    call.host.sleep(ms);
  },
};

const getDate: Cmdlet = {
  name: 'Get-Date',
  parameters: [{ name: 'Date', position: 0, pipeline: 'value' }, { name: 'Format' }, { name: 'UFormat' }, { name: 'DisplayHint' }],
  invoke(call) {
    const date = call.get('Date') instanceof PsDate ? (call.get('Date') as PsDate) : new PsDate(call.host.nowMs());
    if (call.has('Format')) call.output(formatDate(date.ms, toStr(call.get('Format'))));
    else if (call.has('UFormat')) call.output(formatUFormat(date.ms, toStr(call.get('UFormat'))));
    else call.output(date);
  },
};

function formatUFormat(ms: number, format: string): string {
  const map: Record<string, string> = { Y: 'yyyy', y: 'yy', m: 'MM', d: 'dd', H: 'HH', M: 'mm', S: 'ss', A: 'dddd', a: 'ddd', B: 'MMMM', b: 'MMM', I: 'hh', p: 'tt' };
  return format.replace(/%(\w)/g, (_, code: string) => (map[code] === undefined ? `%${code}` : formatDate(ms, map[code] ?? '')));
}

const readHost: Cmdlet = {
  name: 'Read-Host',
  parameters: [{ name: 'Prompt', position: 0, remaining: true }, { name: 'AsSecureString', isSwitch: true }],
  invoke(call) {
    const prompt = call.has('Prompt') ? toStr(call.get('Prompt')) : '';
    const answer = call.host.readHost(prompt);
    call.write(prompt === '' ? answer : `${prompt}: ${call.has('AsSecureString') ? '*'.repeat(answer.length) : answer}`, true);
    call.output(call.has('AsSecureString') ? new PsSecureString(answer) : answer);
  },
};

const getCredential: Cmdlet = {
  name: 'Get-Credential',
  parameters: [{ name: 'Credential', position: 0 }, { name: 'UserName' }, { name: 'Message' }],
  invoke(call) {
    const answer = call.host.credential();
    const user = call.has('UserName') ? toStr(call.get('UserName')) : call.has('Credential') ? toStr(call.get('Credential')) : answer.user;
    call.output(makeCredential(user, new PsSecureString(answer.password)));
  },
};

const convertToSecureString: Cmdlet = {
  name: 'ConvertTo-SecureString',
  parameters: [{ name: 'String', position: 0, pipeline: 'value' }, { name: 'AsPlainText', isSwitch: true }, { name: 'Force', isSwitch: true }, { name: 'Key' }],
  invoke(call) {
    if (!call.has('AsPlainText')) throw new RuntimeFailure('ConvertTo-SecureString without -AsPlainText decrypts DPAPI data, which vnetsim ps cannot do.', 'NotImplemented', 'SecureStringDecrypt', 'NotSupportedException', 'unsupported');
    call.output(new PsSecureString(toStr(call.get('String'))));
  },
};

const newObject: Cmdlet = {
  name: 'New-Object',
  parameters: [{ name: 'TypeName', position: 0 }, { name: 'ArgumentList', aliases: ['Args'], position: 1 }, { name: 'Property' }],
  invoke(call) {
    const type = toStr(call.get('TypeName')).toLowerCase().replace(/^system\./, '');
    const args = enumerate(call.get('ArgumentList'));
    const property = call.get('Property');
    if (type === 'psobject' || type === 'management.automation.psobject' || type === 'pscustomobject') {
      call.output(property instanceof PsHashtable ? hashtableToObject(property) : new PsObject('System.Management.Automation.PSCustomObject'));
    } else if (type === 'xml.xmlnamespacemanager') call.output(new XmlNamespaceManager());
    else if (type === 'management.automation.pscredential' || type === 'pscredential') {
      const password = args[1];
      call.output(makeCredential(toStr(args[0]), password instanceof PsSecureString ? password : new PsSecureString(toStr(password))));
    } else if (type === 'collections.arraylist' || type === 'collections.generic.list[string]' || type === 'collections.generic.list[object]') {
      throw new RuntimeFailure(`New-Object ${toStr(call.get('TypeName'))}: growable lists are not supported by vnetsim ps; use an array and +=.`, 'NotImplemented', 'TypeNotSupported', 'NotSupportedException', 'unsupported');
    } else if (type === 'collections.hashtable') call.output(new PsHashtable());
    else throw new RuntimeFailure(`New-Object ${toStr(call.get('TypeName'))} is not supported by vnetsim ps.`, 'NotImplemented', 'TypeNotSupported', 'NotSupportedException', 'unsupported');
  },
};

function noOp(name: string, parameters: Cmdlet['parameters'] = [{ name: 'Name', position: 0, remaining: true }]): Cmdlet {
  return { name, parameters, invoke() { /* nothing to do in a simulated session (modules are loaded, the console has no screen) */ } };
}

// Remoting reaches into VMs the simulation does not run: recorded as a note, as the issue asks.
function remoting(name: string): Cmdlet {
  return {
    name,
    parameters: [{ name: 'ComputerName', aliases: ['Cn'] }, { name: 'ConnectionUri', aliases: ['URI', 'CU'] }, { name: 'ScriptBlock', position: 0 }, { name: 'Credential' }, { name: 'Session' }, { name: 'ArgumentList', aliases: ['Args'] }, { name: 'Port' }, { name: 'UseSSL', isSwitch: true }, { name: 'SessionOption' }, { name: 'Authentication' }, { name: 'Name' }],
    invoke(call) {
      const target = toStr(call.get('ConnectionUri') ?? call.get('ComputerName') ?? call.get('Session') ?? '');
      call.host.note(`${name} ${target}: remoting into a VM is not simulated; recorded as a no-op.`);
      if (name === 'New-PSSession') call.output(new PsObject('System.Management.Automation.Runspaces.PSSession', { ComputerName: target, State: 'Opened' }));
    },
  };
}

// The text is parsed when the command runs and runs in the caller's scope, as `iex` did; a construct vnetsim cannot
// run is still refused by name (exit 2), now at run time.
const invokeExpression: Cmdlet = {
  name: 'Invoke-Expression',
  parameters: [{ name: 'Command', position: 0, pipeline: 'value', mandatory: true }],
  perItem: true,
  invoke(call) {
    const text = toStr(call.get('Command'));
    let block;
    try {
      block = parseScript(text);
    } catch (error) {
      if (!(error instanceof PsSyntaxError)) throw error;
      if (error.kind === 'unsupported') throw new RuntimeFailure(error.message, 'NotImplemented', 'InvokeExpression', 'NotSupportedException', 'unsupported');
      throw new RuntimeFailure(`At line:${error.pos.line} char:${error.pos.column}\n+ ${text.split(/\r?\n/)[error.pos.line - 1] ?? ''}\n${error.message}`, 'ParserError', 'ParseException', 'System.Management.Automation.ParseException');
    }
    for (const value of call.invokeBlock(new PsScriptBlock(block), null)) call.output(value);
  },
};

// Jobs run at once on the simulated clock; Receive-Job hands back their output.
const startJob: Cmdlet = {
  name: 'Start-Job',
  parameters: [{ name: 'ScriptBlock', position: 0 }, { name: 'ArgumentList', aliases: ['Args'] }, { name: 'Name' }],
  invoke(call) {
    const block = call.get('ScriptBlock');
    if (!(block instanceof PsScriptBlock)) throw new RuntimeFailure('Start-Job needs -ScriptBlock.', 'InvalidArgument', 'MissingScriptBlock', 'ParameterBindingException');
    const output = call.invokeBlock(block, null, enumerate(call.get('ArgumentList')));
    call.host.note('Start-Job: the job ran to completion at once on the simulated clock.');
    call.output(new PsObject('System.Management.Automation.PSRemotingJob', { Id: 1, Name: toStr(call.get('Name') ?? 'Job1'), State: 'Completed', HasMoreData: output.length > 0, Output: output }));
  },
};

const receiveJob: Cmdlet = {
  name: 'Receive-Job',
  perItem: true,
  parameters: [{ name: 'Job', position: 0, pipeline: 'value' }, { name: 'Wait', isSwitch: true }, { name: 'AutoRemoveJob', isSwitch: true }],
  invoke(call) {
    for (const job of enumerate(call.get('Job'))) if (job instanceof PsObject) for (const v of enumerate(job.get('Output'))) call.output(v);
  },
};

const waitJob: Cmdlet = {
  name: 'Wait-Job',
  perItem: true,
  parameters: [{ name: 'Job', position: 0, pipeline: 'value' }, { name: 'Timeout' }],
  invoke(call) {
    for (const job of enumerate(call.get('Job'))) call.output(job);
  },
};

/** Console, prompts, time, objects, remoting and jobs. */
export const HOST_CMDLETS: readonly Cmdlet[] = [
  writeHost, writeWarning, writeError, writeStream('Write-Verbose', 'VERBOSE: ', (v) => v), writeStream('Write-Debug', 'DEBUG: ', () => false),
  startSleep, getDate, readHost, getCredential, convertToSecureString, newObject, invokeExpression, startJob, receiveJob, waitJob,
  noOp('Import-Module'), noOp('Clear-Host', []), noOp('Set-StrictMode', [{ name: 'Version' }, { name: 'Off', isSwitch: true }]), noOp('Remove-Job'),
  noOp('Set-ExecutionPolicy', [{ name: 'ExecutionPolicy', position: 0 }, { name: 'Scope' }, { name: 'Force', isSwitch: true }]),
  noOp('Remove-PSSession'), noOp('Exit-PSSession', []),
  remoting('Invoke-Command'), remoting('Enter-PSSession'), remoting('New-PSSession'),
];
