# What the platform refused, as scripts met it: a subnet that does not exist, a second deployment's VNet,
# removing a VNet that VMs use; then -ErrorAction Stop inside try/catch, and a throw that ends the script.
Set-AzureVNetConfig -ConfigurationPath .\base.netcfg | Out-Null
$image = (Get-AzureVMImage | where { $_.OS -eq "Windows" } | sort PublishedDate -Descending)[0].ImageName

$bad = New-AzureVMConfig -Name "app01" -InstanceSize Small -ImageName $image |
    Add-AzureProvisioningConfig -Windows -AdminUsername "ops" -Password "Ops!2015pass" |
    Set-AzureSubnet "Apps"
New-AzureVM -ServiceName "prod-app" -Location "West Europe" -VNetName "ProdVNet" -VMs $bad
if (-not $?) { Write-Host "first attempt failed" }

$good = New-AzureVMConfig -Name "app01" -InstanceSize Small -ImageName $image |
    Add-AzureProvisioningConfig -Windows -AdminUsername "ops" -Password "Ops!2015pass" |
    Set-AzureSubnet "App"
New-AzureVM -ServiceName "prod-app" -VNetName "ProdVNet" -VMs $good | Out-Null

try {
    Set-AzureVNetConfig -ConfigurationPath .\empty.netcfg -ErrorAction Stop
    Write-Host "not reached"
}
catch {
    Write-Host "Refused: $($_.Exception.Message)"
}
$vms = @(Get-AzureVM -ServiceName "prod-app")
if ($vms.Count -lt 2) { throw "Expected two VMs in prod-app, found $($vms.Count)" }
Write-Host "not reached either"
