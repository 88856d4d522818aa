import type { DurationRange } from '../common/index.js';
import type { ComputeEventBody } from './events.js';
import type { InstanceStatus, Slot } from './model.js';
import type { ComputeLimits, ComputeProfile } from './profile.js';
import type { Refusal } from './refusal.js';
import type { VmLink } from './vm-table.js';

/**
 * What a rule may use besides the world: the time, the profile and limits, and seeded pickers for the random
 * choices the platform made (VIPs, auto public ports, MACs, fabric ranges). Pickers never touch the world.
 */
export interface DecideContext {
  nowMs: number;
  profile: ComputeProfile;
  limits: ComputeLimits;
  /** A free public IP from the shared pool (VIPs and gateways), avoiding `alsoTaken`. */
  pickPublicIp(alsoTaken?: ReadonlySet<string>): string;
  /** A random public port in the dynamic range for which `isTaken` is false. */
  pickPublicPort(isTaken: (port: number) => boolean): number;
  /** A random MAC in Hyper-V's 00-15-5D range. */
  pickMac(): string;
  /** A random private range for a deployment without a VNet. */
  pickFabricPrefix(): string;
  /** How long this one operation takes, drawn within a recorded range of the profile. */
  drawDurationMs(range: DurationRange): number;
}

/**
 * Work the clock must do later; decided again against the world when it fires, so stale actions do nothing. A VM
 * transition carries a link to the VM's record (a cache the VM table stands behind, see vm-table.ts).
 */
export type FollowUpAction =
  | ({ type: 'completeVmTransition'; from: InstanceStatus; sinceMs: number; to: InstanceStatus } & VmLink)
  | { type: 'releaseDiskLease'; disk: string; service: string; vm: string; deleteDisk: boolean }
  | { type: 'completeDeployment'; service: string; slot: Slot; name: string };

/** A follow-up action and its delay from now. */
export interface FollowUp {
  delayMs: number;
  action: FollowUpAction;
}

/** The outcome of deciding a command: events plus scheduled follow-ups, or a refusal. */
export type Decision = { ok: true; events: ComputeEventBody[]; followUps: FollowUp[] } | { ok: false; refusal: Refusal };

/** Accepts with events and optional follow-ups. */
export function accept(events: ComputeEventBody[], followUps: FollowUp[] = []): Decision {
  return { ok: true, events, followUps };
}

/** Refuses. */
export function reject(refusal: Refusal): Decision {
  return { ok: false, refusal };
}
