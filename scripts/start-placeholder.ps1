# Registers the offline placeholder agent: Azure Pipelines queues no job on a pool without agents.
#
#   scripts/start-placeholder.ps1 [-Strict] [[-ResourceGroup] <name>]
#
# For each job tagged aspireagentsRole=placeholder: a job whose latest execution succeeded has registered its
# agent and is left alone; otherwise (never ran, or ran before its identity had access and failed) it is started
# and waited for, up to PLACEHOLDER_ATTEMPTS times. A still-running execution is waited for, not duplicated.
#
# azd runs it as the postdeploy hook: then a placeholder that does not succeed ends in one message naming the
# step left, and the exit code is 0, so that `azd up` reports the deployment it did. The grant script calls it
# with -Strict, where such a failure is the script's failure (exit code 1). Azure CLI failures are fatal either way.
#
# ResourceGroup defaults to $env:AZURE_RESOURCE_GROUP, else rg-$env:AZURE_ENV_NAME; $env:AZURE_SUBSCRIPTION_ID
# selects the subscription when set. Settings: PLACEHOLDER_ATTEMPTS (2), PLACEHOLDER_TIMEOUT_SECONDS per
# execution (300, the placeholder job's own replica timeout), PLACEHOLDER_POLL_SECONDS (5).
[CmdletBinding()]
param(
    [Parameter(Position = 0)] [string] $ResourceGroup,
    [switch] $Strict
)
$ErrorActionPreference = 'Stop'
# Every az call is followed by a check of $LASTEXITCODE that says what failed; a generic exception would not.
$PSNativeCommandUseErrorActionPreference = $false

function Fail([string] $Message) {
    [Console]::Error.WriteLine("ERROR: $Message")
    exit 1
}

function Get-Setting([string] $Name, [int] $Default) {
    $value = [Environment]::GetEnvironmentVariable($Name)
    if (-not $value) { return $Default }
    $parsed = 0
    if (-not [int]::TryParse($value, [ref] $parsed)) { Fail "$Name must be a whole number, not '$value'." }
    return $parsed
}

if (-not $ResourceGroup) {
    if ($env:AZURE_RESOURCE_GROUP) { $ResourceGroup = $env:AZURE_RESOURCE_GROUP }
    elseif ($env:AZURE_ENV_NAME) { $ResourceGroup = "rg-$($env:AZURE_ENV_NAME)" }
    else { Fail 'Give the resource group as argument or set AZURE_ENV_NAME.' }
}
$SubscriptionArgs = if ($env:AZURE_SUBSCRIPTION_ID) { @('--subscription', $env:AZURE_SUBSCRIPTION_ID) } else { @() }
$Attempts = Get-Setting 'PLACEHOLDER_ATTEMPTS' 2
$TimeoutSeconds = Get-Setting 'PLACEHOLDER_TIMEOUT_SECONDS' 300
$PollSeconds = Get-Setting 'PLACEHOLDER_POLL_SECONDS' 5

