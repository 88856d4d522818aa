# Pasted from a documentation page, placeholders and all.
$storage = "<Proposed storage account name>"
New-AzureService -ServiceName <Proposed cloud service name> -Location "<Location>" -Label "From the docs"
New-AzureStorageAccount -StorageAccountName $storage -Location "<Location>"
Get-AzureService -ServiceName <Proposed cloud service name> | Select ServiceName, Location
