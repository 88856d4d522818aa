import { enumerate, resolveTypeName, toNumber, toStr } from './convert.js';
import { formatComposite } from './format-operator.js';
import type { PsHost } from './host.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsDate, PsObject, PsSecureString } from './values.js';

/** An unmanaged copy of a SecureString's text (`[Marshal]::SecureStringToBSTR`), shown as the pointer it was. */
export class PsBstr {
  constructor(readonly secure: PsSecureString) {}

  toString(): string {
    return '2147352576';
  }
}

/** A type literal as a value (`[DateTime]`, `[int]`): the left of `::` and the right of `-is`. */
export class PsType {
  constructor(readonly name: string) {}

  toString(): string {
    return this.name;
  }
}

function unsupportedStatic(type: PsType, member: string): RuntimeFailure {
  return new RuntimeFailure(`[${type.name}]::${member} is not supported by vnetsim ps.`, 'NotImplemented', 'StaticMemberNotSupported', 'RuntimeException', 'unsupported');
}

/** `[Type]::Property`. */
export function getStaticMember(type: PsType, member: string, host: PsHost): unknown {
  const full = resolveTypeName(type.name).toLowerCase();
  const key = `${full}::${member.toLowerCase()}`;
  switch (key) {
    case 'system.datetime::now': case 'system.datetime::utcnow': return new PsDate(host.nowMs());
    case 'system.datetime::today': return new PsDate(host.nowMs() - (host.nowMs() % 86_400_000));
    case 'system.string::empty': return '';
    case 'system.environment::newline': return '\r\n';
    case 'system.environment::machinename': return host.env('COMPUTERNAME') ?? 'WORKSTATION';
    case 'system.environment::username': return host.env('USERNAME') ?? 'admin';
    case 'system.int32::maxvalue': return 2147483647;
    case 'system.int32::minvalue': return -2147483648;
    case 'system.math::pi': return Math.PI;
    default: throw unsupportedStatic(type, member);
  }
}

/** `[Type]::Method(args)`. */
export function invokeStaticMethod(type: PsType, member: string, args: unknown[], host: PsHost): unknown {
  const full = resolveTypeName(type.name).toLowerCase().replace(/^(?!system\.)/, 'system.');
  const a = (i: number): unknown => args[i] ?? null;
  const n = (i: number): number => toNumber(a(i), 'System.Double');
  switch (`${full}::${member.toLowerCase()}`) {
    case 'system.string::isnullorempty': return a(0) === null || toStr(a(0)) === '';
    case 'system.string::isnullorwhitespace': return a(0) === null || toStr(a(0)).trim() === '';
    case 'system.string::join': return enumerate(args.length > 2 ? args.slice(1) : a(1)).map(toStr).join(toStr(a(0)));
    case 'system.string::format': return formatComposite(toStr(a(0)), args.length === 2 && Array.isArray(a(1)) ? (a(1) as unknown[]) : args.slice(1));
    case 'system.string::concat': return args.map(toStr).join('');
    case 'system.math::round': return args.length > 1 ? Number(n(0).toFixed(n(1))) : Math.round(n(0));
    case 'system.math::floor': return Math.floor(n(0));
    case 'system.math::ceiling': return Math.ceil(n(0));
    case 'system.math::truncate': return Math.trunc(n(0));
    case 'system.math::abs': return Math.abs(n(0));
    case 'system.math::max': return Math.max(n(0), n(1));
    case 'system.math::min': return Math.min(n(0), n(1));
    case 'system.math::pow': return n(0) ** n(1);
    case 'system.int32::parse': return toNumber(a(0));
    case 'system.datetime::parse': return new PsDate(Date.parse(`${toStr(a(0))} UTC`));
    case 'system.guid::newguid': {
      const guid = host.newGuid();
      return new PsObject('System.Guid', { Guid: guid }, () => guid);
    }
    case 'system.io.path::combine': return args.map(toStr).reduce((acc, part) => (acc === '' ? part : `${acc.replace(/\\$/, '')}\\${part.replace(/^\\/, '')}`), '');
    case 'system.io.path::getfilename': return toStr(a(0)).split(/[\\/]/).pop() ?? '';
    case 'system.io.path::getdirectoryname': return toStr(a(0)).replace(/[\\/][^\\/]*$/, '');
    case 'system.io.path::getextension': return /\.[^.\\/]*$/.exec(toStr(a(0)))?.[0] ?? '';
    case 'system.io.path::getfilenamewithoutextension': return (toStr(a(0)).split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
    case 'system.io.path::gettemppath': return 'C:\\Users\\admin\\AppData\\Local\\Temp\\';
    case 'system.io.file::exists': return host.fileExists(toStr(a(0)));
    case 'system.io.file::readalltext': return host.readFile(toStr(a(0)));
    case 'system.io.file::readalllines': return host.readFile(toStr(a(0))).split(/\r?\n/);
    case 'system.io.file::writealltext': host.writeFile(toStr(a(0)), toStr(a(1)), false); return null;
    case 'system.threading.thread::sleep': host.sleep(n(0)); return null;
    case 'system.console::writeline': host.writeLine(toStr(a(0))); return null;
    // The era's idiom for a SecureString's text: SecureStringToBSTR, then PtrToStringAuto.
    case 'system.runtime.interopservices.marshal::securestringtobstr': return new PsBstr(a(0) instanceof PsSecureString ? a(0) as PsSecureString : new PsSecureString(toStr(a(0))));
    case 'system.runtime.interopservices.marshal::ptrtostringauto':
    case 'system.runtime.interopservices.marshal::ptrtostringbstr':
    case 'system.runtime.interopservices.marshal::ptrtostringuni': {
      const pointer = a(0);
      return pointer instanceof PsBstr ? pointer.secure.plain : null;
    }
    case 'system.runtime.interopservices.marshal::zerofreebstr': return null;
    default: throw unsupportedStatic(type, `${member}()`);
  }
}
