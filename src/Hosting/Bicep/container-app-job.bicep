// Container Apps job that runs the Azure Pipelines agent: an Event job scaled by a KEDA rule (the
// agent job) or a Manual job started once to register the offline placeholder agent.
//
// azd deploys this module after it has built and pushed the image, and passes every parameter as a
// string (Aspire manifest `deployment` parameters are strings), so numbers and flags are parsed here.

@description('Location of the job.')
param location string = resourceGroup().location

@description('Job name (the Aspire resource name).')
param name string

@description('Image of the agent runner.')
param image string

@description('Resource id of the container apps environment.')
param environmentId string

@description('Workload profile the job runs on.')
param workloadProfileName string = 'Consumption'

@description('Login server of the registry the image is pulled from.')
param registryEndpoint string

@description('Resource id of the user-assigned identity that holds AcrPull on the registry.')
param pullIdentityId string

@description('Identity that authenticates to Azure DevOps: the job\'s system identity or the user-assigned one.')
@allowed([
  'system'
  'user'
])
param azureDevOpsIdentity string = 'system'

@description('Client id of the user-assigned identity (used only when azureDevOpsIdentity is user).')
param pullIdentityClientId string = ''

@description('Event (scaled by the rule below) or Manual (started on demand, e.g. the placeholder).')
@allowed([
  'Event'
  'Manual'
])
param triggerType string = 'Event'

@description('Maximum seconds a replica may run.')
param replicaTimeout string = '1800'

@description('Retries of a failed replica (0: no retry).')
param replicaRetryLimit string = '0'

@description('Replicas per execution.')
param parallelism string = '1'

@description('Replicas that must succeed for an execution to succeed.')
param replicaCompletionCount string = '1'

@description('Minimum executions per polling interval.')
param minExecutions string = '0'

@description('Maximum executions per polling interval.')
param maxExecutions string = '10'

@description('Seconds between two evaluations of the scale rule.')
param pollingInterval string = '30'

@description('KEDA scale rule type: the built-in azure-pipelines scaler or an external (gRPC) scaler.')
@allowed([
  'azure-pipelines'
  'external'
])
param scaleRuleType string = 'azure-pipelines'

// KEDA azure-pipelines trigger metadata (https://keda.sh/docs/latest/scalers/azure-pipelines/); empty values are left out.
@description('Trigger metadata poolName.')
param triggerPoolName string = ''

@description('Trigger metadata poolID (poolName wins when both are set).')
param triggerPoolId string = ''

@description('Trigger metadata targetPipelinesQueueLength.')
param triggerTargetPipelinesQueueLength string = '1'

@description('Trigger metadata activationTargetPipelinesQueueLength.')
param triggerActivationTargetPipelinesQueueLength string = ''

@description('Trigger metadata parent (name of a template agent).')
param triggerParent string = ''

@description('Trigger metadata demands (comma-separated).')
param triggerDemands string = ''

@description('Trigger metadata requireAllDemands.')
param triggerRequireAllDemands string = ''

@description('Trigger metadata requireAllDemandsAndIgnoreOthers.')
param triggerRequireAllDemandsAndIgnoreOthers string = ''

@description('Trigger metadata caseInsensitiveDemandsProcessing.')
param triggerCaseInsensitiveDemandsProcessing string = ''

@description('Trigger metadata jobsToFetch.')
param triggerJobsToFetch string = ''

@description('Trigger metadata fetchUnfinishedJobsOnly.')
param triggerFetchUnfinishedJobsOnly string = ''

@description('host:port of the external scaler (scaleRuleType external).')
param scalerAddress string = ''

@description('vCPUs per replica.')
param cpu string = '2.0'

@description('Memory per replica.')
param memory string = '4Gi'

@description('Azure DevOps organisation URL, without a trailing slash.')
param organizationUrl string

@description('Agent pool the agents join.')
param poolName string

@description('Fixed agent name (the placeholder); empty lets each agent name itself.')
param agentName string = ''

@description('Whether the job only registers an offline placeholder agent.')
param placeholder string = 'false'

@description('Whether the scale rule and the agent use the personal access token below instead of a managed identity.')
param usePersonalAccessToken string = 'false'

@description('Personal access token (scope Agent Pools, read and manage): the fallback when managed identity cannot be used.')
@secure()
param personalAccessToken string = ''

var usePat = bool(usePersonalAccessToken)
var useUserIdentity = azureDevOpsIdentity == 'user'
var isEvent = triggerType == 'Event'

