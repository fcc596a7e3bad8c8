# azd postprovision hook: grants the freshly provisioned user-assigned identities access to Azure DevOps
# before any job runs, so that the placeholder started by the postdeploy hook can register on the first run.
#
# Only an Azure DevOps organisation administrator can grant; anyone else can still deploy. So a failed grant
# does not stop `azd up`: it ends in one message naming the command left, and the exit code is 0.
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

if ($env:AZURE_RESOURCE_GROUP) { $resourceGroup = $env:AZURE_RESOURCE_GROUP }
elseif ($env:AZURE_ENV_NAME) { $resourceGroup = "rg-$($env:AZURE_ENV_NAME)" }
else { throw 'AZURE_ENV_NAME is not set: run this through azd or set it.' }

# The postdeploy hook starts the placeholder once the jobs exist; starting it here would only race the deploy.
# The grant script reports its failures with `exit 1`; anything it throws is a failure to grant as well.
try {
    & "$PSScriptRoot/grant-azure-devops-access.ps1" -GrantOnly -ResourceGroup $resourceGroup
    $granted = $LASTEXITCODE -eq 0
}
catch {
    [Console]::Error.WriteLine("ERROR: $_")
    $granted = $false
}
if ($granted) { exit 0 }

Write-Host @"

------------------------------------------------------------------------------------------
The deployment continues, but the agents cannot register in Azure DevOps yet: their identities
were not granted access (the reason is above). One step is left, for an Azure DevOps
organisation administrator signed in with 'az login':

    pwsh scripts/grant-azure-devops-access.ps1 $resourceGroup

It grants the identities and then starts the placeholder agent; nothing else needs to be run.
------------------------------------------------------------------------------------------
"@
exit 0
