# A Linux database VM with a new data disk and a MySQL endpoint (Add-AzureDataDisk -CreateNew help example),
# after creating a storage account and making it the subscription's current one.
$storage = "tailspinstore2014"
New-AzureStorageAccount -StorageAccountName $storage -Location "West Europe" | Out-Null
Set-AzureSubscription -SubscriptionName "Tailspin" -CurrentStorageAccountName $storage
Select-AzureSubscription -SubscriptionName "Tailspin"

$ubuntu = Get-AzureVMImage | Where-Object { $_.OS -eq "Linux" -and $_.Label -like "*14.04*" } | Sort-Object PublishedDate -Descending | Select-Object -First 1

New-AzureVMConfig -Name "db01" -InstanceSize Medium -ImageName $ubuntu.ImageName |
    Add-AzureProvisioningConfig -Linux -LinuxUser "tailspin" -Password 'Tail$pin2014' |
    Add-AzureDataDisk -CreateNew -DiskSizeInGB 100 -DiskLabel "data" -LUN 0 |
    Add-AzureEndpoint -Name "MySQL" -Protocol tcp -LocalPort 3306 -PublicPort 3306 |
    New-AzureVM -ServiceName "tailspin-db" -Location "West Europe" -WaitForBoot

Stop-AzureVM -ServiceName "tailspin-db" -Name "db01" -Force
$vm = Get-AzureVM -ServiceName tailspin-db -Name db01
Write-Host "db01 is $($vm.InstanceStatus)"