// The identity KEDA uses for the azure-pipelines rule: 'system' or the user-assigned identity's id.
var ruleIdentity = useUserIdentity ? pullIdentityId : 'system'

var organizationUrlSecret = {
  name: 'organization-url'
  value: organizationUrl
}

var patSecret = {
  name: 'personal-access-token'
  value: personalAccessToken
}

var secrets = concat(
  isEvent && scaleRuleType == 'azure-pipelines' ? [organizationUrlSecret] : [],
  usePat ? [patSecret] : []
)

var triggerMetadata = {
  poolName: triggerPoolName
  poolID: triggerPoolId
  targetPipelinesQueueLength: triggerTargetPipelinesQueueLength
  activationTargetPipelinesQueueLength: triggerActivationTargetPipelinesQueueLength
  parent: triggerParent
  demands: triggerDemands
  requireAllDemands: triggerRequireAllDemands
  requireAllDemandsAndIgnoreOthers: triggerRequireAllDemandsAndIgnoreOthers
  caseInsensitiveDemandsProcessing: triggerCaseInsensitiveDemandsProcessing
  jobsToFetch: triggerJobsToFetch
  fetchUnfinishedJobsOnly: triggerFetchUnfinishedJobsOnly
}

// Only the keys that are set: KEDA treats the mere presence of some keys (jobsToFetch, parent) as a choice.
var setTriggerMetadata = toObject(
  filter(items(triggerMetadata), item => !empty(item.value)),
  item => item.key,
  item => item.value
)

var azurePipelinesRule = {
  name: 'azure-pipelines'
  type: 'azure-pipelines'
  metadata: setTriggerMetadata
  auth: concat(
    [
      {
        secretRef: organizationUrlSecret.name
        triggerParameter: 'organizationURL'
      }
    ],
    usePat
      ? [
          {
            secretRef: patSecret.name
            triggerParameter: 'personalAccessToken'
          }
        ]
      : []
  )
  identity: usePat ? null : ruleIdentity
}

// The external scaler reads Azure DevOps with its own identity. KEDA forwards only the trigger metadata (not
// auth parameters) to it, so the organisation URL travels as metadata; TLS is terminated by the environment.
var externalRule = {
  name: 'external-scaler'
  type: 'external'
  metadata: union(setTriggerMetadata, {
    scalerAddress: scalerAddress
    enableTLS: 'true'
    organizationURL: organizationUrl
  })
}

var env = concat(
  [
    {
      name: 'AZP_URL'
      value: organizationUrl
    }
    {
      name: 'AZP_POOL'
      value: poolName
    }
  ],
  empty(agentName)
    ? []
    : [
        {
          name: 'AZP_AGENT_NAME'
          value: agentName
        }
      ],
  bool(placeholder)
    ? [
        {
          name: 'AZP_PLACEHOLDER'
          value: '1'
        }
      ]
    : [],
  useUserIdentity && !usePat
    ? [
        {
          name: 'AZURE_CLIENT_ID'
          value: pullIdentityClientId
        }
      ]
    : [],
  usePat
    ? [
        {
          name: 'AZP_TOKEN'
          secretRef: patSecret.name
        }
      ]
    : []
)

resource job 'Microsoft.App/jobs@2025-07-01' = {
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
      triggerType: triggerType
      replicaTimeout: int(replicaTimeout)
      replicaRetryLimit: int(replicaRetryLimit)
      eventTriggerConfig: isEvent
        ? {
            parallelism: int(parallelism)
            replicaCompletionCount: int(replicaCompletionCount)
            scale: {
              minExecutions: int(minExecutions)
              maxExecutions: int(maxExecutions)
              pollingInterval: int(pollingInterval)
              rules: [
                scaleRuleType == 'external' ? externalRule : azurePipelinesRule
              ]
            }
          }
        : null
      manualTriggerConfig: isEvent
        ? null
        : {
            parallelism: int(parallelism)
            replicaCompletionCount: int(replicaCompletionCount)
          }
      registries: [
        {
          server: registryEndpoint
          identity: pullIdentityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'agent'
          image: image
          env: env
          resources: {
            cpu: json(cpu)
            memory: memory
          }
        }
      ]
    }
  }
  tags: {
    'aspire-resource-name': name
    // The postdeploy hook (scripts/start-placeholder.*) starts the jobs tagged as placeholders once.
    aspireagentsRole: bool(placeholder) ? 'placeholder' : 'agent'
  }
}

output id string = job.id
output name string = job.name
output principalId string = job.identity.principalId
