import type { SourceRef } from '../common/index.js';

/** A scenario line that decided a VM or one of its endpoints, in the order the scenario reads. */
interface VmSourceRef {
  service: string;
  vm: string;
  /** The endpoint's name, or undefined for the VM itself. */
  endpoint: string | undefined;
  at: SourceRef;
}

/** Lookups answered by scanning before the lines are filed by key: a one-pair question reads a handful of VMs. */
const SCANS_BEFORE_FILING = 16;

/**
 * The scenario lines that decided each VM and endpoint, the last one per object winning. A large scenario creates
 * 200k VMs, and filing each line under a composed `service/vm` key costs more than a question about two VMs takes:
 * the first lookups scan the lines instead, and only a caller that keeps asking (every VM read) gets them filed.
 */
export class VmSourceRefs {
  private readonly refs: VmSourceRef[] = [];
  private filed: Map<string, SourceRef> | undefined;
  private scans = 0;

  /** Notes a line deciding a VM (`endpoint` undefined) or one of its endpoints. */
  add(service: string, vm: string, endpoint: string | undefined, at: SourceRef): void {
    this.refs.push({ service, vm, endpoint, at });
  }

  /** The last line deciding the VM under a `service/vm` key, or its endpoint under `service/vm/endpoint`. */
  find(kind: 'vm' | 'endpoint', key: string): SourceRef | undefined {
    if (this.filed === undefined && this.scans++ >= SCANS_BEFORE_FILING) this.filed = this.file();
    if (this.filed !== undefined) return this.filed.get(`${kind} ${key}`);
    for (let i = this.refs.length - 1; i >= 0; i--) {
      const ref = this.refs[i]!;
      if ((ref.endpoint === undefined) === (kind === 'vm') && isKeyOf(key, ref)) return ref.at;
    }
    return undefined;
  }

  private file(): Map<string, SourceRef> {
    const filed = new Map<string, SourceRef>();
    for (const ref of this.refs) filed.set(`${ref.endpoint === undefined ? 'vm' : 'endpoint'} ${keyOf(ref)}`, ref.at);
    return filed;
  }
}

/** Whether `key` is keyOf(ref), compared in place: a scan composing a key per line costs a string per line. */
function isKeyOf(key: string, ref: VmSourceRef): boolean {
  let at = matchPart(key, 0, ref.service);
  if (key.charCodeAt(at) !== SLASH) return false;
  at = matchPart(key, at + 1, ref.vm);
  if (ref.endpoint !== undefined) {
    if (key.charCodeAt(at) !== SLASH) return false;
    at = matchPart(key, at + 1, ref.endpoint);
  }
  return at === key.length;
}

/** Where `part` ends when the key holds it at `at`, else -1 (at which no character and no end is found). */
function matchPart(key: string, at: number, part: string): number {
  return key.startsWith(part, at) ? at + part.length : -1;
}

const SLASH = '/'.charCodeAt(0);

function keyOf(ref: VmSourceRef): string {
  return ref.endpoint === undefined ? `${ref.service}/${ref.vm}` : `${ref.service}/${ref.vm}/${ref.endpoint}`;
}
