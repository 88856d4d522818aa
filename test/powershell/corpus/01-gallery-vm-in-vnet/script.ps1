# Provision a Windows Server 2012 R2 VM into a virtual network.
# Written the way the 2014 getting-started walkthroughs did it; the dashes before the
# parameters came from Word and the file was saved by Notepad as "ANSI".
$location    = "West US"
$affinity    = "ContosoAG"
$serviceName = "contoso-app"
$vnetName    = "ContosoVNet"

New-AzureAffinityGroup –Name $affinity –Location $location –Label "Contoso"

Set-AzureVNetConfig –ConfigurationPath "$PSScriptRoot\vnet.netcfg"

# Pick the newest image of the family
$family = "Windows Server 2012 R2 Datacenter"
$image = Get-AzureVMImage | where { $_.ImageFamily -eq $family } | sort PublishedDate -Descending | select -ExpandProperty ImageName -First 1
Write-Host "Using image $image"

$cred = Get-Credential -Message "Admin account for the new VM"

$vm = New-AzureVMConfig –Name "app01" –InstanceSize Small –ImageName $image |
      Add-AzureProvisioningConfig –Windows –AdminUsername $cred.UserName –Password $cred.GetNetworkCredential().Password |
      Set-AzureSubnet –SubnetNames "AppSubnet"

New-AzureVM –ServiceName $serviceName –AffinityGroup $affinity –VNetName $vnetName –VMs $vm –WaitForBoot

$deployed = Get-AzureVM –ServiceName $serviceName –Name "app01"
Write-Host ("{0} is {1} at {2}" -f $deployed.Name, $deployed.InstanceStatus, $deployed.IpAddress)
