# New-AzureQuickVM from the cmdlet help, then reading the endpoints back and restarting every VM of the service.
$svc = Read-Host "Cloud service name"
$pwd = Read-Host "Administrator password" -AsSecureString
$image = Get-AzureVMImage | ? { $_.ImageFamily -eq "Windows Server 2012 R2 Datacenter" } | sort PublishedDate | select -Last 1

New-AzureQuickVM -Windows -ServiceName $svc -Name "quick01" -ImageName $image.ImageName -AdminUsername "quickadmin" `
    -Password ([Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR($pwd))) `
    -Location "East Asia" -InstanceSize Small -WaitForBoot

Get-AzureVM -ServiceName $svc -Name "quick01" | Get-AzureEndpoint | ft Name, LocalPort, Protocol
$vm = Get-AzureVM -ServiceName $svc -Name "quick01"
$vm | Add-AzureEndpoint -Name "HTTPS" -Protocol tcp -LocalPort 443 -PublicPort 443 | Update-AzureVM | Out-Null
Get-AzureVM -ServiceName $svc | ForEach-Object {
    Restart-AzureVM -ServiceName $_.ServiceName -Name $_.Name | Out-Null
    Write-Host "Restarted $($_.Name)"
}
