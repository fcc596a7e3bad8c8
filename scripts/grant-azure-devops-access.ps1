# Lets the deployment's managed identities into Azure DevOps, then registers the placeholder agent.
#
#   scripts/grant-azure-devops-access.ps1 [-GrantOnly] [[-ResourceGroup] <name>]
#
# ResourceGroup defaults to $env:AZURE_RESOURCE_GROUP, else rg-$env:AZURE_ENV_NAME (azd sets both for its hooks).
# $env:AZURE_SUBSCRIPTION_ID, when set, selects the subscription; otherwise the Azure CLI's default one is used.
#
# Run it signed in with `az login` as an Azure DevOps organisation administrator (Project Collection
# Administrators) who can read the resource group. azd runs it as the postprovision hook (with -GrantOnly,
# since the postdeploy hook starts the placeholder); if that failed, running it by hand is the one step left.
#
# What gets access is chosen by the Bicep through tags, so this script needs no knowledge of the AppHost:
#   aspireagentsPoolRole      Administrator (agents register and remove themselves) or Reader (the Scaler)
#   aspireagentsOrganization  organisation URL, e.g. https://dev.azure.com/contoso
#   aspireagentsPool          agent pool name
# on user-assigned identities (principal id at properties.principalId) and, with system-assigned identities,
# on container apps jobs and container apps (identity.principalId).
#
# Per tagged resource, two Azure DevOps calls with an Entra token for the Azure DevOps application
# (499b84ac-1321-427f-aa17-267ca6975798): organisation membership with Basic access, then the role on the pool.
# Both are safe to repeat. The first failed call stops the script with exit code 1.
#
# On Windows `az` is a .cmd file, run through cmd.exe: that strips the quotes inside JSON arguments and splits
# unquoted arguments at '&'. So request bodies go through files (--body @file) and query strings through
# --url-parameters.
[CmdletBinding()]
param(
    [Parameter(Position = 0)] [string] $ResourceGroup,
    [switch] $GrantOnly
)
$ErrorActionPreference = 'Stop'
# Every az call is followed by a check of $LASTEXITCODE that says what failed; a generic exception would not.
$PSNativeCommandUseErrorActionPreference = $false

$DevOpsApplication = '499b84ac-1321-427f-aa17-267ca6975798'

function Fail([string] $Message) {
    [Console]::Error.WriteLine("ERROR: $Message")
    exit 1
}

if (-not $ResourceGroup) {
    if ($env:AZURE_RESOURCE_GROUP) { $ResourceGroup = $env:AZURE_RESOURCE_GROUP }
    elseif ($env:AZURE_ENV_NAME) { $ResourceGroup = "rg-$($env:AZURE_ENV_NAME)" }
    else { Fail 'Give the resource group as argument or set AZURE_ENV_NAME.' }
}

# Resource Manager calls go to the azd environment's subscription; Azure DevOps calls need none.
$SubscriptionArgs = if ($env:AZURE_SUBSCRIPTION_ID) { @('--subscription', $env:AZURE_SUBSCRIPTION_ID) } else { @() }

# https://dev.azure.com/contoso and https://contoso.visualstudio.com both name the organisation contoso.
function Get-OrganizationName([string] $OrganizationUrl) {
    if ($OrganizationUrl -match '^https://([^./]+)\.visualstudio\.com') { return $Matches[1] }
    return $OrganizationUrl.TrimEnd('/').Split('/')[-1]
}

