// Container apps environment that hosts the agent jobs (and the Scaler, when it is deployed).
// Consumption by default; optionally a dedicated workload profile, a custom VNet and zone redundancy.

@description('Location of the environment.')
param location string = resourceGroup().location

@description('Aspire resource name.')
param name string

@description('Name of the Log Analytics workspace that receives the environment logs.')
param logAnalyticsWorkspaceName string

@description('Dedicated workload profile type (for example D4); empty for a Consumption-only environment.')
param workloadProfileType string = ''

@description('Name of the dedicated workload profile.')
param workloadProfileName string = 'dedicated'

@description('Minimum node count of the dedicated workload profile.')
@minValue(0)
param workloadProfileMinimumCount int = 0

@description('Maximum node count of the dedicated workload profile.')
@minValue(1)
param workloadProfileMaximumCount int = 3

@description('Resource id of a subnet delegated to Microsoft.App/environments; empty for a platform-managed network.')
param infrastructureSubnetId string = ''

@description('Whether the environment has only an internal load balancer (needs infrastructureSubnetId).')
param internal bool = false

@description('Whether the environment spreads replicas across availability zones (needs infrastructureSubnetId).')
param zoneRedundant bool = false

// azd convention: the module that takes `userPrincipalId` is the one whose AppHost owns the compute
// environment, so azd generates no environment of its own. The value itself is not needed here.
#disable-next-line no-unused-params
param userPrincipalId string = ''

var consumptionProfile = {
  name: 'Consumption'
  workloadProfileType: 'Consumption'
}

var dedicatedProfiles = empty(workloadProfileType)
  ? []
  : [
      {
        name: workloadProfileName
        workloadProfileType: workloadProfileType
        minimumCount: workloadProfileMinimumCount
        maximumCount: workloadProfileMaximumCount
      }
    ]

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: take('${name}-${uniqueString(resourceGroup().id)}', 60)
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: concat([consumptionProfile], dedicatedProfiles)
    vnetConfiguration: empty(infrastructureSubnetId)
      ? null
      : {
          infrastructureSubnetId: infrastructureSubnetId
          internal: internal
        }
    zoneRedundant: zoneRedundant
  }
  tags: {
    'aspire-resource-name': name
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
output workloadProfileName string = empty(workloadProfileType) ? 'Consumption' : workloadProfileName
