/** The MedMij provider simulator (test provider; fictitious data only). See README.md. */
export {
  startProviderSimulator,
  isLoopbackRedirectUri,
  DEFAULT_SIMULATOR_CLIENTS,
  type ProviderSimulator,
  type ProviderSimulatorOptions,
  type SimulatorRequestLog,
  type SimulatorClient,
  type SimulatorAuthorization,
  type SimulatorProviderInfo,
  type FailureRule,
} from './server';
export { SIM_PROVIDERS, SERVICE_RESOURCE_TYPES, type SimProvider } from './providers';
export { loadPeople, type SimPerson } from './people';
