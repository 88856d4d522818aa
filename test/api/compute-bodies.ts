/** The gallery's Ubuntu 14.04 LTS image of July 2015. */
export const UBUNTU = 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150706-en-us-30GB';

/** A Deployment as a client might send it: elements out of the documented order, names in other cases. */
export const DEPLOYMENT = `<Deployment xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <virtualnetworkname>CorpNet</virtualnetworkname>
  <RoleList><Role i:type="PersistentVMRole">
    <RoleSize>Small</RoleSize>
    <ConfigurationSets>
      <ConfigurationSet i:type="NetworkConfigurationSet"><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType>
        <SubnetNames><SubnetName>Subnet-1</SubnetName></SubnetNames>
        <InputEndpoints><InputEndpoint><Protocol>TCP</Protocol><Port>80</Port><Name>http</Name><LocalPort>8080</LocalPort></InputEndpoint></InputEndpoints>
      </ConfigurationSet>
      <ConfigurationSet i:type="LinuxProvisioningConfigurationSet"><ConfigurationSetType>LinuxProvisioningConfiguration</ConfigurationSetType>
        <UserPassword>Pa55w.rd!</UserPassword><UserName>azureuser</UserName><HostName>web1</HostName></ConfigurationSet>
    </ConfigurationSets>
    <OSVirtualHardDisk><SourceImageName>${UBUNTU}</SourceImageName></OSVirtualHardDisk>
    <RoleName>web1</RoleName><RoleType>PersistentVMRole</RoleType>
  </Role></RoleList>
  <Label>Virtual machine web1</Label><DeploymentSlot>Production</DeploymentSlot><Name>svc1</Name>
</Deployment>`;

/** CreateHostedService for svc1 in West US. */
export const CREATE_SERVICE = `<CreateHostedService xmlns="http://schemas.microsoft.com/windowsazure"><Location>West US</Location><Label>${btoa('svc1')}</Label><ServiceName>svc1</ServiceName></CreateHostedService>`;


/** A Linux PersistentVMRole as the compute SDK takes it: the gallery's Ubuntu, Small, with the given network set. */
export function linuxRole(name: string, network: Record<string, unknown>): Record<string, unknown> {
  return {
    roleName: name,
    roleType: 'PersistentVMRole',
    roleSize: 'Small',
    provisionGuestAgent: true,
    configurationSets: [
      { configurationSetType: 'LinuxProvisioningConfiguration', hostName: name, userName: 'azureuser', userPassword: 'Pa55w.rd!', disableSshPasswordAuthentication: false },
      { configurationSetType: 'NetworkConfiguration', ...network },
    ],
    oSVirtualHardDisk: { sourceImageName: UBUNTU, mediaLink: `https://portalvhdswestus.blob.core.windows.net/vhds/${name}.vhd` },
  };
}

/** A network set with one SSH endpoint on `port`, in Subnet-1. */
export const sshOn = (port: number, name = 'ssh'): Record<string, unknown> => ({ inputEndpoints: [{ name, protocol: 'tcp', port, localPort: 22 }], subnetNames: ['Subnet-1'] });
