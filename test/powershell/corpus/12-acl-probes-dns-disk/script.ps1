# A domain-joined web tier after the 2014 walkthroughs: the deployment's DNS server (New-AzureDns, the "Active
# Directory in Azure" guide), a load-balanced HTTP set with a health probe (Add-AzureEndpoint help example 3), an
# endpoint ACL that admits only the office (the "Manage endpoint ACLs with PowerShell" article), and a VM booted
# from an uploaded, specialized VHD (Add-AzureDisk -OS, then New-AzureVMConfig -DiskName).
$svc = "contoso-web"
$loc = "West US"
$dns = New-AzureDns -Name "contoso-dc" -IPAddress "10.4.0.4"

$image = (Get-AzureVMImage | Where-Object { $_.Label -like "Windows Server 2012 R2 Datacenter*" } | Sort-Object PublishedDate -Descending)[0].ImageName

$web1 = New-AzureVMConfig -Name "web1" -InstanceSize Small -ImageName $image |
    Add-AzureProvisioningConfig -Windows -AdminUsername "contosoadmin" -Password "Pa55w.rd2014" |
    Add-AzureEndpoint -Name "HTTP" -Protocol tcp -LocalPort 80 -PublicPort 80 -LBSetName "WebFarm" -ProbePort 80 -ProbeProtocol http -ProbePath "/health.htm"
New-AzureVM -ServiceName $svc -Location $loc -VMs $web1 -DnsSettings $dns -WaitForBoot

# Only the office may reach RDP: permit its range first, deny everything else after.
$acl = New-AzureAclConfig
Set-AzureAclConfig -AddRule -ACL $acl -Order 100 -Action Permit -RemoteSubnet "203.0.113.0/24" -Description "Office"
Set-AzureAclConfig -AddRule -ACL $acl -Order 200 -Action Deny -RemoteSubnet "0.0.0.0/0" -Description "Everyone else"
Get-AzureVM -ServiceName $svc -Name "web1" | Set-AzureEndpoint -Name "RemoteDesktop" -ACL $acl | Update-AzureVM

Get-AzureVM -ServiceName $svc -Name "web1" | Get-AzureAclConfig -EndpointName "RemoteDesktop"

# The second server boots from a disk uploaded with Add-AzureVhd.
Add-AzureDisk -DiskName "web2-os" -MediaLocation "https://contosostore.blob.core.windows.net/vhds/web2-os.vhd" -Label "web2 OS" -OS Windows
New-AzureVMConfig -Name "web2" -InstanceSize Small -DiskName "web2-os" |
    Add-AzureEndpoint -Name "HTTP" -Protocol tcp -LocalPort 80 -PublicPort 80 -LBSetName "WebFarm" -ProbePort 80 -ProbeProtocol http -ProbePath "/health.htm" |
    New-AzureVM -ServiceName $svc

(Get-AzureDeployment -ServiceName $svc).DnsSettings | Format-Table Name, Address

# Nights and weekends: stop both; the last one asks before the VIP goes (answered N, so web2 keeps running).
Stop-AzureVM -ServiceName $svc -Name "web1" -Force
Stop-AzureVM -ServiceName $svc -Name "web2"
