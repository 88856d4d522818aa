/** Public face of src/api: the Service Management REST emulator (pipeline, routes, live engine, certificates, recorder). */
export { startEmulator, DEFAULT_SUBSCRIPTION_ID, DEFAULT_EMULATOR_SEED, EMULATOR_SCENARIO_NAME, type Emulator, type EmulatorOptions, type EmulatorStart } from './emulator.js';
export { LiveEngine, type AcceptedCommand, type LiveEngineOptions } from './live-engine.js';
export { createApiHandler, errorResponse, DEFAULT_MAX_BODY_BYTES, MIN_API_VERSION, type ApiPipelineOptions, type ApiRequestHandler } from './pipeline.js';
export { matchRoute, type Route, type RouteMatch, type ApiContext, type ApiResponse } from './dispatch.js';
export { answerQuery, answerMutation, emptyResponse, gatewayOperationResponse } from './route-answers.js';
export { writeResponseXml, textElement, parentElement, nullableElement, optionalElement, escapeXml, WINDOWS_AZURE_NAMESPACE, type XmlNode } from './xml-writer.js';
export { parseRequestXml, childElement, childElements, childText, type RequestElement } from './xml-reader.js';
export { formatPlatformTime, SIMULATED_EPOCH_MS, NEVER } from './wire-time.js';
export { generateManagementCertificate, generateServerCertificates, thumbprintOf, type CertificatePair, type ManagementCertificate, type ServerCertificates } from './certificates.js';
export { formatPublishSettings, type PublishSettings } from './publishsettings.js';
export { formatRecordedScenario, type RecordingBase } from './recorder.js';
export { managementRoutes } from './management-routes.js';
export { networkRoutes } from './network-routes.js';
export { operationRoutes } from './operation-routes.js';
export { computeRoutes } from './compute-routes.js';
export { storageRoutes } from './storage-routes.js';
export { imageDiskRoutes } from './image-disk-routes.js';
