// Container app for the scaling observer: the Scaler's image with Observer__Enabled, one replica always on, no
// ingress (it only reads). Its user-assigned identity reads the pool's queue in Azure DevOps (the pool's Reader role,
// granted by scripts/grant-azure-devops-access.sh) and the job's executions in ARM (Reader on the job, assigned by the
// job's module, container-app-job.bicep).
//
// The AppHost writes one copy of this module per observer (`<app>.module.bicep`, next to the manifest) with the
// observer's settings in the `settings` block below; parameters carry only references (see container-app-job.bicep).

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

@description('Resource id of the observer\'s identity (Azure DevOps and ARM).')
param observerIdentityId string

@description('Client id of that identity: the app\'s AZURE_CLIENT_ID.')
param observerIdentityClientId string

@description('An observer as the AppHost models it.')
type ObserverSettings = {
  @description('App name (the Aspire resource name).')
  name: string

  @description('Workload profile the app runs on.')
  workloadProfileName: string

  @description('Observer__* and Scaler__* variables: the observed job, its rule\'s metadata and ScaledJob settings.')
  environment: object
}

// <settings>
var settings ObserverSettings = {
  name: 'observer'
  workloadProfileName: 'Consumption'
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
      name: 'AZURE_CLIENT_ID'
      value: observerIdentityClientId
    }
    {
      // The job it observes lives beside it: the deployment's own subscription and resource group.
      name: 'Observer__SubscriptionId'
      value: subscription().subscriptionId
    }
    {
      name: 'Observer__ResourceGroup'
      value: resourceGroup().name
    }
    {
      name: 'Observer__ManagementEndpoint'
      value: environment().resourceManager
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
      '${observerIdentityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: settings.workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
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
          name: 'observer'
          image: image
          env: env
          // The smallest consumption size: it polls twice a minute (docs/observability.md gives the monthly cost).
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
  tags: {
    'aspire-resource-name': settings.name
  }
}

output id string = app.id
output name string = app.name
