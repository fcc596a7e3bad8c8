// Container app for the KEDA external scaler (gRPC): HTTP/2 ingress inside the environment, TLS
// terminated by the environment, a user-assigned identity for Azure DevOps (granted Reader on the pool
// before the app first runs) and the pull identity for the image.
//
// The AppHost writes one copy of this module per app (`<app>.module.bicep`, next to the manifest) with
// the app's settings in the `settings` block below; parameters carry only references, which azd's
// quoting cannot change (see container-app-job.bicep).

@description('Location of the app.')
param location string = resourceGroup().location

@description('Image azd built and pushed for this app.')
param image string

@description('Resource id of the container apps environment.')
param environmentId string

@description('Default domain of an environment with the Aspire dashboard: azd shows the dashboard\'s link when a deployment references it (container-apps-environment.bicep).')
#disable-next-line no-unused-params
param aspireDashboardDomain string = ''

@description('Name of the environment\'s Application Insights component; empty when the environment has none.')
param applicationInsightsName string = ''

@description('Login server of the registry the image is pulled from.')
param registryEndpoint string

@description('Resource id of the user-assigned identity that holds AcrPull on the registry.')
param pullIdentityId string

@description('Resource id of the user-assigned identity the app uses for Azure DevOps.')
param azureDevOpsIdentityId string

@description('Client id of that identity: the app\'s AZURE_CLIENT_ID.')
param azureDevOpsIdentityClientId string

@description('A container app as the AppHost models it.')
type AppSettings = {
  @description('App name (the Aspire resource name).')
  name: string

  @description('Workload profile the app runs on.')
  workloadProfileName: string

  @description('Port the app listens on for HTTP/2 without TLS (h2c).')
  targetPort: int

  @description('Whether the ingress is reachable from outside the environment.')
  external: bool

  @description('Replicas kept running: KEDA calls the scaler on every polling interval.')
  @minValue(1)
  minReplicas: int

  @description('Replicas at most.')
  @minValue(1)
  maxReplicas: int

  @description('Environment variables of the container besides the port, the protocol, AZURE_CLIENT_ID and the Application Insights connection string (the telemetry ones included).')
  environment: object
}

// <settings>
var settings AppSettings = {
  name: 'scaler'
  workloadProfileName: 'Consumption'
  targetPort: 8080
  external: false
  minReplicas: 1
  maxReplicas: 1
  environment: {}
}
// </settings>

// The environment's Application Insights, read at deployment and given to the container as a secret (container-app-job.bicep).
resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = if (!empty(applicationInsightsName)) {
  name: applicationInsightsName
}

var applicationInsightsSecretName = 'applicationinsights-connection-string'

var applicationInsightsSecret = {
  name: applicationInsightsSecretName
  value: applicationInsights.?properties.ConnectionString
}

var env = concat(
  [
    {
      name: 'ASPNETCORE_HTTP_PORTS'
      value: string(settings.targetPort)
    }
    {
      // The ingress speaks HTTP/2 without TLS to the container, which needs an HTTP/2-only endpoint.
      name: 'Kestrel__EndpointDefaults__Protocols'
      value: 'Http2'
    }
    {
      name: 'AZURE_CLIENT_ID'
      value: azureDevOpsIdentityClientId
    }
  ],
  map(items(settings.environment), variable => {
    name: variable.key
    value: variable.value
  }),
  empty(applicationInsightsName)
    ? []
    : [
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          secretRef: applicationInsightsSecretName
        }
      ]
)

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: settings.name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${pullIdentityId}': {}
      '${azureDevOpsIdentityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: settings.workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: settings.external
        targetPort: settings.targetPort
        transport: 'http2'
        allowInsecure: false
      }
      registries: [
        {
          server: registryEndpoint
          identity: pullIdentityId
        }
      ]
      secrets: empty(applicationInsightsName) ? [] : [applicationInsightsSecret]
    }
    template: {
      containers: [
        {
          name: 'scaler'
          image: image
          env: env
        }
      ]
      scale: {
        minReplicas: settings.minReplicas
        maxReplicas: settings.maxReplicas
      }
    }
  }
  tags: {
    'aspire-resource-name': settings.name
  }
}

output id string = app.id
output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
