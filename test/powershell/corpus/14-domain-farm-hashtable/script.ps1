<#
  A three-tier farm in its own domain, after the 2014 SharePoint and "install a replica DC" walkthroughs and the
  gallery's farm builders: a domain controller at a static address, then the farm servers joined to the domain, with
  the classic slip of passing -DnsSettings when the deployment already exists (the module warns and ignores it). The servers come from a hashtable, so they are created in the order PowerShell enumerated it
  (not as written), and that order decides which dynamic address each one gets.
#>
param(
    [string]$ServiceName = "fabrikam-farm",
    [string]$Location = "West US"
)

$cred = Get-Credential -Message "Farm administrator"
Set-AzureVNetConfig -ConfigurationPath "$PSScriptRoot\farm.netcfg" | Out-Null

$image = Get-AzureVMImage | Where-Object { $_.ImageFamily -eq "Windows Server 2012 R2 Datacenter" } |
    Sort-Object PublishedDate -Descending | Select-Object -First 1 -ExpandProperty ImageName

# The domain controller first, at the address the others will use as their DNS server.
New-AzureVMConfig -Name "dc01" -InstanceSize Small -ImageName $image |
    Add-AzureProvisioningConfig -Windows -AdminUsername $cred.UserName -Password $cred.GetNetworkCredential().Password |
    Set-AzureSubnet -SubnetNames "Infra" |
    Set-AzureStaticVNetIP -IPAddress "192.168.1.4" |
    New-AzureVM -ServiceName $ServiceName -Location $Location -VNetName "FarmVNet" -WaitForBoot | Out-Null

$dns = New-AzureDns -Name "dc01" -IPAddress "192.168.1.4"
$servers = @{ "sp-web" = "Medium"; "sp-app" = "Large"; "sp-sql" = "Large" }
foreach ($name in $servers.Keys) {
    Write-Host ("Creating {0} ({1})" -f $name, $servers[$name])
    New-AzureVMConfig -Name $name -InstanceSize $servers[$name] -ImageName $image |
        Add-AzureProvisioningConfig -WindowsDomain -AdminUsername $cred.UserName -Password $cred.GetNetworkCredential().Password `
            -JoinDomain "fabrikam.local" -Domain "FABRIKAM" -DomainUserName $cred.UserName -DomainPassword $cred.GetNetworkCredential().Password |
        Set-AzureSubnet -SubnetNames "Farm" |
        New-AzureVM -ServiceName $ServiceName -DnsSettings $dns | Out-Null
}

Get-AzureVM -ServiceName $ServiceName | Sort-Object Name | Format-Table Name, IpAddress, InstanceSize
