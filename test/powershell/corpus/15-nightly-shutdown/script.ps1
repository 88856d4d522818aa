# The gallery's "stop my lab VMs at night" runbook pattern, run once by hand: list what runs, stop everything but keep
# a test VM provisioned, and see the last VM's question about the VIP (answered from the answers file). A reserved IP
# service shows the address it keeps; a plain one loses its VIP.
$loc = "East US"
$image = (Get-AzureVMImage | Where-Object { $_.Label -like "Ubuntu Server 14.04*" } | Select-Object -First 1).ImageName

New-AzureReservedIP -ReservedIPName "lab-ip" -Location $loc | Out-Null
foreach ($svc in "lab-web", "lab-test") {
    $vms = 1..2 | ForEach-Object {
        New-AzureVMConfig -Name ("{0}-{1}" -f $svc, $_) -InstanceSize Small -ImageName $image |
            Add-AzureProvisioningConfig -Linux -LinuxUser "labuser" -Password "L@bPass2014"
    }
    if ($svc -eq "lab-web") { New-AzureVM -ServiceName $svc -Location $loc -VMs $vms -ReservedIPName "lab-ip" | Out-Null }
    else { New-AzureVM -ServiceName $svc -Location $loc -VMs $vms | Out-Null }
}

$first = Get-AzureVM | Where-Object { $_.Status -eq "ReadyRole" } | Select-Object -First 1
"First running VM: $($first.Name) in $($first.ServiceName)"

# Stop everything, one VM at a time, as the runbook did; the test service's first VM stays provisioned.
Get-AzureVM | ForEach-Object {
    if ($_.Name -eq "lab-test-1") { Stop-AzureVM -ServiceName $_.ServiceName -Name $_.Name -StayProvisioned | Out-Null }
    else { Stop-AzureVM -ServiceName $_.ServiceName -Name $_.Name | Out-Null }
}

Get-AzureVM | Sort-Object Name | Format-Table ServiceName, Name, Status
$web = Get-AzureDeployment -ServiceName "lab-web"
"lab-web keeps $($web.VirtualIPs.Count) VIP(s); lab-ip in use: $((Get-AzureReservedIP lab-ip).InUse)"
