import { describe, expect, it } from 'vitest';
import { mapRefusal } from '../../src/asm/index.js';

describe('engine refusals as the platform answered them', () => {
  it.each([
    // Recorded wording chosen by the asm table, whatever the engine said.
    ['gateway-not-provisioned', 'engine text', undefined, { status: 400, code: 'BadRequest', message: 'The current provisioning status of the gateway prevents this operation.' }],
    // Registry answer (N-RESZ): its status and code, with the platform's words the engine passed along.
    ['resize-needs-dynamic-routing', 'engine text', 'The current operation or request is invalid against Static-Routing gateway.',
      { status: 400, code: 'BadRequest', message: 'The current operation or request is invalid against Static-Routing gateway.' }],
    // Registry answer without platform words: the engine's message, which names the objects and the fix.
    ['multi-site-needs-dynamic-routing', 'VNet V has a StaticRouting gateway …', undefined, { status: 400, code: 'BadRequest', message: 'VNet V has a StaticRouting gateway …' }],
  ])('%s', (code, message, platformMessage, expected) => {
    expect(mapRefusal(code, message, { vnet: 'V' }, platformMessage)).toEqual(expected);
  });
});
