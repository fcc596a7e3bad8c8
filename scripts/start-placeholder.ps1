# Starts each placeholder job (tag aspireagentsRole=placeholder) once, so that its offline agent registers in
# the pool. A job that has run before is left alone. Runs as azd's postdeploy hook, with the azd environment's
# values as environment variables; needs the Azure CLI, signed in (`az login`).
$ErrorActionPreference = 'Stop'

$resourceGroup = if ($env:AZURE_RESOURCE_GROUP) { $env:AZURE_RESOURCE_GROUP } `
    elseif ($env:AZURE_ENV_NAME) { "rg-$($env:AZURE_ENV_NAME)" } `
    else { throw 'AZURE_ENV_NAME is not set: run this through azd or set it.' }
$subscriptionArgs = if ($env:AZURE_SUBSCRIPTION_ID) { @('--subscription', $env:AZURE_SUBSCRIPTION_ID) } else { @() }

$jobs = az containerapp job list --resource-group $resourceGroup @subscriptionArgs `
    --query "[?tags.aspireagentsRole=='placeholder'].name" --output tsv
if ($LASTEXITCODE -ne 0) { throw "Listing the jobs of $resourceGroup failed." }
if (-not $jobs) {
    Write-Host "No placeholder job in resource group $resourceGroup."
    return
}

foreach ($job in @($jobs)) {
    $executions = [int](az containerapp job execution list --name $job --resource-group $resourceGroup @subscriptionArgs `
        --query "length(@)" --output tsv)
    if ($executions -gt 0) {
        Write-Host "Placeholder job $job has run before ($executions executions); not starting it again."
        continue
    }
    Write-Host "Starting placeholder job $job to register its offline agent."
    az containerapp job start --name $job --resource-group $resourceGroup @subscriptionArgs --output none
    if ($LASTEXITCODE -ne 0) { throw "Starting $job failed." }
}
