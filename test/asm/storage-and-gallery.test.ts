import { describe, expect, it } from 'vitest';
import { IMAGE_GALLERY, decideCreateStorageAccount, findGalleryImage, listStorageAccounts } from '../../src/asm/index.js';
import { apply, startSubscription } from './compute-helpers.js';

const LOCATIONS = ['West US', 'East US'];

describe('image gallery', () => {
  it('lists the era images under their real names, unique, each with an OS and a family', () => {
    expect(new Set(IMAGE_GALLERY.map((i) => i.name)).size).toBe(IMAGE_GALLERY.length);
    expect(findGalleryImage('a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201410.01-en.us-127GB.vhd')).toMatchObject({ os: 'Windows', family: 'Windows Server 2012 R2 Datacenter' });
    expect(findGalleryImage('b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_1-LTS-amd64-server-20140927-en-us-30GB')).toMatchObject({ os: 'Linux', family: 'Ubuntu Server 14.04 LTS' });
    expect(findGalleryImage('ubuntu')).toBeUndefined();
  });
});

describe('storage accounts', () => {
  it('has a seeded account per location and per affinity group, so vm create finds one', () => {
    const sub = startSubscription();
    expect(listStorageAccounts(sub.sim.world, sub.records, LOCATIONS).map((a) => [a.name, a.location, a.affinityGroup])).toEqual([
      ['portalvhdswestus', 'West US', null],
      ['portalvhdseastus', 'East US', null],
      ['portalvhdsagcorpag', null, 'CorpAG'],
    ]);
  });

  it.each([
    ['a valid new name', 'mystore1', 'accepted'],
    ['upper case', 'MyStore', 'refused'],
    ['a seeded name', 'portalvhdswestus', 'refused'],
  ])('create with %s is %s', (_what, name, kind) => {
    const sub = startSubscription();
    const request = { serviceName: name, label: name, description: null, location: 'West US', affinityGroup: null, accountType: 'Standard_LRS' };
    expect(apply(sub, decideCreateStorageAccount(sub.sim.world, sub.records, LOCATIONS, request, 5)).kind).toBe(kind);
    expect(listStorageAccounts(sub.sim.world, sub.records, LOCATIONS).some((a) => a.name === name && a.createdMs === 5)).toBe(kind === 'accepted');
  });
});
