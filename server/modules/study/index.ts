/** The Resilienz-Studie: questionnaires, waves and the one submission path for all channels. */
export { createResponseService, type ResponseService } from './response.service.ts';
export { createStudyService, type StudyService, type NewStudy } from './study.service.ts';
export { studyRoutes } from './study.routes.ts';
export { createStudyAdminService, type StudyAdminService } from './study-admin.service.ts';
export { studyAdminRoutes, shortLinkRoute } from './study-admin.routes.ts';
export { createImportService, type ImportService } from './import.service.ts';
export { importRoutes } from './import.routes.ts';
export { createExportService, type ExportService } from './export.service.ts';
export { exportRoutes } from './export.routes.ts';
export { createResultsService, type ResultsService } from './results.service.ts';
export { resultsRoutes } from './results.routes.ts';
export { checkDefinition } from './questionnaire/rules.ts';
export { CONSENT, DEMO_WAVE_CODE, shippedQuestionnaire } from './shipped.ts';
export { CSV_BOM, csvCell, csvLine, type CsvSeparator } from './csv.ts';
