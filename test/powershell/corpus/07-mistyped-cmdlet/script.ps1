# A typo in a cmdlet name: PowerShell reports it and goes on; New-AzureVM then gets $null.
New-AzureService -ServiceName typo-svc -Location "West US"
$img = (Get-AzureVMImage | where { $_.OS -eq "Windows" })[0].ImageName
$vm = New-AzureMConfig -Name "vm1" -InstanceSize Small -ImageName $img
New-AzureVM -ServiceName typo-svc -VMs $vm
Write-Host "Done"
