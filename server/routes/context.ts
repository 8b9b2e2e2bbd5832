/** What the API's route handlers work with; built once by the app factory. */
import type { AuditLog } from '../audit/auditLog';
import type { LoginThrottle } from '../auth/loginThrottle';
import type { Executor } from '../db/executor';
import type { Access, RouteInput, RouteOutput, RouteSpec } from '../http/routing';
import type { FreezeService } from '../freeze/service';
import type { AnalysisService } from '../services/analysis';
import type { HealthContext } from '../services/health';
import type { SessionService } from '../services/sessions';
import type { TokenService } from '../services/tokens';
import type { UserService } from '../services/users';
import type { WarningService } from '../warning/service';

export interface ApiContext {
  readonly executor: Executor;
  readonly analysis: AnalysisService;
  /** Early warning: the watch state, scoring, alerts and their stream. */
  readonly warning: WarningService;
  /** Stop-payment requests, holds and the money they secured. */
  readonly freeze: FreezeService;
  readonly health: HealthContext;
  readonly sessions: SessionService;
  readonly users: UserService;
  readonly tokens: TokenService;
  readonly audit: AuditLog;
  readonly loginThrottle: LoginThrottle;
  /** `auto`: the session cookie is Secure when the request came over HTTPS. */
  readonly cookieSecure: 'auto' | boolean;
  readonly ingest: {
    /** Checkpoints, rejects and uploads. */
    readonly workDir: string;
    readonly maxUploadBytes: number;
  };
}

export type ApiRoute = RouteSpec<ApiContext>;

/**
 * One route of the table. The handler's `params`, `query` and `body` are typed from the route's
 * input schemas (parsed before it runs), `principal` is known on every route that is not public,
 * and the answer's body must be what the route's output schema describes.
 */
export function route<
  const Input extends RouteInput = Record<never, never>,
  const A extends Access = Access,
  Output extends RouteOutput = RouteOutput,
>(spec: RouteSpec<ApiContext, Input, A, Output>): ApiRoute {
  return spec;
}
