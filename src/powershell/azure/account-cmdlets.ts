import { IMAGE_GALLERY, decideCreateHostedService, decideCreateStorageAccount, decideDeleteHostedService, isValidStorageAccountName, listStorageAccounts } from '../../asm/index.js';
import { PsDate, PsObject } from '../values.js';
import { azureCmdlet, isSet, optionalString, reportOperation, requiredString, writePlatformError } from './azure-cmdlet.js';
import type { AzureSession } from './azure-session.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';

/** The regions storage accounts are seeded in until the emulator's location list is shared. */
const SEEDED_LOCATIONS: readonly string[] = [];

/** New-AzureService -ServiceName (-Location | -AffinityGroup). */
const newAzureService = azureCmdlet('New-AzureService', [
  { name: 'ServiceName', position: 0, mandatory: true }, { name: 'Location', position: 3 }, { name: 'AffinityGroup', position: 3 }, { name: 'Label', position: 1 },
  { name: 'Description', position: 2 }, { name: 'ReverseDnsFqdn' },
], (call, session) => {
  const request = {
    serviceName: requiredString(call, 'ServiceName'), label: optionalString(call, 'Label') ?? requiredString(call, 'ServiceName'), description: optionalString(call, 'Description') ?? null,
    location: optionalString(call, 'Location') ?? null, affinityGroup: optionalString(call, 'AffinityGroup') ?? null, extendedProperties: {},
  };
  reportOperation(call, session.perform(decideCreateHostedService(session.world, request, session.nowMs())));
});

/** Get-AzureService [-ServiceName]. */
const getAzureService = azureCmdlet('Get-AzureService', [{ name: 'ServiceName', position: 0, pipeline: 'property' }], (call, session) => {
  const wanted = optionalString(call, 'ServiceName');
  if (wanted !== undefined && session.world.services[wanted] === undefined) {
    return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: `The hosted service does not exist.` });
  }
  for (const service of Object.values(session.world.services)) {
    if (wanted !== undefined && service.name !== wanted) continue;
    const record = session.records.services[service.name];
    call.output(new PsObject(`${MODEL}.HostedServiceDetailedContext`, {
      ServiceName: service.name, Url: `https://management.core.windows.net/subscriptions/services/hostedservices/${service.name}`, Label: record?.label ?? service.name,
      Description: record?.description ?? null, Location: service.affinityGroup === null ? service.region : null, AffinityGroup: service.affinityGroup,
      Status: 'Created', DateCreated: session.dateAt(record?.createdMs ?? 0), OperationDescription: 'Get-AzureService', OperationId: session.nextOperationId(), OperationStatus: 'Succeeded',
    }));
  }
});

/** Remove-AzureService -ServiceName [-DeleteAll] [-Force]. */
const removeAzureService = azureCmdlet('Remove-AzureService', [{ name: 'ServiceName', position: 0, mandatory: true, pipeline: 'property' }, { name: 'Force', isSwitch: true }, { name: 'DeleteAll', isSwitch: true }], (call, session) => {
  reportOperation(call, session.perform(decideDeleteHostedService(session.world, session.records, requiredString(call, 'ServiceName'), isSet(call, 'DeleteAll'))));
});

/** Test-AzureName -Service|-Storage NAME: True when the name is taken. */
const testAzureName = azureCmdlet('Test-AzureName', [{ name: 'Service', isSwitch: true }, { name: 'Storage', isSwitch: true }, { name: 'Name', position: 0, mandatory: true }], (call, session) => {
  const name = requiredString(call, 'Name');
  if (isSet(call, 'Storage')) call.output(listStorageAccounts(session.world, session.records, SEEDED_LOCATIONS).some((a) => a.name === name));
  else call.output(session.world.services[name] !== undefined);
});

/** New-AzureStorageAccount -StorageAccountName (-Location | -AffinityGroup). */
const newStorageAccount = azureCmdlet('New-AzureStorageAccount', [
  { name: 'StorageAccountName', aliases: ['ServiceName'], position: 0, mandatory: true }, { name: 'Location' }, { name: 'AffinityGroup' }, { name: 'Label' },
  { name: 'Description' }, { name: 'Type' },
], (call, session) => {
  const name = requiredString(call, 'StorageAccountName');
  const request = {
    serviceName: name, label: optionalString(call, 'Label') ?? name, description: optionalString(call, 'Description') ?? null, location: optionalString(call, 'Location') ?? null,
    affinityGroup: optionalString(call, 'AffinityGroup') ?? null, accountType: optionalString(call, 'Type') ?? 'Standard_GRS',
  };
  reportOperation(call, session.perform(decideCreateStorageAccount(session.world, session.records, SEEDED_LOCATIONS, request, session.nowMs())));
});

/** Get-AzureStorageAccount [-StorageAccountName]. */
const getStorageAccount = azureCmdlet('Get-AzureStorageAccount', [{ name: 'StorageAccountName', aliases: ['ServiceName'], position: 0 }], (call, session) => {
  const wanted = optionalString(call, 'StorageAccountName');
  for (const account of listStorageAccounts(session.world, session.records, SEEDED_LOCATIONS)) {
    if (wanted !== undefined && account.name !== wanted) continue;
    call.output(new PsObject(`${MODEL}.StorageServicePropertiesOperationContext`, {
      StorageAccountName: account.name, Label: account.label, Location: account.location, AffinityGroup: account.affinityGroup, StorageAccountStatus: 'Created',
      AccountType: account.accountType, Endpoints: [`https://${account.name}.blob.core.windows.net/`, `https://${account.name}.queue.core.windows.net/`, `https://${account.name}.table.core.windows.net/`],
    }));
  }
  if (wanted !== undefined && !isValidStorageAccountName(wanted)) writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: `The storage account '${wanted}' was not found.` });
});

