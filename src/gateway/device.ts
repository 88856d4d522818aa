import { assign, setup } from 'xstate';
import type { DeviceSpec } from './types.js';

/**
 * An on-premises VPN device as an actor: powered up or down, its internet link working or broken, and its own IKE
 * settings. The tunnel's far end reads it through the host when an answer would arrive.
 */

/** A device's settings apart from power (key, addresses, IKE versions, routing style, selectors, proposals, link). */
export type DeviceSettings = Omit<DeviceSpec, 'up'>;

/** A partial settings change (ConfigureDevice, SetLinkFault); undefined fields are left as they are. */
export type DeviceSettingsPatch = { [K in Exclude<keyof DeviceSettings, 'site'>]?: DeviceSettings[K] | undefined };

/** Events a device accepts. */
export type DeviceEvent =
  | { type: 'CONFIGURE'; patch: DeviceSettingsPatch }
  | { type: 'POWER'; up: boolean };

/** The device statechart: `up` ⇄ `down`, with settings in context. */
export const deviceMachine = setup({
  types: {
    context: {} as DeviceSettings,
    input: {} as DeviceSpec,
    events: {} as DeviceEvent,
  },
  actions: {
    applyPatch: assign(({ context, event }) => (event.type === 'CONFIGURE' ? mergeSettings(context, event.patch) : context)),
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => {
    const { up: _up, ...settings } = input;
    return settings;
  },
  initial: 'boot',
  states: {
    boot: { always: [{ guard: ({ event }) => isInitiallyUp(event), target: 'up' }, { target: 'down' }] },
    up: { on: { POWER: { guard: ({ event }) => !event.up, target: 'down' } } },
    down: { on: { POWER: { guard: ({ event }) => event.up, target: 'up' } } },
  },
  on: { CONFIGURE: { actions: 'applyPatch' } },
});

function isInitiallyUp(event: { type: string; input?: unknown }): boolean {
  const input = event.input as DeviceSpec | undefined;
  return input?.up ?? true;
}

function mergeSettings(settings: DeviceSettings, patch: DeviceSettingsPatch): DeviceSettings {
  const next: DeviceSettings = { ...settings };
  for (const [key, value] of Object.entries(patch) as [keyof DeviceSettingsPatch, unknown][]) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** The device a site gets when the scenario declares none: compatible with any gateway type, key '' (Azure's). */
export function createDefaultDevice(site: string, publicIp: string): DeviceSpec {
  return { site, sharedKey: '', publicIp, ikeVersions: [1, 2], routing: 'PolicyBased', up: true, reachable: true };
}
