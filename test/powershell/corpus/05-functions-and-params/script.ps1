# A lab script: a mandatory parameter, functions (one shadows a cmdlet), try/catch with
# $ErrorActionPreference = "Stop", Read-Host, a for loop building VM configurations.
param(
    [Parameter(Mandatory=$true)][string]$Prefix,
    [int]$Count = 2,
    [string]$Location = "North Europe"
)
$ErrorActionPreference = "Stop"

function New-LabService([string]$Name) {
    try {
        New-AzureService -ServiceName $Name -Location $Location | Out-Null
        Write-Host "Created $Name"
    }
    catch {
        Write-Host "Could not create ${Name}: $($_.Exception.Message)"
    }
}

# The lab forbids deleting VMs: this function hides the cmdlet of the same name.
function Remove-AzureVM {
    param($ServiceName, $Name)
    Write-Host "Lab rule: not removing $Name from $ServiceName"
}

$svc = "$Prefix-svc"
New-LabService $svc
New-LabService $svc

$size = Read-Host "VM size (Enter for Small)"
if ([string]::IsNullOrEmpty($size)) { $size = "Small" }

$img = (Get-AzureVMImage | where { $_.ImageFamily -like "Ubuntu Server 14.04*" } | sort PublishedDate -Descending)[0].ImageName
$configs = @()
for ($i = 1; $i -le $Count; $i++) {
    $name = "{0}-vm{1:D2}" -f $Prefix, $i
    $configs += New-AzureVMConfig -Name $name -InstanceSize $size -ImageName $img |
        Add-AzureProvisioningConfig -Linux -LinuxUser labuser -Password 'Lab!2015pass'
}
New-AzureVM -ServiceName $svc -VMs $configs | Out-Null

Remove-AzureVM -ServiceName $svc -Name "$Prefix-vm01"
$vms = Get-AzureVM -ServiceName $svc
Write-Host "$($vms.Count) VMs in $svc"
