// Container apps environment that hosts the agent jobs (and the Scaler, when it is deployed).
// Consumption by default; optionally a dedicated workload profile, a custom VNet and zone redundancy.
// Telemetry: the Aspire dashboard as an environment component (default) and/or Application Insights on the
// workspace; every app and job module in the environment is told where to export (docs/observability.md, In Azure).

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

@description('Whether the environment hosts the Aspire dashboard (a .NET component) that its apps and jobs export to.')
param aspireDashboard bool = true

@description('Whether the environment has an Application Insights component, on the workspace, that its apps and jobs export to.')
param applicationInsights bool = false

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

// The dashboard as Aspire's own Container Apps integration declares it: a .NET component of type AspireDashboard, a
// preview API (the only ones with this type) (dotnet/aspire d44e195
// src/Aspire.Hosting.Azure.AppContainers/AzureContainerAppExtensions.cs l.169-178). With it, Container Apps' managed OpenTelemetry agent forwards to the
// dashboard and injects OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL=grpc into the containers
// (learn.microsoft.com/azure/container-apps/opentelemetry-agents, "Environment variables").
resource dashboard 'Microsoft.App/managedEnvironments/dotNetComponents@2024-10-02-preview' = if (aspireDashboard) {
  parent: environment
  name: 'aspire-dashboard'
  properties: {
    componentType: 'AspireDashboard'
  }
}

// Workspace-based: the telemetry lands in the environment's Log Analytics workspace. Local authentication stays on:
// the exporters authenticate with the connection string's instrumentation key.
resource insights 'Microsoft.Insights/components@2020-02-02' = if (applicationInsights) {
  name: take('${name}-${uniqueString(resourceGroup().id)}', 255)
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
  tags: {
    'aspire-resource-name': name
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
// azd prints "Aspire Dashboard: https://aspire-dashboard.ext.<domain>" after a deploy when its environment holds an
// output of this name, which it writes into main.bicep once a deployment references it (Azure/azure-dev
// cli/azd/pkg/apphost/generate.go, AspireDashboardUrl l.57-66 and evaluateForOutputs l.597-604). Aspire names it so too.
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = environment.properties.defaultDomain
output aspireDashboardUrl string = aspireDashboard ? 'https://aspire-dashboard.ext.${environment.properties.defaultDomain}' : ''
output applicationInsightsName string = applicationInsights ? insights.name : ''
output workloadProfileName string = empty(workloadProfileType) ? 'Consumption' : workloadProfileName
