import type { OsFamily } from '../sim/index.js';

/**
 * The platform images of 2014–2015 under the names `azure vm image list` and Get-AzureVMImage printed, so scripts
 * that name an image run unchanged. Each name was found in a public script or tool of the era (cited per entry);
 * the publisher prefixes are the platform's own (a699494373c04fc0bc8f2bb1389d6106 for Windows Server,
 * b39f27a8b8c64d52b05eac6a62ebad85 for Canonical).
 */

/** One platform OS image (GET /services/images). */
export interface GalleryImage {
  name: string;
  os: OsFamily;
  /** Get-AzureVMImage's ImageFamily, which scripts filter on ("Windows Server 2012 R2 Datacenter"). */
  family: string;
  label: string;
  publisher: string;
  /** ISO date the image was published; scripts sort on it to pick the newest of a family. */
  publishedDate: string;
  logicalSizeInGb: number;
  recommendedVmSize: string;
}

const WINDOWS_PREFIX = 'a699494373c04fc0bc8f2bb1389d6106__';
const UBUNTU_PREFIX = 'b39f27a8b8c64d52b05eac6a62ebad85__';

function windows2012R2(version: string, publishedDate: string): GalleryImage {
  return {
    name: `${WINDOWS_PREFIX}Windows-Server-2012-R2-${version}-en.us-127GB.vhd`,
    os: 'Windows',
    family: 'Windows Server 2012 R2 Datacenter',
    label: `Windows Server 2012 R2 Datacenter, ${publishedDate.slice(0, 7)}`,
    publisher: 'Microsoft Windows Server Group',
    publishedDate,
    logicalSizeInGb: 128,
    recommendedVmSize: 'Small',
  };
}

function ubuntu1404(point: string, build: string, publishedDate: string): GalleryImage {
  return {
    name: `${UBUNTU_PREFIX}Ubuntu-14_04${point}-LTS-amd64-server-${build}-en-us-30GB`,
    os: 'Linux',
    family: 'Ubuntu Server 14.04 LTS',
    label: `Ubuntu Server 14.04${point.replace('_', '.')} LTS`,
    publisher: 'Canonical',
    publishedDate,
    logicalSizeInGb: 30,
    recommendedVmSize: 'Small',
  };
}

/** The gallery, oldest first within each family (the order the platform listed them). */
export const IMAGE_GALLERY: readonly GalleryImage[] = [
  // 201404.01: SharePoint/AD lab scripts of 2014 ("$image = 'a699…__Windows-Server-2012-R2-201404.01-en.us-127GB.vhd'").
  windows2012R2('201404.01', '2014-04-17'),
  // 201409.01: xAzureVM DSC examples and Standard_DS walkthroughs of late 2014.
  windows2012R2('201409.01', '2014-09-18'),
  // 201410.01: azure-content "Get-AzureVMImage -ImageName …201410.01…" (localized copies of the create-VM article).
  windows2012R2('201410.01', '2014-10-16'),
  // 201503.01: azure-content "manage VMs with PowerShell" (New-AzureVMConfig -ImageName …201503.01…).
  windows2012R2('201503.01', '2015-03-20'),
  // 20140927: docker-machine's azure driver default image and knife-azure's README.
  ubuntu1404('_1', '20140927', '2014-09-27'),
  // 20141125: ELK sample PowerShell and drone setup notes ("azure vm create … __Ubuntu-14_04_1-LTS-amd64-server-20141125…").
  ubuntu1404('_1', '20141125', '2014-11-25'),
  // 20150506: vagrant-azure Vagrantfiles of 2015.
  ubuntu1404('_2', '20150506', '2015-05-06'),
  // 20150706: puppetlabs-toy-chest/puppetlabs-azure tests/init.pp (azure_vm image).
  ubuntu1404('_2', '20150706', '2015-07-06'),
];

/** Finds a gallery image by its exact name (the platform matched image names exactly). */
export function findGalleryImage(name: string): GalleryImage | undefined {
  return IMAGE_GALLERY.find((image) => image.name === name);
}