/** The account cmdlets act on the one simulated subscription; what they were given is remembered, nothing else. */
const setAzureSubscription = azureCmdlet('Set-AzureSubscription', [
  { name: 'SubscriptionName', position: 0 }, { name: 'CurrentStorageAccountName', aliases: ['CurrentStorageAccount'] }, { name: 'SubscriptionId' }, { name: 'Certificate' },
  { name: 'ServiceEndpoint' }, { name: 'Environment' }, { name: 'Context' },
], (call, session) => {
  const name = optionalString(call, 'SubscriptionName');
  if (name !== undefined) session.subscriptionName = name;
  if (call.has('CurrentStorageAccountName')) session.currentStorageAccount = optionalString(call, 'CurrentStorageAccountName');
});

const selectAzureSubscription = azureCmdlet('Select-AzureSubscription', [
  { name: 'SubscriptionName', position: 0 }, { name: 'SubscriptionId' }, { name: 'Current', isSwitch: true }, { name: 'Default', isSwitch: true }, { name: 'Account' }, { name: 'NoCurrent', isSwitch: true },
], (call, session) => {
  const name = optionalString(call, 'SubscriptionName');
  if (name !== undefined) session.subscriptionName = name;
});

function describeSubscription(session: AzureSession): PsObject {
  return new PsObject('Microsoft.WindowsAzure.Commands.Utilities.Common.AzureSubscription', {
    SubscriptionName: session.subscriptionName, SubscriptionId: '00000000-0000-0000-0000-000000000000', ServiceEndpoint: 'https://management.core.windows.net/',
    CurrentStorageAccountName: session.currentStorageAccount ?? null, IsDefault: true, IsCurrent: true,
  });
}

const getAzureSubscription = azureCmdlet('Get-AzureSubscription', [{ name: 'SubscriptionName', position: 0 }, { name: 'Current', isSwitch: true }, { name: 'Default', isSwitch: true }, { name: 'ExtendedDetails', isSwitch: true }], (call, session) => {
  call.output(describeSubscription(session));
});

const importPublishSettings = azureCmdlet('Import-AzurePublishSettingsFile', [{ name: 'PublishSettingsFile', position: 0 }, { name: 'SubscriptionDataFile' }, { name: 'Environment' }], (call, session) => {
  call.host.note(`Import-AzurePublishSettingsFile ${optionalString(call, 'PublishSettingsFile') ?? ''}: the script acts on the simulated subscription.`);
  call.output(describeSubscription(session));
});

const addAzureAccount = azureCmdlet('Add-AzureAccount', [{ name: 'Credential' }, { name: 'Environment' }, { name: 'Tenant' }], (call) => {
  call.host.note('Add-AzureAccount: signed in to the simulated subscription.');
  call.output(new PsObject('Microsoft.WindowsAzure.Commands.Profile.Models.PSAzureAccount', { Id: 'admin@contoso.onmicrosoft.com', Type: 'User', Subscriptions: '00000000-0000-0000-0000-000000000000', Tenants: 'contoso.onmicrosoft.com' }));
});

/** Get-AzureVMImage [-ImageName]: the era's gallery under its real names, plus the subscription's own images. */
const getAzureVmImage = azureCmdlet('Get-AzureVMImage', [{ name: 'ImageName', position: 0 }], (call, session) => {
  const wanted = optionalString(call, 'ImageName');
  const own = Object.values(session.world.images).filter((image) => !IMAGE_GALLERY.some((g) => g.name === image.name));
  const rows = [
    ...IMAGE_GALLERY.map((g) => ({ name: g.name, os: g.os, label: g.label, family: g.family, published: Date.parse(g.publishedDate), size: g.logicalSizeInGb, publisher: g.publisher, category: 'Public', recommended: g.recommendedVmSize })),
    ...own.map((i) => ({ name: i.name, os: i.os, label: i.name, family: null, published: 0, size: 127, publisher: null, category: 'User', recommended: null })),
  ];
  const matching = rows.filter((r) => wanted === undefined || r.name === wanted);
  if (wanted !== undefined && matching.length === 0) return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: `The image ${wanted} does not exist.` });
  for (const r of matching) {
    call.output(new PsObject(`${MODEL}.OSImageContext`, {
      AffinityGroup: null, Category: r.category, Label: r.label, Location: 'East Asia;Southeast Asia;North Europe;West Europe;Japan West;Central US;East US;East US 2;South Central US;West US',
      LogicalSizeInGB: r.size, MediaLink: null, ImageName: r.name, OS: r.os, Eula: null, Description: r.label, ImageFamily: r.family,
      PublishedDate: r.published === 0 ? null : new PsDate(r.published), IsPremium: false, RecommendedVMSize: r.recommended, PublisherName: r.publisher,
      OperationDescription: 'Get-AzureVMImage', OperationId: session.nextOperationId(), OperationStatus: 'Succeeded',
    }));
  }
});

/** Services, storage accounts, subscriptions and images. */
export const ACCOUNT_CMDLETS = [
  newAzureService, getAzureService, removeAzureService, testAzureName, newStorageAccount, getStorageAccount, setAzureSubscription, selectAzureSubscription,
  getAzureSubscription, importPublishSettings, addAzureAccount, getAzureVmImage,
];
