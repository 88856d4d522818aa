# The network configuration kept in the script as a here-string, written to a temp file and uploaded;
# helpers dot-sourced from common.ps1; a VM configuration changed by a pipeline alone on a line;
# remoting into the new VM (not simulated: recorded as a note); a switch on the VM's status.
. .\common.ps1

$netcfg = @"
<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration">
  <VirtualNetworkConfiguration>
    <Dns>
      <DnsServers>
        <DnsServer name="dc01" IPAddress="10.8.0.4" />
      </DnsServers>
    </Dns>
    <VirtualNetworkSites>
      <VirtualNetworkSite name="LabNet" Location="$LabLocation">
        <AddressSpace><AddressPrefix>10.8.0.0/20</AddressPrefix></AddressSpace>
        <Subnets>
          <Subnet name="Servers"><AddressPrefix>10.8.0.0/24</AddressPrefix></Subnet>
        </Subnets>
        <DnsServersRef><DnsServerRef name="dc01" /></DnsServersRef>
      </VirtualNetworkSite>
    </VirtualNetworkSites>
  </VirtualNetworkConfiguration>
</NetworkConfiguration>
"@
$path = Join-Path $env:TEMP "labnet.xml"
$netcfg | Out-File -FilePath $path -Encoding ascii
Write-Step "Uploading $path"
Set-AzureVNetConfig -ConfigurationPath $path | Out-Null

$image = Get-AzureVMImage | Where-Object { $_.ImageFamily -eq "Windows Server 2012 R2 Datacenter" } | Select-Object -First 1
$vm = New-AzureVMConfig -Name "dc01" -InstanceSize Medium -ImageName $image.ImageName
$vm | Add-AzureProvisioningConfig -Windows -AdminUsername "labadmin" -Password "Lab2014!x" | Out-Null
$vm | Set-AzureSubnet -SubnetNames "Servers"
$vm | Set-AzureStaticVNetIP -IPAddress "10.8.0.4" | Out-Null

Write-Step "Creating dc01"
New-AzureVM -ServiceName "lab-dc" -Location $LabLocation -VNetName "LabNet" -VMs $vm -WaitForBoot | Out-Null

$uri = "https://lab-dc.cloudapp.net:5986"
Invoke-Command -ConnectionUri $uri -Credential (Get-Credential) -ScriptBlock { Install-WindowsFeature AD-Domain-Services }

$status = (Get-AzureVM -ServiceName "lab-dc" -Name "dc01").InstanceStatus
switch ($status) {
    "ReadyRole" { Write-Step "dc01 is ready" }
    "Provisioning" { Write-Step "dc01 is still provisioning" }
    default { Write-Step "dc01 is $status" }
}
$deployment = Get-AzureDeployment -ServiceName "lab-dc"
Write-Step "Deployment $($deployment.DeploymentName) is $($deployment.Status) in $($deployment.VNetName)"
