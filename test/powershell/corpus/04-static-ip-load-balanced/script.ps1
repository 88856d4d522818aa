# Two load-balanced web servers with static addresses (the 2014 static-IP how-to and the
# Add-AzureEndpoint help examples). The configuration file lives in C:\Deploy on the author's machine.
$svc  = "fabrikam-web"
$vnet = "FabrikamVNet"

New-AzureAffinityGroup -Name FabrikamAG -Location "East US"
Set-AzureVNetConfig -ConfigurationPath "C:\Deploy\fabrikam.netcfg"
New-AzureService -ServiceName $svc -AffinityGroup FabrikamAG -Label "Fabrikam web farm"

$image = (Get-AzureVMImage | ? { $_.Label -like "Windows Server 2012 R2 Datacenter*" } | Sort-Object PublishedDate)[-1].ImageName

$ips = @{ "web01" = "10.5.1.10"; "web02" = "10.5.1.11" }
foreach ($name in "web01", "web02") {
    $check = Test-AzureStaticVNetIP -VNetName $vnet -IPAddress $ips[$name]
    if (-not $check.IsAvailable) {
        Write-Warning "$($ips[$name]) is taken; try one of $($check.AvailableAddresses -join ', ')"
        continue
    }
    New-AzureVMConfig -Name $name -InstanceSize Small -ImageName $image -AvailabilitySetName "web-as" |
        Add-AzureProvisioningConfig -Windows -AdminUsername "fabadmin" -Password "P@ssw0rd!2014" |
        Set-AzureSubnet "Web" |
        Set-AzureStaticVNetIP -IPAddress $ips[$name] |
        Add-AzureEndpoint -Name "HTTP" -Protocol tcp -LocalPort 80 -PublicPort 80 -LBSetName "web-lb" -ProbePort 80 -ProbeProtocol http -ProbePath "/" |
        New-AzureVM -ServiceName $svc -VNetName $vnet
}

Get-AzureVM -ServiceName $svc | Select Name, IpAddress, InstanceStatus

# Move web02 to another static address, then stop web01 but keep it provisioned.
Get-AzureVM -ServiceName $svc -Name web02 | Set-AzureStaticVNetIP -IPAddress 10.5.1.20 | Update-AzureVM
Stop-AzureVM -ServiceName $svc -Name web01 -StayProvisioned
