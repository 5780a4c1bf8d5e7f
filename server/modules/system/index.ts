/** Health, readiness and metadata endpoints. */
export { systemRoutes } from './system.routes.ts';
