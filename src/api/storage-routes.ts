import {
  LOCATIONS, computeErrors, decideCreateStorageAccount, findStorageAccount, listStorageAccounts, toMutation,
  type StorageAccountRecord,
} from '../asm/index.js';
import { readCreateStorageAccount } from './compute-request-xml.js';
import { withBody } from './compute-routes.js';
import type { ApiContext, Route } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { answerMutation, emptyResponse } from './route-answers.js';
import { formatPlatformTime } from './wire-time.js';
import { parentElement, textElement, type XmlNode } from './xml-writer.js';

/**
 * Storage accounts (azure-asm-storage, x-ms-version 2016-03-01): list, create (202, pattern A) and get. The CLI reads
 * `properties.location` / `properties.affinityGroup` and the first of `properties.endpoints` (the blob endpoint) to
 * place a new VM's OS disk (azure-cli lib/util/utils.js getOrCreateBlobStorage).
 */

const LOCATION_NAMES = LOCATIONS.map((l) => l.name);

/** StorageService: Url, ServiceName, StorageServiceProperties{…, Endpoints, …, AccountType}, ExtendedProperties. */
function storageServiceXml(account: StorageAccountRecord, context: ApiContext): XmlNode {
  const name = account.name;
  return parentElement('StorageService', [
    textElement('Url', `${context.origin}/${context.state.subscriptionId}/services/storageservices/${name}`),
    textElement('ServiceName', name),
    parentElement('StorageServiceProperties', [
      account.description === null ? { name: 'Description', nil: true } : textElement('Description', account.description),
      account.affinityGroup === null ? textElement('Location', account.location ?? '') : textElement('AffinityGroup', account.affinityGroup),
      textElement('Label', Buffer.from(account.label, 'utf8').toString('base64')),
      textElement('Status', 'Created'),
      parentElement('Endpoints', ['blob', 'queue', 'table', 'file'].map((kind) => textElement('Endpoint', `https://${name}.${kind}.core.windows.net/`))),
      textElement('GeoReplicationEnabled', 'false'),
      textElement('StatusOfPrimary', 'Available'),
      textElement('CreationTime', formatPlatformTime(account.createdMs, true)),
      textElement('AccountType', account.accountType),
    ]),
    parentElement('ExtendedProperties', []),
  ]);
}

/** Every storage route. */
export const storageRoutes: Route[] = [
  {
    method: 'GET', path: 'services/storageservices',
    handle: (context) => ({
      status: 200,
      body: parentElement('StorageServices', listStorageAccounts(context.state.world, context.state.compute, LOCATION_NAMES).map((a) => storageServiceXml(a, context))),
    }),
  },
  {
    method: 'GET', path: 'services/storageservices/{name}',
    handle: (context) => {
      const name = context.params['name'] ?? '';
      const account = findStorageAccount(context.state.world, context.state.compute, LOCATION_NAMES, name);
      return account === undefined ? errorResponse(computeErrors.storageAccountNotFound(name)) : { status: 200, body: storageServiceXml(account, context) };
    },
  },
  {
    method: 'POST', path: 'services/storageservices', body: 'CreateStorageServiceInput',
    handle: (context) => withBody(context, readCreateStorageAccount, (request) => {
      const decision = decideCreateStorageAccount(context.state.world, context.state.compute, LOCATION_NAMES, request, context.engine.now());
      return answerMutation(context, toMutation(decision, 'CreateStorageAccount'), {}, () => emptyResponse(202));
    }),
  },
];