# Calls az rest with the JSON body in a temporary file. Returns Ok (az's exit code was 0) and az's Output.
function Invoke-DevOpsWrite([string] $Method, [string] $Url, [string] $Body, [string[]] $Rest) {
    $bodyFile = (New-TemporaryFile).FullName
    try {
        Set-Content -LiteralPath $bodyFile -Value $Body -NoNewline -Encoding utf8NoBOM
        $output = az rest --method $Method --resource $DevOpsApplication --url $Url `
            --headers 'Content-Type=application/json' --body "@$bodyFile" @Rest
        return @{ Ok = ($LASTEXITCODE -eq 0); Output = "$output".Trim() }
    }
    finally {
        Remove-Item -LiteralPath $bodyFile -ErrorAction SilentlyContinue
    }
}

function Grant-PoolAccess([string] $Id, [string] $Name, [string] $Role, [string] $OrganizationUrl, [string] $Pool) {
    if ($Role -cnotin @('Administrator', 'Reader')) {
        Fail "${Name}: tag aspireagentsPoolRole is '$Role'; expected Administrator or Reader."
    }
    if (-not $OrganizationUrl) { Fail "${Name}: tag aspireagentsOrganization is missing or empty." }
    if (-not $Pool) { Fail "${Name}: tag aspireagentsPool is missing or empty." }
    $organization = Get-OrganizationName $OrganizationUrl

    $principalId = az resource show --ids $Id @SubscriptionArgs `
        --query 'properties.principalId || identity.principalId' --output tsv
    if ($LASTEXITCODE -ne 0) {
        Fail "Reading the principal id of $Name failed (az resource show, see above): can you read resource group ${ResourceGroup}?"
    }
    if (-not $principalId) {
        Fail "$Name has no managed identity principal id: it must have a user-assigned identity's principalId or a system-assigned identity."
    }

    $poolId = az rest --method get --resource $DevOpsApplication `
        --url "https://dev.azure.com/$organization/_apis/distributedtask/pools" `
        --url-parameters "poolName=$Pool" 'api-version=7.1' --query 'value[0].id' --output tsv
    if ($LASTEXITCODE -ne 0) {
        Fail "Looking up agent pool '$Pool' in $OrganizationUrl failed for $Name (see above): are you signed in with 'az login' as a member of the organisation, in the organisation's Entra tenant?"
    }
    if (-not $poolId) {
        Fail "Agent pool '$Pool' was not found in $OrganizationUrl (needed by $Name): create it (Organization settings > Agent pools) or fix the pool name, then run this again."
    }

    Write-Host "Adding $Name (principal id $principalId) to $OrganizationUrl with role $Role on pool '$Pool' ($poolId)."
    $entitlement = @{
        accessLevel      = @{ accountLicenseType = 'express' }
        servicePrincipal = @{ origin = 'aad'; originId = "$principalId"; subjectKind = 'servicePrincipal' }
    } | ConvertTo-Json -Compress
    $addition = Invoke-DevOpsWrite post `
        "https://vsaex.dev.azure.com/$organization/_apis/serviceprincipalentitlements?api-version=7.1-preview.1" `
        $entitlement @('--query', 'servicePrincipalEntitlement.id || operationResult.servicePrincipalId', '--output', 'tsv')
    if (-not $addition.Ok) {
        Fail "Adding $Name to $OrganizationUrl failed (see above). Likely causes: you are not an organisation administrator (Project Collection Administrators), or the identity is not in the Entra tenant the organisation is connected to."
    }
    $memberId = $addition.Output
    if (-not $memberId) {
        Fail "Adding $Name to $OrganizationUrl returned no member id. Likely causes: the identity is not in the Entra tenant the organisation is connected to, or the organisation has no Basic licence left."
    }

    # An array of one: the role assignment API takes a list, and ConvertTo-Json would unwrap a lone object.
    $assignment = ConvertTo-Json -Compress -InputObject @(@{ userId = $memberId; roleName = $Role })
    $assigned = Invoke-DevOpsWrite put `
        "https://dev.azure.com/$organization/_apis/securityroles/scopes/distributedtask.agentpoolrole/roleassignments/resources/$($poolId)?api-version=7.1-preview.1" `
        $assignment @('--output', 'none')
    if (-not $assigned.Ok) {
        Fail "Giving $Name the role $Role on agent pool '$Pool' in $OrganizationUrl failed (see above): you must administer the pool (pool Security, or Project Collection Administrators)."
    }
}

# One line per resource, fields joined by '|' (as in the sh script). Resource ids, names, URLs and roles contain no '|'.
$tagged = @(az resource list --resource-group $ResourceGroup @SubscriptionArgs `
        --query "[?tags.aspireagentsPoolRole].join('|', [id, name, tags.aspireagentsPoolRole, tags.aspireagentsOrganization || '', tags.aspireagentsPool || ''])" `
        --output tsv)
if ($LASTEXITCODE -ne 0) {
    Fail "Listing the resources of $ResourceGroup failed (see above): are you signed in with 'az login', to the right subscription?"
}
$tagged = @($tagged | Where-Object { $_ })
if ($tagged.Count -eq 0) {
    # With a personal access token nothing is tagged; with system-assigned identities the jobs exist only after deploy.
    Write-Host "No resource in $ResourceGroup is tagged aspireagentsPoolRole: nothing to grant."
    exit 0
}

foreach ($line in $tagged) {
    $fields = "$line".Split('|', 5)
    while ($fields.Count -lt 5) { $fields += '' }
    Grant-PoolAccess $fields[0] $fields[1] $fields[2] $fields[3] $fields[4]
}

Write-Host "Every tagged identity of $ResourceGroup has access to its Azure DevOps agent pool."
if (-not $GrantOnly) {
    & "$PSScriptRoot/start-placeholder.ps1" -Strict -ResourceGroup $ResourceGroup
    exit $LASTEXITCODE
}
exit 0
