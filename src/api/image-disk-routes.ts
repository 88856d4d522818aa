import {
  IMAGE_GALLERY, computeErrors, decideCreateDisk, decideDeleteDisk, findGalleryImage, toMutation, type GalleryImage,
  type LooseDataDiskRecord,
} from '../asm/index.js';
import type { Disk, World } from '../sim/index.js';
import { readCreateDisk } from './compute-request-xml.js';
import { withBody } from './compute-routes.js';
import type { ApiContext, Route } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { answerMutation, emptyResponse } from './route-answers.js';
import { optionalElement, parentElement, textElement, type XmlNode } from './xml-writer.js';

/**
 * OS images (the era's gallery plus images registered in the world), VM images, and disks (asm-recorded.md §4):
 * OS disks come from the engine with the lease a VM holds — or still holds a while after it was deleted
 * (compute-lifecycle.md §3.6) — and data disks from the records.
 */

/** OSImage: the platform images are Category Public; images registered by the subscription are User. */
function osImageXml(image: GalleryImage | { name: string; os: string }): XmlNode {
  const gallery = 'family' in image ? image : undefined;
  return parentElement('OSImage', [
    textElement('Category', gallery === undefined ? 'User' : 'Public'),
    textElement('Label', gallery?.label ?? image.name),
    textElement('LogicalSizeInGB', gallery?.logicalSizeInGb ?? 30),
    textElement('Name', image.name),
    textElement('OS', image.os),
    ...optionalElement('ImageFamily', gallery?.family),
    ...optionalElement('PublishedDate', gallery === undefined ? undefined : `${gallery.publishedDate}T07:00:00Z`),
    textElement('IsPremium', 'false'),
    ...optionalElement('RecommendedVMSize', gallery?.recommendedVmSize),
    ...optionalElement('PublisherName', gallery?.publisher),
  ]);
}

function listImages(world: World): XmlNode[] {
  const custom = Object.values(world.images).filter((image) => findGalleryImage(image.name) === undefined);
  return [...IMAGE_GALLERY.map(osImageXml), ...custom.map(osImageXml)];
}

/** The region a disk lives in: its (last) VM's service region. */
function diskLocation(world: World, disk: Disk): string {
  const service = disk.lease === null ? undefined : world.services[disk.lease.service];
  return service?.region ?? 'West US';
}

/** Disk, in the platform's DataContract order (asm-recorded.md §4). */
function osDiskXml(disk: Disk, context: ApiContext): XmlNode {
  const world = context.state.world;
  const lease = disk.lease;
  const media = context.state.compute.osDiskMedia[disk.name]?.mediaLink
    ?? (lease === null ? undefined : context.state.compute.roles[`${lease.service}/${lease.vm}`]?.osDiskMediaLink)
    ?? `https://portalvhds.blob.core.windows.net/vhds/${disk.name}.vhd`;
  return parentElement('Disk', [
    ...(lease === null ? [] : [parentElement('AttachedTo', [textElement('DeploymentName', lease.deployment), textElement('HostedServiceName', lease.service), textElement('RoleName', lease.vm)])]),
    textElement('OS', disk.os),
    textElement('Label', context.state.compute.osDiskMedia[disk.name]?.label ?? disk.name),
    textElement('Location', diskLocation(world, disk)),
    textElement('LogicalDiskSizeInGB', disk.os === 'Windows' ? 127 : 30),
    textElement('MediaLink', media),
    textElement('Name', disk.name),
    ...optionalElement('SourceImageName', disk.sourceImage ?? undefined),
    textElement('IsPremium', 'false'),
    textElement('IOType', 'Standard'),
  ]);
}

function dataDiskXml(disk: LooseDataDiskRecord | (LooseDataDiskRecord & { attachedTo: { service: string; deployment: string; vm: string } })): XmlNode {
  const attached = 'attachedTo' in disk ? disk.attachedTo : undefined;
  return parentElement('Disk', [
    ...(attached === undefined ? [] : [parentElement('AttachedTo', [textElement('DeploymentName', attached.deployment), textElement('HostedServiceName', attached.service), textElement('RoleName', attached.vm)])]),
    textElement('Label', disk.label),
    textElement('Location', 'West US'),
    textElement('LogicalDiskSizeInGB', disk.sizeGb),
    textElement('MediaLink', disk.mediaLink),
    textElement('Name', disk.name),
    textElement('IsPremium', 'false'),
    textElement('IOType', 'Standard'),
  ]);
}

function listDisks(context: ApiContext): XmlNode[] {
  const { world, compute } = context.state;
  const attached = Object.entries(compute.roles).flatMap(([key, role]) => {
    const [service = '', vm = ''] = key.split('/');
    const deployment = world.services[service]?.deployments.production?.name ?? service;
    return role.dataDisks.map((d) => dataDiskXml({ ...d, os: null, attachedTo: { service, deployment, vm } }));
  });
  return [...[...world.disks.values()].map((d) => osDiskXml(d, context)), ...attached, ...Object.values(compute.looseDataDisks).map(dataDiskXml)];
}

/** Every image and disk route. */
export const imageDiskRoutes: Route[] = [
  { method: 'GET', path: 'services/images', handle: (context) => ({ status: 200, body: parentElement('Images', listImages(context.state.world)) }) },
  {
    method: 'GET', path: 'services/images/{name}',
    handle: (context) => {
      const name = context.params['name'] ?? '';
      const image = findGalleryImage(name) ?? context.state.world.images[name];
      return image === undefined ? errorResponse(computeErrors.imageNotFound(name)) : { status: 200, body: osImageXml(image) };
    },
  },
  // The subscription offers no captured VM images; the gallery is OS images (Get-AzureVMImage lists both kinds).
  { method: 'GET', path: 'services/vmimages', handle: () => ({ status: 200, body: parentElement('VMImages', []) }) },
  { method: 'GET', path: 'services/disks', handle: (context) => ({ status: 200, body: parentElement('Disks', listDisks(context)) }) },
  {
    method: 'GET', path: 'services/disks/{name}',
    handle: (context) => {
      const name = context.params['name'] ?? '';
      const disk = context.state.world.disks.get(name);
      const loose = context.state.compute.looseDataDisks[name];
      if (disk !== undefined) return { status: 200, body: osDiskXml(disk, context) };
      return loose === undefined ? errorResponse(computeErrors.diskNotFound(name)) : { status: 200, body: dataDiskXml(loose) };
    },
  },
  {
    method: 'POST', path: 'services/disks', body: 'Disk',
    handle: (context) => withBody(context, readCreateDisk, (request) =>
      answerMutation(context, toMutation(decideCreateDisk(context.state.world, context.state.compute, request), undefined), {}, () => {
        const disk = context.state.world.disks.get(request.name);
        const loose = context.state.compute.looseDataDisks[request.name];
        return { status: 200, body: disk !== undefined ? osDiskXml(disk, context) : loose !== undefined ? dataDiskXml(loose) : undefined };
      })),
  },
  {
    method: 'DELETE', path: 'services/disks/{name}',
    handle: (context) => answerMutation(context, toMutation(decideDeleteDisk(context.state.world, context.state.compute, context.params['name'] ?? ''), undefined), {}, () => emptyResponse(200)),
  },
];

