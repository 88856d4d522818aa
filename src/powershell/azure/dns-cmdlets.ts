import { enumerate, toStr } from '../convert.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsObject } from '../values.js';
import { azureCmdlet, requiredString } from './azure-cmdlet.js';

const DNS_SERVER_TYPE = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model.DnsServer';

/** New-AzureDns -Name -IPAddress: a DNS server object for New-AzureVM -DnsSettings (the deployment's Dns/DnsServers). */
const newAzureDns = azureCmdlet('New-AzureDns', [{ name: 'Name', position: 0, mandatory: true }, { name: 'IPAddress', position: 1, mandatory: true }], (call) => {
  call.output(new PsObject(DNS_SERVER_TYPE, { Name: requiredString(call, 'Name'), Address: requiredString(call, 'IPAddress') }));
});

/** The DNS servers behind `-DnsSettings` (one DnsServer or an array of them); anything else is the module's cast error. */
export function readDnsSettings(value: unknown): { name: string; address: string }[] {
  return enumerate(value).map((item) => {
    if (item instanceof PsObject && item.typeName === DNS_SERVER_TYPE) return { name: toStr(item.get('Name')), address: toStr(item.get('Address')) };
    throw new RuntimeFailure(`Cannot bind parameter 'DnsSettings'. Cannot convert the "${toStr(item)}" value to type "${DNS_SERVER_TYPE}".`, 'InvalidArgument', 'CannotConvertArgumentNoMessage', 'ParameterBindingException');
  });
}

/** The DNS cmdlets. */
export const DNS_CMDLETS = [newAzureDns];
