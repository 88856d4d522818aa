# Helpers shared by the lab scripts (dot-sourced).
$LabLocation = "Southeast Asia"

function Write-Step([string]$Text) {
    Write-Host ("[{0}] {1}" -f (Get-Date -Format "HH:mm:ss"), $Text)
}
