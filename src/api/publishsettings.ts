import { escapeXml } from './xml-writer.js';

/** What a publishsettings file names: the subscription, the endpoint and the management certificate's PFX. */
export interface PublishSettings {
  subscriptionId: string;
  subscriptionName: string;
  serviceManagementUrl: string;
  pfxBase64: string;
}

/**
 * Writes a `.publishsettings` file that `azure account import` accepts unmodified (asm-api.md §1.2, §2): PublishData /
 * PublishProfile SchemaVersion 2.0, the Subscription's Id, Name, ServiceManagementUrl and ManagementCertificate.
 */
export function formatPublishSettings(settings: PublishSettings): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<PublishData>',
    '  <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">',
    `    <Subscription ServiceManagementUrl="${escapeXml(settings.serviceManagementUrl)}" Id="${escapeXml(settings.subscriptionId)}"`,
    `                  Name="${escapeXml(settings.subscriptionName)}" ManagementCertificate="${settings.pfxBase64}" />`,
    '  </PublishProfile>',
    '</PublishData>',
    '',
  ].join('\n');
}
