# An AlwaysOn listener behind an internal load balancer and a front end on a reserved IP, written after the 2014
# "Configure an ILB listener for AlwaysOn Availability Groups" and "Reserved IP addresses" walkthroughs: the ILB is
# created with the deployment (New-AzureInternalLoadBalancerConfig), the SQL endpoints join its load-balanced set with
# a probe on 59999, the web tier keeps its public address across deallocation.
param([string]$Location = "East US")

Set-AzureVNetConfig -ConfigurationPath ".\sql.netcfg" | Out-Null

$ilb = New-AzureInternalLoadBalancerConfig -InternalLoadBalancerName "AGListenerLB" -SubnetName "Back" -StaticVNetIPAddress "10.20.2.100"
$image = (Get-AzureVMImage | ? { $_.ImageFamily -eq "Windows Server 2012 R2 Datacenter" } | sort PublishedDate -Descending | select -First 1).ImageName

$nodes = foreach ($n in 1..2) {
    New-AzureVMConfig -Name "sql$n" -InstanceSize Large -ImageName $image -AvailabilitySetName "SqlAS" |
        Add-AzureProvisioningConfig -Windows -AdminUsername "sqladmin" -Password "S3cure!2014" |
        Set-AzureSubnet -SubnetNames "Back" |
        Add-AzureEndpoint -Name "SQL" -Protocol tcp -LocalPort 1433 -PublicPort 1433 -LBSetName "SQLLB" -ProbePort 59999 -ProbeProtocol tcp -InternalLoadBalancerName "AGListenerLB"
}
New-AzureVM -ServiceName "contoso-sql" -Location $Location -VNetName "SqlVNet" -VMs $nodes -InternalLoadBalancerConfig $ilb

$lb = Get-AzureInternalLoadBalancer -ServiceName "contoso-sql"
Write-Host "Listener address: $($lb.IPAddress) in $($lb.SubnetName)"

# The front end keeps the address partners whitelisted.
New-AzureReservedIP -ReservedIPName "WebFrontIP" -Label "partners" -Location $Location | Out-Null
$vip = (Get-AzureReservedIP -ReservedIPName "WebFrontIP").Address
New-AzureQuickVM -Windows -ServiceName "contoso-front" -Name "front1" -ImageName $image -AdminUsername "webadmin" -Password "S3cure!2014" `
    -Location $Location -VNetName "SqlVNet" -SubnetNames "Front" -ReservedIPName "WebFrontIP" | Out-Null
Stop-AzureVM -ServiceName "contoso-front" -Name "front1" -Force | Out-Null
if ((Get-AzureDeployment -ServiceName "contoso-front").VirtualIPs[0].Address -eq $vip) { "front end kept $vip while deallocated" }

# A second ILB on the same deployment is refused, as the platform did.
Add-AzureInternalLoadBalancer -ServiceName "contoso-sql" -InternalLoadBalancerName "SecondLB" -SubnetName "Back"
# The reserved IP cannot go while the front end uses it.
Remove-AzureReservedIP -ReservedIPName "WebFrontIP" -Force