# 'Succeeded', 'Failed' (failed or stopped) or 'TimedOut'. Any status other than Succeeded, Failed and Stopped
# (Running, Processing, Degraded, Unknown, or one added later) may still turn into either, so it is waited out;
# so is a failed read, since a just-started execution can take a moment to become visible.
function Wait-Execution([string] $Job, [string] $Execution) {
    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    while ($true) {
        $status = az containerapp job execution show --name $Job --job-execution-name $Execution `
            --resource-group $ResourceGroup @SubscriptionArgs --query properties.status --output tsv
        if ($LASTEXITCODE -ne 0 -or -not $status) { $status = 'Unknown' }
        $status = "$status".Trim()
        if ($status -eq 'Succeeded') { return 'Succeeded' }
        if ($status -in @('Failed', 'Stopped')) {
            Write-Host "Execution $Execution of ${Job}: $status."
            return 'Failed'
        }
        if ((Get-Date) -ge $deadline) {
            Write-Host "Execution $Execution of $Job is still '$status' after ${TimeoutSeconds}s."
            return 'TimedOut'
        }
        Start-Sleep -Seconds $PollSeconds
    }
}

function Start-Execution([string] $Job) {
    $execution = az containerapp job start --name $Job --resource-group $ResourceGroup @SubscriptionArgs `
        --query name --output tsv
    if ($LASTEXITCODE -ne 0) { Fail "Starting placeholder job $Job failed (see above)." }
    if (-not $execution) { Fail "Starting placeholder job $Job returned no execution name." }
    $execution = "$execution".Trim()
    Write-Host "Started $Job (execution $execution); waiting for it to register the placeholder agent."
    return Wait-Execution $Job $execution
}

# 'Succeeded', 'Failed' (every attempt failed) or 'TimedOut'.
function Confirm-Registered([string] $Job) {
    # The newest execution by start time; one not started yet has none and is the newest of all.
    $latest = az containerapp job execution list --name $Job --resource-group $ResourceGroup @SubscriptionArgs `
        --query "sort_by(@, &(properties.startTime || '9999'))[-1].[name, properties.status]" --output tsv
    if ($LASTEXITCODE -ne 0) { Fail "Listing the executions of $Job failed (see above)." }
    $fields = "$latest".Trim().Split("`t")
    $latestName = $fields[0]
    $latestStatus = if ($fields.Count -gt 1) { $fields[1] } else { '' }

    if ($latestStatus -eq 'Succeeded') {
        Write-Host "Placeholder job ${Job}: latest execution $latestName succeeded; the placeholder agent is registered."
        return 'Succeeded'
    }
    if ($latestStatus -notin @('', 'Failed', 'Stopped')) {
        Write-Host "Placeholder job ${Job}: execution $latestName is $latestStatus; waiting for it."
        $result = Wait-Execution $Job $latestName
        if ($result -ne 'Failed') { return $result }
    }

    for ($attempt = 1; $attempt -le $Attempts; $attempt++) {
        $result = Start-Execution $Job
        if ($result -eq 'Succeeded') {
            Write-Host "Placeholder job $Job succeeded: the placeholder agent is registered."
            return 'Succeeded'
        }
        if ($result -eq 'TimedOut') { return 'TimedOut' }
    }
    return 'Failed'
}

function Write-FailureReport([string[]] $Failures) {
    $rule = '-' * 90
    $lines = @('', $rule, 'The placeholder agent is not registered, so Azure Pipelines will not queue jobs on the pool:') + $Failures
    if ($Strict) {
        $lines += @(
            'The identities were just granted; Azure DevOps can take a few minutes to apply that. Run this',
            'again in a few minutes (it repeats nothing that is done):',
            '',
            "    pwsh scripts/grant-azure-devops-access.ps1 $ResourceGroup")
    }
    else {
        $lines += @(
            "One step is left, for an Azure DevOps organisation administrator signed in with 'az login':",
            '',
            "    pwsh scripts/grant-azure-devops-access.ps1 $ResourceGroup",
            '',
            'It lets the identities into the organisation and then starts the placeholder again.')
    }
    $lines += @(
        '',
        'If it still fails, the execution logs say why:',
        "    az containerapp job execution list --name <job> --resource-group $ResourceGroup --output table",
        $rule)
    $lines | ForEach-Object { Write-Host $_ }
}

$jobs = @(az containerapp job list --resource-group $ResourceGroup @SubscriptionArgs `
        --query "[?tags.aspireagentsRole=='placeholder'].name" --output tsv)
if ($LASTEXITCODE -ne 0) {
    Fail "Listing the jobs of $ResourceGroup failed (see above): are you signed in with 'az login', to the right subscription?"
}
$jobs = @($jobs | Where-Object { $_ })
if ($jobs.Count -eq 0) {
    Write-Host "No placeholder job in resource group $ResourceGroup (azd deploy creates it)."
    exit 0
}

$failures = @()
foreach ($line in $jobs) {
    $job = "$line".Trim()
    switch (Confirm-Registered $job) {
        'Succeeded' { }
        'TimedOut' { $failures += "  - $job did not finish within ${TimeoutSeconds}s (PLACEHOLDER_TIMEOUT_SECONDS); it may still succeed." }
        default { $failures += "  - $job failed $Attempts time(s)." }
    }
}

if ($failures.Count -gt 0) {
    Write-FailureReport $failures
    if ($Strict) { exit 1 }
}
exit 0
