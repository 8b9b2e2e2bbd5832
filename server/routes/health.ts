/** `GET /api/health`: 200 when the database answers, 503 when it cannot be reached. */
import { Router } from 'express';
import { checkHealth, type HealthContext } from '../services/health';

export function healthRoutes(context: HealthContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const report = await checkHealth(context);
    res.status(report.status === 'unavailable' ? 503 : 200).json(report);
  });
  return router;
}
