// Container app for the KEDA external scaler (gRPC): HTTP/2 ingress inside the environment, TLS
// terminated by the environment, its own system-assigned identity for Azure DevOps and the
// user-assigned identity for image pulls.
//
// azd deploys this module after it has built and pushed the image, and passes every parameter as a string.

@description('Location of the app.')
param location string = resourceGroup().location

@description('App name (the Aspire resource name).')
param name string

@description('Image of the app.')
param image string

@description('Resource id of the container apps environment.')
param environmentId string

@description('Workload profile the app runs on.')
param workloadProfileName string = 'Consumption'

@description('Login server of the registry the image is pulled from.')
param registryEndpoint string

@description('Resource id of the user-assigned identity that holds AcrPull on the registry.')
param pullIdentityId string

@description('Port the app listens on for HTTP/2 without TLS (h2c).')
param targetPort string = '8080'

@description('Whether the ingress is reachable from outside the environment.')
param external string = 'false'

@description('Replicas kept running: KEDA calls the scaler on every polling interval.')
param minReplicas string = '1'

@description('Maximum replicas.')
param maxReplicas string = '1'

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  identity: {
    type: 'SystemAssigned,UserAssigned'
    userAssignedIdentities: {
      '${pullIdentityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: bool(external)
        targetPort: int(targetPort)
        transport: 'http2'
        allowInsecure: false
      }
      registries: [
        {
          server: registryEndpoint
          identity: pullIdentityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'scaler'
          image: image
          env: [
            {
              name: 'ASPNETCORE_HTTP_PORTS'
              value: targetPort
            }
            {
              // The ingress speaks HTTP/2 without TLS to the container, which needs an HTTP/2-only endpoint.
              name: 'Kestrel__EndpointDefaults__Protocols'
              value: 'Http2'
            }
          ]
        }
      ]
      scale: {
        minReplicas: int(minReplicas)
        maxReplicas: int(maxReplicas)
      }
    }
  }
  tags: {
    'aspire-resource-name': name
  }
}

output id string = app.id
output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
output principalId string = app.identity.principalId
