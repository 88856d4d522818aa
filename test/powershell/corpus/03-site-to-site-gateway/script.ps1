# Site-to-site VPN: upload the configuration, create the gateway, wait for it, set the key,
# then poll the connection until it is up (the 2014 "Configure a Site-to-Site VPN" walkthrough, in PowerShell).
param(
    [string]$VNetName = "CorpVNet",
    [string]$SiteName = "HQ",
    [string]$SharedKey
)

Set-AzureVNetConfig -ConfigurationPath .\s2s.netcfg

Write-Host "Creating the gateway for $VNetName (this takes a while)..."
New-AzureVNetGateway -VNetName $VNetName -GatewayType DynamicRouting

$gw = Get-AzureVNetGateway -VNetName $VNetName
while ($gw.State -ne "Provisioned") {
    Start-Sleep -Seconds 60
    $gw = Get-AzureVNetGateway -VNetName $VNetName
}
Write-Host "Gateway is $($gw.State), VIP $($gw.VIPAddress)"

Set-AzureVNetGatewayKey -VNetName $VNetName -LocalNetworkSiteName $SiteName -SharedKey $SharedKey | Out-Null
$key = (Get-AzureVNetGatewayKey -VNetName $VNetName -LocalNetworkSiteName $SiteName).Value
Write-Host "Shared key for ${SiteName}: $key"

$start = Get-Date
do {
    Start-Sleep -Seconds 30
    $conn = Get-AzureVNetConnection -VNetName $VNetName | Where-Object { $_.LocalNetworkSiteName -eq $SiteName }
    $waited = ((Get-Date) - $start).TotalMinutes
} until ($conn.ConnectivityState -eq "Connected" -or $waited -gt 30)

"{0} -> {1}: {2} after {3:N1} minutes" -f $VNetName, $SiteName, $conn.ConnectivityState, $waited
