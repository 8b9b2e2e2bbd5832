/** Every API route, in one table: the tests walk it to check each route's guard. */
import { analysisRoutes } from './analysis';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import type { ApiRoute } from './context';
import { entityRoutes } from './entities';
import { evidenceRoutes } from './evidence';
import { expandRoutes } from './expand';
import { freezeRoutes } from './freeze';
import { exportRoutes } from './exports';
import { graphRoutes } from './graph';
import { healthRoutes } from './health';
import { ingestRoutes } from './ingest';
import { openApiRoutes } from './openapi';
import { pathRoutes } from './paths';
import { searchRoutes } from './search';
import { sharedRoutes } from './shared';
import { timelineRoutes } from './timeline';
import { traceRoutes } from './trace';
import { tokenRoutes } from './tokens';
import { userRoutes } from './users';
import { warningRoutes } from './warning';
import { workspaceRoutes } from './workspaces';

export const apiRoutes: readonly ApiRoute[] = [
  ...healthRoutes,
  ...openApiRoutes(() => apiRoutes),
  ...authRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...auditRoutes,
  ...entityRoutes,
  ...expandRoutes,
  ...graphRoutes,
  ...searchRoutes,
  ...timelineRoutes,
  ...traceRoutes,
  ...pathRoutes,
  ...sharedRoutes,
  ...analysisRoutes,
  ...ingestRoutes,
  ...workspaceRoutes,
  ...exportRoutes,
  ...evidenceRoutes,
  ...warningRoutes,
  ...freezeRoutes,
];
